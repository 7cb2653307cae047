// Plan items written straight to the database under chosen short ids, for end-to-end files whose subject
// is something else (risks, check-ins, /okr show, Home): each call names only what its test cares about,
// and the rest takes the plainest value (a company objective in the quarter, a key result that increases).
import type { Prisma } from '../../src/generated/sqlite/client.ts';
import type { Harness } from './harness.ts';
import type { Quarter } from './seed.ts';

type ObjectiveExtra = Partial<Prisma.ObjectiveUncheckedCreateInput>;
type KeyResultExtra = Partial<Prisma.KeyResultUncheckedCreateInput>;
type KpiFields = Omit<Prisma.KpiUncheckedCreateInput, 'workspaceId' | 'number' | 'title'>;

export function planRows(h: Harness, quarter: Pick<Quarter, 'workspaceId' | 'cycleId'>) {
  const { workspaceId, cycleId } = quarter;
  return {
    objective: (number: number, title: string, extra: ObjectiveExtra = {}) =>
      h.db.objective.create({ data: { workspaceId, number, title, cycleId, level: 'company', ...extra } }),
    keyResult: (number: number, objectiveId: number, title: string, extra: KeyResultExtra = {}) =>
      h.db.keyResult.create({
        data: { workspaceId, number, objectiveId, title, kind: 'increase', ...extra },
      }),
    kpi: (number: number, title: string, fields: KpiFields) =>
      h.db.kpi.create({ data: { workspaceId, number, title, ...fields } }),
  };
}
