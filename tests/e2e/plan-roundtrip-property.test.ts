// The round trip, as a property: any plan built through the Slack commands — items without owners,
// hostile text, every kind of key result, KPIs, risks, check-ins — exports, imports into an empty
// workspace of another database, and exports again identically (YAML, and CSV for what CSV carries).
// Regressions for defects 1 (owner-less items), 8 (risk refs) and 12 (formula cells).
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/db/queries/workspaces.ts';
import { parsePlanCsv, parsePlanYaml, planToCsv, stringifyPlanYaml } from '../../src/plan/index.ts';
import { exportPlan } from '../../src/services/plan-export.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** How Slack sends typed text: the three control characters as entities. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Text a person could type, including what Slack and spreadsheets treat as markup. No double quotes:
// they delimit the phrase on the command line.
const TEXTS = [
  'Win the mid-market',
  'Ship <!channel> now <https://evil.example|Q3 report>',
  'R&D <3 P&L',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK(1)',
  '+1 idea',
  '-minus first',
  '@here team',
  "'quoted already",
  'Ünïcödé ✓ 🚀',
];
const text = fc.constantFrom(...TEXTS);
const owner = fc.constantFrom(undefined, '<@U0BOB|bob>', '<@U0PRIYA|priya>');
const ownerFlag = (who: string | undefined) => (who ? ` --owner ${who}` : '');

const keyResult = fc.oneof(
  fc.record({
    kind: fc.constantFrom('increase' as const),
    title: text,
    owner,
    to: fc.integer({ min: 1, max: 5000 }),
  }),
  fc.record({
    kind: fc.constantFrom('decrease' as const),
    title: text,
    owner,
    to: fc.integer({ min: 0, max: 99 }),
  }),
  fc.record({
    kind: fc.constantFrom('stay_below' as const),
    title: text,
    owner,
    to: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constantFrom('boolean' as const), title: text, owner, to: fc.constant(1) }),
  fc.record({ kind: fc.constantFrom('milestone' as const), title: text, owner, to: fc.constant(1) }),
);
const plan = fc.record({
  objectives: fc.array(fc.record({ title: text, owner, keyResults: fc.array(keyResult, { maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  kpis: fc.array(fc.record({ title: text, owner: fc.constantFrom('<@U0BOB|bob>') }), { maxLength: 2 }),
  risks: fc.array(fc.record({ title: text, owner, onFirstKr: fc.boolean() }), { maxLength: 2 }),
  comment: text,
});
type RandomPlan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

function krCommand(objective: number, kr: RandomPlan['objectives'][number]['keyResults'][number]): string {
  const head = `kr add O-${objective} "${typed(kr.title)}"${ownerFlag(kr.owner)} --kind ${kr.kind}`;
  switch (kr.kind) {
    case 'increase':
      return `${head} --from 0 --to ${kr.to}`;
    case 'decrease':
      return `${head} --from 100 --to ${kr.to}`;
    case 'stay_below':
      return `${head} --to ${kr.to}%`;
    case 'boolean':
      return head;
    case 'milestone':
      return `${head} --milestones "${typed(`Draft ${kr.title}`)} | Launch"`;
  }
}

let h: Harness;
let other: TestDatabase;
let run = 0;

beforeAll(async () => {
  h = await startHarness();
  other = await createTestDatabase();
});
afterAll(async () => {
  await other.drop();
  await h.close();
});

/** Builds the plan through /okr commands in a cycle of its own, and returns that cycle's name. */
async function buildThroughSlack(p: RandomPlan): Promise<string> {
  run += 1;
  const cycle = `Run ${run} ${typed('<Q> & co')}`;
  const answers: string[] = [];
  const say = async (command: string) => answers.push((await h.command(ADMIN, command)).text);
  await say(`cycle add "${cycle}" 2026-01-01 2026-03-31 --current`);
  let firstKr: number | undefined;
  for (const objective of p.objectives) {
    await say(`objective add "${typed(objective.title)}"${ownerFlag(objective.owner)}`);
    const made = await newest(h.db.objective);
    for (const kr of objective.keyResults) {
      await say(krCommand(made, kr));
      firstKr ??= await newest(h.db.keyResult);
    }
  }
  if (firstKr !== undefined) await say(`update KR-${firstKr} 1 --comment "${typed(p.comment)}"`);
  for (const kpi of p.kpis)
    await say(
      `kpi add "${typed(kpi.title)}" --target 1 --green 1 --amber 2 --direction lower --owner ${kpi.owner}`,
    );
  for (const risk of p.risks) {
    const on = risk.onFirstKr && firstKr !== undefined ? ` --on KR-${firstKr}` : '';
    await say(`risk add "${typed(risk.title)}" --likelihood 2 --impact 3${ownerFlag(risk.owner)}${on}`);
  }
  const refused = answers.filter((answer) => answer.startsWith('Nothing was changed'));
  expect(refused).toEqual([]);
  return cycle.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The number of the item made last (short ids keep counting across runs). */
const newest = async (table: { findFirstOrThrow(args: object): Promise<{ number: number }> }) =>
  (await table.findFirstOrThrow({ orderBy: { number: 'desc' }, select: { number: true } })).number;

/** Items made in earlier runs would show in later exports; each run starts from an empty plan. */
async function clearPlan(): Promise<void> {
  await h.db.risk.deleteMany({});
  await h.db.kpiReading.deleteMany({});
  await h.db.kpi.deleteMany({});
  await h.db.checkIn.deleteMany({});
  await h.db.milestone.deleteMany({});
  await h.db.keyResult.deleteMany({});
  await h.db.objective.deleteMany({});
}

describe('a plan built in Slack survives export → import into an empty database → export', () => {
  it('gives the identical YAML file, and identical CSV files, for any plan', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        await clearPlan();
        const cycle = await buildThroughSlack(p);
        const workspace = (await h.db.workspace.findFirstOrThrow()).id;
        const first = await exportPlan(h.db, workspace, { cycle });
        const yaml = stringifyPlanYaml(first);
        const csv = planToCsv(first);

        const empty = (await ensureWorkspace(other.db, `T0RUN${run}`)).id;
        const parsed = parsePlanYaml(yaml);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const imported = await importPlan(other.db, {
          workspaceId: empty,
          actor: 'import',
          plan: parsed.plan,
          now: h.clock.now(),
        });
        if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
        const again = await exportPlan(other.db, empty, { cycle });
        expect(stringifyPlanYaml(again)).toBe(yaml);

        // The CSV files read back as the same plan, formula-looking text included.
        const fromCsv = parsePlanCsv(csv);
        if (!fromCsv.ok) throw new Error(JSON.stringify(fromCsv.problems));
        expect(planToCsv(fromCsv.plan)).toEqual(csv);
        const cells = (parse(csv.keyResults) as string[][]).flat();
        for (const cell of cells) expect(cell).not.toMatch(/^[=+@\t\r]|^-\D/);
      }),
      { numRuns: 12 },
    );
  });
});
