// `/okr show <id>`: one item in full. Each part of the message has its own text budget, so even an
// objective with dozens of key results and a long history stays one message within Slack's limits.
import type { KnownBlock } from '@slack/types';
import { isoFromDate } from '../../domain/dates.ts';
import { formatNumber } from '../../domain/numbers/index.ts';
import { isSlackUserId } from '../../domain/slack-ids.ts';
import { curveWords, type ProgressCurve } from '../../domain/status/index.ts';
import type {
  Change,
  ItemDetails,
  KeyResultDetails,
  KpiDetails,
  ObjectiveDetails,
  RiskDetails,
} from '../../services/item-details.ts';
import { MAX_SECTION_TEXT } from '../limits.ts';
import { escapeMrkdwn, mention, truncate } from '../text.ts';
import type { SlackMessage } from './message.ts';
import {
  amount,
  bandBadge,
  keyResultFigures,
  person,
  progressBar,
  reasonAfterBadge,
  slackDate,
  statusBadge,
  targetText,
} from './status-format.ts';
import { keyResultLine, plural } from './tree.ts';

/** Budgets per part: together they stay well under the ~12,000 characters Slack takes in one message. */
const BUDGET = { details: 2000, status: 1500, list: 2200, changes: 2500 } as const;

export function showMessage(item: ItemDetails): SlackMessage {
  switch (item.entity) {
    case 'objective':
      return objectiveMessage(item);
    case 'key_result':
      return keyResultMessage(item);
    case 'kpi':
      return kpiMessage(item);
    case 'risk':
      return riskMessage(item);
  }
}

function objectiveMessage(o: ObjectiveDetails): SlackMessage {
  const where = [
    `${o.level} objective`,
    o.teamName ? `team ${escapeMrkdwn(truncate(o.teamName, 80))}` : undefined,
    `owner ${person(o.ownerSlackId)}`,
    `cycle ${escapeMrkdwn(truncate(o.cycleName, 80))}`,
    o.parent
      ? `aligned under *${o.parent.ref}* ${escapeMrkdwn(truncate(o.parent.title, 100))}`
      : o.level === 'company'
        ? undefined
        : '_not aligned to a company objective_',
  ].filter(Boolean);
  const status = o.archived
    ? archivedNote(
        o.ref,
        `it no longer counts in ${escapeMrkdwn(o.cycleName)}`,
        `/okr objective restore ${o.ref}`,
      )
    : o.status
      ? statusPart(o.status.status, progressBar(o.status.progress), o.status.reasons)
      : '';
  const keyResults = [
    ...o.keyResults.map((kr) => `• ${keyResultLine(kr)}${reasonAfterBadge(kr.status, kr.reason)}`),
    ...o.otherKeyResults.map((kr) => `• *${kr.ref}* ${escapeMrkdwn(truncate(kr.title, 100))}`),
  ];
  const children = o.children.map(
    (c) =>
      `• *${c.ref}* ${escapeMrkdwn(truncate(c.title, 120))}${c.status ? ` · ${progressBar(c.progress)} · ${statusBadge(c.status)}` : ''}`,
  );
  return message(`${o.ref}: ${o.title}`, [
    details(o.ref, o.title, o.archived, [where.join(' · '), quote(o.description)]),
    status,
    listPart(
      '*Key results*',
      keyResults,
      BUDGET.list,
      o.archived ? '' : `_No key results yet: add one with \`/okr kr add ${o.ref} "…"\`._`,
    ),
    listPart('*Aligned under it*', children, BUDGET.list, ''),
    changesPart(o.changes),
  ]);
}

function keyResultMessage(kr: KeyResultDetails): SlackMessage {
  const milestones = kr.milestones.length
    ? `Milestones: ${kr.milestones.map((m) => `${m.done ? '✓' : '○'} ${escapeMrkdwn(truncate(m.title, 60))}`).join(', ')}`
    : undefined;
  const facts = [
    `on *${kr.objective.ref}* ${escapeMrkdwn(truncate(kr.objective.title, 100))}`,
    `owner ${person(kr.ownerSlackId)}`,
    measure(kr),
    kr.weight === 1 ? undefined : `weight ${formatNumber(kr.weight, { maxDecimals: 2 })}`,
    `${curveWords(kr.curve as ProgressCurve)} plan`,
  ].filter(Boolean);
  const checkIns = kr.checkIns.map((c) => {
    const confidence = c.confidence === null ? '' : ` · confidence ${c.confidence}/10`;
    const comment = c.comment ? ` · “${escapeMrkdwn(truncate(c.comment, 160))}”` : '';
    const who = c.authorSlackId ? ` · ${person(c.authorSlackId)}` : '';
    return `• ${isoFromDate(c.date)} · *${checkInValue(kr, c.value)}*${confidence}${comment}${who}`;
  });
  const status = kr.archived
    ? archivedNote(kr.ref, 'it no longer counts in its objective', `/okr kr restore ${kr.ref}`)
    : statusPart(
        kr.status.status,
        `${progressBar(kr.status.progress.measured ? kr.status.progress.raw : null)} · ${keyResultFigures(kr.figures)}`,
        [...kr.status.reasons],
        `Forecast: ${escapeMrkdwn(kr.status.forecast.text)}`,
      );
  return message(`${kr.ref}: ${kr.title}`, [
    details(kr.ref, kr.title, kr.archived, [facts.join(' · '), milestones]),
    status,
    listPart(
      '*Check-ins*, newest first',
      checkIns,
      BUDGET.list,
      '_No check-ins yet._',
      kr.earlierCheckIns > 0 ? `…and ${kr.earlierCheckIns} earlier` : undefined,
    ),
    changesPart(kr.changes),
  ]);
}

function measure(kr: KeyResultDetails): string {
  return targetText(kr, plural(kr.milestones.length, 'milestone'));
}

function checkInValue(kr: KeyResultDetails, value: number): string {
  if (kr.kind === 'boolean') return value >= 1 ? 'done' : 'not done';
  return amount(value, kr.unit);
}

function kpiMessage(k: KpiDetails): SlackMessage {
  const sign = k.direction === 'lower_is_better' ? '≤' : '≥';
  const facts = [
    `owner ${person(k.ownerSlackId)}`,
    k.teamName ? `team ${escapeMrkdwn(truncate(k.teamName, 80))}` : undefined,
    `target ${amount(k.target, k.unit)}, green ${sign} ${amount(k.green, k.unit)}, amber ${sign} ${amount(k.amber, k.unit)}`,
    k.direction === 'lower_is_better' ? 'lower is better' : 'higher is better',
    `read ${k.cadence}`,
  ].filter(Boolean);
  const latest = k.status.latest
    ? `latest *${amount(k.status.latest.value, k.unit)}* · ${bandBadge(k.status.band)}`
    : bandBadge(null);
  const readings = k.readings.map(
    (r) => `• ${r.period} (${isoFromDate(r.date)}) · *${amount(r.value, k.unit)}*`,
  );
  const status = k.archived
    ? archivedNote(k.ref, 'it is no longer tracked', undefined)
    : statusPart(k.status.status, latest, k.status.reasons);
  return message(`${k.ref}: ${k.title}`, [
    details(k.ref, k.title, k.archived, [facts.join(' · ')]),
    status,
    listPart(
      '*Readings*, newest first',
      readings,
      BUDGET.list,
      '_No readings yet._',
      k.earlierReadings > 0 ? `…and ${k.earlierReadings} earlier` : undefined,
    ),
    changesPart(k.changes),
  ]);
}

function riskMessage({ risk, changes }: RiskDetails): SlackMessage {
  const facts = [
    `owner ${person(risk.ownerSlackId)}`,
    `score *${risk.score}* (likelihood ${risk.likelihood} × impact ${risk.impact})`,
    `status ${risk.status}${risk.closedAt ? ` on ${risk.closedAt}` : ''}`,
    risk.linked
      ? `on *${risk.linked.ref}* ${escapeMrkdwn(truncate(risk.linked.title, 100))}`
      : 'not linked to an item',
  ];
  const mitigation = risk.mitigation
    ? `*Mitigation*\n${quote(risk.mitigation)}`
    : `*Mitigation*\n_None yet: \`/okr risk edit ${risk.ref} --mitigation "…"\`._`;
  return message(`${risk.ref}: ${risk.title}`, [
    details(
      risk.ref,
      risk.title,
      risk.status === 'closed',
      [facts.join(' · '), quote(risk.description)],
      'closed',
    ),
    truncate(mitigation, BUDGET.status),
    changesPart(changes),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Parts

function details(
  ref: string,
  title: string,
  archived: boolean,
  lines: Array<string | undefined>,
  archivedWord = 'archived',
): string {
  const head = `*${ref}* ${escapeMrkdwn(truncate(title, 200))}${archived ? ` _(${archivedWord})_` : ''}`;
  return truncate([head, ...lines.filter((l): l is string => Boolean(l))].join('\n'), BUDGET.details);
}

function quote(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return truncate(escapeMrkdwn(truncate(trimmed, 600)), 1000)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function statusPart(
  status: Parameters<typeof statusBadge>[0],
  measure: string,
  reasons: readonly string[],
  extra?: string,
): string {
  const lines = [
    `*Status* ${statusBadge(status)} · ${measure}`,
    ...reasons.map((reason) => `• ${escapeMrkdwn(truncate(reason, 300))}`),
    ...(extra ? [extra] : []),
  ];
  return fitLines(lines, BUDGET.status, (n) => `…and ${n} more reasons`);
}

function archivedNote(ref: string, consequence: string, restore: string | undefined): string {
  const how = restore ? ` A PMO admin can bring it back with \`${restore}\`.` : '';
  return `:file_cabinet: *${ref} is archived*: ${consequence}.${how}`;
}

function listPart(
  title: string,
  lines: readonly string[],
  budget: number,
  empty: string,
  earlier?: string,
): string {
  if (lines.length === 0) return empty ? `${title}\n${empty}` : '';
  const fitted = fitLines([title, ...lines], budget - (earlier?.length ?? 0) - 1, (n) => `…and ${n} more`);
  return earlier ? `${fitted}\n${earlier}` : fitted;
}

function changesPart(changes: readonly Change[]): string {
  if (changes.length === 0) return '';
  return fitLines(['*Recent changes*', ...changes.map(changeLine)], BUDGET.changes, (n) => `…and ${n} more`);
}

/** As many lines as fit the budget; the rest counted on a last line. */
function fitLines(lines: readonly string[], budget: number, more: (n: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, raw] of lines.entries()) {
    const line = truncate(raw, 1000);
    const left = lines.length - i;
    const tail = left > 1 ? more(left).length + 1 : 0;
    if (used + line.length + 1 + tail > budget) {
      kept.push(more(left));
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}

function message(fallback: string, parts: readonly string[]): SlackMessage {
  const blocks: KnownBlock[] = parts
    .filter((part) => part.trim() !== '')
    .map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(part, MAX_SECTION_TEXT) } }));
  return { text: truncate(fallback, 300), blocks };
}

// ---------------------------------------------------------------------------------------------------------
// Audit entries, readable

const ACTIONS: Record<string, string> = {
  create: 'created it',
  update: 'changed',
  archive: 'archived it',
  restore: 'restored it',
  import: 'imported',
  role: 'changed the role',
  close: 'closed it',
  check_in: 'checked in',
};

const FIELDS_SHOWN = 4;

/** "• 10 Feb 14:05 · <@U1> changed title “Old” → “New”; weight 1 → 2". */
export function changeLine(change: Change): string {
  const who = isSlackUserId(change.actor) ? mention(change.actor) : `_${escapeMrkdwn(change.actor)}_`;
  const verb = ACTIONS[change.action] ?? escapeMrkdwn(change.action);
  // A creation or an archive speaks for itself; listing every field would bury the later changes.
  const quiet = ['create', 'archive', 'restore'].includes(change.action);
  const keys = quiet ? [] : [...new Set([...Object.keys(change.after), ...Object.keys(change.before)])];
  const fields = keys.slice(0, FIELDS_SHOWN).map((key) => {
    const name = fieldName(key);
    const hadBefore = key in change.before;
    const hasAfter = key in change.after;
    if (hadBefore && hasAfter)
      return `${name} ${fieldValue(change.before[key])} → ${fieldValue(change.after[key])}`;
    if (hasAfter) return `${name} ${fieldValue(change.after[key])}`;
    return `${name} ${fieldValue(change.before[key])} → none`;
  });
  const more = keys.length > FIELDS_SHOWN ? `; and ${keys.length - FIELDS_SHOWN} more fields` : '';
  const what = fields.length ? ` ${fields.join('; ')}${more}` : '';
  return `• ${slackDate(change.at)} · ${who} ${verb}${what}`;
}

function fieldName(key: string): string {
  return escapeMrkdwn(
    key
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase(),
  );
}

function fieldValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number')
    return Number.isFinite(value) ? formatNumber(value, { maxDecimals: 2 }) : String(value);
  if (typeof value === 'string') {
    if (isSlackUserId(value)) return mention(value);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return value.slice(0, 10);
    return `“${escapeMrkdwn(truncate(value.replace(/\s+/g, ' '), 60))}”`;
  }
  if (Array.isArray(value)) {
    // Mentions must stay whole, so items are dropped rather than the joined text cut.
    const shown = value.slice(0, 5).map(fieldValue).join(', ');
    return value.length > 5 ? `${shown} and ${value.length - 5} more` : shown || 'none';
  }
  return escapeMrkdwn(truncate(JSON.stringify(value), 80));
}
