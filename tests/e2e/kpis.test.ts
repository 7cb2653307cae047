import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEntries,
  blocksText,
  expectAnswers,
  expectFormErrors,
  expectSays,
  fields,
  without,
} from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

let h: Harness;
let workspaceId: number;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'kpi list');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
  await h.db.team.create({ data: { workspaceId, name: 'Growth' } });
  await h.db.team.create({ data: { workspaceId, name: 'Support' } });
});
afterAll(() => h.close());

const kpiNumbered = (number: number) => h.db.kpi.findFirstOrThrow({ where: { workspaceId, number } });
const auditOf = (entityId: number, action: string) => auditEntries(h, 'kpi', entityId, action);

describe('/okr kpi add', () => {
  it('adds a lower-is-better KPI from command text, with its unit, thresholds and audit entry', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kpi add "Churn rate" --target 2% --green 2.5% --amber 4% --direction lower --unit % --owner <@U0BOB|bob> --team growth --cadence monthly',
        'Created *KPI-1* Churn rate: target 2%, green ≤ 2.5%, amber ≤ 4% (lower is better), read monthly, owner <@U0BOB>, team Growth',
      ],
    ]);
    const kpi = await kpiNumbered(1);
    expect(kpi).toMatchObject({
      title: 'Churn rate',
      direction: 'lower_is_better',
      unit: '%',
      target: 2,
      green: 2.5,
      amber: 4,
      cadence: 'monthly',
    });
    const [audit] = await auditOf(kpi.id, 'create');
    expect(audit?.entityRef).toBe('KPI-1');
    expect(JSON.parse(audit!.after)).toMatchObject({
      title: 'Churn rate',
      owner: 'U0BOB',
      team: 'Growth',
      target: 2,
    });
  });

  it('takes the unit from the target and defaults to higher is better and weekly', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kpi add NPS --target 50 --green 40 --amber 20 --owner @priya',
        'Created *KPI-2* NPS: target 50, green ≥ 40, amber ≥ 20 (higher is better), read weekly, owner <@U0PRIYA>',
      ],
      [
        'kpi add "Revenue" --target $12,000 --green 10k --amber 8,000 --owner <@U0ALICE>',
        'target $12,000, green ≥ $10,000, amber ≥ $8,000',
      ],
    ]);
    expect((await kpiNumbered(3)).unit).toBe('$');
  });

  it('explains thresholds that disagree with the direction, and saves nothing', async () => {
    const before = await h.db.kpi.count();
    await expectAnswers(h, ADMIN, [
      [
        'kpi add "Tickets" --target 10 --green 30 --amber 20 --direction lower --owner <@U0BOB>',
        [
          'Nothing was changed',
          'Lower is better for this KPI, so the green threshold (30) must be at most the amber one (20)',
        ],
      ],
      [
        'kpi add "Tickets" --target lots --green 1 --amber 2 --direction sideways --owner <@U0BOB>',
        ['The target: expected a number', 'Say whether higher or lower is better'],
      ],
      [
        'kpi add "Tickets" --target 1 --green 1 --amber 2 --direction lower --owner <@U0BOB> --team Sales',
        'There is no team called "Sales". Teams: Growth, Support.',
      ],
    ]);
    expect(await h.db.kpi.count()).toBe(before);
  });

  it('refuses members before doing anything', async () => {
    await expectAnswers(h, MEMBER, [
      [
        'kpi add "Mine" --target 1 --green 1 --amber 0 --owner <@U0BOB>',
        'Only PMO admins can use `/okr kpi add`',
      ],
    ]);
  });

  it('opens a form without arguments, shows errors inline, and creates the KPI when valid', async () => {
    const opened = await h.command(ADMIN, 'kpi add');
    expect(opened.modal?.callback_id).toBe('okra.kpi.add');
    const support = await h.db.team.findFirstOrThrow({ where: { name: 'Support' } });
    const uptime = (green: string) =>
      fields({
        title: 'Uptime',
        owner: 'U0BOB',
        team: String(support.id),
        direction: 'higher_is_better',
        unit: '%',
        target: '99.9',
        green,
        amber: '99',
        cadence: 'weekly',
      });
    await expectFormErrors(h, ADMIN, opened.modal!, uptime('95'), {
      green: expect.stringContaining('Higher is better'),
    });
    expect(await h.db.kpi.count({ where: { title: 'Uptime' } })).toBe(0);

    const valid = await h.submit(ADMIN, opened.modal!, uptime('99.5'));
    expect(valid.status).toBe(200);
    const kpi = await h.db.kpi.findFirstOrThrow({ where: { title: 'Uptime' }, include: { team: true } });
    expect(kpi.team?.name).toBe('Support');
    expect(await auditOf(kpi.id, 'create')).toHaveLength(1);
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain(
      'Created *KPI-4* Uptime: target 99.9%, green ≥ 99.5%',
    );
  });
});

describe('/okr kpi edit', () => {
  it('lets an admin change fields by flag, auditing only what changed', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'kpi edit KPI-2 --title "Net promoter score" --target 55',
        'Updated *KPI-2* Net promoter score: target 55',
      ],
    ]);
    const kpi = await kpiNumbered(2);
    const [audit] = await auditOf(kpi.id, 'update');
    expect(JSON.parse(audit!.before)).toEqual({ title: 'NPS', target: 50 });
    expect(JSON.parse(audit!.after)).toEqual({ title: 'Net promoter score', target: 55 });
  });

  it('lets the owner change title, unit and cadence only, and refuses everyone else', async () => {
    await expectAnswers(h, MEMBER, [['kpi edit KPI-1 --cadence weekly', 'Updated *KPI-1*']]);
    expect((await kpiNumbered(1)).cadence).toBe('weekly');
    await expectAnswers(h, MEMBER, [['kpi edit KPI-1 --target 1%', 'only PMO admins can change the target']]);
    await expectAnswers(h, OTHER, [
      ['kpi edit KPI-1 --title "Hijacked"', '*KPI*: Only bobby (its owner) and PMO admins can change KPI-1'],
    ]);
    const kpi = await kpiNumbered(1);
    expect(kpi).toMatchObject({ title: 'Churn rate', target: 2 });
  });

  it('opens a prefilled form with only the id, keeps unchanged fields, and checks the owner field by field', async () => {
    const refused = await h.command(OTHER, 'kpi edit KPI-1');
    expect(refused.modal).toBeUndefined();
    expect(refused.text).toContain('Only <@U0BOB> (its owner) and PMO admins can change KPI-1.');

    const opened = await h.command(MEMBER, 'kpi edit KPI-1');
    const modal = opened.modal!;
    expect(modal.callback_id).toBe('okra.kpi.edit');
    expect(modal.private_metadata).toBe('KPI-1');
    const blocks = modal.blocks as Array<{ block_id: string; element: Record<string, unknown> }>;
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element;
    expect(element('title')?.initial_value).toBe('Churn rate');
    expect(element('green')?.initial_value).toBe('2.5');
    expect(element('owner')?.initial_user).toBe('U0BOB');
    expect((element('team')?.initial_option as { text: { text: string } } | undefined)?.text.text).toBe(
      'Growth',
    );

    const growth = await h.db.team.findFirstOrThrow({ where: { name: 'Growth' } });
    const values = fields({
      title: 'Customer churn',
      owner: 'U0BOB',
      team: String(growth.id),
      direction: 'lower_is_better',
      unit: '%',
      target: '2',
      green: '2.5',
      amber: '4',
      cadence: 'monthly',
    });
    await expectFormErrors(
      h,
      MEMBER,
      modal,
      { ...values, ...fields({ amber: '5' }) },
      {
        amber: expect.stringContaining('only PMO admins'),
      },
    );
    expect((await kpiNumbered(1)).amber).toBe(4);

    const ok = await h.submit(MEMBER, modal, values);
    expect(ok.status).toBe(200);
    const kpi = await kpiNumbered(1);
    expect(kpi).toMatchObject({ title: 'Customer churn', cadence: 'monthly', amber: 4 });
    const audit = (await auditOf(kpi.id, 'update')).at(-1)!;
    expect(JSON.parse(audit.after)).toEqual({ title: 'Customer churn', cadence: 'monthly' });
    expect(audit.actor).toBe(MEMBER);
    expect(h.double.messagesIn(MEMBER).at(-1)?.text).toContain('Updated *KPI-1* Customer churn');
  });
});

describe('/okr kpi thresholds, owner, archive, restore', () => {
  it('sets thresholds, refusing an order that contradicts the direction', async () => {
    await expectAnswers(h, ADMIN, [
      ['kpi thresholds KPI-2 --green 20 --amber 40', 'Higher is better for this KPI'],
      ['kpi thresholds KPI-2 --green 45 --amber 30', 'green ≥ 45, amber ≥ 30'],
    ]);
    expect(await kpiNumbered(2)).toMatchObject({ green: 45, amber: 30 });
    await expectAnswers(h, MEMBER, [['kpi thresholds KPI-1 --green 1 --amber 2', 'Only PMO admins']]);
  });

  it('hands a KPI to a new owner', async () => {
    await expectAnswers(h, ADMIN, [['kpi owner KPI-2 <@U0BOB|bob>', 'owner <@U0BOB>']]);
    const kpi = await h.db.kpi.findFirstOrThrow({
      where: { workspaceId, number: 2 },
      include: { owner: true },
    });
    expect(kpi.owner?.slackUserId).toBe(MEMBER);
    const [audit] = await auditOf(kpi.id, 'update').then((all) => all.slice(-1));
    expect(JSON.parse(audit!.after)).toEqual({ owner: MEMBER });
  });

  it('archives and restores, hiding archived KPIs from the list', async () => {
    await expectAnswers(h, ADMIN, [['kpi archive KPI-3', 'Archived *KPI-3* Revenue']]);
    const kpi = await kpiNumbered(3);
    expect(kpi.archivedAt).not.toBeNull();
    expect(await auditOf(kpi.id, 'archive')).toHaveLength(1);
    await expectAnswers(h, MEMBER, [['kpi list', without('KPI-3')]]);
    await expectAnswers(h, ADMIN, [
      ['kpi archive KPI-3', 'already archived'],
      ['kpi restore KPI-3', 'Restored *KPI-3*'],
    ]);
    expect((await kpiNumbered(3)).archivedAt).toBeNull();
    expect(await auditOf(kpi.id, 'restore')).toHaveLength(1);
    await expectAnswers(h, ADMIN, [['kpi archive KPI-99', 'There is no KPI-99']]);
  });
});

describe('/okr kpi list', () => {
  it('shows KPIs with their latest reading to anyone, for a team if named', async () => {
    const churn = await kpiNumbered(1);
    await h.db.kpiReading.create({
      data: { kpiId: churn.id, period: '2026-01', date: new Date('2026-01-31'), value: 3.1 },
    });
    await h.db.kpiReading.create({
      data: { kpiId: churn.id, period: '2026-02', date: new Date('2026-02-09'), value: 2.4 },
    });
    const [all] = await expectAnswers(h, OTHER, [['kpi list', '*KPIs* (4)']]);
    expectSays(
      blocksText(all!),
      ['*KPI-1* Customer churn · latest *2.4%* (2026-02)', '*KPI-2* Net promoter score · _no reading yet_'],
      'the KPI list',
    );
    const growth = await h.command(OTHER, 'kpi list growth');
    expectSays(blocksText(growth), ['KPI-1', without('KPI-2')], 'the KPI list for Growth');
    await expectAnswers(h, OTHER, [['kpi list Sales', 'There is no team called']]);
  });

  it('escapes titles so a KPI cannot ping the channel', async () => {
    await h.command(
      ADMIN,
      'kpi add "&lt;!channel&gt; alarm" --target 1 --green 1 --amber 2 --direction lower --owner <@U0BOB>',
    );
    const list = await h.command(MEMBER, 'kpi list');
    expectSays(blocksText(list), ['&lt;!channel&gt; alarm', without('<!channel>')], 'the KPI list');
  });
});
