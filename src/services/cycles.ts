// Cycles: the quarters (or any periods) objectives belong to. One may be the current cycle.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { recordAudit } from '../db/queries/audit.ts';
import { dateFromIso, isoFromDate } from '../domain/dates.ts';
import { zIsoDate } from '../domain/numbers/index.ts';
import type { Actor } from './actor.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';

export const CycleInput = z
  .object({
    name: z
      .string({ error: 'Give the cycle a name, e.g. 2026 Q1.' })
      .trim()
      .min(1, 'Give the cycle a name, e.g. 2026 Q1.')
      .max(80, 'Keep the name under 80 characters.'),
    start: zIsoDate(),
    end: zIsoDate(),
    current: z.boolean().default(false),
  })
  .refine((input) => input.end >= input.start, {
    path: ['end'],
    message: 'The end date is before the start date.',
  });

export type CycleInput = Loose<z.input<typeof CycleInput>>;

export interface CycleView {
  id: number;
  name: string;
  start: string;
  end: string;
  isCurrent: boolean;
}

function view(row: {
  id: number;
  name: string;
  startDate: Date;
  endDate: Date;
  isCurrent: boolean;
}): CycleView {
  return {
    id: row.id,
    name: row.name,
    start: isoFromDate(row.startDate),
    end: isoFromDate(row.endDate),
    isCurrent: row.isCurrent,
  };
}

export async function createCycle(db: Db, actor: Actor, input: CycleInput): Promise<Outcome<CycleView>> {
  const parsed = CycleInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const { name, start, end } = parsed.data;
  // Names differ by more than case, as team names do: "2026 q4" and "2026 Q4" would be the same cycle to people.
  const existing = await findCycleByName(db, actor.workspaceId, name);
  if (existing) return failure({ name: `A cycle called "${existing.name}" already exists.` });
  const anyCycle = await db.cycle.count({ where: { workspaceId: actor.workspaceId } });
  // The first cycle becomes current on its own: a workspace with cycles but no current one helps nobody.
  const current = parsed.data.current || anyCycle === 0;
  const row = await db.$transaction(async (tx) => {
    if (current)
      await tx.cycle.updateMany({ where: { workspaceId: actor.workspaceId }, data: { isCurrent: false } });
    const created = await tx.cycle.create({
      data: {
        workspaceId: actor.workspaceId,
        name,
        startDate: dateFromIso(start),
        endDate: dateFromIso(end),
        isCurrent: current,
      },
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'cycle',
      entityId: created.id,
      entityRef: name,
      after: { name, start, end, current },
    });
    return created;
  });
  return success(view(row));
}

export async function listCycles(db: Db, workspaceId: number): Promise<CycleView[]> {
  const rows = await db.cycle.findMany({ where: { workspaceId }, orderBy: { startDate: 'desc' } });
  return rows.map(view);
}

export async function setCurrentCycle(db: Db, actor: Actor, name: string): Promise<Outcome<CycleView>> {
  const cycle = await findCycleByName(db, actor.workspaceId, name);
  if (!cycle) return failure({ name: `There is no cycle called "${name}". \`/okr cycle list\` shows them.` });
  await db.$transaction(async (tx) => {
    await tx.cycle.updateMany({ where: { workspaceId: actor.workspaceId }, data: { isCurrent: false } });
    await tx.cycle.update({ where: { id: cycle.id }, data: { isCurrent: true } });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'cycle',
      entityId: cycle.id,
      entityRef: cycle.name,
      before: { current: cycle.isCurrent },
      after: { current: true },
    });
  });
  return success({ ...cycle, isCurrent: true });
}

export async function findCycleByName(
  db: Db,
  workspaceId: number,
  name: string,
): Promise<CycleView | undefined> {
  const rows = await db.cycle.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
  // The exact spelling first: workspaces may hold names differing only in case from before they were refused.
  const row =
    rows.find((cycle) => cycle.name === name.trim()) ??
    rows.find((cycle) => cycle.name.toLowerCase() === name.trim().toLowerCase());
  return row ? view(row) : undefined;
}

export async function currentCycle(db: Db, workspaceId: number): Promise<CycleView | undefined> {
  const row = await db.cycle.findFirst({ where: { workspaceId, isCurrent: true } });
  return row ? view(row) : undefined;
}
