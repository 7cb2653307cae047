// Fernhill's plan for 2026 Q1 as a PMO would write it: three company objectives, three per team, 40 key
// results of every kind, 8 KPIs and a few risks. `pace` is how the key result has really gone so far
// (1 = on plan) and only feeds the generated check-in history (history.ts); it is not part of the plan file.
import { growthObjectives } from './growth.ts';
import { type DemoKeyResult, type DemoObjective, kr } from './key-result.ts';
import { CHANNELS, PEOPLE as P } from './people.ts';
import { productObjectives } from './product.ts';
import { successObjectives } from './success.ts';

export type { DemoKeyResult, DemoObjective };

export const CYCLE = { name: '2026 Q1', start: '2026-01-01', end: '2026-03-31' } as const;

export const TEAMS = [
  {
    name: 'Growth',
    channel: CHANNELS.growth.id,
    leader: P.maya.id,
    members: [P.maya, P.ethan, P.olivia, P.noah, P.ava].map((p) => p.id),
  },
  {
    name: 'Product',
    channel: CHANNELS.product.id,
    leader: P.lena.id,
    members: [P.lena, P.tobias, P.mia, P.jonas].map((p) => p.id),
  },
  {
    name: 'Customer Success',
    channel: CHANNELS.success.id,
    leader: P.ananya.id,
    members: [P.ananya, P.vikram, P.priya, P.arjun, P.kavya].map((p) => p.id),
  },
];

export const OBJECTIVES: DemoObjective[] = [
  {
    ref: 'co-midmarket',
    title: 'Become the default analytics tool for mid-market logistics',
    level: 'company',
    owner: P.greta.id,
    keyResults: [
      kr('co-arr', 'Grow ARR to $4.2M', P.maya, 'increase', {
        start: 3_100_000,
        target: 4_200_000,
        unit: '$',
      }),
      kr('co-logos', 'Win 25 new mid-market logos', P.noah, 'increase', { start: 0, target: 25 }, 0.9),
    ],
  },
  {
    ref: 'co-product',
    title: 'A product customers cannot do without',
    level: 'company',
    owner: P.greta.id,
    keyResults: [
      kr('co-wau', 'Weekly active users reach 18,000', P.lena, 'increase', { start: 12_000, target: 18_000 }),
      kr('co-nps', 'NPS stays above 40', P.ananya, 'stay_above', { target: 40 }),
    ],
  },
  {
    ref: 'co-customers',
    title: 'Customers renew without being asked',
    level: 'company',
    owner: P.greta.id,
    keyResults: [
      kr('co-grr', 'Gross revenue retention stays above 93%', P.kavya, 'stay_above', {
        target: 93,
        unit: '%',
      }),
      kr('co-churn', 'Logo churn stays below 2% a month', P.priya, 'stay_below', { target: 2, unit: '%' }),
      kr('co-nrr', 'Net revenue retention reaches 112%', P.ananya, 'increase', {
        start: 104,
        target: 112,
        unit: '%',
      }),
    ],
  },
  ...growthObjectives(),
  ...productObjectives(),
  ...successObjectives(),
];
