// Which exported item a risk is on, as the plan's `objective:` / `key_result:` / `kpi:` ref. Undefined when
// the risk is on something this export leaves out (another cycle, an archived item).
import type { PlanRisk } from '../../plan/index.ts';
import { itemRef } from './export-refs.ts';

type Link = Pick<PlanRisk, 'objective' | 'key_result' | 'kpi'>;

interface Referable {
  id: number;
  number: number;
  ref: string | null;
}

export function riskLink(
  risk: { objectiveId: number | null; keyResultId: number | null; kpiId: number | null },
  objectives: ReadonlyArray<Referable & { keyResults: readonly Referable[] }>,
  kpis: readonly Referable[],
): Link | undefined {
  if (risk.objectiveId !== null) {
    const objective = objectives.find((o) => o.id === risk.objectiveId);
    return objective ? { objective: itemRef('objective', objective) } : undefined;
  }
  if (risk.keyResultId !== null) {
    for (const objective of objectives) {
      const kr = objective.keyResults.find((k) => k.id === risk.keyResultId);
      if (kr) return { key_result: itemRef('key_result', kr) };
    }
    return undefined;
  }
  if (risk.kpiId !== null) {
    const kpi = kpis.find((k) => k.id === risk.kpiId);
    return kpi ? { kpi: itemRef('kpi', kpi) } : undefined;
  }
  return {};
}
