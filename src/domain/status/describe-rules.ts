import { formatPercent } from './format.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './settings.ts';

/**
 * The status rules in plain language, with the numbers currently in force, for a PMO to hand to
 * leaders. Generated from the settings so the explanation can never drift from the behaviour.
 */
export function describeStatusRules(settings: StatusSettings = DEFAULT_STATUS_SETTINGS): string {
  const s = settings;
  const period = s.checkInPeriodDays === 7 ? 'week' : `${s.checkInPeriodDays}-day period`;
  const periods = (n: number) => `${n} ${period}${n === 1 ? '' : 's'}`;
  return [
    'How Okra decides whether something is on track',
    '',
    'Every key result, objective and KPI is on track, at risk or off track. Okra looks at several',
    'pieces of evidence and the worst one wins, so one strong warning is never averaged away. Every',
    'status lists its reasons, the ones that decided it first.',
    '',
    'Key results',
    `- Progress against the plan. Each key result has a planned curve: straight-line by default,`,
    '  back-loaded (most progress late, e.g. a launch) or front-loaded (most progress early). Okra',
    '  compares actual progress with where the curve says it should be today:',
    `  more than ${s.atRiskGapPoints} points behind is at risk, more than ${s.offTrackGapPoints} points behind is off track.`,
    '- Confidence. Owners rate their confidence from 0 to 10 when they check in:',
    `  ${s.offTrackConfidence} or below is off track, ${s.atRiskConfidence} or below is at risk,`,
    `  and a drop of ${s.confidenceDropAtRisk} or more since the last rating is at risk.`,
    `- Benefit of the doubt. Owners often know what the numbers do not show yet (a launch date, a`,
    `  deal about to close). When the latest confidence is ${s.confidentOwnerAtLeast}/10 or more, was given in the last`,
    `  ${period} and has not fallen, a key result may be up to ${Math.min(s.offTrackGapPoints, s.atRiskGapPoints + s.confidentGapAllowancePoints)} points behind before it is at risk, and`,
    '  a weak trend alone does not make it at risk. It never excuses the off-track line or silence.',
    `- Freshness. Check-ins are expected every ${period}. ${cap(periods(s.staleAtRiskPeriods))} without one is at risk,`,
    `  ${periods(s.staleOffTrackPeriods)} is off track. A key result with no check-in since the cycle began is at risk`,
    `  once one ${period} has passed.`,
    `- Trend. Once ${formatPercent(s.forecastSignalAfterElapsed)} of the cycle has passed, Okra fits a robust trend`,
    `  through the last ${s.forecastWindow} check-ins (at least ${s.forecastMinPoints}). If it points to less than`,
    `  ${formatPercent(s.forecastAtRiskBelow)} of the target by the end of the cycle, the key result is at risk.`,
    '',
    'How progress is measured',
    '- Increase and decrease: the distance travelled from the start value towards the target.',
    '  "Lower is better" works the same way: cutting churn from 8% to 5% on the way to 2% is 50%.',
    '  Going past the target counts (120% is shown as 120%), and moving away from it counts as 0%.',
    '- Stay above / stay below: the share of check-ins that held the limit (the plan expects 100%),',
    '  and a latest value outside the limit is at least at risk.',
    `- Yes/no: done or not. Not done is at risk once ${formatPercent(s.booleanAtRiskAfterElapsed)} of the cycle has passed`,
    '  and off track when the cycle ends. Done is on track.',
    '- Milestones: the weighted share of milestones done. All done is on track.',
    '',
    'Objectives',
    '- Progress is the weighted average of their key results, each capped at 100% so one over-achiever',
    '  cannot hide a shortfall. Each aligned child objective counts as one more weighted item.',
    `- Off track when off-track items carry ${formatPercent(s.objectiveOffTrackWeightShare)} or more of the weight.`,
    `- At risk when any item is off track, or at-risk and off-track items together carry`,
    `  ${formatPercent(s.objectiveAtRiskWeightShare)} or more of the weight. The items responsible are named.`,
    '- An objective without key results is at risk: there is nothing to show it is on track.',
    '',
    'KPIs',
    '- Each KPI has a green and an amber line and a direction (higher or lower is better). A reading',
    '  on the good side of green is on track, between green and amber at risk, beyond amber off track.',
    `- Readings are expected every week or month (the KPI's cadence). ${s.kpiStaleAtRiskPeriods} missed periods is at`,
    `  risk, ${s.kpiStaleOffTrackPeriods} is off track. A KPI with no reading yet is at risk.`,
    '',
    'Forecasts',
    '- Okra projects each key result to the end of the cycle and shows a range, e.g. "on course for',
    '  70–85% of target". The trend ignores odd one-off values. With fewer than',
    `  ${s.forecastMinPoints} check-ins it assumes the rest of the plan is delivered, and says so.`,
    `  Forecasts never go below 0% or above ${formatPercent(s.forecastMaxAttainment)} of target.`,
    '',
    'Flags',
    '- Leaders are flagged once when something gets worse (on track to at risk, or anything to off',
    '  track, including a KPI entering red). Staying the same raises no new flag; improvements go into',
    '  the digest as good news.',
    '',
    'Risks',
    `- Risks are rated for likelihood and impact from 1 to 5; the score is the product. A score of`,
    `  ${s.riskEscalationScore} or more${s.escalateRisksLinkedToOffTrack ? ', or a risk linked to something already off track,' : ''} is escalated.`,
  ].join('\n');
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
