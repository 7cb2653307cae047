// Fernhill's plan for 2026 Q1 as a PMO would write it: three company objectives, three per team, 40 key
// results of every kind, 8 KPIs and a few risks. `pace` is how the key result has really gone so far
// (1 = on plan) and only feeds the generated check-in history (history.ts); it is not part of the plan file.
import { CHANNELS, PEOPLE as P } from './people.ts';

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

export interface DemoKeyResult {
  ref: string;
  title: string;
  owner: string;
  kind: 'increase' | 'decrease' | 'stay_above' | 'stay_below' | 'boolean' | 'milestone';
  start?: number;
  target?: number;
  unit?: string;
  curve?: 'linear' | 'back_loaded' | 'front_loaded';
  milestones?: string[];
  /** 1 = on plan; below 0.95 the owner is less sure. A yes/no key result with pace 1 was done by week 4. */
  pace: number;
}

export interface DemoObjective {
  ref: string;
  title: string;
  level: 'company' | 'team';
  team?: string;
  owner: string;
  parent?: string;
  keyResults: DemoKeyResult[];
}

const kr = (
  ref: string,
  title: string,
  owner: { id: string },
  kind: DemoKeyResult['kind'],
  shape: Omit<DemoKeyResult, 'ref' | 'title' | 'owner' | 'kind' | 'pace'> = {},
  pace = 1,
): DemoKeyResult => ({
  ref,
  title,
  owner: owner.id,
  kind,
  // The PMO chose each curve: straight-line unless the key result says otherwise.
  ...(kind.startsWith('stay_') || kind === 'boolean'
    ? {}
    : { curve: kind === 'milestone' ? 'back_loaded' : 'linear' }),
  ...shape,
  pace,
});

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
  ...growth(),
  ...product(),
  ...success(),
];

function growth(): DemoObjective[] {
  const team = { level: 'team' as const, team: 'Growth' };
  return [
    {
      ref: 'gr-pipeline',
      title: 'Build a pipeline we can forecast',
      ...team,
      owner: P.maya.id,
      parent: 'co-midmarket',
      keyResults: [
        kr('gr-demos', 'Qualified demos per week', P.ethan, 'increase', { start: 12, target: 30 }, 0.95),
        kr('gr-sql', 'Sales-qualified leads per month', P.ethan, 'increase', { start: 40, target: 90 }),
        kr('gr-cpl', 'Cost per lead stays below $180', P.olivia, 'stay_below', { target: 180, unit: '$' }),
        kr('gr-cycle', 'Cut the median sales cycle to 35 days', P.noah, 'decrease', {
          start: 58,
          target: 35,
          unit: 'days',
        }),
      ],
    },
    {
      ref: 'gr-brand',
      title: 'Be known in logistics circles',
      ...team,
      owner: P.olivia.id,
      parent: 'co-midmarket',
      keyResults: [
        kr('gr-webinars', 'Run 6 webinars with industry partners', P.olivia, 'increase', {
          start: 0,
          target: 6,
        }),
        kr('gr-case-studies', 'Publish the case-study library', P.olivia, 'milestone', {
          milestones: ['Pick 8 customers', 'Interviews done', 'Library live'],
        }),
        kr('gr-organic', 'Organic sign-ups per week', P.ava, 'increase', { start: 150, target: 260 }, 1.05),
      ],
    },
    {
      ref: 'gr-partners',
      title: 'Partners sell for us',
      ...team,
      owner: P.ava.id,
      parent: 'co-midmarket',
      keyResults: [
        kr('gr-partner-deals', 'Partner-sourced deals', P.ava, 'increase', { start: 2, target: 15 }, 0.85),
        kr('gr-reseller', 'Reseller agreement signed with FreightHub', P.maya, 'boolean'),
        kr('gr-partner-portal', 'Launch the partner portal', P.ava, 'milestone', {
          milestones: ['Scope agreed', 'Beta with 3 partners', 'Portal live'],
        }),
      ],
    },
  ];
}

function product(): DemoObjective[] {
  const team = { level: 'team' as const, team: 'Product' };
  return [
    {
      ref: 'pr-onboarding',
      title: 'Onboarding that sells itself',
      ...team,
      owner: P.lena.id,
      parent: 'co-product',
      keyResults: [
        kr('pr-ttv', 'Cut median time-to-first-dashboard', P.tobias, 'decrease', {
          start: 9,
          target: 2,
          unit: 'days',
        }),
        kr('pr-activation', 'Trial activation rate', P.tobias, 'increase', {
          start: 22,
          target: 40,
          unit: '%',
        }),
        kr('pr-import', 'Ship self-serve data import', P.mia, 'milestone', {
          milestones: ['Design reviewed', 'Beta with 5 customers', 'General availability'],
        }),
      ],
    },
    {
      ref: 'pr-reliability',
      title: 'Dashboards that never keep anyone waiting',
      ...team,
      owner: P.mia.id,
      parent: 'co-product',
      keyResults: [
        kr('pr-p95', 'p95 dashboard load stays below 1.5 s', P.mia, 'stay_below', { target: 1.5, unit: 's' }),
        kr('pr-uptime', 'Uptime stays above 99.9%', P.mia, 'stay_above', { target: 99.9, unit: '%' }),
        kr('pr-incidents', 'Sev-1 incidents down to 1 a month', P.mia, 'decrease', { start: 4, target: 1 }),
        kr('pr-pages', 'On-call pages per week stay below 10', P.tobias, 'stay_below', { target: 10 }),
      ],
    },
    {
      ref: 'pr-insights',
      title: 'Insights people act on',
      ...team,
      owner: P.lena.id,
      parent: 'co-product',
      keyResults: [
        kr('pr-alerts', 'Teams using smart alerts', P.lena, 'increase', { start: 80, target: 400 }, 1.1),
        kr('pr-forecasting', 'Release demand forecasting', P.tobias, 'milestone', {
          milestones: ['Model validated', 'Private beta', 'Released'],
        }),
        kr('pr-soc2', 'SOC 2 Type II report issued', P.jonas, 'boolean', {}, 0.9),
        kr('pr-api', 'API calls per day', P.lena, 'increase', { start: 200_000, target: 500_000 }),
      ],
    },
  ];
}

function success(): DemoObjective[] {
  const team = { level: 'team' as const, team: 'Customer Success' };
  return [
    {
      ref: 'cs-renewals',
      title: 'Every renewal is a non-event',
      ...team,
      owner: P.ananya.id,
      parent: 'co-customers',
      keyResults: [
        kr('cs-qbr', 'QBRs held with top-50 accounts', P.kavya, 'increase', { start: 0, target: 50 }, 0.9),
        kr('cs-playbook', 'Renewal playbook adopted by the whole team', P.ananya, 'boolean'),
        kr('cs-at-risk', 'At-risk accounts', P.kavya, 'decrease', { start: 14, target: 4 }),
        kr('cs-expansion', 'Expansion revenue', P.priya, 'increase', {
          start: 0,
          target: 300_000,
          unit: '$',
          curve: 'back_loaded',
        }),
      ],
    },
    {
      ref: 'cs-support',
      title: 'Support that feels like a colleague',
      ...team,
      owner: P.vikram.id,
      parent: 'co-customers',
      keyResults: [
        kr('cs-frt', 'First response stays below 2 hours', P.vikram, 'stay_below', {
          target: 2,
          unit: 'hours',
        }),
        kr('cs-csat', 'CSAT stays above 92%', P.vikram, 'stay_above', { target: 92, unit: '%' }),
        kr('cs-backlog', 'Open ticket backlog', P.vikram, 'decrease', { start: 320, target: 120 }),
        kr('cs-deflection', 'Help-centre deflection rate', P.arjun, 'increase', {
          start: 18,
          target: 35,
          unit: '%',
        }),
      ],
    },
    {
      ref: 'cs-onboarding',
      title: 'Live in two weeks, every time',
      ...team,
      owner: P.arjun.id,
      parent: 'co-product',
      keyResults: [
        kr('cs-golive', 'Median days to go-live', P.arjun, 'decrease', {
          start: 30,
          target: 14,
          unit: 'days',
        }),
        kr('cs-academy', 'Launch Fernhill Academy', P.priya, 'milestone', {
          milestones: ['Curriculum', 'First 5 courses', 'Certification'],
        }),
        kr('cs-health', 'Accounts with a health score', P.priya, 'increase', { start: 120, target: 400 }),
        kr('cs-templates', 'Onboarding templates in use', P.arjun, 'increase', { start: 3, target: 12 }),
      ],
    },
  ];
}
