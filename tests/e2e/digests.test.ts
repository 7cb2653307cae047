// Digests end to end: a 3-team portfolio over several weeks, scheduled by the minute tick, delivered by the
// outbox through the real WebClient to the Slack double, exactly once per subscription and period.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoredMessage } from '../../devkit/slack-stand-in/web-api/index.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml } from '../../src/plan/index.ts';
import { listDigestTargets } from '../../src/services/digest-subscriptions.ts';
import { postDigest } from '../../src/services/digests.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LEAD = 'C0LEAD';
const TEAM_CHANNELS = ['C0123GROW', 'C0456PROD', 'G0789CSUC'];

// Each step runs a check-in, the hourly sweep, four digests and their delivery: on PostgreSQL on a shared
// machine that takes several seconds.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-11T10:00:00Z' });
  h.double.addChannel({ id: LEAD, name: 'leadership' });
  h.double.addChannel({ id: 'C0123GROW', name: 'growth' });
  h.double.addChannel({ id: 'C0456PROD', name: 'product' });
  h.double.addChannel({ id: 'G0789CSUC', name: 'customer-success', isPrivate: true });
  await h.command(ADMIN, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
  if (!parsed.ok) throw new Error('the example plan must be valid');
  const imported = await importPlan(h.db, { workspaceId, actor: 'import', plan: parsed.plan });
  if (!imported.ok) throw new Error('the example plan must import');
  await h.command(ADMIN, `digest add <#${LEAD}|leadership>`);
});
afterAll(() => h.close());

const tops = (channel: string) => h.double.messagesIn(channel).filter((m) => m.threadTs === undefined);
const repliesTo = (channel: string, top: StoredMessage) =>
  h.double.messagesIn(channel, { threadTs: top.ts }).filter((m) => m.ts !== top.ts);
const blocksText = (m: StoredMessage | undefined) => JSON.stringify(m?.blocks ?? []);

describe('the weekly digest', () => {
  it('is not posted before Friday 16:00 in the workspace’s time zone', async () => {
    h.clock.set('2026-02-13T15:59:00Z');
    await h.tick();
    expect(tops(LEAD)).toHaveLength(0);
    expect(await h.db.digestPost.count()).toBe(0);
  });

  it('goes to the leadership channel and to each team’s channel at 16:00, with its thread and chart', async () => {
    h.clock.set('2026-02-12T09:00:00Z');
    const good = await h.command(ADMIN, 'update KR-1 14.5 --confidence 9 --comment "Three deals closed"');
    expect(good.text).toContain('KR-1');
    h.clock.set('2026-02-13T16:00:00Z');
    await h.tick();
    await h.tick();
    const [top] = tops(LEAD);
    expect(tops(LEAD)).toHaveLength(1);
    expect(top?.text).toMatch(/^OKR digest for 2026 Q1 · week 7 of 13 · everything\. Objectives: /);
    const text = blocksText(top);
    expect(text).toContain('*Objectives:* ');
    expect(text).toContain('*Key results:* ');
    expect(text).toMatch(/\*Progress:\* \d+% done against \d+% expected/);
    expect(text).toMatch(/\*Check-ins this week:\* 1 of 8/);
    expect(text).toContain('Still to check in: U01GROW02 (2), U01GROW03');
    expect(text).toContain('*Needs attention*');
    expect(text).toMatch(/\*KR-\d+\* .* — (off track|at risk)/);
    expect(text).toMatch(/Owner: U0\w+/);
    expect(text).toContain('*Top open risks*');
    expect(text).toMatch(/\*R-\d+\* \(score \d+\)/);
    expect(text).toContain('*KPIs outside their thresholds*');
    expect(text).toContain('*Objectives* (');
    for (const channel of TEAM_CHANNELS) expect(tops(channel)).toHaveLength(1);
    expect(blocksText(tops('C0123GROW')[0])).toContain('OKR digest: team Growth');

    const chart = h.double.files.find((f) => f.channelId === LEAD);
    expect(chart?.threadTs).toBe(top?.ts);
    expect(chart?.completed).toBe(true);
    expect(chart?.content?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart?.content?.length).toBeGreaterThan(10_000);
    expect(chart?.altText).toMatch(
      /line chart of actual portfolio progress against the expected line by week; actual \d+/,
    );
    expect(await h.db.digestPost.count()).toBe(4);
  });

  it('is posted once per period: more ticks, /okr digest now and a concurrent run add nothing', async () => {
    const messagesBefore = h.double.messages.length;
    const filesBefore = h.double.files.length;
    h.clock.set('2026-02-14T09:00:00Z');
    await h.tick();
    const now = await h.command(ADMIN, `digest now <#${LEAD}|leadership>`);
    expect(now.text).toContain('the digest of 2026-W07 was already posted');
    const [target] = (await listDigestTargets(h.db, workspaceId, 'UTC')).filter((t) => t.channelId === LEAD);
    const raced = await Promise.all([
      postDigest(h.db, workspaceId, target!, h.clock.now(), 'schedule'),
      postDigest(h.db, workspaceId, target!, h.clock.now(), 'manual'),
    ]);
    expect(raced.map((r) => r.state)).toEqual(['already', 'already']);
    await h.tick();
    expect(h.double.messages.filter((m) => !m.ephemeral).length).toBe(
      h.double.messages.slice(0, messagesBefore).filter((m) => !m.ephemeral).length,
    );
    expect(h.double.files.length).toBe(filesBefore);
  });

  it('the next week names what changed since the first, with the engine’s reasons, owner and comment', async () => {
    h.clock.set('2026-02-16T09:00:00Z');
    const update = await h.command(ADMIN, 'update KR-1 8.2 --confidence 2 --comment "Vendor slipped again"');
    expect(update.text).toContain('KR-1');
    h.clock.set('2026-02-20T16:00:00Z');
    await h.tick();
    await h.tick();
    const second = tops(LEAD).at(-1);
    expect(tops(LEAD)).toHaveLength(2);
    const text = blocksText(second);
    expect(text).toContain('*What changed since 2026-W07*');
    expect(text).toContain('2026 Q1 · week 8 of 13 · everything');
    expect(text).toMatch(
      /\*KR-1\* Reach 15% market share in the mid-market — off track \(was (at risk|on track)\)/,
    );
    expect(text).toContain('Owner: U01GROW01 · latest comment: “Vendor slipped again”');
    // The engine's reasons follow the item, one bullet each.
    expect(text).toMatch(
      /\*KR-1\* Reach 15% market share in the mid-market — off track \(was [a-z ]+\)\\n• \S/,
    );
    expect(text).toMatch(/Check-ins this week:\* 1 of 8/);
    expect(text).toMatch(/:arrow_down: \*KR-1\* Reach 15% market share in the mid-market: \d+% → \d+%/);
    const chart = h.double.files.filter((f) => f.channelId === LEAD).at(-1);
    expect(chart?.threadTs).toBe(second?.ts);
  });
});

describe('/okr digest now', () => {
  it('posts at once for a new period and the schedule then leaves that period alone', async () => {
    h.clock.set('2026-02-24T10:00:00Z');
    const result = await h.command(ADMIN, `digest now <#${LEAD}|leadership>`);
    expect(result.text).toContain('posting now, as the digest of 2026-W09');
    await h.tick();
    expect(tops(LEAD)).toHaveLength(3);
    expect(repliesTo(LEAD, tops(LEAD).at(-1)!).length).toBeGreaterThanOrEqual(0);
    h.clock.set('2026-02-27T16:00:00Z');
    await h.tick();
    await h.tick();
    expect(tops(LEAD)).toHaveLength(3);
    expect(
      await h.db.digestPost.findMany({
        where: { subscriptionKey: 'sub:1' },
        select: { period: true, trigger: true },
      }),
    ).toEqual([
      { period: '2026-W07', trigger: 'schedule' },
      { period: '2026-W08', trigger: 'schedule' },
      { period: '2026-W09', trigger: 'manual' },
    ]);
  });

  it('is for admins only', async () => {
    const result = await h.command('U0BOB', `digest now <#${LEAD}|leadership>`);
    expect(result.text).toContain('Only PMO admins');
  });
});

describe('a crash between claiming and posting', () => {
  it('posts the digest once after restart, thread and chart included, nothing twice', async () => {
    // The process claimed every notice of this digest and died before sending (what SIGKILL leaves behind).
    h.clock.set('2026-03-13T16:00:00Z');
    const [target] = (await listDigestTargets(h.db, workspaceId, 'UTC')).filter((t) => t.channelId === LEAD);
    const queued = await postDigest(h.db, workspaceId, target!, h.clock.now(), 'schedule');
    expect(queued.state).toBe('queued');
    const keys = await h.db.outbox.findMany({ where: { key: { startsWith: 'digest:sub:1:2026-W11:' } } });
    await h.db.outbox.updateMany({
      where: { id: { in: keys.map((k) => k.id) } },
      data: { state: 'claimed', claimToken: 'killed-process', claimedAt: h.clock.now() },
    });
    const topsBefore = tops(LEAD).length;
    const leadFiles = () => h.double.files.filter((f) => f.channelId === LEAD);
    const filesBefore = leadFiles().length;
    // A restarted instance ticks; once the dead claims are stale they are looked for in Slack, then sent.
    h.clock.set('2026-03-13T17:00:00Z');
    await h.tick();
    await h.tick();
    await h.tick();
    expect(tops(LEAD)).toHaveLength(topsBefore + 1);
    const top = tops(LEAD).at(-1)!;
    expect(top.text).toContain('week 11 of 13');
    expect(leadFiles().length).toBe(filesBefore + 1);
    expect(leadFiles().at(-1)?.threadTs).toBe(top.ts);
    const rows = await h.db.outbox.findMany({ where: { key: { startsWith: 'digest:sub:1:2026-W11:' } } });
    expect(rows.every((row) => row.state === 'sent')).toBe(true);
    await h.tick();
    expect(tops(LEAD)).toHaveLength(topsBefore + 1);
  });
});
