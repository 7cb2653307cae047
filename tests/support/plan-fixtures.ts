/**
 * Plan fixtures: a seeded generator for big valid plans (round-trip and performance tests) and a
 * YAML file with exactly five known mistakes (error-reporting tests).
 */

import { seededRandom } from '../../devkit/random.ts';
import type {
  KeyResultKind,
  Plan,
  PlanCheckIn,
  PlanKeyResult,
  PlanKpi,
  PlanObjective,
  PlanRisk,
  PlanTeam,
} from '../../src/plan/schema.ts';

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const CYCLE = { name: '2026 Q1', start: '2026-01-01', end: '2026-03-31' };
const FIRST_CHECK_IN = '2026-01-05';
const WEEKS = 6;
const KINDS: KeyResultKind[] = ['increase', 'decrease', 'stay_above', 'stay_below', 'boolean', 'milestone'];
const TEAM_NAMES = ['Growth', 'Product', 'Customer Success'];
const COMPANY_THEMES = ['Win the mid-market', 'Delight every new customer', 'Run a profitable company'];
const TEAM_THEMES = ['Sharpen the pitch', 'Remove friction', 'Grow accounts'];

/**
 * A valid plan: 3 teams, 12 objectives (3 company, 9 team objectives each aligned to a company one),
 * 40 key results covering every kind, 8 KPIs, half the key results and KPIs with 6 weeks of history.
 * Some key results and one objective have no ref, to exercise ref generation.
 */
export function buildLargePlan(seed: number): Plan {
  const rand = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;

  const teams: PlanTeam[] = TEAM_NAMES.map((name, t) => {
    const members = Array.from(
      { length: 3 + (t % 2) },
      (_, m) => `U${t + 1}${String(m + 1).padStart(2, '0')}TEAM${seed % 97}`,
    );
    return {
      name,
      channel: `C${t + 1}00${name.slice(0, 4).toUpperCase().replace(/\s/g, 'X')}`,
      members,
      leader: members[0],
    };
  });
  const ceo = 'U000CEO01';

  const objectives: PlanObjective[] = [];
  COMPANY_THEMES.forEach((title, c) => {
    objectives.push({ ref: `company-${c + 1}`, title, level: 'company', owner: ceo, key_results: [] });
  });
  teams.forEach((team, t) => {
    TEAM_THEMES.forEach((theme, k) => {
      const objective: PlanObjective = {
        title: `${team.name}: ${theme}`,
        level: 'team',
        team: team.name,
        owner: team.leader ?? ceo,
        parent: `company-${((t + k) % 3) + 1}`,
        key_results: [],
      };
      // Leave one team objective without a ref so exports must generate one.
      if (!(t === 2 && k === 2)) objective.ref = `${team.name.toLowerCase().replace(/\s+/g, '-')}-${k + 1}`;
      if (rand() < 0.5)
        objective.description = `Why ${theme.toLowerCase()} matters for ${team.name} this quarter.`;
      objectives.push(objective);
    });
  });

  // 40 key results: the first four objectives get four, the other eight get three.
  let krNumber = 0;
  objectives.forEach((objective, o) => {
    const team = teams.find((t) => t.name === objective.team);
    const count = o < 4 ? 4 : 3;
    for (let k = 0; k < count; k++) {
      const kind = KINDS[krNumber % KINDS.length] as KeyResultKind;
      const kr = buildKeyResult(kind, krNumber, team?.members ?? [ceo], rand, int, pick);
      if (krNumber % 3 !== 1) kr.ref = `kr-${krNumber + 1}`;
      objective.key_results.push(kr);
      krNumber++;
    }
  });

  const kpis: PlanKpi[] = Array.from({ length: 8 }, (_, k) => buildKpi(k, teams, rand, int));
  const risks: PlanRisk[] = [
    {
      title: 'Key hire starts late',
      owner: ceo,
      likelihood: 3,
      impact: 4,
      objective: 'company-1',
      status: 'open',
    },
    {
      title: 'Vendor API deprecation',
      owner: ceo,
      likelihood: 2,
      impact: 5,
      key_result: 'kr-1',
      mitigation: 'Abstract the client',
    },
    {
      title: 'Seasonal churn spike',
      owner: ceo,
      likelihood: 4,
      impact: 2,
      kpi: 'kpi-1',
      status: 'mitigating',
    },
  ];
  return { cycle: { ...CYCLE }, teams, objectives, kpis, risks };
}

function buildKeyResult(
  kind: KeyResultKind,
  n: number,
  owners: readonly string[],
  rand: () => number,
  int: (min: number, max: number) => number,
  pick: <T>(items: readonly T[]) => T,
): PlanKeyResult {
  const kr: PlanKeyResult = {
    title: `Key result ${n + 1} (${kind})`,
    owner: pick(owners),
    kind,
    check_ins: [],
  };
  const base = int(10, 500);
  const span = int(5, 300);
  let valueAt: (week: number) => number;
  switch (kind) {
    case 'increase':
      Object.assign(kr, { start: base, target: base + span, unit: pick(['%', '$', 'deals', 'users']) });
      valueAt = (w) => base + Math.round((span * (w + 1)) / (WEEKS + 4));
      break;
    case 'decrease':
      Object.assign(kr, { start: base + span, target: base, unit: 'days' });
      valueAt = (w) => base + span - Math.round((span * (w + 1)) / (WEEKS + 4));
      break;
    case 'stay_above':
    case 'stay_below':
      Object.assign(kr, { target: base, unit: '%' });
      valueAt = (w) => base + (kind === 'stay_above' ? 1 : -1) * ((w % 3) + 1);
      break;
    case 'boolean':
      valueAt = (w) => (w === WEEKS - 1 ? 1 : 0);
      break;
    case 'milestone':
      kr.milestones = Array.from({ length: int(2, 4) }, (_, m) => ({
        title: `Milestone ${m + 1}: phase ${m + 1}`,
        weight: int(1, 3),
        ...(m === 0 ? { done: true } : {}),
      }));
      valueAt = (w) => Math.min(100, (w + 1) * 10);
      break;
  }
  if (rand() < 0.3) kr.weight = int(1, 3);
  if (kind === 'increase' && rand() < 0.5)
    kr.curve = pick(['linear', 'back_loaded', 'front_loaded'] as const);
  // Every other key result carries six weeks of check-in history.
  if (n % 2 === 0) {
    kr.check_ins = Array.from({ length: WEEKS }, (_, w): PlanCheckIn => {
      const checkIn: PlanCheckIn = {
        date: addDays(FIRST_CHECK_IN, 7 * w),
        value: valueAt(w),
        confidence: int(3, 9),
      };
      if (w === 2) checkIn.comment = 'Blocked on legal review, unblocked Friday; see thread';
      return checkIn;
    });
  }
  return kr;
}

function buildKpi(
  k: number,
  teams: readonly PlanTeam[],
  rand: () => number,
  int: (a: number, b: number) => number,
): PlanKpi {
  const higher = k % 2 === 0;
  const target = int(50, 5000);
  const kpi: PlanKpi = {
    ref: `kpi-${k + 1}`,
    title: `KPI ${k + 1} ${higher ? 'volume' : 'latency'}`,
    owner: teams[k % teams.length]?.leader ?? 'U000CEO01',
    direction: higher ? 'higher_is_better' : 'lower_is_better',
    target,
    green: higher ? Math.round(target * 0.9) : Math.round(target * 1.1),
    amber: higher ? Math.round(target * 0.7) : Math.round(target * 1.4),
    readings: [],
  };
  if (k % 4 !== 3) kpi.team = teams[k % teams.length]?.name;
  if (rand() < 0.7) kpi.unit = higher ? 'accounts' : 'ms';
  kpi.cadence = k % 3 === 0 ? 'monthly' : 'weekly';
  if (k < 4) {
    kpi.readings = Array.from({ length: WEEKS }, (_, w) => ({
      date: addDays(FIRST_CHECK_IN, 7 * w),
      value: Math.round(target * (0.8 + rand() * 0.4)),
    }));
  }
  return kpi;
}

/**
 * Exactly five mistakes, each on its own line:
 * 1. an ambiguous decimal comma (`1,25`)          objectives[0].key_results[0].target
 * 2. an owner that is not a Slack user id          objectives[0].key_results[1].owner
 * 3. a parent ref that does not exist               objectives[1].parent
 * 4. a team objective naming an unknown team        objectives[1].team
 * 5. KPI thresholds backwards for higher_is_better  kpis[0].amber
 */
export const PLAN_WITH_FIVE_ERRORS = `cycle: { name: "2026 Q1", start: 2026-01-01, end: 2026-03-31 }
teams:
  - { name: Growth, channel: C0123GROW, members: [U01, U02] }
objectives:
  - ref: company-1
    title: Win the mid-market
    level: company
    owner: U01
    key_results:
      - title: Reach 15% market share
        owner: U02
        kind: increase
        start: 8
        target: 1,25
      - title: Close 40 deals
        owner: bob
        kind: increase
        start: 0
        target: 40
  - ref: growth-1
    title: Build the pipeline
    level: team
    team: Marketing
    owner: U01
    parent: company-2
    key_results: []
kpis:
  - title: Weekly active teams
    owner: U01
    direction: higher_is_better
    target: 1500
    green: 1200
    amber: 1400
`;

export const FIVE_ERRORS_EXPECTED = [
  { path: 'objectives[0].key_results[0].target', lineContaining: 'target: 1,25' },
  { path: 'objectives[0].key_results[1].owner', lineContaining: 'owner: bob' },
  { path: 'objectives[1].team', lineContaining: 'team: Marketing' },
  { path: 'objectives[1].parent', lineContaining: 'parent: company-2' },
  { path: 'kpis[0].amber', lineContaining: 'amber: 1400' },
] as const;
