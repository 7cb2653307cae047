// Risks of an imported plan, matched by ref like the other items: an export writes each risk's ref (its
// short id R-3 for a risk made in Slack), so renaming a risk in the file renames it rather than adding
// another. `plan` must carry a ref on every risk (withGeneratedRefs): one without (a hand-written file)
// gets `risk-<title>`, and a risk made in Slack with the same title is the same risk.
import { nextNumber } from '../../db/queries/counters.ts';
import { formatShortId } from '../../domain/short-ids.ts';
import type { PlanRisk } from '../../plan/index.ts';
import type { WrittenItem } from './import-objectives.ts';
import { type ImportScope, recordCreated, type Snapshot, settleItem } from './import-scope.ts';
import { RefIndex } from './ref-match.ts';

export interface LinkTargets {
  objectives: ReadonlyMap<string, WrittenItem>;
  keyResults: ReadonlyMap<string, WrittenItem>;
  kpis: ReadonlyMap<string, WrittenItem>;
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
  const index = new RefIndex(rows, 'risk');
  for (const risk of risks) {
    const ref = risk.ref!;
    // A hand-written risk without a ref is the ref-less risk made in Slack with the same title.
    const row =
      index.find(ref) ??
      (scope.generatedRefs.has(ref) ? rows.find((x) => x.ref === null && x.title === risk.title) : undefined);
    const objective = risk.objective === undefined ? undefined : targets.objectives.get(risk.objective);
    const keyResult = risk.key_result === undefined ? undefined : targets.keyResults.get(risk.key_result);
    const kpi = risk.kpi === undefined ? undefined : targets.kpis.get(risk.kpi);
    const status = risk.status ?? 'open';
    const desired: Snapshot = {
      ref,
      title: risk.title,
      description: risk.description ?? '',
      owner: risk.owner ?? null,
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
      ownerId: await scope.ownerId(risk.owner),
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
