import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStatuses } from '../../src/jobs/status-sweep.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml } from '../../src/plan/index.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import {
  blocksText,
  exactly,
  expectAnswers,
  expectFormErrors,
  expectSays,
  fields,
} from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-02-13T12:00:00Z' });
  h.double.addChannel({ id: 'C0LEAD', name: 'leadership' });
  const workspace = await h.db.workspace.upsert({
    where: { slackTeamId: h.double.teamId },
    create: { slackTeamId: h.double.teamId },
    update: {},
  });
  const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
  if (!parsed.ok) throw new Error('the example plan must be valid');
  const imported = await importPlan(h.db, { workspaceId: workspace.id, actor: 'import', plan: parsed.plan });
  if (!imported.ok) throw new Error('the example plan must import');
  await sweepStatuses(h.okra.services, h.clock.now());
});
afterAll(() => h.close());

describe('/okr digest add, list, edit, remove', () => {
  for (const { rule, typed, says } of [
    {
      rule: 'adds a digest for a channel Okra is in, on the defaults',
      typed: 'digest add <#C0LEAD|leadership>',
      says: 'Added digest *D-1* for <#C0LEAD>: everything, every Friday at 16:00 (UTC)',
    },
    {
      rule: 'takes a scope, cadence, day, time and time zone',
      typed:
        'digest add <#C0LEAD|leadership> --scope team Customer Success --cadence biweekly --day mon --time 9:30 --tz Europe/Paris',
      says: 'Added digest *D-2* for <#C0LEAD>: team Customer Success, every other Monday at 09:30 (Europe/Paris)',
    },
  ])
    it(rule, async () => {
      await expectAnswers(h, ADMIN, [[typed, says]]);
    });

  it('refuses an archived channel, or one Okra is not in, saying how to fix it', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'digest add <#C0ARCHIVED|old-okrs>',
        exactly('<#C0ARCHIVED> is archived, so no digest can be posted there. Pick another channel.'),
      ],
      [
        'digest add <#C0RANDOM|random>',
        'Okra is not in <#C0RANDOM>, and it must be to post the digest with its chart. Invite it there',
      ],
      [
        'digest add <#C0LEADERS|leadership>',
        'Okra cannot see <#C0LEADERS>. If it is a private channel, invite Okra there first',
      ],
    ]);
    expect(await h.db.digestSubscription.count()).toBe(2);
  });

  it('explains bad options inline and changes nothing', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'digest add <#C0LEAD|leadership> --scope team Nobody --cadence daily --day someday --time 25:00 --tz Mars/Base',
        [
          '*--scope*: There is no team called "Nobody"',
          '*--cadence*: The cadence is weekly or biweekly.',
          '*--day*: The day is a weekday',
          '*--time*: The time is HH:MM',
          '*--tz*: "Mars/Base" is not a time zone',
        ],
      ],
    ]);
    expect(await h.db.digestSubscription.count()).toBe(2);
  });

  it('lists added digests and each team’s own', async () => {
    const result = await h.command(MEMBER, 'digest list');
    expectSays(
      blocksText(result),
      [
        '*D-1* → <#C0LEAD>: everything, every Friday at 16:00 (UTC)',
        '_team digest_ → <#C0123GROW>: team Growth, every Friday at 16:00 (UTC)',
        '_team digest_ → <#G0789CSUC>: team Customer Success',
      ],
      'the digest list',
    );
  });

  it('edits and removes added digests, for admins only', async () => {
    await expectAnswers(h, MEMBER, [['digest edit D-1 --time 10:00', 'Only PMO admins']]);
    await expectAnswers(h, ADMIN, [
      ['digest edit D-1 --day thu --time 10:00', ['Changed digest *D-1*', 'every Thursday at 10:00 (UTC)']],
      ['digest remove D-2', 'Removed digest *D-2*'],
      ['digest remove D-2', 'There is no digest "D-2"'],
    ]);
    expect(await h.db.auditEntry.count({ where: { entityType: 'digest_subscription' } })).toBe(4);
  });
});

describe('/okr digest preview', () => {
  it('sends the digest privately to the requester’s DM, thread and chart included, and records nothing', async () => {
    const before = h.double.files.length;
    const result = await h.command(MEMBER, 'digest preview <#C0LEAD|leadership>');
    expect(result.text).toBe('The preview is in your DM with Okra.');
    const dm = h.double.dmChannelOf(MEMBER);
    const top = h.double.messagesIn(dm).findLast((m) => m.threadTs === undefined);
    const replies = h.double.messagesIn(dm).filter((m) => m.threadTs === top?.ts);
    expect(replies.length).toBeGreaterThan(0);
    expect(top?.text).toContain('OKR digest for 2026 Q1 · week 7 of 13 · everything.');
    const blocks = JSON.stringify(top?.blocks);
    expect(blocks).toContain('*Objectives:*');
    expect(blocks).toContain('*Check-ins this week:*');
    const chart = h.double.files.slice(before).at(-1);
    expect(chart?.channelId).toBe(dm);
    expect(chart?.threadTs).toBe(top?.ts);
    expect(chart?.content?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart?.content?.length).toBeGreaterThan(10_000);
    expect(chart?.altText).toContain('line chart of actual portfolio progress against the expected line');
    expect(await h.db.digestPost.count()).toBe(0);
    expect(h.double.messagesIn('C0LEAD')).toHaveLength(0);
  });
});

describe('the /okr digest add form', () => {
  it('opens without arguments, answers a channel Okra is not in inline, and adds the digest when valid', async () => {
    const opened = await h.command(ADMIN, 'digest add');
    expect(opened.modal).toBeDefined();
    const before = await h.db.digestSubscription.count();
    await expectFormErrors(
      h,
      ADMIN,
      opened.modal!,
      fields({ channel: 'C0RANDOM', scope: 'team Nobody', time: '7pm' }),
      { channel: expect.stringContaining('Okra is not in that channel') },
    );
    await expectFormErrors(
      h,
      ADMIN,
      opened.modal!,
      fields({ channel: 'C0LEAD', scope: 'team Nobody', tz: 'Mars/Base' }),
      {
        scope: 'There is no team called "Nobody". /okr team list shows them.',
        tz: '"Mars/Base" is not a time zone; use a name such as Europe/Paris.',
      },
    );
    expect(await h.db.digestSubscription.count()).toBe(before);
    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({ channel: 'C0LEAD', scope: 'team Growth', cadence: 'biweekly', day: '1', time: '7pm' }),
    );
    expect(valid.status).toBe(200);
    const added = await h.db.digestSubscription.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(added).toMatchObject({
      channelId: 'C0LEAD',
      cadence: 'biweekly',
      dayOfWeek: 1,
      localTime: '19:00',
      timeZone: null,
    });
  });
});
