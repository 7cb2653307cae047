// What the status engine reads, loaded as narrow rows: a few plain queries per evaluation, whatever its size.
// Prisma's nested includes load a 10,000-key-result cycle as one statement per relation with every parent
// id bound, then build an object per row (120,000 check-ins: seconds, and hundreds of MB). Here each key
// result comes with its check-ins packed into one text column by the database (string_agg, which SQLite
// has since 3.44 and PostgreSQL always had), so a cycle is 10,000 rows, not 130,000, and no id list grows
// with the data. Both engines run the same SQL.

import type { Db } from '../db/client.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import type { KeyResultRow } from './status-inputs.ts';

/** Which objectives' key results to load; `o` is the objective, `k` the key result. */
export type KeyResultFilter =
  /** The cycle's open items; with `below`, only that objective and the objectives aligned under it. */
  | { kind: 'cycle'; workspaceId: number; cycleId: number; below?: number }
  /** One key result. */
  | { kind: 'key_result'; id: number }
  /** Every key result of these cycles, archived ones too (a few cycles: their ids are bound). */
  | { kind: 'cycles'; workspaceId: number; cycleIds: readonly number[] }
  /** The open key results of these objectives (a batch of a few hundred: their ids are bound). */
  | { kind: 'objectives'; ids: readonly number[] };

export interface StatusKeyResultRow extends KeyResultRow {
  id: number;
  workspaceId: number;
  objectiveId: number;
  ownerId: number | null;
  ownerSlackId: string | null;
  unit: string;
  createdAt: Date;
  /** The cycle the key result's objective belongs to. */
  cycleId: number;
}

export interface StatusObjectiveRow {
  id: number;
  number: number;
  title: string;
  level: string;
  teamId: number | null;
  teamName: string | null;
  ownerSlackId: string | null;
  parentId: number | null;
  createdAt: Date;
}

/**
 * The objectives `below` covers (itself and everything aligned under it, in the same cycle, open): a
 * recursive query, so no id list is read into the process and sent back. UNION stops at a loop.
 */
function belowCte(cycleId: number, below: number | undefined): Prisma.Sql {
  if (below === undefined) return Prisma.empty;
  return Prisma.sql`WITH RECURSIVE "below"("id") AS (
      SELECT CAST(${below} AS INTEGER)
      UNION
      SELECT c."id" FROM "Objective" c JOIN "below" b ON c."parentId" = b."id"
      WHERE c."cycleId" = ${cycleId} AND c."archivedAt" IS NULL)
    `;
}

function objectiveCondition(filter: KeyResultFilter): Prisma.Sql {
  switch (filter.kind) {
    case 'cycle':
      return Prisma.sql`o."workspaceId" = ${filter.workspaceId} AND o."cycleId" = ${filter.cycleId}
        AND o."archivedAt" IS NULL
        ${filter.below === undefined ? Prisma.empty : Prisma.sql`AND o."id" IN (SELECT "id" FROM "below")`}`;
    case 'key_result':
      return Prisma.sql`k."id" = ${filter.id}`;
    case 'cycles':
      return Prisma.sql`k."workspaceId" = ${filter.workspaceId} AND o."cycleId" IN (${Prisma.join(filter.cycleIds)})`;
    case 'objectives':
      return Prisma.sql`k."objectiveId" IN (${Prisma.join(filter.ids)})`;
  }
}

export async function loadStatusObjectives(
  db: Db,
  filter: Extract<KeyResultFilter, { kind: 'cycle' }>,
): Promise<StatusObjectiveRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    ${belowCte(filter.cycleId, filter.below)}SELECT o."id", o."number", o."title", o."level", o."teamId",
      t."name" AS "teamName", m."slackUserId" AS "ownerSlackId", o."parentId", o."createdAt"
    FROM "Objective" o
    LEFT JOIN "Team" t ON t."id" = o."teamId"
    LEFT JOIN "Member" m ON m."id" = o."ownerId"
    WHERE ${objectiveCondition(filter)}
    ORDER BY o."number"`;
  return rows.map((row) => ({
    id: Number(row.id),
    number: Number(row.number),
    title: String(row.title),
    level: String(row.level),
    teamId: nullableNumber(row.teamId),
    teamName: row.teamName == null ? null : String(row.teamName),
    ownerSlackId: row.ownerSlackId == null ? null : String(row.ownerSlackId),
    parentId: nullableNumber(row.parentId),
    createdAt: asDate(row.createdAt),
  }));
}

/**
 * Key results with what their status needs: check-ins, milestones and the owner's pauses and skipped
 * weeks. Ordered by number; check-ins and milestones unordered (keyResultInput puts them in order).
 */
export async function loadStatusKeyResults(db: Db, filter: KeyResultFilter): Promise<StatusKeyResultRow[]> {
  if (filter.kind === 'cycles' && filter.cycleIds.length === 0) return [];
  if (filter.kind === 'objectives' && filter.ids.length === 0) return [];
  const cte = filter.kind === 'cycle' ? belowCte(filter.cycleId, filter.below) : Prisma.empty;
  const where = objectiveCondition(filter);
  const archived =
    filter.kind === 'cycle' || filter.kind === 'objectives'
      ? Prisma.sql`AND k."archivedAt" IS NULL`
      : Prisma.empty;
  const [keyResults, milestones, pauses] = await Promise.all([
    db.$queryRaw<Array<Record<string, unknown>>>`
      ${cte}SELECT k."id", k."workspaceId", k."number", k."title", k."objectiveId", k."ownerId", m."slackUserId" AS "ownerSlackId",
        k."kind", k."unit", k."startValue", k."targetValue", k."currentValue", k."weight", k."curve",
        k."createdAt", o."cycleId",
        (SELECT string_agg(CAST(c."id" AS TEXT) || ',' || CAST(c."date" AS TEXT) || ','
            || CAST(c."createdAt" AS TEXT) || ',' || CAST(c."value" AS TEXT) || ','
            || COALESCE(CAST(c."confidence" AS TEXT), ''), ';')
          FROM "CheckIn" c WHERE c."keyResultId" = k."id") AS "checkIns"
      FROM "KeyResult" k
      JOIN "Objective" o ON o."id" = k."objectiveId"
      LEFT JOIN "Member" m ON m."id" = k."ownerId"
      WHERE ${where} ${archived}
      ORDER BY k."number"`,
    db.$queryRaw<Array<Record<string, unknown>>>`
      ${cte}SELECT s."keyResultId", s."position", s."title", s."weight", s."done"
      FROM "Milestone" s
      JOIN "KeyResult" k ON k."id" = s."keyResultId"
      JOIN "Objective" o ON o."id" = k."objectiveId"
      WHERE ${where} ${archived}`,
    db.$queryRaw<Array<Record<string, unknown>>>`
      ${cte}SELECT p."memberId", p."fromDate", p."untilDate"
      FROM "CheckInPause" p
      WHERE p."memberId" IN (
        SELECT k."ownerId" FROM "KeyResult" k JOIN "Objective" o ON o."id" = k."objectiveId"
        WHERE ${where} ${archived})`,
  ]);
  const milestonesOf = new Map<number, KeyResultRow['milestones']>();
  for (const row of milestones) {
    const id = Number(row.keyResultId);
    const list = milestonesOf.get(id) ?? [];
    list.push({
      position: Number(row.position),
      title: String(row.title),
      weight: Number(row.weight),
      done: row.done === true || Number(row.done) === 1,
    });
    milestonesOf.set(id, list);
  }
  const pausesOf = new Map<number, Array<{ fromDate: string; untilDate: string }>>();
  for (const row of pauses) {
    const id = Number(row.memberId);
    const list = pausesOf.get(id) ?? [];
    list.push({ fromDate: String(row.fromDate), untilDate: String(row.untilDate) });
    pausesOf.set(id, list);
  }
  const times = new Map<string, Date>();
  return keyResults.map((row) => {
    const ownerId = nullableNumber(row.ownerId);
    return {
      id: Number(row.id),
      workspaceId: Number(row.workspaceId),
      number: Number(row.number),
      title: String(row.title),
      objectiveId: Number(row.objectiveId),
      cycleId: Number(row.cycleId),
      ownerId,
      ownerSlackId: row.ownerSlackId == null ? null : String(row.ownerSlackId),
      kind: String(row.kind),
      unit: String(row.unit),
      startValue: Number(row.startValue),
      targetValue: Number(row.targetValue),
      currentValue: row.currentValue == null ? null : Number(row.currentValue),
      weight: Number(row.weight),
      curve: String(row.curve),
      createdAt: asDate(row.createdAt),
      milestones: milestonesOf.get(Number(row.id)) ?? [],
      checkIns: unpackCheckIns(row.checkIns, times),
      owner: { checkInPauses: ownerId === null ? [] : (pausesOf.get(ownerId) ?? []) },
    };
  });
}

/**
 * `id,date,createdAt,value,confidence;…` as packed by the query above. `times` remembers the timestamps
 * already read: a cycle's check-ins share a few dozen dates, so most are read once.
 */
export function unpackCheckIns(
  packed: unknown,
  times: Map<string, Date> = new Map(),
): KeyResultRow['checkIns'] {
  if (packed == null || packed === '') return [];
  const time = (text: string) => {
    let date = times.get(text);
    if (!date) {
      date = parseDbTime(text);
      times.set(text, date);
    }
    return date;
  };
  return String(packed)
    .split(';')
    .map((entry) => {
      const [id, date, createdAt, value, confidence] = entry.split(',');
      return {
        id: Number(id),
        date: time(date!),
        createdAt: time(createdAt!),
        value: Number(value),
        confidence: confidence === undefined || confidence === '' ? null : Number(confidence),
      };
    });
}

/**
 * A timestamp as the engines print it: SQLite keeps Prisma's ISO text (`2026-01-05T00:00:00.000+00:00`) or
 * epoch milliseconds; PostgreSQL prints a `timestamp(3)` as `2026-01-05 00:00:00.123` (UTC, no zone).
 */
export function parseDbTime(text: string): Date {
  if (/^\d+$/.test(text)) return new Date(Number(text));
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamp from the database: ${text}`);
  return date;
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : parseDbTime(String(value));
}

function nullableNumber(value: unknown): number | null {
  return value == null ? null : Number(value);
}
