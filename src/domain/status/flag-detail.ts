// The numbers behind a status, one short plain-text phrase each, as a flag shows them. Plain text: the Slack
// layer escapes it when it renders the message.
import { formatPercent } from './format.ts';
import type { KeyResultStatus } from './key-result-status.ts';
import type { KpiStatus } from './kpi-status.ts';
import type { ObjectiveStatus } from './objective-status.ts';

function confidenceText(latest: number | null): string {
  return latest === null ? '' : ` · confidence ${latest}/10`;
}

export function keyResultDetail(status: KeyResultStatus): string {
  const done = status.progress.measured ? formatPercent(status.progress.capped) : 'no value yet';
  return `${done} done vs ${formatPercent(status.expected)} expected${confidenceText(status.confidence.latest)}`;
}

export function objectiveDetail(status: ObjectiveStatus): string {
  if (status.progress === null || status.expected === null) return status.summary;
  return `${formatPercent(status.progress)} done vs ${formatPercent(status.expected)} expected`;
}

export function kpiDetail(status: KpiStatus): string {
  // The engine's band reason already reads "at 4.2%, red (green ≤ 2.5%, amber ≤ 4%)".
  return status.reasons[0] ?? status.summary;
}
