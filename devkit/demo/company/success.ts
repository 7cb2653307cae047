// Customer Success's objectives for 2026 Q1: renewals, support and onboarding (Kolkata).
import { type DemoObjective, kr } from './key-result.ts';
import { PEOPLE as P } from './people.ts';

export function successObjectives(): DemoObjective[] {
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
