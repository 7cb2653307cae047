import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, expectAnswers } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { planRows } from '../support/plan-rows.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;

// Items risks can threaten: O-2 (Growth), KR-3 owned by MEMBER, KR-4 owned by OTHER, KPI-1 owned by MEMBER.
beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [MEMBER, OTHER]);
  ({ workspaceId } = quarter);
  const rows = planRows(h, quarter);
  const growth = await h.db.team.create({ data: { workspaceId, name: 'Growth' } });
  await h.db.team.create({ data: { workspaceId, name: 'Support' } });
  const objective = await rows.objective(2, 'Grow the <b>base</b>', { level: 'team', teamId: growth.id });
  await rows.keyResult(3, objective.id, 'Ship v2', { ownerId: quarter.members[MEMBER]! });
  await rows.keyResult(4, objective.id, 'Hire two', { ownerId: quarter.members[OTHER]! });
  await rows.kpi(1, 'Churn', {
    ownerId: quarter.members[MEMBER]!,
    target: 2,
    green: 2.5,
    amber: 4,
    direction: 'lower_is_better',
  });
});
afterAll(() => h.close());

const riskNumbered = (number: number) => h.db.risk.findFirstOrThrow({ where: { workspaceId, number } });
const auditOf = (entityId: number, action: string) => auditEntries(h, 'risk', entityId, action);

describe('/okr risk add', () => {
  it('raises a risk on a key result from command text, scored likelihood × impact', async () => {
    await expectAnswers(h, ADMIN, [
      [
        'risk add "Vendor delay" --likelihood 4 --impact 5 --owner <@U0BOB|bob> --on KR-3 --mitigation "Second supplier" --description "Parts late"',
        'Raised *R-1* score 20 (4×5) Vendor delay · <@U0BOB> · on *KR-3* Ship v2',
      ],
    ]);
    const risk = await riskNumbered(1);
    expect(risk).toMatchObject({
      likelihood: 4,
      impact: 5,
      status: 'open',
      mitigation: 'Second supplier',
      description: 'Parts late',
    });
    expect(risk.keyResultId).not.toBeNull();
    const [audit] = await auditOf(risk.id, 'create');
    expect(audit?.entityRef).toBe('R-1');
    expect(JSON.parse(audit!.after)).toMatchObject({
      title: 'Vendor delay',
      on: 'KR-3',
      owner: MEMBER,
      score: 20,
    });
  });

  it('accepts only whole ratings from 1 to 5 and real items, saving nothing otherwise', async () => {
    const before = await h.db.risk.count();
    await expectAnswers(h, ADMIN, [
      [
        'risk add "Storm" --likelihood 7 --impact 2.5',
        ['*--likelihood*: Likelihood is a whole number from 1 to 5', 'Impact is a whole number from 1 to 5'],
      ],
      ['risk add "Storm" --likelihood 2 --impact 2 --on KR-99', '*--on*: There is no KR-99'],
      ['risk add "Storm" --likelihood 2 --impact 2 --on R-1', 'is not an id like O-3 or KR-12 or KPI-2'],
    ]);
    expect(await h.db.risk.count()).toBe(before);
  });

  it('lets a member raise risks on items they own or unlinked ones they own, and nothing else', async () => {
    await expectAnswers(h, MEMBER, [
      [
        'risk add "Scope creep" --likelihood 3 --impact 3 --on KPI-1',
        'Raised *R-2* score 9 (3×3) Scope creep · <@U0BOB> · on *KPI-1* Churn',
      ],
      ['risk add "Burnout" --likelihood 2 --impact 4', 'Raised *R-3* score 8 (2×4) Burnout · <@U0BOB>'],
    ]);

    const before = await h.db.risk.count();
    await expectAnswers(h, MEMBER, [
      [
        'risk add "Hiring freeze" --likelihood 3 --impact 4 --on KR-4',
        'You can raise risks on items you own; KR-4 is not yours',
      ],
      ['risk add "Hiring freeze" --likelihood 3 --impact 4 --owner <@U0PRIYA>', 'has to be owned by you'],
    ]);
    expect(await h.db.risk.count()).toBe(before);
  });

  it('opens a form without arguments, shows errors inline, and raises the risk when valid', async () => {
    const opened = await h.command(OTHER, 'risk add');
    const modal = opened.modal!;
    expect(modal.callback_id).toBe('okra.risk.add');
    const owner = (modal.blocks as Array<{ block_id: string; element: Record<string, unknown> }>).find(
      (b) => b.block_id === 'owner',
    );
    expect(owner?.element.initial_user).toBe(OTHER);
    const values = {
      title: { value: 'Recruiter leaves' },
      owner: { value: OTHER },
      likelihood: { value: '2' },
      impact: { value: '5' },
    };
    const invalid = await h.submit(OTHER, modal, { ...values, on: { value: 'KR-99' } });
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { on: 'There is no KR-99.' } });
    const refused = await h.submit(OTHER, modal, { ...values, on: { value: 'KR-3' } });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { on: expect.stringContaining('not yours') },
    });

    const valid = await h.submit(OTHER, modal, { ...values, on: { value: 'kr4' } });
    expect(valid.status).toBe(200);
    const risk = await h.db.risk.findFirstOrThrow({ where: { title: 'Recruiter leaves' } });
    expect(risk).toMatchObject({ likelihood: 2, impact: 5 });
    expect(await auditOf(risk.id, 'create')).toHaveLength(1);
    expect(h.double.messagesIn(OTHER).at(-1)?.text).toContain('Raised *R-4* score 10 (2×5) Recruiter leaves');
  });
});

describe('/okr risk edit and close', () => {
  it('lets the owner re-rate and mitigate by flag; others are refused', async () => {
    await expectAnswers(h, MEMBER, [
      [
        'risk edit R-1 --likelihood 2 --status mitigating --mitigation "Second supplier signed"',
        'Updated *R-1* score 10 (2×5) Vendor delay _(mitigating)_',
      ],
    ]);
    const risk = await riskNumbered(1);
    expect(risk).toMatchObject({ likelihood: 2, status: 'mitigating', mitigation: 'Second supplier signed' });
    const audit = (await auditOf(risk.id, 'update')).at(-1)!;
    expect(JSON.parse(audit.before)).toEqual({
      likelihood: 4,
      status: 'open',
      mitigation: 'Second supplier',
    });

    await expectAnswers(h, OTHER, [
      ['risk edit R-1 --impact 1', '*risk*: Only bobby (its owner) and PMO admins can change R-1'],
    ]);
    await expectAnswers(h, ADMIN, [
      [
        'risk edit R-1 --impact 0 --status maybe',
        ['Impact is a whole number from 1 to 5', 'The status is open, mitigating or closed.'],
      ],
    ]);
    expect((await riskNumbered(1)).impact).toBe(5);
  });

  it('opens a prefilled form with only the id and closes the risk from it', async () => {
    expect((await h.command(OTHER, 'risk edit R-3')).text).toContain(
      'Only <@U0BOB> (its owner) and PMO admins can change R-3.',
    );
    const opened = await h.command(MEMBER, 'risk edit R-3');
    const modal = opened.modal!;
    expect(modal.callback_id).toBe('okra.risk.edit');
    expect(modal.private_metadata).toBe('R-3');
    const blocks = modal.blocks as Array<{ block_id: string; element: Record<string, unknown> }>;
    expect(blocks.find((b) => b.block_id === 'title')?.element.initial_value).toBe('Burnout');
    expect(
      (blocks.find((b) => b.block_id === 'impact')?.element.initial_option as { value: string } | undefined)
        ?.value,
    ).toBe('4');

    const values = {
      title: { value: 'Burnout' },
      owner: { value: MEMBER },
      likelihood: { value: '2' },
      impact: { value: '4' },
      status: { value: 'closed' },
    };
    const invalid = await h.submit(MEMBER, modal, { ...values, on: { value: 'banana' } });
    expect(invalid.body).toMatchObject({
      response_action: 'errors',
      errors: { on: expect.stringContaining('"banana" is not an id') },
    });
    const valid = await h.submit(MEMBER, modal, values);
    expect(valid.status).toBe(200);
    const risk = await riskNumbered(3);
    expect(risk.status).toBe('closed');
    expect(risk.closedAt).not.toBeNull();
    expect(await auditOf(risk.id, 'close')).toHaveLength(1);
    expect(h.double.messagesIn(MEMBER).at(-1)?.text).toContain('Updated *R-3*');
  });

  it('closes with a note, refuses strangers, and reopens with --status open', async () => {
    await expectAnswers(h, OTHER, [
      ['risk close R-2', 'Only bobby (its owner) and PMO admins can close R-2'],
    ]);
    expect((await riskNumbered(2)).status).toBe('open');

    await expectAnswers(h, MEMBER, [['risk close R-2 --note "Scope frozen"', 'Closed *R-2* Scope creep']]);
    const risk = await riskNumbered(2);
    expect(risk.status).toBe('closed');
    expect(risk.closedAt).not.toBeNull();
    const [audit] = await auditOf(risk.id, 'close');
    expect(JSON.parse(audit!.after)).toMatchObject({ status: 'closed', note: 'Scope frozen' });
    await expectAnswers(h, MEMBER, [['risk close R-2', 'R-2 is already closed']]);

    await expectAnswers(h, ADMIN, [['risk edit R-2 --status open', 'Updated *R-2*']]);
    expect(await riskNumbered(2)).toMatchObject({ status: 'open', closedAt: null });
  });
});

describe('/okr risks', () => {
  it('lists open risks by score for anyone, escaping titles, filtered by team or person', async () => {
    await h.command(
      ADMIN,
      'risk add "&lt;!channel&gt; outage" --likelihood 5 --impact 5 --owner <@U0ALICE> --on O-2',
    );
    const all = await h.command(OTHER, 'risks');
    const body = JSON.stringify(all.replies[0]?.body.blocks);
    expect(all.text).toContain('*Open risks* (4)');
    expect(body).not.toContain('<!channel>');
    expect(body).toContain('&lt;!channel&gt; outage');
    expect(body).toContain('on *O-2* Grow the &lt;b&gt;base&lt;/b&gt;');
    const order = [...body.matchAll(/\*(R-\d+)\*/g)].map((m) => m[1]);
    // tie at 10 with the same impact: the older risk comes first.
    expect(order).toEqual(['R-5', 'R-1', 'R-4', 'R-2']);
    expect(body).not.toContain('*R-3*');

    await expectAnswers(h, MEMBER, [
      ['risks growth', '*Open risks for Growth* (3)'],
      ['risks <@U0BOB|bob>', '*Open risks owned by <@U0BOB>* (2)'],
      ['risks Support', 'No open risks for Support'],
      ['risks Sales', 'There is no team called "Sales"'],
    ]);
  });

  it('stays within Block Kit limits when there are many risks, saying how many more there are', async () => {
    const alice = await h.db.member.findFirstOrThrow({ where: { slackUserId: ADMIN } });
    await h.db.risk.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        workspaceId,
        number: 100 + i,
        title: `Bulk risk ${i} ${'x'.repeat(120)}`,
        ownerId: alice.id,
        likelihood: 1,
        impact: 1,
      })),
    });
    const list = await h.command(ADMIN, 'risks');
    const reply = list.replies[0]!;
    expect(reply.accepted).toBe(true);
    const blocks = reply.body.blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ text: string }>;
    }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const shownCount = [...JSON.stringify(blocks).matchAll(/\*R-\d+\*/g)].length;
    expect(blocks.at(-1)?.elements?.[0]?.text).toContain(`…and ${304 - shownCount} more`);
    expect(shownCount).toBeGreaterThan(10);
  });
});
