// Every state-changing subcommand: a member who owns nothing is refused, with an explanation, and the
// database is unchanged; a PMO admin succeeds. The table must name every command that is not read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/slack/commands/catalog.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';

const OWNER = '<@U0KENJI|kenji>';

/** In order: each admin run leaves the state the next row needs. */
const STATE_CHANGING: Array<{ command: string; text: string }> = [
  { command: 'cycle add', text: 'cycle add "2026 Q2" 2026-04-01 2026-06-30' },
  { command: 'cycle current', text: 'cycle current "2026 Q2"' },
  { command: 'team add', text: 'team add Sales <#C0GENERAL|general>' },
  { command: 'team members', text: 'team members Sales add <@U0PRIYA|priya>' },
  { command: 'team channel', text: 'team channel Sales <#C0OKRS|okrs>' },
  { command: 'objective add', text: `objective add "Grow the channel" --owner ${OWNER} --cycle "2026 Q1"` },
  { command: 'objective edit', text: 'objective edit O-3 --title "Grow the partner channel"' },
  { command: 'objective align', text: 'objective align O-3 O-2' },
  { command: 'objective archive', text: 'objective archive O-3' },
  { command: 'objective restore', text: 'objective restore O-3' },
  { command: 'kr add', text: `kr add O-3 "Sign 12 partners" --from 0 --to 12 --owner ${OWNER}` },
  { command: 'kr edit', text: 'kr edit KR-3 --to 14' },
  { command: 'kr owner', text: 'kr owner KR-3 <@U0PRIYA|priya>' },
  { command: 'kr archive', text: 'kr archive KR-3' },
  { command: 'kr restore', text: 'kr restore KR-3' },
  { command: 'kr milestone', text: 'kr milestone KR-2 done 1' },
  { command: 'update', text: 'update KR-1 9 --confidence 7' },
  {
    command: 'kpi add',
    text: `kpi add "Churn rate" --target 2% --green 2.5% --amber 4% --direction lower --owner ${OWNER}`,
  },
  { command: 'kpi edit', text: 'kpi edit KPI-2 --title "Monthly churn"' },
  { command: 'kpi thresholds', text: 'kpi thresholds KPI-2 --green 3% --amber 5%' },
  { command: 'kpi owner', text: 'kpi owner KPI-2 <@U0PRIYA|priya>' },
  { command: 'kpi archive', text: 'kpi archive KPI-2' },
  { command: 'kpi restore', text: 'kpi restore KPI-2' },
  {
    command: 'risk add',
    text: `risk add "Partner pushback" --likelihood 2 --impact 3 --owner ${OWNER} --on KR-1`,
  },
  { command: 'risk edit', text: 'risk edit R-2 --likelihood 3' },
  { command: 'risk close', text: 'risk close R-2 --note "Resolved"' },
  { command: 'role', text: 'role leader <@U0PRIYA|priya>' },
  { command: 'settings pmo', text: 'settings pmo <#C0GENERAL|general>' },
  { command: 'settings timezone', text: 'settings timezone Europe/Paris' },
  { command: 'settings set', text: 'settings set atRiskGapPoints 10' },
  { command: 'settings reset', text: 'settings reset atRiskGapPoints' },
  { command: 'digest add', text: 'digest add <#C0OKRS|okrs>' },
  { command: 'digest edit', text: 'digest edit D-1 --time 09:00' },
  { command: 'digest now', text: 'digest now <#C0OKRS|okrs>' },
  { command: 'digest remove', text: 'digest remove D-1' },
];

let h: Harness;

async function snapshot(): Promise<string> {
  const db = h.db;
  const tables = await Promise.all([
    db.workspace.findMany({ orderBy: { id: 'asc' } }),
    db.cycle.findMany({ orderBy: { id: 'asc' } }),
    db.team.findMany({ orderBy: { id: 'asc' }, include: { members: true } }),
    db.objective.findMany({ orderBy: { id: 'asc' } }),
    db.keyResult.findMany({ orderBy: { id: 'asc' }, include: { milestones: true } }),
    db.kpi.findMany({ orderBy: { id: 'asc' } }),
    db.risk.findMany({ orderBy: { id: 'asc' } }),
    db.member.findMany({ orderBy: { id: 'asc' }, select: { slackUserId: true, role: true } }),
    db.checkIn.findMany({ orderBy: { id: 'asc' } }),
    db.kpiReading.findMany({ orderBy: { id: 'asc' } }),
    db.auditEntry.count(),
    db.counter.findMany({ orderBy: [{ workspaceId: 'asc' }, { name: 'asc' }] }),
    db.digestSubscription.findMany({ orderBy: { id: 'asc' } }),
    db.digestPost.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify(tables);
}

beforeAll(async () => {
  h = await startHarness();
  const setup = [
    'cycle add "2026 Q1" 2026-01-01 2026-03-31',
    'team add Growth <#C0OKRS|okrs>',
    `objective add "Win the mid-market" --owner ${OWNER}`,
    `objective add "Grow self-serve" --owner ${OWNER}`,
    `kr add O-1 "Reach 15% market share" --from 8 --to 15 --owner ${OWNER}`,
    `kr add O-1 "Launch the partner portal" --kind milestone --milestones "Design | Build | Launch" --owner ${OWNER}`,
    `kpi add "Net revenue retention" --target 110% --green 105% --amber 95% --owner ${OWNER}`,
    `risk add "Vendor delay" --likelihood 2 --impact 2 --owner ${OWNER}`,
  ];
  for (const text of setup) {
    const result = await h.command(ADMIN, text);
    expect(result.text, text).not.toMatch(/Nothing was changed|Only /);
  }
  // Okra records a person the first time they use it; that is not a change made by a command.
  await h.command(MEMBER, 'help');
});
afterAll(() => h.close());

describe('who may change things', () => {
  it('names every command that changes state (all that are not read-only)', () => {
    const changing = buildCatalog()
      .filter((command) => command.access !== 'everyone')
      .map((command) => command.name)
      .sort();
    expect([...new Set(STATE_CHANGING.map((row) => row.command))].sort()).toEqual(changing);
  });

  for (const { command, text } of STATE_CHANGING) {
    it(`/okr ${command}: a member is refused and nothing changes; an admin succeeds`, async () => {
      const before = await snapshot();
      const refused = await h.command(MEMBER, text);
      expect(refused.http.status).toBe(200);
      expect(refused.text).toMatch(/Only|only|owner|admin/);
      expect(refused.text).toMatch(/Nothing was (changed|saved)|can(not|'t)|may not|Only/);
      expect(await snapshot()).toBe(before);

      const done = await h.command(ADMIN, text);
      expect(done.text).not.toMatch(/Nothing was changed|Only PMO admins/);
      expect(await snapshot()).not.toBe(before);
    });
  }
});
