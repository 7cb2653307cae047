// Safe in front of executives: user text that looks like Slack markup (a broadcast, a mention, a disguised
// link) reaches Slack escaped, in blocks and in the notification text, wherever Okra shows it: the posted
// digest and its thread, the private preview, flags and the App Home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpenedEvent } from '../../devkit/slack-stand-in/payloads.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

const NASTY = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example|Q3 report>'];
const escaped = (raw: string) => raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const LEAD = 'C0LEAD';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-11T10:00:00Z' });
  h.double.addChannel({ id: LEAD, name: 'leadership' });
  await h.command(ADMIN, 'help');
  await h.command(MEMBER, 'help');
  const workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const bob = await h.db.member.findFirstOrThrow({ where: { slackUserId: MEMBER } });
  await h.db.member.update({ where: { id: bob.id }, data: { name: `Bob ${NASTY[1]}` } });
  const cycle = await h.db.cycle.create({
    data: {
      workspaceId,
      name: `Q1 ${NASTY[0]}`,
      startDate: new Date('2026-01-01'),
      endDate: new Date('2026-03-31'),
      isCurrent: true,
    },
  });
  const team = await h.db.team.create({ data: { workspaceId, name: `Growth ${NASTY[2]}`, channelId: LEAD } });
  const objective = await h.db.objective.create({
    data: {
      workspaceId,
      number: 1,
      title: `Win ${NASTY[0]} ${NASTY[3]}`,
      cycleId: cycle.id,
      level: 'team',
      teamId: team.id,
      ownerId: bob.id,
    },
  });
  for (const [i, raw] of NASTY.entries()) {
    const kr = await h.db.keyResult.create({
      data: {
        workspaceId,
        number: i + 1,
        objectiveId: objective.id,
        title: `KR ${raw}`,
        ownerId: bob.id,
        kind: 'increase',
        startValue: 0,
        targetValue: 100,
      },
    });
    await h.db.checkIn.create({
      data: {
        keyResultId: kr.id,
        authorId: bob.id,
        period: '2026-W03',
        date: new Date('2026-01-14'),
        value: 5,
        confidence: 2,
        comment: `Comment ${raw}`,
      },
    });
    await h.db.risk.create({
      data: {
        workspaceId,
        number: i + 1,
        title: `Risk ${raw}`,
        description: `Description ${raw}`,
        keyResultId: kr.id,
        ownerId: bob.id,
        likelihood: 5,
        impact: 4,
      },
    });
  }
  await h.db.counter.createMany({
    data: [
      { workspaceId, name: 'objective', value: 1 },
      { workspaceId, name: 'key_result', value: 4 },
      { workspaceId, name: 'risk', value: 4 },
    ],
  });
  await h.command(ADMIN, `digest add <#${LEAD}|leadership>`);
});
afterAll(() => h.close());

/** plain_text is shown as typed (Slack never reads markup in it), so only mrkdwn and fallbacks count. */
const withoutPlainText = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: unknown }).type === 'plain_text'
      ? { type: 'plain_text' }
      : v,
  );

/** Everything Okra sent to Slack as mrkdwn: messages (text and blocks), replies and Home views. File titles and alt text are plain text too. */
function everythingSent(): string {
  return [
    ...h.double.messages.map((m) => `${m.text ?? ''}\n${withoutPlainText(m.blocks ?? [])}`),
    ...h.double.responseUrlPosts.map((p) => withoutPlainText(p.body)),
    ...h.double.calls.filter((c) => c.method === 'views.publish').map((c) => withoutPlainText(c.args)),
  ].join('\n');
}

describe('user text in front of executives', () => {
  it('reaches the digest, its thread, the preview, flags and the App Home escaped, never as markup', async () => {
    h.clock.set('2026-02-13T16:00:00Z');
    await h.tick();
    await h.tick();
    await h.command(MEMBER, `digest preview <#${LEAD}|leadership>`);
    await h.event({ event: appHomeOpenedEvent(MEMBER) });

    const digest = h.double.messagesIn(LEAD).filter((m) => m.threadTs === undefined);
    expect(digest.length).toBeGreaterThanOrEqual(1);
    const dm = h.double.messagesIn(h.double.dmChannelOf(MEMBER));
    expect(dm.some((m) => m.text?.startsWith('OKR digest for'))).toBe(true);
    const flags = h.double.messagesIn('C0OKRS');
    expect(flags.length).toBeGreaterThan(0);
    expect(h.double.homeOf(MEMBER)).toBeDefined();

    const sent = everythingSent();
    for (const raw of NASTY) {
      const at = sent.indexOf(raw);
      expect(at === -1 ? '' : sent.slice(Math.max(0, at - 200), at + 60), raw).toBe('');
      expect(sent, raw).toContain(escaped(raw));
    }
    // In the digest's own notification text and blocks, and in the flags', too.
    const digestText = digest.map((m) => `${m.text}${JSON.stringify(m.blocks)}`).join('');
    for (const raw of [NASTY[0]!, NASTY[3]!]) expect(digestText).toContain(escaped(raw));
    expect(digest[0]?.text).toContain(escaped(NASTY[0]!));
    const flagText = flags.map((m) => `${m.text}${JSON.stringify(m.blocks)}`).join('');
    expect(flagText).toContain('KR &lt;');
    expect(sent).not.toMatch(/<!(channel|here)|<@U123|<https:\/\/evil/);
  });
});
