// The weekly check-in modal: one group per key result (value fitting its kind, confidence, comment), one
// reading per due KPI, then blockers with an option to raise a risk. Long sheets are split into pages
// under Slack's 100-block limit; "Next" keeps earlier pages server-side.
import type { InputBlock, KnownBlock, Option, View } from '@slack/types';
import { formatNumber } from '../../../domain/numbers/index.ts';
import type { CheckInSheet, SheetKeyResult, SheetKpi } from '../../../services/check-in-sheet.ts';
import { SHEET_FIELD } from '../../../services/check-in-sheet.ts';
import { CHECKIN_CALLBACK } from '../../check-in-ids.ts';
import { MAX_BLOCKS_PER_VIEW } from '../../limits.ts';
import { EMPTY, md } from '../../mrkdwn.ts';
import { truncate } from '../../text.ts';
import { modal, option, staticSelect, textInput, VALUE } from '../inputs.ts';

/** Slack allows 10 options per checkboxes element: longer milestone lists take several. */
export const MILESTONES_PER_ELEMENT = 10;
/** Blocks kept free on each page for the page's own heading. */
const PAGE_BUDGET = MAX_BLOCKS_PER_VIEW - 2;

export interface SheetMeta {
  /** The period the check-in is for. */
  p: string;
  /** Page shown, from 0. */
  page: number;
  /** The draft holding earlier pages' answers. */
  d?: number;
}

export function readMeta(privateMetadata: string): SheetMeta | undefined {
  try {
    const raw = JSON.parse(privateMetadata) as Partial<SheetMeta>;
    if (typeof raw.p !== 'string' || typeof raw.page !== 'number') return undefined;
    return {
      p: raw.p,
      page: Math.max(0, Math.floor(raw.page)),
      ...(typeof raw.d === 'number' ? { d: raw.d } : {}),
    };
  } catch {
    return undefined;
  }
}

const num = (value: number | null) => (value === null ? '—' : formatNumber(value, { maxDecimals: 2 }));
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function milestoneOption(m: SheetKeyResult['milestones'][number]): Option {
  return option({ value: String(m.position), label: `${m.position}. ${m.title}` }) as Option;
}

function keyResultBlocks(kr: SheetKeyResult): KnownBlock[] {
  const done = kr.done ? ' _(checked in this week: a new answer replaces it)_' : '';
  const now =
    kr.kind === 'milestone'
      ? `${kr.milestones.filter((m) => m.done).length} of ${kr.milestones.length} milestones done`
      : kr.kind === 'boolean'
        ? `now ${kr.currentValue === 1 ? 'done' : 'not done'}`
        : md`now ${num(kr.currentValue)} of ${num(kr.targetValue)}${kr.unit ? md` ${truncate(kr.unit, 40)}` : EMPTY}`;
  const blocks: KnownBlock[] = [
    section(md`*${kr.ref}* ${truncate(kr.title, 200)} · ${now}${md`${done}`}`.text),
  ];
  if (kr.kind === 'milestone') {
    for (let chunk = 0; chunk * MILESTONES_PER_ELEMENT < Math.max(1, kr.milestones.length); chunk++) {
      const part = kr.milestones.slice(chunk * MILESTONES_PER_ELEMENT, (chunk + 1) * MILESTONES_PER_ELEMENT);
      if (part.length === 0) break;
      const options = part.map(milestoneOption);
      const initial = part.filter((m) => m.done).map(milestoneOption);
      const block: InputBlock = {
        type: 'input',
        block_id: SHEET_FIELD.krMilestones(kr.id, chunk),
        optional: true,
        label: {
          type: 'plain_text',
          text: chunk === 0 ? `${kr.ref} milestones done` : `${kr.ref} milestones (continued)`,
        },
        element: {
          type: 'checkboxes',
          action_id: VALUE,
          options,
          ...(initial.length ? { initial_options: initial } : {}),
        },
      };
      blocks.push(block);
    }
  } else if (kr.kind === 'boolean') {
    blocks.push(
      staticSelect(SHEET_FIELD.krValue(kr.id), {
        label: `${kr.ref} done?`,
        choices: [
          { value: 'yes', label: 'Yes, done' },
          { value: 'no', label: 'Not yet' },
        ],
        initial: kr.currentValue === 1 ? 'yes' : 'no',
      }),
    );
  } else {
    blocks.push(
      textInput(SHEET_FIELD.krValue(kr.id), {
        label: `${kr.ref} new value${kr.unit ? ` (${truncate(kr.unit, 40)})` : ''}`,
        optional: true,
        maxLength: 40,
        placeholder: 'e.g. 1,250 or 15%; leave empty to skip this one',
        ...(kr.currentValue !== null ? { initial: formatNumber(kr.currentValue, { maxDecimals: 4 }) } : {}),
      }),
    );
  }
  blocks.push(
    textInput(SHEET_FIELD.krConfidence(kr.id), {
      label: `${kr.ref} confidence (0–10)`,
      optional: true,
      maxLength: 5,
      ...(kr.lastConfidence !== null ? { initial: String(kr.lastConfidence) } : {}),
    }),
    textInput(SHEET_FIELD.krComment(kr.id), {
      label: `${kr.ref} comment`,
      optional: true,
      multiline: true,
      maxLength: 3000,
    }),
  );
  return blocks;
}

function kpiBlocks(kpi: SheetKpi): KnownBlock[] {
  const unit = kpi.unit ? ` (${truncate(kpi.unit, 40)})` : '';
  return [
    textInput(SHEET_FIELD.kpiValue(kpi.id), {
      label: truncate(`${kpi.ref} ${kpi.title}${unit}: reading for ${kpi.period}`, 2000),
      optional: true,
      maxLength: 40,
      hint: `Last reading: ${num(kpi.lastValue)}${kpi.done ? ' (already given for this period; a new one replaces it)' : ''}`,
    }),
  ];
}

function blockerBlocks(sheet: CheckInSheet): KnownBlock[] {
  const ratings = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  const own = [...sheet.keyResults, ...sheet.kpis].map((item) => ({
    value: item.ref,
    label: `${item.ref} ${item.title}`,
  }));
  const raise: InputBlock = {
    type: 'input',
    block_id: SHEET_FIELD.raiseRisk,
    optional: true,
    label: { type: 'plain_text', text: 'Raise it as a risk?' },
    element: {
      type: 'checkboxes',
      action_id: VALUE,
      options: [option({ value: 'raise', label: 'Add it to the risk register' }) as Option],
    },
  };
  return [
    textInput(SHEET_FIELD.blockers, {
      label: 'Blockers or risks',
      optional: true,
      multiline: true,
      maxLength: 3000,
    }),
    raise,
    staticSelect(SHEET_FIELD.likelihood, {
      label: 'Likelihood (1 rare – 5 almost certain)',
      optional: true,
      choices: ratings,
    }),
    staticSelect(SHEET_FIELD.impact, {
      label: 'Impact (1 negligible – 5 severe)',
      optional: true,
      choices: ratings,
    }),
    ...(own.length
      ? [staticSelect(SHEET_FIELD.riskOn, { label: 'The risk threatens', optional: true, choices: own })]
      : []),
  ];
}

/** The sheet cut into pages of whole groups, each within Slack's block limit; blockers close the last. */
export function sheetPages(sheet: CheckInSheet): KnownBlock[][] {
  const groups = [
    ...sheet.keyResults.map(keyResultBlocks),
    ...sheet.kpis.map(kpiBlocks),
    blockerBlocks(sheet),
  ];
  const pages: KnownBlock[][] = [[]];
  for (const group of groups) {
    const current = pages.at(-1)!;
    if (current.length + group.length > PAGE_BUDGET && current.length > 0) pages.push([...group]);
    else current.push(...group);
  }
  return pages;
}

export function sheetModal(sheet: CheckInSheet, meta: SheetMeta): View {
  const pages = sheetPages(sheet);
  const page = Math.min(meta.page, pages.length - 1);
  const last = page === pages.length - 1;
  const heading = section(
    sheet.keyResults.length + sheet.kpis.length === 0
      ? `Nothing to check in on for ${sheet.period}: you own no active key result or due KPI in the current cycle.`
      : `Check-in for *${sheet.period}*${pages.length > 1 ? ` · page ${page + 1} of ${pages.length}` : ''}. Values are prefilled with where things stand; change what moved.`,
  );
  return modal({
    callbackId: CHECKIN_CALLBACK.sheet,
    title: 'Weekly check-in',
    submit: last ? 'Check in' : 'Next',
    blocks: [heading, ...pages[page]!],
    privateMetadata: JSON.stringify({ ...meta, page }),
  });
}

/** Shown at once while the sheet loads, so the trigger is used within its 3 seconds. */
export function loadingModal(): View {
  return {
    type: 'modal',
    callback_id: CHECKIN_CALLBACK.sheet,
    title: { type: 'plain_text', text: 'Weekly check-in' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section('Loading your key results and KPIs…')],
  };
}
