import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field } from '../../devkit/slack-stand-in/driver.ts';
import { auditEntries, expectAnswers, expectFormErrors, fields, without } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
const blocksOf = (modal: Record<string, unknown> | undefined) => (modal?.blocks ?? []) as Block[];
const element = (modal: Record<string, unknown> | undefined, field: string) =>
  blocksOf(modal).find((b) => b.block_id === field)?.element;
const initialOption = (modal: Record<string, unknown> | undefined, field: string) =>
  (element(modal, field)?.initial_option as { value: string } | undefined)?.value;
const optionValues = (modal: Record<string, unknown> | undefined, field: string) =>
  ((element(modal, field)?.options ?? []) as Array<{ value: string }>).map((o) => o.value);

const objective = (number: number) =>
  h.db.objective.findFirstOrThrow({
    where: { number },
    include: { team: true, owner: true, parent: true, cycle: true },
  });
const audits = (entityId: number, action: string) => auditEntries(h, 'objective', entityId, action);

describe('/okr objective add before any cycle exists', () => {
  it('refuses the typed command and the form, pointing to /okr cycle add', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "Win the mid-market"',
        'There is no current cycle yet: create one with /okr cycle add.',
      ],
    ]);
    const form = await h.command(ADMIN, 'objective add');
    expect(form.modal).toBeUndefined();
    expect(form.text).toContain('create one with `/okr cycle add`');
    expect(await h.db.objective.count()).toBe(0);
  });
});

describe('/okr objective', () => {
  let teams: { growth: number; sales: number };
  let q2: number;

  beforeAll(async () => {
    await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31');
    await h.command(ADMIN, 'cycle add "2026 Q2" 2026-04-01 2026-06-30');
    q2 = (await h.db.cycle.findFirstOrThrow({ where: { name: '2026 Q2' } })).id;
    const workspace = await h.db.workspace.findFirstOrThrow();
    const growth = await h.db.team.create({ data: { workspaceId: workspace.id, name: 'Growth' } });
    const sales = await h.db.team.create({ data: { workspaceId: workspace.id, name: 'Sales' } });
    teams = { growth: growth.id, sales: sales.id };
  });

  it('adds a company objective in the current cycle from command text, with its audit entry', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "Win the mid-market" --description "Deals of 50-500 seats"',
        ['Created *O-1* Win the mid-market (company level, no team, no owner', 'cycle 2026 Q1'],
      ],
    ]);
    const row = await objective(1);
    expect(row).toMatchObject({
      title: 'Win the mid-market',
      description: 'Deals of 50-500 seats',
      level: 'company',
      parentId: null,
    });
    expect(row.cycle.name).toBe('2026 Q1');
    const [entry] = await audits(row.id, 'create');
    expect(entry).toMatchObject({ actor: ADMIN, entityRef: 'O-1' });
    expect(JSON.parse(entry!.after)).toMatchObject({
      title: 'Win the mid-market',
      level: 'company',
      cycle: '2026 Q1',
    });
  });

  it('adds a team objective with a case-insensitive team, an owner mention and a parent', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "Double pipeline" --level team --team growth --owner <@U0BOB|bob> --parent o-1',
        'Created *O-2* Double pipeline (team level, team Growth, owner <@U0BOB>, aligned under O-1',
      ],
    ]);
    const row = await objective(2);
    expect(row.team?.name).toBe('Growth');
    expect(row.owner?.slackUserId).toBe('U0BOB');
    expect(row.parent?.number).toBe(1);
  });

  it('resolves a typed @name through the Slack directory and accepts another cycle by name', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "Grow myself" --level personal --owner @priya --cycle "2026 q2"',
        'Created *O-3* Grow myself (personal level, no team, owner <@U0PRIYA>',
      ],
    ]);
    expect((await objective(3)).cycleId).toBe(q2);
  });

  it('explains each refused add and writes nothing', async () => {
    const before = await h.db.objective.count();
    const cases: Array<[string, string]> = [
      ['objective add "X" --level team', 'A team objective needs a team'],
      [
        'objective add "X" --level team --team Marketing',
        'There is no team called "Marketing". Teams: Growth, Sales.',
      ],
      ['objective add "X" --level personal', 'A personal objective needs an owner'],
      ['objective add "X" --level galactic', 'The level is company, team or personal.'],
      ['objective add "X" --parent O-99', 'There is no O-99.'],
      ['objective add "X" --parent KR-1', '"KR-1" is not an id like O-3.'],
      [
        'objective add "X" --parent O-3',
        'O-3 belongs to the cycle 2026 Q2; a parent has to be in the same cycle.',
      ],
      ['objective add "X" --cycle "2030 Q9"', 'There is no cycle called "2030 Q9".'],
      ['objective add --level company', 'Give the objective a title'],
      [`objective add "${'x'.repeat(201)}"`, 'Keep the title to 200 characters'],
      [`objective add "X" --description "${'d'.repeat(2001)}"`, 'Keep the description to 2000 characters.'],
      ['objective add "X" --owner @nobody', 'Nobody called @nobody was found'],
    ];
    await expectAnswers(
      h,
      ADMIN,
      cases.map(([text, message]) => [text, ['Nothing was changed', message]]),
    );
    expect(await h.db.objective.count()).toBe(before);
  });

  it('escapes titles so they cannot mention or link', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective add "&lt;!channel&gt; &amp; &lt;https://evil.example|win&gt;"',
        ['&lt;!channel&gt; &amp; &lt;https://evil.example|win&gt;', without('<!channel>')],
      ],
    ]);
    await h.command(ADMIN, 'objective archive O-4');
  });

  it('opens the add form, shows a missing team inline on the team field, and creates when valid', async () => {
    const opened = await h.command(ADMIN, 'objective add');
    expect(opened.modal?.callback_id).toBe('okra.objective.add');
    expect(blocksOf(opened.modal).map((b) => b.block_id)).toEqual([
      'title',
      'description',
      'level',
      'team',
      'owner',
      'parent',
      'cycle',
    ]);
    expect(element(opened.modal, 'description')?.multiline).toBe(true);
    const q1 = await h.db.cycle.findFirstOrThrow({ where: { name: '2026 Q1' } });
    expect(initialOption(opened.modal, 'cycle')).toBe(String(q1.id));
    // Parents: the current cycle's live objectives, by short id (O-3 is in Q2, O-4 is archived).
    expect(optionValues(opened.modal, 'parent')).toEqual(['O-1', 'O-2']);
    expect(optionValues(opened.modal, 'team')).toEqual([String(teams.growth), String(teams.sales)]);

    const logos = { title: field.text('Land 20 logos'), level: 'team', cycle: String(q1.id) };
    await expectFormErrors(h, ADMIN, opened.modal!, fields(logos), {
      team: 'A team objective needs a team; choose one, or another level.',
    });
    const count = await h.db.objective.count();

    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({
        ...logos,
        description: field.text('New logos in the mid-market'),
        team: String(teams.sales),
        owner: field.user('U0BOB'),
        parent: 'O-1',
      }),
    );
    expect(valid.status).toBe(200);
    expect(await h.db.objective.count()).toBe(count + 1);
    const row = await objective(5);
    expect(row).toMatchObject({
      title: 'Land 20 logos',
      level: 'team',
      description: 'New logos in the mid-market',
    });
    expect(row.team?.name).toBe('Sales');
    expect(row.parent?.number).toBe(1);
    expect(await audits(row.id, 'create')).toHaveLength(1);
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain(
      'Created *O-5* Land 20 logos (team level, team Sales, owner <@U0BOB>, aligned under O-1',
    );
  });

  it('edits only the fields given and records just those in the audit', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'objective edit O-2 --title "Triple pipeline" --owner @priya',
        'Updated *O-2* Triple pipeline (team level, team Growth, owner <@U0PRIYA>, aligned under O-1',
      ],
    ]);
    const row = await objective(2);
    expect(row.description).toBe('');
    const [entry] = await audits(row.id, 'update');
    expect(JSON.parse(entry!.before)).toEqual({ title: 'Double pipeline', owner: 'U0BOB' });
    expect(JSON.parse(entry!.after)).toEqual({ title: 'Triple pipeline', owner: 'U0PRIYA' });
  });

  it('refuses an edit that leaves a level without what it needs', async () => {
    await expectAnswers(h, ADMIN, [
      ['objective edit O-2 --team none', 'A team objective needs a team'],
      ['objective edit O-1 --level personal', 'A personal objective needs an owner'],
      ['objective edit O-42 --title "Nope"', 'There is no O-42.'],
    ]);
    expect((await objective(2)).teamId).toBe(teams.growth);
    expect((await objective(1)).level).toBe('company');
  });

  it('opens a prefilled edit form, shows errors inline, and saves the edit', async () => {
    const opened = await h.command(ADMIN, 'objective edit O-2');
    expect(opened.modal).toMatchObject({ callback_id: 'okra.objective.edit', private_metadata: 'O-2' });
    expect(element(opened.modal, 'title')?.initial_value).toBe('Triple pipeline');
    expect(initialOption(opened.modal, 'level')).toBe('team');
    expect(initialOption(opened.modal, 'team')).toBe(String(teams.growth));
    expect(element(opened.modal, 'owner')?.initial_user).toBe('U0PRIYA');
    expect(initialOption(opened.modal, 'parent')).toBe('O-1');
    expect(optionValues(opened.modal, 'parent')).not.toContain('O-2');
    expect(blocksOf(opened.modal).some((b) => b.block_id === 'cycle')).toBe(false);

    const growthUnderO1 = { team: String(teams.growth), parent: 'O-1' };
    await expectFormErrors(
      h,
      ADMIN,
      opened.modal!,
      fields({ ...growthUnderO1, title: field.text('Triple pipeline'), level: 'personal' }),
      { owner: 'A personal objective needs an owner; choose one, or another level.' },
    );

    const valid = await h.submit(
      ADMIN,
      opened.modal!,
      fields({
        ...growthUnderO1,
        title: field.text('Quadruple pipeline'),
        description: field.text('Via partners'),
        level: 'team',
        owner: field.user('U0PRIYA'),
      }),
    );
    expect(valid.status).toBe(200);
    const row = await objective(2);
    expect(row).toMatchObject({
      title: 'Quadruple pipeline',
      description: 'Via partners',
      teamId: teams.growth,
    });
    const entry = (await audits(row.id, 'update')).at(-1);
    expect(JSON.parse(entry!.after)).toEqual({ title: 'Quadruple pipeline', description: 'Via partners' });
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('Updated *O-2* Quadruple pipeline');
  });

  it('aligns, refuses loops with the loop path, and removes an alignment with none', async () => {
    await h.command(ADMIN, 'objective add "Hire partners managers" --parent O-2');
    // Now O-6 → O-2 → O-1.
    await expectAnswers(h, ADMIN, [
      [
        'objective align O-1 O-6',
        'O-6 is already aligned under O-1 (O-6 → O-2 → O-1), so O-1 cannot go under O-6.',
      ],
    ]);
    expect((await objective(1)).parentId).toBeNull();
    await expectAnswers(h, ADMIN, [
      ['objective align O-1 O-1', 'O-1 cannot be aligned under itself.'],
      ['objective align O-6 O-3', 'a parent has to be in the same cycle'],
      ['objective align O-6 O-1', '*O-6* Hire partners managers is now aligned under *O-1*.'],
    ]);
    const row = await objective(6);
    expect(row.parent?.number).toBe(1);
    const entry = (await audits(row.id, 'update')).at(-1);
    expect(JSON.parse(entry!.before)).toEqual({ parent: 'O-2' });
    expect(JSON.parse(entry!.after)).toEqual({ parent: 'O-1' });

    await expectAnswers(h, ADMIN, [
      ['objective align O-6 none', 'is no longer aligned under another objective'],
    ]);
    expect((await objective(6)).parentId).toBeNull();
    await expectAnswers(h, ADMIN, [['objective align O-6', '/okr objective align O-5 O-1']]);
  });

  it('archives keeping key results and child links, refuses it as a parent, and restores', async () => {
    const o2 = await objective(2);
    const workspace = await h.db.workspace.findFirstOrThrow();
    await h.db.keyResult.create({
      data: {
        workspaceId: workspace.id,
        number: 1,
        objectiveId: o2.id,
        title: 'Pipeline $3m',
        kind: 'increase',
      },
    });
    await h.command(ADMIN, 'objective align O-6 O-2');

    await expectAnswers(h, ADMIN, [
      ['objective archive O-2', 'Archived *O-2* Quadruple pipeline. Its key results are kept'],
    ]);
    expect((await objective(2)).archivedAt).not.toBeNull();
    expect(await h.db.keyResult.count({ where: { objectiveId: o2.id } })).toBe(1);
    expect((await objective(6)).parent?.number).toBe(2);
    expect(await audits(o2.id, 'archive')).toHaveLength(1);

    await expectAnswers(h, ADMIN, [
      ['objective archive O-2', 'O-2 is already archived.'],
      ['objective align O-5 O-2', 'O-2 is archived; restore it first'],
    ]);
    const form = await h.command(ADMIN, 'objective add');
    expect(optionValues(form.modal, 'parent')).not.toContain('O-2');

    // Editing a child in the form keeps its archived parent rather than refusing or dropping it.
    const child = await h.command(ADMIN, 'objective edit O-6');
    expect(initialOption(child.modal, 'parent')).toBe('O-2');
    const saved = await h.submit(
      ADMIN,
      child.modal!,
      fields({ title: field.text('Hire partner managers'), level: 'company', parent: 'O-2' }),
    );
    expect(saved.status).toBe(200);
    expect(await objective(6)).toMatchObject({ title: 'Hire partner managers', parentId: o2.id });

    await expectAnswers(h, ADMIN, [['objective restore O-2', 'Restored *O-2* Quadruple pipeline.']]);
    expect((await objective(2)).archivedAt).toBeNull();
    expect(await audits(o2.id, 'restore')).toHaveLength(1);
    await expectAnswers(h, ADMIN, [['objective restore O-2', 'O-2 is not archived.']]);
  });

  it('refuses members, in commands and in forms, and changes nothing', async () => {
    const count = await h.db.objective.count();
    await expectAnswers(
      h,
      MEMBER,
      [
        'objective add "Mine"',
        'objective edit O-1 --title "Mine"',
        'objective align O-6 O-1',
        'objective archive O-1',
        'objective restore O-4',
      ].map((typed) => [typed, 'Only PMO admins can use `/okr objective']),
    );
    const opened = await h.command(ADMIN, 'objective add');
    const refused = await h.submit(
      MEMBER,
      opened.modal!,
      fields({ title: field.text('Mine'), level: 'company' }),
    );
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.stringContaining('Only PMO admins') },
    });
    expect(await h.db.objective.count()).toBe(count);
    expect((await objective(1)).title).toBe('Win the mid-market');
  });
});
