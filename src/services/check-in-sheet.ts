// The weekly check-in as one sheet: every key result and due KPI a person owns, answered together and
// written in one transaction through the same rules as `/okr update` (src/services/check-ins.ts).
import type { Db } from '../db/client.ts';
import { answerPeriod } from '../domain/check-ins/due-items.ts';
import { localDate, periodOf } from '../domain/periods.ts';
import { formatShortId } from '../domain/short-ids.ts';
import type { Actor } from './actor.ts';
import { settlePrompts } from './check-in-prompts.ts';
import { memberZone } from './check-in-zone.ts';
import {
  type CheckInClock,
  type CheckInRecorded,
  type PreparedCheckIn,
  parseCheckInFields,
  prepareKeyResultCheckIn,
  prepareKpiReading,
  recordedOf,
} from './check-ins.ts';
import { currentCycle } from './cycles.ts';
import { enqueue } from './outbox.ts';
import { type FieldErrors, failure, type Outcome, success } from './outcome.ts';
import { prepareRisk } from './risks.ts';

export interface SheetKeyResult {
  id: number;
  ref: string;
  title: string;
  kind: string;
  unit: string;
  currentValue: number | null;
  targetValue: number;
  milestones: Array<{ position: number; title: string; done: boolean }>;
  lastConfidence: number | null;
  /** Checked in for the sheet's period already (a new answer replaces it). */
  done: boolean;
}

export interface SheetKpi {
  id: number;
  ref: string;
  title: string;
  unit: string;
  cadence: 'weekly' | 'monthly';
  lastValue: number | null;
  /** The period a reading given now is filed under (week or month). */
  period: string;
  done: boolean;
}

export interface CheckInSheet {
  /** The ISO week the check-in is for. */
  period: string;
  /** The person's local date the period is anchored on (the prompt's date, or today). */
  localDate: string;
  keyResults: SheetKeyResult[];
  kpis: SheetKpi[];
}

/** Field names, which the modal also uses as its block ids, so errors land on the field. */
export const SHEET_FIELD = {
  krValue: (id: number) => `kr.${id}.value`,
  krMilestones: (id: number, chunk: number) => `kr.${id}.ms.${chunk}`,
  krConfidence: (id: number) => `kr.${id}.confidence`,
  krComment: (id: number) => `kr.${id}.comment`,
  kpiValue: (id: number) => `kpi.${id}.value`,
  blockers: 'blockers',
  raiseRisk: 'risk.raise',
  likelihood: 'risk.likelihood',
  impact: 'risk.impact',
  riskOn: 'risk.on',
} as const;

/**
 * The period a sheet is for: the prompted period when the person was prompted for it (answers count for
 * the period asked about, even late), otherwise the current week in their zone. A period the person was
 * never prompted for (a tampered modal) falls back to the current week.
 */
async function sheetPeriod(
  db: Db,
  actor: Actor,
  clock: CheckInClock,
  asked: string | undefined,
): Promise<{ period: string; localDate: string }> {
  if (asked) {
    const prompt = await db.checkInPrompt.findFirst({
      where: { memberId: actor.memberId, period: asked, workspaceId: actor.workspaceId },
      orderBy: { dueAt: 'asc' },
    });
    if (prompt) return { period: prompt.period, localDate: prompt.localDate };
  }
  const zone = await memberZone(db, actor.memberId, clock.defaultTimeZone);
  return { period: periodOf(clock.now, 'weekly', zone), localDate: localDate(clock.now, zone) };
}

export async function loadSheet(
  db: Db,
  actor: Actor,
  clock: CheckInClock,
  askedPeriod?: string,
): Promise<CheckInSheet> {
  const { period, localDate: day } = await sheetPeriod(db, actor, clock, askedPeriod);
  const cycle = await currentCycle(db, actor.workspaceId);
  const keyResults = cycle
    ? await db.keyResult.findMany({
        where: {
          workspaceId: actor.workspaceId,
          ownerId: actor.memberId,
          archivedAt: null,
          objective: { archivedAt: null, cycleId: cycle.id },
        },
        include: {
          milestones: { orderBy: { position: 'asc' } },
          checkIns: { orderBy: { date: 'desc' }, take: 1 },
        },
        orderBy: { number: 'asc' },
      })
    : [];
  const answeredKrs = new Set(
    (
      await db.checkIn.findMany({
        where: { period, keyResultId: { in: keyResults.map((kr) => kr.id) } },
        select: { keyResultId: true },
      })
    ).map((row) => row.keyResultId),
  );
  const kpiRows = await db.kpi.findMany({
    where: { workspaceId: actor.workspaceId, ownerId: actor.memberId, archivedAt: null },
    include: { readings: { orderBy: { date: 'desc' }, take: 1 } },
    orderBy: { number: 'asc' },
  });
  const kpis: SheetKpi[] = [];
  for (const kpi of kpiRows) {
    const cadence = kpi.cadence === 'monthly' ? 'monthly' : 'weekly';
    const kpiPeriod = answerPeriod({ type: 'kpi', cadence }, period, day);
    const done = kpi.readings[0]?.period === kpiPeriod;
    // A monthly KPI is asked until its month has a reading; a weekly one every week.
    if (cadence === 'monthly' && done) continue;
    kpis.push({
      id: kpi.id,
      ref: formatShortId('kpi', kpi.number),
      title: kpi.title,
      unit: kpi.unit,
      cadence,
      lastValue: kpi.readings[0]?.value ?? null,
      period: kpiPeriod,
      done,
    });
  }
  return {
    period,
    localDate: day,
    keyResults: keyResults.map((kr) => ({
      id: kr.id,
      ref: formatShortId('key_result', kr.number),
      title: kr.title,
      kind: kr.kind,
      unit: kr.unit,
      currentValue: kr.currentValue,
      targetValue: kr.targetValue,
      milestones: kr.milestones.map((m) => ({ position: m.position, title: m.title, done: m.done })),
      lastConfidence: kr.checkIns[0]?.confidence ?? null,
      done: answeredKrs.has(kr.id),
    })),
    kpis,
  };
}

/** What a submitted sheet says; every value as typed. */
export interface SheetAnswers {
  keyResults: Array<{
    id: number;
    value?: string | undefined;
    /** Milestone key results: every position ticked. */
    milestonesDone?: number[] | undefined;
    confidence?: string | undefined;
    comment?: string | undefined;
  }>;
  kpis: Array<{ id: number; value?: string | undefined }>;
  blockers?: string | undefined;
  raiseRisk?: boolean | undefined;
  likelihood?: string | undefined;
  impact?: string | undefined;
  /** The short id of the item the risk threatens, one of the person's. */
  riskOn?: string | undefined;
}

export interface SheetRecorded {
  period: string;
  recorded: CheckInRecorded[];
  riskId: number | null;
}

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

interface Checked {
  prepared: PreparedCheckIn[];
  risk: { write(tx: import('../db/client.ts').Tx): Promise<number> } | null;
}

/**
 * Checks a whole sheet without writing: every item must be one of the person's own (anything else is a
 * forged submission and refuses the whole sheet), every value must read. Errors are keyed by field.
 */
export async function checkSheet(
  db: Db,
  actor: Actor,
  answers: SheetAnswers,
  clock: CheckInClock,
  askedPeriod: string | undefined,
): Promise<Outcome<Checked & { sheet: CheckInSheet }>> {
  const sheet = await loadSheet(db, actor, clock, askedPeriod);
  const ownKrs = new Map(sheet.keyResults.map((kr) => [kr.id, kr]));
  const ownKpis = new Map(sheet.kpis.map((kpi) => [kpi.id, kpi]));
  const foreign =
    answers.keyResults.some((answer) => !ownKrs.has(answer.id)) ||
    answers.kpis.some((answer) => !ownKpis.has(answer.id));
  if (foreign)
    return failure({
      form: 'This check-in names an item that is not yours to check in on. Nothing was saved.',
    });

  const errors: FieldErrors = {};
  const prepared: PreparedCheckIn[] = [];
  for (const answer of answers.keyResults) {
    const kr = ownKrs.get(answer.id)!;
    const isMilestone = kr.kind === 'milestone';
    if (!isMilestone && blank(answer.value)) continue;
    const fields = parseCheckInFields({
      item: kr.ref,
      value: isMilestone ? 'milestones' : answer.value,
      confidence: answer.confidence,
      comment: answer.comment,
      blockers: answers.raiseRisk ? undefined : answers.blockers,
    });
    if (!fields.ok) {
      // Report a value that does not read as well, so every bad field is marked at once.
      const valueAlone = parseCheckInFields({
        item: kr.ref,
        value: isMilestone ? 'milestones' : answer.value,
      });
      if (valueAlone.ok && !isMilestone) {
        const checked = await prepareKeyResultCheckIn(db, actor, kr.id, valueAlone.value, clock, {
          period: sheet.period,
        });
        if (!checked.ok) errors[SHEET_FIELD.krValue(kr.id)] = Object.values(checked.errors).join(' ');
      }
      if (fields.errors.confidence)
        errors[SHEET_FIELD.krConfidence(kr.id)] = `Confidence ${fields.errors.confidence}`;
      if (fields.errors.comment) errors[SHEET_FIELD.krComment(kr.id)] = fields.errors.comment;
      if (fields.errors.blockers) errors[SHEET_FIELD.blockers] = fields.errors.blockers;
      if (fields.errors.value) errors[SHEET_FIELD.krValue(kr.id)] = fields.errors.value;
      continue;
    }
    const outcome = await prepareKeyResultCheckIn(db, actor, kr.id, fields.value, clock, {
      period: sheet.period,
      ...(isMilestone ? { milestonesDone: answer.milestonesDone ?? [] } : {}),
    });
    if (!outcome.ok) {
      const target = isMilestone ? SHEET_FIELD.krMilestones(kr.id, 0) : SHEET_FIELD.krValue(kr.id);
      errors[target] = Object.values(outcome.errors).join(' ');
      continue;
    }
    prepared.push(outcome.value);
  }
  for (const answer of answers.kpis) {
    if (blank(answer.value)) continue;
    const outcome = await prepareKpiReading(db, actor, answer.id, { value: answer.value! }, clock, {
      localDate: sheet.localDate,
    });
    if (!outcome.ok) {
      errors[SHEET_FIELD.kpiValue(answer.id)] = Object.values(outcome.errors).join(' ');
      continue;
    }
    prepared.push(outcome.value);
  }

  let risk: Checked['risk'] = null;
  if (answers.raiseRisk) {
    if (blank(answers.blockers))
      errors[SHEET_FIELD.blockers] = 'Describe the risk to raise, e.g. Vendor delay.';
    else {
      const own = [...sheet.keyResults.map((kr) => kr.ref), ...sheet.kpis.map((kpi) => kpi.ref)];
      const on = answers.riskOn?.trim();
      if (on && !own.includes(on.toUpperCase()))
        errors[SHEET_FIELD.riskOn] = 'Link the risk to one of your own key results or KPIs.';
      const text = answers.blockers!.trim();
      const outcome = await prepareRisk(
        db,
        actor,
        {
          title: text.length > 150 ? `${text.slice(0, 147)}...` : text,
          description: text.length > 150 ? text : null,
          on: on || null,
          owner: actor.slackUserId,
          likelihood: answers.likelihood,
          impact: answers.impact,
        },
        clock.now,
      );
      if (!outcome.ok) {
        const map: Record<string, string> = {
          likelihood: SHEET_FIELD.likelihood,
          impact: SHEET_FIELD.impact,
          on: SHEET_FIELD.riskOn,
        };
        for (const [field, message] of Object.entries(outcome.errors))
          errors[map[field] ?? SHEET_FIELD.blockers] ??= message;
      } else risk = outcome.value;
    }
  } else if (!blank(answers.blockers) && answers.blockers!.length > 3000) {
    errors[SHEET_FIELD.blockers] = 'Keep the blockers under 3000 characters.';
  }
  if (Object.keys(errors).length > 0) return failure(errors);
  return success({ prepared, risk, sheet });
}

/**
 * Records a whole sheet in one transaction: nothing is stored unless every answer is valid. A second
 * sheet for the same period replaces the first item by item (the audit log keeps both). The blockers
 * text goes on each key result checked in.
 */
export async function submitSheet(
  db: Db,
  actor: Actor,
  answers: SheetAnswers,
  clock: CheckInClock,
  askedPeriod?: string,
): Promise<Outcome<SheetRecorded>> {
  const checked = await checkSheet(db, actor, answers, clock, askedPeriod);
  if (!checked.ok) return checked;
  const { prepared, risk, sheet } = checked.value;
  if (prepared.length === 0 && !risk)
    return failure({
      form: 'Give at least one new value, or use "Skip this week" in the prompt. Nothing was saved.',
    });
  const { replaced, riskId } = await db.$transaction(async (tx) => {
    const replaced: boolean[] = [];
    for (const item of prepared) replaced.push(await item.write(tx));
    const riskId = risk ? await risk.write(tx) : null;
    // Earlier pages' answers are in; no draft of this person's outlives the check-in.
    await tx.checkInDraft.deleteMany({ where: { memberId: actor.memberId } });
    // The person answered: their prompts for this period stop reminding and say so in place.
    await settlePrompts(tx, actor.workspaceId, actor, sheet.period, 'done', clock.now, enqueue);
    return { replaced, riskId };
  });
  const recorded: CheckInRecorded[] = [];
  for (const [index, item] of prepared.entries())
    recorded.push(await recordedOf(db, actor, item, replaced[index] ?? false, clock));
  return success({ period: sheet.period, recorded, riskId });
}

// ---------------------------------------------------------------------------------------------------------
// Pages: a sheet too long for one modal keeps earlier pages' answers here (private_metadata holds 3,000
// characters, far too few), and only the last page's submit writes anything.

export function mergeAnswers(earlier: SheetAnswers, later: SheetAnswers): SheetAnswers {
  const byId = <T extends { id: number }>(a: T[], b: T[]) => [
    ...a.filter((x) => !b.some((y) => y.id === x.id)),
    ...b,
  ];
  return {
    ...earlier,
    ...Object.fromEntries(Object.entries(later).filter(([, value]) => value !== undefined)),
    keyResults: byId(earlier.keyResults, later.keyResults),
    kpis: byId(earlier.kpis, later.kpis),
  };
}

const EMPTY: SheetAnswers = { keyResults: [], kpis: [] };

/** Earlier pages' answers; a draft that is not the person's own (a tampered modal) reads as empty. */
export async function readDraft(db: Db, actor: Actor, draftId: number | undefined): Promise<SheetAnswers> {
  if (!draftId) return EMPTY;
  const row = await db.checkInDraft.findUnique({ where: { id: draftId } });
  if (!row || row.memberId !== actor.memberId) return EMPTY;
  try {
    const parsed = JSON.parse(row.answers) as SheetAnswers;
    return { ...EMPTY, ...parsed };
  } catch {
    return EMPTY;
  }
}

/**
 * Checks one page and keeps its answers with the earlier ones. Resolves with the draft's id; field errors
 * of this page come back instead when it does not read.
 */
export async function savePage(
  db: Db,
  actor: Actor,
  draftId: number | undefined,
  page: SheetAnswers,
  clock: CheckInClock,
  askedPeriod: string | undefined,
): Promise<Outcome<number>> {
  const checked = await checkSheet(db, actor, { ...page, raiseRisk: false }, clock, askedPeriod);
  if (!checked.ok) return checked;
  const answers = mergeAnswers(await readDraft(db, actor, draftId), page);
  const json = JSON.stringify(answers);
  const existing = draftId ? await db.checkInDraft.findUnique({ where: { id: draftId } }) : null;
  if (existing && existing.memberId === actor.memberId) {
    await db.checkInDraft.update({ where: { id: existing.id }, data: { answers: json } });
    return success(existing.id);
  }
  // A new sheet: drafts of sheets the person closed without finishing are of no use any more.
  await db.checkInDraft.deleteMany({ where: { memberId: actor.memberId } });
  const created = await db.checkInDraft.create({
    data: {
      workspaceId: actor.workspaceId,
      memberId: actor.memberId,
      period: checked.value.sheet.period,
      answers: json,
      createdAt: clock.now,
    },
  });
  return success(created.id);
}

export async function dropDraft(db: Db, actor: Actor, draftId: number | undefined): Promise<void> {
  if (draftId) await db.checkInDraft.deleteMany({ where: { id: draftId, memberId: actor.memberId } });
}
