// Importing a plan file into a workspace: the cycle, teams, objectives, key results (with milestones and
// check-ins), KPIs (with readings) and risks, all in one transaction. Items match by ref, so importing the
// same file again changes nothing; a problem found while writing rolls everything back.
import type { Db } from '../db/client.ts';
import { plainDatabaseFailure } from '../db/errors.ts';
import { lockRow } from '../db/queries/row-lock.ts';
import { can, parseRole, WHO_MAY } from '../domain/permissions.ts';
import { type Plan, withGeneratedRefs } from '../plan/index.ts';
import { futureDated } from './plan/future-dates.ts';
import { type ImportHint, importHints } from './plan/import-hints.ts';
import { importKeyResults } from './plan/import-key-results.ts';
import { importKpis } from './plan/import-kpis.ts';
import { importObjectives } from './plan/import-objectives.ts';
import { importRisks } from './plan/import-risks.ts';
import {
  emptySummary,
  type ImportProblem,
  type ImportScope,
  type ImportSummary,
  memberResolver,
  problemAt,
} from './plan/import-scope.ts';
import { importCycle, importTeams } from './plan/import-teams.ts';
import { checkInClashes, foldedReadingHints } from './plan/period-clashes.ts';

export type { ImportHint } from './plan/import-hints.ts';
export type { ImportKind, ImportProblem, ImportSummary, KindCounts } from './plan/import-scope.ts';

export interface ImportRequest {
  /**
   * The workspace to import into, or, for a dry run before the workspace exists (a fresh database), the
   * Slack team it would be: its row is made inside the transaction the dry run rolls back.
   */
  workspaceId: number | { dryRunTeam: string };
  /** "import" for the command line, or the Slack user id of the PMO admin importing. */
  actor: string;
  plan: Plan;
  /** Check and count everything, then roll back: nothing is written. */
  dryRun?: boolean;
  now?: Date;
}

export type ImportResult =
  | { ok: true; summary: ImportSummary; hints: ImportHint[]; dryRun: boolean }
  | { ok: false; problems: ImportProblem[] };

/** Thrown inside the transaction to roll it back; carries why. */
class Rollback extends Error {
  constructor(readonly outcome: ImportResult) {
    super('rolled back');
  }
}

// A large plan is a few thousand statements; the default 5 s interactive-transaction limit is too tight.
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export async function importPlan(db: Db, request: ImportRequest): Promise<ImportResult> {
  const now = request.now ?? new Date();
  const refused = await refusal(db, request);
  if (refused) return { ok: false, problems: [refused] };
  const clashes = [...checkInClashes(request.plan), ...futureDated(request.plan, now)];
  if (clashes.length > 0) return { ok: false, problems: clashes };

  const plan = withGeneratedRefs(request.plan);
  const generatedRefs = new Set(newRefs(request.plan, plan));
  const hints = [...importHints(plan, now), ...foldedReadingHints(plan)];
  try {
    return await db.$transaction(async (tx) => {
      const workspaceId =
        typeof request.workspaceId === 'number'
          ? request.workspaceId
          : (await tx.workspace.create({ data: { slackTeamId: request.workspaceId.dryRunTeam } })).id;
      // One import per workspace at a time: a second one waits here, then finds the first one's rows.
      await lockRow(tx, 'Workspace', workspaceId);
      const scope: ImportScope = {
        tx,
        workspaceId,
        actor: request.actor,
        now,
        generatedRefs,
        summary: emptySummary(),
        problems: [],
        ...(await memberResolver(tx, workspaceId)),
      };
      await writePlan(scope, plan);
      if (scope.problems.length > 0) throw new Rollback({ ok: false, problems: scope.problems });
      const result: ImportResult = {
        ok: true,
        summary: scope.summary,
        hints,
        dryRun: request.dryRun === true || typeof request.workspaceId !== 'number',
      };
      if (request.dryRun || typeof request.workspaceId !== 'number') throw new Rollback(result);
      return result;
    }, TRANSACTION);
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    const sentence = plainDatabaseFailure(error);
    if (sentence) return { ok: false, problems: [problemAt([], sentence)] };
    throw error;
  }
}

/** Each step stops early once a problem is known: the transaction will be rolled back anyway. */
async function writePlan(scope: ImportScope, plan: Plan): Promise<void> {
  const cycle = await importCycle(scope, plan.cycle);
  const teamIds = await importTeams(scope, plan.teams);
  const objectives = await importObjectives(scope, plan, cycle, teamIds);
  if (scope.problems.length > 0) return;
  const keyResults = await importKeyResults(scope, plan, cycle, objectives);
  if (scope.problems.length > 0) return;
  const kpis = await importKpis(scope, plan, teamIds);
  await importRisks(scope, plan.risks, { objectives, keyResults, kpis });
}

async function refusal(db: Db, request: ImportRequest): Promise<ImportProblem | undefined> {
  if (request.actor === 'import') return undefined;
  if (typeof request.workspaceId !== 'number') return problemAt([], 'There is no such workspace.');
  const member = await db.member.findUnique({
    where: { workspaceId_slackUserId: { workspaceId: request.workspaceId, slackUserId: request.actor } },
  });
  if (member && can({ memberId: member.id, role: parseRole(member.role) }, 'structure')) return undefined;
  return problemAt([], `Only ${WHO_MAY.structure} can import a plan. Nothing was changed.`);
}

/** Refs withGeneratedRefs made up, so problems can say "this item has no ref" rather than blame the file. */
function newRefs(original: Plan, withRefs: Plan): string[] {
  const made: string[] = [];
  withRefs.objectives.forEach((objective, i) => {
    const before = original.objectives[i];
    if (!before?.ref && objective.ref) made.push(objective.ref);
    objective.key_results.forEach((kr, j) => {
      if (!before?.key_results[j]?.ref && kr.ref) made.push(kr.ref);
    });
  });
  withRefs.kpis.forEach((kpi, k) => {
    if (!original.kpis[k]?.ref && kpi.ref) made.push(kpi.ref);
  });
  withRefs.risks.forEach((risk, r) => {
    if (!original.risks[r]?.ref && risk.ref) made.push(risk.ref);
  });
  return made;
}
