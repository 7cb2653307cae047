// What a person types into the check-in form: this week's number for each key result (on its usual pace, or
// the slump the cast gives it), a confidence, now and then a comment, each KPI's reading, and a risk if any.
import { expectedProgress } from '../../../src/domain/status/expected-progress.ts';
import { SHEET_FIELD } from '../../../src/services/check-in-sheet.ts';
import type { Rng } from '../../random.ts';
import type { StateMap } from '../../slack-stand-in/driver.ts';
import { confidenceOf, kpiReading, valueAt } from '../company/history.ts';
import { KPIS } from '../company/kpis-risks.ts';
import { CYCLE, type DemoKeyResult, OBJECTIVES } from '../company/plan.ts';
import type { Twist } from './cast.ts';

type Option = { value: string; text?: { text: string } };
type Block = {
  type?: string;
  block_id?: string;
  element?: { initial_options?: Option[]; options?: Option[]; option_groups?: Array<{ options: Option[] }> };
};

/** Database ids of the imported items by their plan ref (the form's fields are named by id). */
export interface Refs {
  keyResults: Map<number, string>;
  kpis: Map<number, string>;
}

export interface Answer {
  values: StateMap;
  /** What the person reported, for the transcript: "gr-demos 14 (confidence 2)". */
  said: string[];
}

const CYCLE_DATES = { start: new Date(`${CYCLE.start}T00:00:00Z`), end: new Date(`${CYCLE.end}T23:59:59Z`) };
const KEY_RESULTS = new Map(OBJECTIVES.flatMap((o) => o.keyResults).map((kr) => [kr.ref, kr]));
const KPI_BY_REF = new Map(KPIS.map((k) => [k.ref, k]));
const DEMO_WEEK = 5;

export function fillSheet(
  blocks: readonly Block[],
  refs: Refs,
  now: Date,
  random: Rng,
  twist: Twist | undefined,
  attempt: number,
): Answer {
  const values: StateMap = {};
  const said: string[] = [];
  for (const block of blocks) {
    const id = block.block_id ?? '';
    const kr = /^kr\.(\d+)\.(value|ms\.\d+)$/.exec(id);
    if (kr) {
      const plan = KEY_RESULTS.get(refs.keyResults.get(Number(kr[1])) ?? '');
      if (!plan) continue;
      if (kr[2] !== 'value') {
        // Milestones: the boxes already ticked stay ticked.
        values[id] = { value: (block.element?.initial_options ?? []).map((o) => o.value) };
        continue;
      }
      const answer = keyResultAnswer(plan, now, random, twist, attempt);
      values[id] = { value: answer.value };
      values[SHEET_FIELD.krConfidence(Number(kr[1]))] = { value: String(answer.confidence) };
      if (answer.comment) values[SHEET_FIELD.krComment(Number(kr[1]))] = { value: answer.comment };
      said.push(`${plan.ref} ${answer.value} (confidence ${answer.confidence})`);
      continue;
    }
    const kpi = /^kpi\.(\d+)\.value$/.exec(id);
    if (kpi) {
      const plan = KPI_BY_REF.get(refs.kpis.get(Number(kpi[1])) ?? '');
      if (!plan) continue;
      const reading = String(kpiReading(plan, plan.level, random));
      values[id] = { value: reading };
      said.push(`${plan.ref} ${reading}`);
    }
  }
  if (twist?.risk) {
    values[SHEET_FIELD.blockers] = { value: twist.risk.title };
    values[SHEET_FIELD.raiseRisk] = { value: ['raise'] };
    values[SHEET_FIELD.likelihood] = { value: String(twist.risk.likelihood) };
    values[SHEET_FIELD.impact] = { value: String(twist.risk.impact) };
    values[SHEET_FIELD.riskOn] = { value: optionNaming(blocks, SHEET_FIELD.riskOn, twist.risk.on) };
    said.push(`risk "${twist.risk.title}" (${twist.risk.likelihood}×${twist.risk.impact})`);
  }
  return { values, said };
}

function keyResultAnswer(
  kr: DemoKeyResult,
  now: Date,
  random: Rng,
  twist: Twist | undefined,
  attempt: number,
): { value: string; confidence: number; comment?: string } {
  if (twist?.typo?.keyResult === kr.ref && attempt === 0) return { value: twist.typo.text, confidence: 7 };
  const expected = expectedProgress(CYCLE_DATES, now, kr.curve ?? 'linear');
  if (twist?.slump?.keyResult === kr.ref) {
    const start = kr.start ?? 0;
    const value = Math.round(start + (kr.target! - start) * expected * twist.slump.share);
    return { value: String(value), confidence: twist.slump.confidence, comment: twist.slump.comment };
  }
  const value = valueAt(kr, expected, DEMO_WEEK, random);
  const text = kr.kind === 'boolean' ? (value === 1 ? 'yes' : 'no') : String(value);
  return { value: text, confidence: confidenceOf(kr, random) };
}

/** The value of the select option whose label names this key result (by its title). */
function optionNaming(blocks: readonly Block[], blockId: string, ref: string): string {
  const element = blocks.find((b) => b.block_id === blockId)?.element;
  const options = [...(element?.options ?? []), ...(element?.option_groups ?? []).flatMap((g) => g.options)];
  const title = KEY_RESULTS.get(ref)?.title ?? ref;
  return options.find((o) => o.text?.text.includes(title.slice(0, 40)))?.value ?? options[0]?.value ?? ref;
}
