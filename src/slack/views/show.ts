// `/okr show <id>`: one item in full. Each part of the message has its own text budget, so even an
// objective with dozens of key results and a long history stays one message within Slack's limits.
// Every part is Mrkdwn (mrkdwn.ts): user text is escaped and kept on its line by construction, and the
// notification fallback is built from the same escaped head line as the first block.
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
import { EMPTY, type Mrkdwn, md } from '../mrkdwn.ts';
import { truncate } from '../text.ts';
import { type SlackMessage, sectionsMessage } from './message.ts';
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

const owner = (slackId: string | null) => (slackId ? md`owner ${person(slackId)}` : md`no owner`);
const present = (parts: ReadonlyArray<Mrkdwn | undefined>): Mrkdwn[] =>
  parts.filter((part): part is Mrkdwn => part !== undefined);

function objectiveMessage(o: ObjectiveDetails): SlackMessage {
  const where = present([
    md`${o.level} objective`,
    o.teamName ? md`team ${truncate(o.teamName, 80)}` : undefined,
    owner(o.ownerSlackId),
    md`cycle ${truncate(o.cycleName, 80)}`,
    o.parent
      ? md`aligned under *${o.parent.ref}* ${truncate(o.parent.title, 100)}`
      : o.level === 'company'
        ? undefined
        : md`_not aligned to a company objective_`,
  ]);
  const status = o.archived
    ? archivedNote(o.ref, md`it no longer counts in ${o.cycleName}`, `/okr objective restore ${o.ref}`)
    : o.status
      ? statusPart(o.status.status, progressBar(o.status.progress), o.status.reasons)
      : EMPTY;
  const keyResults = [
    ...o.keyResults.map((kr) => md`• ${keyResultLine(kr)}${reasonAfterBadge(kr.status, kr.reason)}`),
    ...o.otherKeyResults.map((kr) => md`• *${kr.ref}* ${truncate(kr.title, 100)}`),
  ];
  const children = o.children.map(
    (c) =>
      md`• *${c.ref}* ${truncate(c.title, 120)}${c.status ? md` · ${progressBar(c.progress)} · ${statusBadge(c.status)}` : EMPTY}`,
  );
  return message([
    details(o.ref, o.title, o.archived, [md.join(where, md` · `), quote(o.description)]),
    status,
    listPart(
      md`*Key results*`,
      keyResults,
      BUDGET.list,
      o.archived ? EMPTY : md`_No key results yet: add one with \`/okr kr add ${o.ref} "…"\`._`,
    ),
    listPart(md`*Aligned under it*`, children, BUDGET.list, EMPTY),
    changesPart(o.changes),
  ]);
}

function keyResultMessage(kr: KeyResultDetails): SlackMessage {
  const milestones = kr.milestones.length
    ? md`Milestones: ${md.join(
        kr.milestones.map((m) => md`${m.done ? '✓' : '○'} ${truncate(m.title, 60)}`),
        md`, `,
      )}`
    : undefined;
  const facts = present([
    md`on *${kr.objective.ref}* ${truncate(kr.objective.title, 100)}`,
    owner(kr.ownerSlackId),
    measure(kr),
    kr.weight === 1 ? undefined : md`weight ${formatNumber(kr.weight, { maxDecimals: 2 })}`,
    md`${curveWords(kr.curve as ProgressCurve)} plan`,
  ]);
  const checkIns = kr.checkIns.map((c) => {
    const confidence = c.confidence === null ? EMPTY : md` · confidence ${c.confidence}/10`;
    const comment = c.comment ? md` · “${truncate(c.comment, 160)}”` : EMPTY;
    const who = c.authorSlackId ? md` · ${person(c.authorSlackId)}` : EMPTY;
    return md`• ${isoFromDate(c.date)} · *${checkInValue(kr, c.value)}*${confidence}${comment}${who}`;
  });
  const status = kr.archived
    ? archivedNote(kr.ref, md`it no longer counts in its objective`, `/okr kr restore ${kr.ref}`)
    : statusPart(
        kr.status.status,
        md`${progressBar(kr.status.progress.measured ? kr.status.progress.raw : null)} · ${keyResultFigures(kr.figures)}`,
        [...kr.status.reasons],
        md`Forecast: ${kr.status.forecast.text}`,
      );
  return message([
    details(kr.ref, kr.title, kr.archived, [md.join(facts, md` · `), milestones]),
    status,
    listPart(
      md`*Check-ins*, newest first`,
      checkIns,
      BUDGET.list,
      md`_No check-ins yet._`,
      kr.earlierCheckIns > 0 ? md`…and ${kr.earlierCheckIns} earlier` : undefined,
    ),
    changesPart(kr.changes),
  ]);
}

function measure(kr: KeyResultDetails): Mrkdwn {
  return targetText(kr, md`${plural(kr.milestones.length, 'milestone')}`);
}

function checkInValue(kr: KeyResultDetails, value: number): Mrkdwn {
  if (kr.kind === 'boolean') return value >= 1 ? md`done` : md`not done`;
  return amount(value, kr.unit);
}

function kpiMessage(k: KpiDetails): SlackMessage {
  const sign = k.direction === 'lower_is_better' ? '≤' : '≥';
  const facts = present([
    owner(k.ownerSlackId),
    k.teamName ? md`team ${truncate(k.teamName, 80)}` : undefined,
    md`target ${amount(k.target, k.unit)}, green ${sign} ${amount(k.green, k.unit)}, amber ${sign} ${amount(k.amber, k.unit)}`,
    k.direction === 'lower_is_better' ? md`lower is better` : md`higher is better`,
    md`read ${k.cadence}`,
  ]);
  const latest = k.status.latest
    ? md`latest *${amount(k.status.latest.value, k.unit)}* · ${bandBadge(k.status.band)}`
    : bandBadge(null);
  const readings = k.readings.map(
    (r) => md`• ${r.period} (${isoFromDate(r.date)}) · *${amount(r.value, k.unit)}*`,
  );
  const status = k.archived
    ? archivedNote(k.ref, md`it is no longer tracked`, undefined)
    : statusPart(k.status.status, latest, k.status.reasons);
  return message([
    details(k.ref, k.title, k.archived, [md.join(facts, md` · `)]),
    status,
    listPart(
      md`*Readings*, newest first`,
      readings,
      BUDGET.list,
      md`_No readings yet._`,
      k.earlierReadings > 0 ? md`…and ${k.earlierReadings} earlier` : undefined,
    ),
    changesPart(k.changes),
  ]);
}

function riskMessage({ risk, changes }: RiskDetails): SlackMessage {
  const facts = [
    owner(risk.ownerSlackId),
    md`score *${risk.score}* (likelihood ${risk.likelihood} × impact ${risk.impact})`,
    md`status ${risk.status}${risk.closedAt ? ` on ${risk.closedAt}` : ''}`,
    risk.linked ? md`on *${risk.linked.ref}* ${truncate(risk.linked.title, 100)}` : md`not linked to an item`,
  ];
  const mitigation = risk.mitigation
    ? md`*Mitigation*\n${quote(risk.mitigation) ?? EMPTY}`
    : md`*Mitigation*\n_None yet: \`/okr risk edit ${risk.ref} --mitigation "…"\`._`;
  return message([
    details(
      risk.ref,
      risk.title,
      risk.status === 'closed',
      [md.join(facts, md` · `), quote(risk.description)],
      'closed',
    ),
    md.truncate(mitigation, BUDGET.status),
    changesPart(changes),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Parts

/** The head line: the item's id and title, on one line whatever the title holds. */
const headLine = (ref: string, title: string, archived: boolean, archivedWord: string) =>
  md`*${ref}* ${truncate(title, 200)}${archived ? md` _(${archivedWord})_` : EMPTY}`;

function details(
  ref: string,
  title: string,
  archived: boolean,
  lines: Array<Mrkdwn | undefined>,
  archivedWord = 'archived',
): Mrkdwn {
  const head = headLine(ref, title, archived, archivedWord);
  return md.truncate(md.join([head, ...present(lines)], md`\n`), BUDGET.details);
}

/** A description as a block quote: its own line breaks are kept, each line quoted. */
function quote(text: string): Mrkdwn | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const lines = truncate(trimmed, 600).split(/\r?\n/);
  return md.truncate(
    md.join(
      lines.map((line) => md`> ${line}`),
      md`\n`,
    ),
    1000,
  );
}

function statusPart(
  status: Parameters<typeof statusBadge>[0],
  measure: Mrkdwn,
  reasons: readonly string[],
  extra?: Mrkdwn,
): Mrkdwn {
  const lines = [
    md`*Status* ${statusBadge(status)} · ${measure}`,
    ...reasons.map((reason) => md`• ${truncate(reason, 300)}`),
    ...(extra ? [extra] : []),
  ];
  return fitLines(lines, BUDGET.status, (n) => md`…and ${n} more reasons`);
}

function archivedNote(ref: string, consequence: Mrkdwn, restore: string | undefined): Mrkdwn {
  const how = restore ? md` A PMO admin can bring it back with \`${restore}\`.` : EMPTY;
  return md`:file_cabinet: *${ref} is archived*: ${consequence}.${how}`;
}

function listPart(
  title: Mrkdwn,
  lines: readonly Mrkdwn[],
  budget: number,
  empty: Mrkdwn,
  earlier?: Mrkdwn,
): Mrkdwn {
  if (lines.length === 0) return empty.length ? md`${title}\n${empty}` : EMPTY;
  const fitted = fitLines([title, ...lines], budget - (earlier?.length ?? 0) - 1, (n) => md`…and ${n} more`);
  return earlier ? md`${fitted}\n${earlier}` : fitted;
}

function changesPart(changes: readonly Change[]): Mrkdwn {
  if (changes.length === 0) return EMPTY;
  return fitLines(
    [md`*Recent changes*`, ...changes.map(changeLine)],
    BUDGET.changes,
    (n) => md`…and ${n} more`,
  );
}

/** As many lines as fit the budget; the rest counted on a last line. */
function fitLines(lines: readonly Mrkdwn[], budget: number, more: (n: number) => Mrkdwn): Mrkdwn {
  const kept: Mrkdwn[] = [];
  let used = 0;
  for (const [i, raw] of lines.entries()) {
    const line = md.truncate(raw, 1000);
    const left = lines.length - i;
    const tail = left > 1 ? more(left).length + 1 : 0;
    if (used + line.length + 1 + tail > budget) {
      kept.push(more(left));
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return md.join(kept, md`\n`);
}

/** The sections that have something to say; the fallback is the first (the item's escaped head line). */
function message(parts: readonly Mrkdwn[]): SlackMessage {
  const shown = parts.filter((part) => part.text.trim() !== '');
  const head = shown[0] ?? EMPTY;
  return sectionsMessage(shown, { fallback: md.truncate(md.firstLine(head), 300) });
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
export function changeLine(change: Change): Mrkdwn {
  const who = isSlackUserId(change.actor) ? md.user(change.actor) : md`_${change.actor}_`;
  const verb = ACTIONS[change.action] ?? change.action;
  // A creation or an archive speaks for itself; listing every field would bury the later changes.
  const quiet = ['create', 'archive', 'restore'].includes(change.action);
  // A field written again with the same value ("period W48 → W48") is not a change worth a word.
  const changed = (key: string) =>
    !(key in change.before && key in change.after) ||
    JSON.stringify(change.before[key]) !== JSON.stringify(change.after[key]);
  const keys = quiet
    ? []
    : [...new Set([...Object.keys(change.after), ...Object.keys(change.before)])].filter(changed);
  const fields = keys.slice(0, FIELDS_SHOWN).map((key) => {
    const name = fieldName(key);
    const hadBefore = key in change.before;
    const hasAfter = key in change.after;
    if (hadBefore && hasAfter)
      return md`${name} ${fieldValue(change.before[key])} → ${fieldValue(change.after[key])}`;
    if (hasAfter) return md`${name} ${fieldValue(change.after[key])}`;
    return md`${name} ${fieldValue(change.before[key])} → none`;
  });
  const more = keys.length > FIELDS_SHOWN ? md`; and ${keys.length - FIELDS_SHOWN} more fields` : EMPTY;
  const what = fields.length ? md` ${md.join(fields, md`; `)}${more}` : EMPTY;
  return md`• ${slackDate(change.at)} · ${who} ${verb}${what}`;
}

function fieldName(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

function fieldValue(value: unknown): Mrkdwn {
  if (value === null || value === undefined || value === '') return md`none`;
  if (typeof value === 'boolean') return value ? md`yes` : md`no`;
  if (typeof value === 'number')
    return md`${Number.isFinite(value) ? formatNumber(value, { maxDecimals: 2 }) : String(value)}`;
  if (typeof value === 'string') {
    if (isSlackUserId(value)) return md.user(value);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return md`${value.slice(0, 10)}`;
    return md`“${truncate(value.replace(/\s+/g, ' '), 60)}”`;
  }
  if (Array.isArray(value)) {
    // Mentions must stay whole, so items are dropped rather than the joined text cut.
    const shown = md.join(value.slice(0, 5).map(fieldValue), md`, `);
    return value.length > 5 ? md`${shown} and ${value.length - 5} more` : shown.length ? shown : md`none`;
  }
  return md`${truncate(JSON.stringify(value), 80)}`;
}
