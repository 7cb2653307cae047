// A key result row as the plan file writes it: only the fields its kind uses, defaults left out.
import { isoFromDate } from '../../domain/dates.ts';
import type { PlanCheckIn, PlanKeyResult, PlanMilestone } from '../../plan/index.ts';
import type { StoredKeyResultMeasure } from '../item-measures.ts';
import { itemRef } from './export-refs.ts';

export interface KeyResultRow extends StoredKeyResultMeasure {
  id: number;
  number: number;
  ref: string | null;
  title: string;
  owner: { slackUserId: string } | null;
  milestones: ReadonlyArray<{ title: string; weight: number; done: boolean }>;
  checkIns: ReadonlyArray<{ date: Date; value: number; confidence: number | null; comment: string }>;
}

/** An item's owner as the plan file writes it: left out when nobody owns it, as Slack allows. */
export function ownerOf(row: { owner: { slackUserId: string } | null }): { owner?: string } {
  return row.owner ? { owner: row.owner.slackUserId } : {};
}

export function exportKeyResult(row: KeyResultRow): PlanKeyResult {
  const kind = row.kind as PlanKeyResult['kind'];
  const kr: PlanKeyResult = {
    ref: itemRef('key_result', row),
    title: row.title,
    ...ownerOf(row),
    kind,
    check_ins: row.checkIns.map((c) => {
      const checkIn: PlanCheckIn = { date: isoFromDate(c.date), value: c.value };
      if (c.confidence !== null) checkIn.confidence = c.confidence;
      if (c.comment) checkIn.comment = c.comment;
      return checkIn;
    }),
  };
  if (kind === 'increase' || kind === 'decrease') {
    kr.start = row.startValue;
    kr.target = row.targetValue;
  } else if (kind === 'stay_above' || kind === 'stay_below') {
    // The importer stores a missing start as the target, so only a different start is worth writing.
    if (row.startValue !== row.targetValue) kr.start = row.startValue;
    kr.target = row.targetValue;
  }
  if (row.unit) kr.unit = row.unit;
  if (row.weight !== 1) kr.weight = row.weight;
  if (row.curve !== 'linear') kr.curve = row.curve as NonNullable<PlanKeyResult['curve']>;
  if (kind === 'milestone') {
    kr.milestones = row.milestones.map((m) => {
      const milestone: PlanMilestone = { title: m.title };
      if (m.weight !== 1) milestone.weight = m.weight;
      if (m.done) milestone.done = true;
      return milestone;
    });
  }
  return kr;
}
