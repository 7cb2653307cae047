/**
 * Stable refs for records that have none. CSV needs them (check-ins and readings point at their key
 * result or KPI by ref), and exporting the same plan twice must give the same refs, so they are
 * derived from content and position only: objective and KPI refs from titles, key result refs from
 * their objective's ref and position (`win-the-mid-market-kr2`), risk refs from titles (`risk-vendor-delay`).
 */
import type { Plan, PlanKeyResult, PlanObjective } from './schema.ts';

export function slugify(title: string, fallback: string): string {
  // Only the first words matter for a 40-character slug; slicing first keeps the regexes cheap.
  const slug = title
    .slice(0, 120)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** A copy of the plan in which every objective, key result, KPI and risk has a ref. Existing refs are kept. */
export function withGeneratedRefs(plan: Plan): Plan {
  const used = new Set<string>();
  for (const objective of plan.objectives) {
    if (objective.ref) used.add(objective.ref);
    for (const kr of objective.key_results) if (kr.ref) used.add(kr.ref);
  }
  for (const kpi of plan.kpis) if (kpi.ref) used.add(kpi.ref);
  for (const risk of plan.risks) if (risk.ref) used.add(risk.ref);

  const claim = (base: string): string => {
    let ref = base;
    for (let n = 2; used.has(ref); n++) ref = `${base}-${n}`;
    used.add(ref);
    return ref;
  };

  const objectives = plan.objectives.map((objective, i): PlanObjective => {
    const ref = objective.ref ?? claim(slugify(objective.title, `objective-${i + 1}`));
    const keyResults = objective.key_results.map(
      (kr, j): PlanKeyResult => (kr.ref ? kr : { ...kr, ref: claim(`${ref}-kr${j + 1}`) }),
    );
    return { ...objective, ref, key_results: keyResults };
  });
  const kpis = plan.kpis.map((kpi, k) =>
    kpi.ref ? kpi : { ...kpi, ref: claim(`kpi-${slugify(kpi.title, `${k + 1}`)}`) },
  );
  const risks = plan.risks.map((risk, r) =>
    risk.ref ? risk : { ...risk, ref: claim(`risk-${slugify(risk.title, `${r + 1}`)}`) },
  );
  return { ...plan, objectives, kpis, risks };
}
