import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const auditOf = (entityId: number, action: string) =>
  h.db.auditEntry.findMany({ where: { entityType: 'kpi', entityId, action }, orderBy: { id: 'asc' } });

describe('/okr kpi add', () => {
  it('adds a lower-is-better KPI from command text, with its unit, thresholds and audit entry', async () => {
    const result = await h.command(
      ADMIN,
      'kpi add "Churn rate" --target 2% --green 2.5% --amber 4% --direction lower --unit % --owner <@U0BOB|bob> --team growth --cadence monthly',
    );
    expect(result.text).toContain(
      'Created *KPI-1* Churn rate: target 2%, green ≤ 2.5%, amber ≤ 4% (lower is better), read monthly, owner <@U0BOB>, team Growth',
    );
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
    const result = await h.command(ADMIN, 'kpi add NPS --target 50 --green 40 --amber 20 --owner @priya');
    expect(result.text).toContain(
      'Created *KPI-2* NPS: target 50, green ≥ 40, amber ≥ 20 (higher is better), read weekly, owner <@U0PRIYA>',
    );
    const revenue = await h.command(
      ADMIN,
      'kpi add "Revenue" --target $12,000 --green 10k --amber 8,000 --owner <@U0ALICE>',
    );
    expect(revenue.text).toContain('target $12,000, green ≥ $10,000, amber ≥ $8,000');
    expect((await kpiNumbered(3)).unit).toBe('$');
  });

  it('explains thresholds that disagree with the direction, and saves nothing', async () => {
    const before = await h.db.kpi.count();
    const lower = await h.command(
      ADMIN,
      'kpi add "Tickets" --target 10 --green 30 --amber 20 --direction lower --owner <@U0BOB>',
    );
    expect(lower.text).toContain('Nothing was changed');
    expect(lower.text).toContain(
      'Lower is better for this KPI, so the green threshold (30) must be at most the amber one (20)',
    );
    const words = await h.command(
      ADMIN,
      'kpi add "Tickets" --target lots --green 1 --amber 2 --direction sideways --owner <@U0BOB>',
    );
    expect(words.text).toContain('The target: expected a number');
    expect(words.text).toContain('Say whether higher or lower is better');
    const unknownTeam = await h.command(
      ADMIN,
      'kpi add "Tickets" --target 1 --green 1 --amber 2 --direction lower --owner <@U0BOB> --team Sales',
    );
    expect(unknownTeam.text).toContain('There is no team called "Sales". Teams: Growth, Support.');
    expect(await h.db.kpi.count()).toBe(before);
  });

  it('refuses members before doing anything', async () => {
    const result = await h.command(MEMBER, 'kpi add "Mine" --target 1 --green 1 --amber 0 --owner <@U0BOB>');
    expect(result.text).toContain('Only PMO admins can use `/okr kpi add`');
  });

  it('opens a form without arguments, shows errors inline, and creates the KPI when valid', async () => {
    const opened = await h.command(ADMIN, 'kpi add');
    expect(opened.modal?.callback_id).toBe('okra.kpi.add');
    const base = {
      title: { value: 'Uptime' },
      owner: { value: 'U0BOB' },
      team: { value: String((await h.db.team.findFirstOrThrow({ where: { name: 'Support' } })).id) },
      direction: { value: 'higher_is_better' },
      unit: { value: '%' },
      target: { value: '99.9' },
      cadence: { value: 'weekly' },
    };
    const invalid = await h.submit(ADMIN, opened.modal!, {
      ...base,
      green: { value: '95' },
      amber: { value: '99' },
    });
    expect(invalid.body).toMatchObject({
      response_action: 'errors',
      errors: { green: expect.stringContaining('Higher is better') },
    });
    expect(await h.db.kpi.count({ where: { title: 'Uptime' } })).toBe(0);

    const valid = await h.submit(ADMIN, opened.modal!, {
      ...base,
      green: { value: '99.5' },
      amber: { value: '99' },
    });
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
    const result = await h.command(ADMIN, 'kpi edit KPI-2 --title "Net promoter score" --target 55');
    expect(result.text).toContain('Updated *KPI-2* Net promoter score: target 55');
    const kpi = await kpiNumbered(2);
    const [audit] = await auditOf(kpi.id, 'update');
    expect(JSON.parse(audit!.before)).toEqual({ title: 'NPS', target: 50 });
    expect(JSON.parse(audit!.after)).toEqual({ title: 'Net promoter score', target: 55 });
  });

  it('lets the owner change title, unit and cadence only, and refuses everyone else', async () => {
    const cadence = await h.command(MEMBER, 'kpi edit KPI-1 --cadence weekly');
    expect(cadence.text).toContain('Updated *KPI-1*');
    expect((await kpiNumbered(1)).cadence).toBe('weekly');
    const target = await h.command(MEMBER, 'kpi edit KPI-1 --target 1%');
    expect(target.text).toContain('only PMO admins can change the target');
    const other = await h.command(OTHER, 'kpi edit KPI-1 --title "Hijacked"');
    expect(other.text).toContain('*KPI*: Only bobby (its owner) and PMO admins can change KPI-1');
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
    const values = {
      title: { value: 'Customer churn' },
      owner: { value: 'U0BOB' },
      team: { value: String(growth.id) },
      direction: { value: 'lower_is_better' },
      unit: { value: '%' },
      target: { value: '2' },
      green: { value: '2.5' },
      amber: { value: '4' },
      cadence: { value: 'monthly' },
    };
    const tooMuch = await h.submit(MEMBER, modal, { ...values, amber: { value: '5' } });
    expect(tooMuch.body).toMatchObject({
      response_action: 'errors',
      errors: { amber: expect.stringContaining('only PMO admins') },
    });
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
    const wrong = await h.command(ADMIN, 'kpi thresholds KPI-2 --green 20 --amber 40');
    expect(wrong.text).toContain('Higher is better for this KPI');
    const ok = await h.command(ADMIN, 'kpi thresholds KPI-2 --green 45 --amber 30');
    expect(ok.text).toContain('green ≥ 45, amber ≥ 30');
    expect(await kpiNumbered(2)).toMatchObject({ green: 45, amber: 30 });
    const member = await h.command(MEMBER, 'kpi thresholds KPI-1 --green 1 --amber 2');
    expect(member.text).toContain('Only PMO admins');
  });

  it('hands a KPI to a new owner', async () => {
    const result = await h.command(ADMIN, 'kpi owner KPI-2 <@U0BOB|bob>');
    expect(result.text).toContain('owner <@U0BOB>');
    const kpi = await h.db.kpi.findFirstOrThrow({
      where: { workspaceId, number: 2 },
      include: { owner: true },
    });
    expect(kpi.owner?.slackUserId).toBe(MEMBER);
    const [audit] = await auditOf(kpi.id, 'update').then((all) => all.slice(-1));
    expect(JSON.parse(audit!.after)).toEqual({ owner: MEMBER });
  });

  it('archives and restores, hiding archived KPIs from the list', async () => {
    const archived = await h.command(ADMIN, 'kpi archive KPI-3');
    expect(archived.text).toContain('Archived *KPI-3* Revenue');
    const kpi = await kpiNumbered(3);
    expect(kpi.archivedAt).not.toBeNull();
    expect(await auditOf(kpi.id, 'archive')).toHaveLength(1);
    expect((await h.command(MEMBER, 'kpi list')).text).not.toContain('KPI-3');
    expect((await h.command(ADMIN, 'kpi archive KPI-3')).text).toContain('already archived');

    const restored = await h.command(ADMIN, 'kpi restore KPI-3');
    expect(restored.text).toContain('Restored *KPI-3*');
    expect((await kpiNumbered(3)).archivedAt).toBeNull();
    expect(await auditOf(kpi.id, 'restore')).toHaveLength(1);
    expect((await h.command(ADMIN, 'kpi archive KPI-99')).text).toContain('There is no KPI-99');
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
    const all = await h.command(OTHER, 'kpi list');
    expect(all.text).toContain('*KPIs* (4)');
    const body = JSON.stringify(all.replies[0]?.body.blocks);
    expect(body).toContain('*KPI-1* Customer churn · latest *2.4%* (2026-02)');
    expect(body).toContain('*KPI-2* Net promoter score · _no reading yet_');

    const growth = await h.command(OTHER, 'kpi list growth');
    const growthBody = JSON.stringify(growth.replies[0]?.body.blocks);
    expect(growthBody).toContain('KPI-1');
    expect(growthBody).not.toContain('KPI-2');
    expect((await h.command(OTHER, 'kpi list Sales')).text).toContain('There is no team called');
  });

  it('escapes titles so a KPI cannot ping the channel', async () => {
    await h.command(
      ADMIN,
      'kpi add "&lt;!channel&gt; alarm" --target 1 --green 1 --amber 2 --direction lower --owner <@U0BOB>',
    );
    const list = await h.command(MEMBER, 'kpi list');
    const body = JSON.stringify(list.replies[0]?.body.blocks);
    expect(body).toContain('&lt;!channel&gt; alarm');
    expect(body).not.toContain('<!channel>');
  });
});
