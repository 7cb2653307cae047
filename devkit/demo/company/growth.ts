// Growth's objectives for 2026 Q1: pipeline, brand and partners (New York).
import { type DemoObjective, kr } from './key-result.ts';
import { PEOPLE as P } from './people.ts';

export function growthObjectives(): DemoObjective[] {
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
