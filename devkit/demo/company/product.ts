// Product's objectives for 2026 Q1: onboarding, reliability and insights (Berlin).
import { type DemoObjective, kr } from './key-result.ts';
import { PEOPLE as P } from './people.ts';

export function productObjectives(): DemoObjective[] {
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
