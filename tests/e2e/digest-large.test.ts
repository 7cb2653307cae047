// A 200-objective, 1,000-key-result portfolio's digest, end to end: scheduled by the minute tick, delivered
// by the outbox through the real WebClient to the Slack double, which refuses what Slack would refuse
// (over 50 blocks, sections over 3,000 characters, too much text) and answers errors as Slack does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoredMessage } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, limitRejections, startHarness } from '../support/harness.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEAD = 'C0LEAD';
const OBJECTIVES = 200;
const KEY_RESULTS = 1000;

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let h: Harness;

/** Long titles full of what escaping makes longer, and mentions that must notify nobody. */
const title = (kind: string, i: number) =>
  `${kind} ${i} <!channel> & <@U123> ${'<&>'.repeat(20)} ${'x'.repeat(60)}`.slice(0, 150);

beforeAll(async () => {
  // No PMO channel and no owners: the sweep's flags for 1,000 key results would otherwise queue 2,000
  // messages that Slack's rate limits spread over many minutes; this test is about the digest.
  h = await startHarness({ now: '2026-02-11T10:00:00Z', pmoChannel: '' });
  h.double.addChannel({ id: LEAD, name: 'leadership' });
  await h.command(ADMIN, 'help');
  const workspace = await h.db.workspace.findFirstOrThrow();
  const cycle = await h.db.cycle.create({
    data: {
      workspaceId: workspace.id,
      name: '2026 Q1',
      startDate: new Date('2026-01-01T00:00:00Z'),
      endDate: new Date('2026-03-31T00:00:00Z'),
      isCurrent: true,
    },
  });
  const longAgo = new Date('2025-12-01T00:00:00Z');
  await h.db.objective.createMany({
    data: Array.from({ length: OBJECTIVES }, (_, i) => ({
      workspaceId: workspace.id,
      number: i + 1,
      title: title('Objective', i + 1),
      cycleId: cycle.id,
      level: 'team',
      createdAt: longAgo,
    })),
  });
  const objectives = await h.db.objective.findMany({ orderBy: { number: 'asc' }, select: { id: true } });
  await h.db.keyResult.createMany({
    data: Array.from({ length: KEY_RESULTS }, (_, i) => ({
      workspaceId: workspace.id,
      number: i + 1,
      objectiveId: objectives[i % OBJECTIVES]!.id,
      title: title('Key result', i + 1),
      kind: 'increase',
      targetValue: 100,
      // A spread of progress: some on track, many behind.
      currentValue: (i * 37) % 100,
      createdAt: longAgo,
    })),
  });
  await h.command(ADMIN, `digest add <#${LEAD}|leadership>`);
});
afterAll(() => h.close());

const tops = (channel: string) => h.double.messagesIn(channel).filter((m) => m.threadTs === undefined);
const repliesTo = (channel: string, top: StoredMessage) =>
  h.double.messagesIn(channel, { threadTs: top.ts }).filter((m) => m.ts !== top.ts);

describe('a digest of 200 objectives and 1,000 key results', () => {
  it('is posted within Slack’s limits, the thread carries every objective and the message says how many', async () => {
    h.clock.set('2026-02-13T16:00:00Z');
    await h.tick();
    await h.tick();
    expect(limitRejections(h.double)).toEqual([]);
    expect(tops(LEAD)).toHaveLength(1);
    const top = tops(LEAD)[0]!;
    expect(top.blocks!.length).toBeLessThanOrEqual(50);
    const topText = JSON.stringify(top.blocks);
    expect(topText).toContain(`all ${OBJECTIVES} are listed in the thread`);

    const replies = repliesTo(LEAD, top);
    // The outbox recorded one notice per reply; every one of them reached the channel, once.
    const recorded = await h.db.outbox.findMany({
      where: { kind: 'digest-thread', key: { startsWith: 'digest:sub:' } },
    });
    expect(recorded.length).toBeGreaterThan(1);
    expect(recorded.every((row) => row.state === 'sent')).toBe(true);
    expect(replies).toHaveLength(recorded.length);
    expect(topText).toContain(`${recorded.length} replies in the thread`);
    for (const reply of replies) expect(reply.blocks!.length).toBeLessThanOrEqual(50);

    // Every objective is listed in the thread, none dropped.
    const listed = new Set(
      replies.flatMap((reply) =>
        [...JSON.stringify(reply.blocks).matchAll(/\*O-(\d+)\* Objective \1 /g)].map((m) => Number(m[1])),
      ),
    );
    expect(listed.size).toBe(OBJECTIVES);

    // User text arrives escaped: nothing notifies the channel or a person.
    const everything = [top, ...replies].map((m) => `${m.text ?? ''}${JSON.stringify(m.blocks)}`).join('');
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<@U123>');
    expect(everything).toContain('&lt;!channel&gt;');

    const chart = h.double.files.find((f) => f.channelId === LEAD);
    expect(chart?.threadTs).toBe(top.ts);
    expect(chart?.completed).toBe(true);
    expect(chart?.content?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
