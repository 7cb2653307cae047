// Fernhill's health metrics (KPIs, read weekly) and its risk register at the start of the quarter.
// `level` is where the KPI has been sitting (history.ts draws its readings around it).
import { PEOPLE as P } from './people.ts';

export interface DemoKpi {
  ref: string;
  title: string;
  owner: string;
  team: string;
  unit?: string;
  direction: 'higher_is_better' | 'lower_is_better';
  target: number;
  green: number;
  amber: number;
  level: number;
}

export const KPIS: DemoKpi[] = [
  kpi(
    'k-mrr',
    'Monthly recurring revenue',
    P.maya,
    'Growth',
    'higher_is_better',
    [360_000, 340_000, 300_000],
    352_000,
    '$',
  ),
  kpi('k-trials', 'New trials per week', P.olivia, 'Growth', 'higher_is_better', [220, 180, 140], 205),
  kpi('k-win-rate', 'Win rate', P.noah, 'Growth', 'higher_is_better', [30, 25, 20], 27, '%'),
  kpi('k-dau', 'Daily active users', P.lena, 'Product', 'higher_is_better', [9_000, 8_000, 7_000], 8_700),
  kpi('k-crash-free', 'Crash-free sessions', P.mia, 'Product', 'higher_is_better', [99.5, 99, 98], 99.6, '%'),
  kpi(
    'k-tickets',
    'Support tickets per week',
    P.vikram,
    'Customer Success',
    'lower_is_better',
    [300, 380, 450],
    310,
  ),
  kpi(
    'k-response',
    'First response time',
    P.vikram,
    'Customer Success',
    'lower_is_better',
    [2, 4, 8],
    1.8,
    'hours',
  ),
  kpi(
    'k-health',
    'Accounts in good health',
    P.ananya,
    'Customer Success',
    'higher_is_better',
    [85, 75, 65],
    81,
    '%',
  ),
];

function kpi(
  ref: string,
  title: string,
  owner: { id: string },
  team: string,
  direction: DemoKpi['direction'],
  [target, green, amber]: [number, number, number],
  level: number,
  unit?: string,
): DemoKpi {
  return {
    ref,
    title,
    owner: owner.id,
    team,
    direction,
    target,
    green,
    amber,
    level,
    ...(unit ? { unit } : {}),
  };
}

export const RISKS = [
  {
    ref: 'r-sdr-attrition',
    title: 'Two SDRs may leave after the commission change',
    owner: P.maya.id,
    likelihood: 2,
    impact: 3,
    key_result: 'gr-demos',
    mitigation: 'Retention talks this month; referral bonus for new SDRs.',
  },
  {
    ref: 'r-import-beta',
    title: 'Import beta customers churn before GA',
    owner: P.mia.id,
    likelihood: 2,
    impact: 4,
    key_result: 'pr-import',
  },
  {
    ref: 'r-soc2-auditor',
    title: 'Auditor fieldwork slips into April',
    owner: P.jonas.id,
    likelihood: 3,
    impact: 3,
    objective: 'pr-insights',
    mitigation: 'Evidence collection weekly, not at the end.',
    status: 'mitigating',
  },
  {
    ref: 'r-freighthub',
    title: 'FreightHub reorganises its partner team',
    owner: P.ava.id,
    likelihood: 2,
    impact: 2,
    objective: 'gr-partners',
  },
];
