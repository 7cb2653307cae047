import { describe, expect, it } from 'vitest';
import { checkMessageContent } from '../../../devkit/slack-stand-in/web-api/message-content.ts';
import {
  composeDigest,
  type DigestInput,
  splitDigest,
  THREAD_LIST_MAX,
  THREAD_PAGE_LINES,
} from '../../../src/domain/digest/index.ts';
import { digestThreadMessage, digestTopMessage } from '../../../src/slack/views/digest.ts';

const NASTY = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example|Q3 report>'];
const nasty = (i: number) => NASTY[i % NASTY.length]!;
const long = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);

const cycle = {
  id: 1,
  name: '2026 Q1',
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-04-01T00:00:00Z'),
};

function portfolio(objectives: number, keyResultsPer: number, text: (i: number) => string): DigestInput {
  return {
    at: new Date('2026-02-13T15:00:00Z'),
    period: '2026-W07',
    cycle,
    scope: { kind: 'everything' },
    objectives: Array.from({ length: objectives }, (_, i) => ({
      id: i + 1,
      ref: `O-${i + 1}`,
      title: text(i),
      teamName: text(i + 1),
      ownerName: text(i + 2),
      status: (['on_track', 'at_risk', 'off_track'] as const)[i % 3]!,
      reasons: [text(i + 3), text(i + 4)],
      progress: (i % 10) / 10,
    })),
    keyResults: Array.from({ length: objectives * keyResultsPer }, (_, i) => ({
      id: i + 1,
      ref: `KR-${i + 1}`,
      title: text(i),
      objectiveId: Math.floor(i / keyResultsPer) + 1,
      ownerName: `${text(i)} ${i}`,
      status: (['on_track', 'off_track', 'at_risk'] as const)[i % 3]!,
      reasons: [text(i + 1), text(i + 2), text(i + 3)],
      progress: (i % 7) / 7,
      checkedInThisPeriod: i % 4 === 0,
      latestComment: text(i + 5),
    })),
    risks: Array.from({ length: 30 }, (_, i) => ({
      ref: `R-${i + 1}`,
      title: text(i),
      description: text(i + 1),
      score: (i % 25) + 1,
      ownerName: text(i + 2),
      on: `KR-${i + 1}`,
    })),
    kpis: Array.from({ length: 40 }, (_, i) => ({
      ref: `KPI-${i + 1}`,
      title: text(i),
      unit: text(i + 1),
      value: i * 1.5,
      band: i % 2 ? ('red' as const) : ('amber' as const),
      status: 'off_track' as const,
      reasons: [text(i + 2)],
      ownerName: text(i),
    })),
    progressByWeek: [0.1, 0.2, 0.3, 0.3, 0.35, 0.38, 0.4],
    expectedByWeek: Array.from({ length: 13 }, (_, i) => (i + 1) / 13),
    expected: 0.5,
    previous: null,
  };
}

const accepted = (message: { text: string; blocks?: unknown[] }) => checkMessageContent(message, true);

describe('digest messages within Slack limits', () => {
  it('200 objectives and 1,000 key results with the longest texts: every post is one Slack accepts', () => {
    // Titles of 150 characters made of `<`, which escaping makes four times longer.
    const digest = composeDigest(portfolio(200, 5, (i) => long(`<${nasty(i)}&`, 150)));
    const posts = splitDigest(digest);
    const top = digestTopMessage(posts.top);
    expect(accepted(top)).toEqual(expect.objectContaining({ ok: true }));
    expect(top.blocks!.length).toBeLessThanOrEqual(50);
    for (const page of posts.thread)
      expect(accepted(digestThreadMessage(page))).toEqual(expect.objectContaining({ ok: true }));
  });

  it('moves the objective list to the thread and says how many, dropping none', () => {
    const posts = splitDigest(composeDigest(portfolio(200, 5, (i) => `Title ${i}`)));
    const objectivePages = posts.thread.filter((page) => page.title.startsWith('Objectives'));
    expect(objectivePages).toHaveLength(Math.ceil(200 / THREAD_PAGE_LINES));
    const listed = objectivePages.flatMap((page) =>
      page.lines.map((l) => (l.kind === 'objective' ? l.line.ref : '')),
    );
    expect(new Set(listed).size).toBe(200);
    const top = JSON.stringify(digestTopMessage(posts.top).blocks);
    expect(top).toContain('all 200 are listed in the thread');
    expect(top).toContain(`${posts.thread.length} replies in the thread`);
    // Every worsened item is somewhere: in the top message or in the thread.
    const lines = posts.thread.filter((p) => p.title.startsWith('Also at risk')).flatMap((p) => p.lines);
    const changedListed = lines.filter((l) => l.kind === 'changed').length;
    const counted = lines.reduce((sum, l) => sum + (l.kind === 'more' ? l.count : 0), 0);
    expect(changedListed + counted + posts.top.changes.worsened.length).toBe(posts.top.changes.worsenedTotal);
  });

  it('keeps a small portfolio in one message with its objectives', () => {
    const input = portfolio(3, 2, (i) => `Title ${i}`);
    const posts = splitDigest(composeDigest({ ...input, kpis: input.kpis.slice(0, 3) }));
    const top = digestTopMessage(posts.top);
    expect(posts.thread.filter((page) => page.title.startsWith('Objectives'))).toEqual([]);
    expect(JSON.stringify(top.blocks)).toContain('*O-3* Title 2');
    expect(JSON.stringify(top.blocks)).toContain('the progress chart in the thread');
  });
});

describe('user text is shown, never acted on', () => {
  const posts = splitDigest(composeDigest(portfolio(20, 2, (i) => `Plan ${nasty(i)} now`)));
  const messages = [digestTopMessage(posts.top), ...posts.thread.map(digestThreadMessage)];

  it.each(NASTY)('%s reaches blocks and fallback escaped', (raw) => {
    const escaped = raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const all = messages.map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`).join('\n');
    expect(all).not.toContain(raw);
    expect(all).toContain(escaped);
    expect(messages[0]!.text).toContain(escaped);
  });

  it('names people without mentioning them', () => {
    const all = messages.map((m) => `${m.text}${JSON.stringify(m.blocks)}`).join('');
    expect(all).not.toMatch(/<@|<!|<#/);
  });
});

describe('the top message reads as a digest', () => {
  it('holds the header, counts, progress, check-ins, changes with reasons and owners, risks and KPIs', () => {
    const input = portfolio(3, 2, (i) => `Title ${i}`);
    const posts = splitDigest(composeDigest(input));
    const message = digestTopMessage(posts.top);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('OKR digest: everything');
    expect(text).toContain('2026 Q1 · week 7 of 13 · everything');
    expect(text).toContain('*Objectives:* 1 on track · 1 at risk · 1 off track');
    expect(text).toContain('40% done against 50% expected (10 points behind)');
    expect(text).toContain('*Check-ins this week:* 2 of 6 (33%)');
    expect(text).toContain('*Needs attention*');
    expect(text).toContain('*KR-2* Title 1 — off track');
    expect(text).toContain('Owner: Title 1 1 · latest comment: “Title 6”');
    expect(text).toContain('*Top open risks* (30 open)');
    expect(text).toContain('*R-25* (score 25)');
    expect(text).toContain('*KPIs outside their thresholds* (40)');
    expect(message.text).toMatch(
      /^OKR digest for 2026 Q1 · week 7 of 13 · everything\. Objectives: 1 on track, 1 at risk, 1 off track\./,
    );
  });
});

describe('a very large first digest', () => {
  it('stops a status list in the thread at THREAD_LIST_MAX lines and says how many more, and where', () => {
    const posts = splitDigest(composeDigest(portfolio(400, 10, (i) => `Title ${i}`)));
    const worsenedLines = posts.thread
      .filter((p) => p.title.startsWith('Also at risk'))
      .flatMap((p) => p.lines);
    expect(worsenedLines.length).toBe(THREAD_LIST_MAX);
    const last = worsenedLines.at(-1);
    expect(last).toEqual({
      kind: 'more',
      count: posts.top.changes.worsenedTotal - 5 - (THREAD_LIST_MAX - 1),
    });
    const lastPage = posts.thread.filter((p) => p.title.startsWith('Also at risk')).at(-1)!;
    expect(JSON.stringify(digestThreadMessage(lastPage).blocks)).toContain(
      '`/okr tree` shows every item with its status.',
    );
    // The objectives are never cut: all 400 are in the thread.
    expect(posts.thread.filter((p) => p.title.startsWith('Objectives')).flatMap((p) => p.lines)).toHaveLength(
      400,
    );
  });
});
