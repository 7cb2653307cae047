import { OWNER_PRIOR_STRENGTH, PRIOR_BIAS, WORKSPACE_PRIOR_STRENGTH } from './calibration.ts';
import { formatPercent } from './format.ts';
import {
  FRESH_PERIODS,
  OWNER_WEIGHT_MAX,
  PLAN_PSEUDO_SHARE,
  STRONG_OWNER_WEIGHT,
  STRONG_RATING,
} from './outlook.ts';
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
    'Every key result, objective and KPI is on track, at risk or off track, and every status lists its',
    'reasons in plain words, the ones that decided it first and the evidence weighed into it after.',
    '',
    'Key results that increase or decrease',
    '- Okra weighs what the numbers say against what the owner says and forecasts where the key result',
    '  will end, as a share of its target, with a range and what it assumed, e.g. "on course for',
    "  70–85% of target, weighing the numbers along the straight-line plan (72%) and the owner's",
    '  8/10 read as 85%".',
    `  Below ${formatPercent(s.forecastAtRiskBelow)} is at risk, below ${formatPercent(s.forecastOffTrackBelow)} is off track.`,
    '- The numbers. Each key result has a planned curve: straight-line by default, back-loaded (most',
    '  progress late, e.g. a launch) or front-loaded (most progress early). The pace so far along that',
    `  curve (with the plan itself counting for ${formatPercent(PLAN_PSEUDO_SHARE)} of the cycle, so one early week is not read as`,
    `  the quarter) is averaged with a robust trend through the last ${s.forecastWindow} check-ins (at least`,
    `  ${s.forecastMinPoints}; only once ${formatPercent(s.forecastSignalAfterElapsed)} of the cycle had passed at the latest check-in).`,
    `  The gap to the curve is shown too: more than ${s.atRiskGapPoints} points behind reads "at risk", more than`,
    `  ${s.offTrackGapPoints} "off track", but the gap alone does not decide.`,
    '- The owner. The latest confidence (0–10) is read as an expected attainment through the',
    "  owner's calibration: how their ratings matched outcomes in finished cycles (or the workspace's,",
    `  for an owner without history; with no finished cycles at all, a 7 reads as ${formatPercent(0.7 + PRIOR_BIAS)}). It counts for`,
    `  up to ${formatPercent(OWNER_WEIGHT_MAX)} of the forecast: more when it has been steady, less when it has moved about, when`,
    '  past outcomes scattered widely around such ratings, or when the numbers have not moved while the',
    `  plan expected them to. A strong (${formatPercent(STRONG_RATING)} or more once calibrated), steady, fresh rating counts for`,
    `  ${formatPercent(STRONG_OWNER_WEIGHT)} when a back-loaded plan would explain the gap: the owner may know of a launch the plan does`,
    `  not show. A rating older than ${periods(FRESH_PERIODS)} counts only against the key result, never for it.`,
    `  Shown as evidence: ${s.offTrackConfidence} or below reads "off track", ${s.atRiskConfidence} or below "at risk", and a drop of ${s.confidenceDropAtRisk} or more.`,
    `- Freshness decides on its own. Check-ins are expected every ${period}. ${cap(periods(s.staleAtRiskPeriods))} without one is at`,
    `  risk, ${periods(s.staleOffTrackPeriods)} is off track. A key result with no check-in since the cycle began is at`,
    `  risk once one ${period} has passed.`,
    '- Once the cycle has ended, the last check-in is the result: it is compared with the full target',
    `  (more than ${s.atRiskGapPoints} points short is at risk, more than ${s.offTrackGapPoints} off track).`,
    '',
    'Other key results (stay above/below, yes/no, milestones)',
    '- The worst of their evidence decides: the gap against the plan (lines as above), the latest',
    `  confidence (${s.offTrackConfidence} or below off track, ${s.atRiskConfidence} or below at risk, a drop of ${s.confidenceDropAtRisk} or more at risk) and freshness.`,
    '',
    'Calibration',
    '- When a cycle has ended, each of its key results with a rating becomes one finished outcome: the',
    "  owner's average confidence during the cycle and the final attainment. The average difference",
    `  (final minus confidence/10) is the bias, shrunk towards the default (+${Math.round(PRIOR_BIAS * 100)} points) with the weight`,
    `  of ${WORKSPACE_PRIOR_STRENGTH} outcomes for the workspace, and an owner's towards the workspace's with the weight of ${OWNER_PRIOR_STRENGTH}. The`,
    "  outcomes live in the cycles' own check-ins, so exporting and importing past cycles carries them.",
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
    '- Okra projects each key result to the end of the cycle and shows a range and what it assumed.',
    '  The trend ignores odd one-off values. Other kinds: stay above/below projects the share of',
    '  check-ins holding the limit; milestones run from "nothing more" to "the rest of the plan".',
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
