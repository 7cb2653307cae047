// Risks of an imported plan. The file format gives risks no ref, so each gets one from its title
// (`risk-<title>`); a risk made in Slack (no ref yet) with the same title is the same risk.
import { nextNumber } from '../../db/queries/counters.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import { type PlanRisk, slugify } from '../../plan/index.ts';
import type { WrittenItem } from './import-objectives.ts';
import { type ImportScope, recordCreated, type Snapshot, settleItem } from './import-scope.ts';

export interface LinkTargets {
  objectives: ReadonlyMap<string, WrittenItem>;
  keyResults: ReadonlyMap<string, WrittenItem>;
  kpis: ReadonlyMap<string, WrittenItem>;
}

/** A stable ref per risk, unique within the file. */
export function riskRefs(risks: readonly PlanRisk[]): string[] {
  const used = new Set<string>();
  return risks.map((risk, r) => {
    const base = `risk-${slugify(risk.title, `${r + 1}`)}`;
    let ref = base;
    for (let n = 2; used.has(ref); n++) ref = `${base}-${n}`;
    used.add(ref);
    return ref;
  });
}

export async function importRisks(
  scope: ImportScope,
  risks: readonly PlanRisk[],
  targets: LinkTargets,
): Promise<void> {
  const { tx, workspaceId } = scope;
  const rows = await tx.risk.findMany({
    where: { workspaceId },
    include: {
      owner: { select: { slackUserId: true } },
      objective: { select: { number: true } },
      keyResult: { select: { number: true } },
      kpi: { select: { number: true } },
    },
  });
  const refs = riskRefs(risks);
  for (const [r, risk] of risks.entries()) {
    const ref = refs[r]!;
    const row = rows.find((x) => x.ref === ref) ?? rows.find((x) => x.ref === null && x.title === risk.title);
    const objective = risk.objective === undefined ? undefined : targets.objectives.get(risk.objective);
    const keyResult = risk.key_result === undefined ? undefined : targets.keyResults.get(risk.key_result);
    const kpi = risk.kpi === undefined ? undefined : targets.kpis.get(risk.kpi);
    const status = risk.status ?? 'open';
    const desired: Snapshot = {
      ref,
      title: risk.title,
      description: risk.description ?? '',
      owner: risk.owner,
      likelihood: risk.likelihood,
      impact: risk.impact,
      on: linkOf(objective, keyResult, kpi),
      mitigation: risk.mitigation ?? '',
      status,
    };
    const data = {
      ref,
      title: risk.title,
      description: risk.description ?? '',
      ownerId: await scope.memberId(risk.owner),
      likelihood: risk.likelihood,
      impact: risk.impact,
      objectiveId: objective?.id ?? null,
      keyResultId: keyResult?.id ?? null,
      kpiId: kpi?.id ?? null,
      mitigation: risk.mitigation ?? '',
      status,
    };
    if (!row) {
      const number = await nextNumber(tx, workspaceId, 'risk');
      const made = await tx.risk.create({
        data: { workspaceId, number, ...data, closedAt: status === 'closed' ? scope.now : null },
      });
      await recordCreated(
        scope,
        'risks',
        'risk',
        { id: made.id, entityRef: formatShortId('risk', number) },
        desired,
      );
      continue;
    }
    const existing = {
      id: row.id,
      entityRef: formatShortId('risk', row.number),
      snapshot: {
        ref: row.ref,
        title: row.title,
        description: row.description,
        owner: row.owner?.slackUserId ?? null,
        likelihood: row.likelihood,
        impact: row.impact,
        on: linkOf(row.objective ?? undefined, row.keyResult ?? undefined, row.kpi ?? undefined),
        mitigation: row.mitigation,
        status: row.status,
      },
    };
    await settleItem(scope, 'risks', 'risk', existing, desired, async () => {
      const closedAt = status !== 'closed' ? null : row.status === 'closed' ? row.closedAt : scope.now;
      await tx.risk.update({ where: { id: row.id }, data: { ...data, closedAt } });
    });
  }
}

function linkOf(
  objective: { number: number } | undefined,
  keyResult: { number: number } | undefined,
  kpi: { number: number } | undefined,
): string | null {
  if (objective) return formatShortId('objective', objective.number);
  if (keyResult) return formatShortId('key_result', keyResult.number);
  if (kpi) return formatShortId('kpi', kpi.number);
  return null;
}
