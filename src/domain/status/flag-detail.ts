// The numbers behind a status, one short plain-text phrase each, as a flag shows them. Plain text: the Slack
// layer escapes it when it renders the message.
import { formatPercent } from './format.ts';
import type { KeyResultStatus } from './key-result-status.ts';
import type { KpiStatus } from './kpi-status.ts';
import type { ObjectiveStatus } from './objective-status.ts';
import { curveWords } from './outlook.ts';
import { statusLabel } from './status-level.ts';

function confidenceText(latest: number | null): string {
  return latest === null ? '' : ` · confidence ${latest}/10`;
}

export function keyResultDetail(status: KeyResultStatus): string {
  const expected = formatPercent(status.expected);
  // Without a value there is nothing "done" to set against the plan: say that, then where it should be.
  const head = status.progress.measured
    ? `${formatPercent(status.progress.capped)} done vs ${expected} expected`
    : `no value yet, ${expected} expected by now`;
  // The weighed forecast decides increase/decrease key results: name the curve it measured against and,
  // when the owner's record changed how their rating was read, say so.
  const weighed = status.forecast.method === 'weighed';
  const curve = weighed ? ` on a ${curveWords(status.curve)} plan` : '';
  const record = weighed
    ? status.signals.find((s) => s.code === 'calibration' && s.text.includes('past ratings'))
    : undefined;
  const calibration = record ? ` · ${record.text}` : '';
  return `${head}${curve}${confidenceText(status.confidence.latest)}${calibration}`;
}

/** An objective is flagged for what its key results are doing: name the worst of them first, then the numbers. */
export function objectiveDetail(status: ObjectiveStatus): string {
  if (status.progress === null || status.expected === null) return status.summary;
  const numbers = `${formatPercent(status.progress)} done vs ${formatPercent(status.expected)} expected`;
  const worst = status.drivers[0];
  if (!worst) return numbers;
  const named = status.drivers.filter((d) => d.status === worst.status);
  const share = named.reduce((sum, d) => sum + d.weightShare, 0);
  const titles = named.map((d) => d.title).join(', ');
  return `${titles} ${statusLabel(worst.status)} (${formatPercent(share)} of weight) · ${numbers}`;
}

export function kpiDetail(status: KpiStatus): string {
  // The engine's band reason already reads "at 4.2%, red (green ≤ 2.5%, amber ≤ 4%)".
  return status.reasons[0] ?? status.summary;
}
