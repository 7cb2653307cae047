// `okra import` and `okra export`: plan files from a terminal, for the PMO setting up a quarter.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, type Db, openDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrations.ts';
import { providerOf, sqliteFilePath } from '../db/provider.ts';
import { ensureWorkspace } from '../db/queries/workspaces.ts';
import { missingDatabase } from '../db/sqlite-file.ts';
import {
  CSV_FILES,
  formatProblem,
  type PlanParseResult,
  type PlanProblem,
  parsePlanCsv,
  parsePlanYaml,
  slugify,
} from '../plan/index.ts';
import { EXPORT_FORMATS, type ExportFormat, exportFiles } from '../services/plan/export-files.ts';
import { locateInCsv, locateInYaml } from '../services/plan/problem-lines.ts';
import { ExportError, exportPlan } from '../services/plan-export.ts';
import { type ImportResult, type ImportSummary, importPlan } from '../services/plan-import.ts';

export interface Output {
  write(text: string): unknown;
}

export interface CliIo {
  out: Output;
  err: Output;
  databaseUrl: string;
  now?: Date;
}

export const IMPORT_USAGE = `okra import <plan.yaml | key_results.csv> [--team T0123ABCD] [--dry-run]`;
export const EXPORT_USAGE = `okra export [--format yaml|csv] [--cycle "2026 Q1"] [--out path] [--team T0123ABCD]`;

/** The plan file as read from disk, with what is needed to point at lines later. */
type LoadedFile =
  | { kind: 'yaml'; text: string; parsed: PlanParseResult }
  | { kind: 'csv'; texts: { keyResults: string; checkIns?: string }; parsed: PlanParseResult };

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const args = readArgs(argv, { team: { type: 'string' }, 'dry-run': { type: 'boolean' } }, io, IMPORT_USAGE);
  if (!args) return 2;
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    io.err.write(`Name one plan file: ${IMPORT_USAGE}\n`);
    return 2;
  }
  if (!existsSync(file)) {
    io.err.write(`There is no file ${file}.\n`);
    return 2;
  }
  const loaded = loadPlanFile(file);
  if (!loaded.parsed.ok) return reportProblems(io, file, loaded.parsed.problems);
  const plan = loaded.parsed.plan;

  return withDatabase(io, async (db) => {
    const dryRun = args.values['dry-run'] === true;
    const workspace = await workspaceFor(db, stringFlag(args.values.team), dryRun ? 'dry-run' : 'create');
    if (!workspace.ok) {
      io.err.write(`${workspace.message}\n`);
      return 2;
    }
    const result = await importPlan(db, {
      workspaceId: workspace.id,
      actor: 'import',
      plan,
      dryRun,
      ...(io.now ? { now: io.now } : {}),
    });
    if (!result.ok) {
      const located =
        loaded.kind === 'yaml'
          ? locateInYaml(loaded.text, result.problems)
          : locateInCsv(loaded.texts, plan, result.problems);
      return reportProblems(io, file, located);
    }
    io.out.write(importReport(file, result));
    if (typeof workspace.id !== 'number' && args.values.team === undefined)
      io.out.write(
        'The database has no workspace yet: the import itself needs --team T0123ABCD (the Slack team id).\n',
      );
    return 0;
  });
}

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const args = readArgs(
    argv,
    {
      format: { type: 'string', default: 'yaml' },
      cycle: { type: 'string' },
      out: { type: 'string' },
      team: { type: 'string' },
    },
    io,
    EXPORT_USAGE,
  );
  if (!args) return 2;
  const format = EXPORT_FORMATS.find((f) => f === stringFlag(args.values.format)?.toLowerCase());
  if (!format || args.positionals.length > 0) {
    io.err.write(`The format is yaml or csv: ${EXPORT_USAGE}\n`);
    return 2;
  }
  return withDatabase(io, async (db) => {
    const workspace = await workspaceFor(db, stringFlag(args.values.team), 'read');
    if (!workspace.ok) {
      io.err.write(`${workspace.message}\n`);
      return 2;
    }
    const cycle = stringFlag(args.values.cycle);
    let plan: Awaited<ReturnType<typeof exportPlan>>;
    try {
      plan = await exportPlan(db, workspace.id, cycle === undefined ? {} : { cycle });
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      io.err.write(`${error.message}\n`);
      return 1;
    }
    const exported = exportFiles(plan, format, io.now ?? new Date());
    for (const warning of exported.warnings) io.err.write(`warning: ${warning}\n`);
    writeExport(io, format, exported.files, stringFlag(args.values.out), plan.cycle.name);
    return 0;
  });
}

function writeExport(
  io: CliIo,
  format: ExportFormat,
  files: ReadonlyArray<{ filename: string; content: string }>,
  out: string | undefined,
  cycleName: string,
): void {
  if (format === 'yaml') {
    const [file] = files;
    if (!file) return;
    if (out === undefined) {
      io.out.write(file.content);
      return;
    }
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, file.content);
    io.out.write(`Wrote ${out}\n`);
    return;
  }
  // Four CSV files: --out names their folder (or key_results.csv inside it); by default a folder per cycle.
  const folder =
    out === undefined
      ? `okra-plan-${slugify(cycleName, 'cycle')}`
      : out.toLowerCase().endsWith('.csv')
        ? dirname(out)
        : out;
  mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(join(folder, file.filename), file.content);
  io.out.write(`Wrote ${files.map((file) => join(folder, file.filename)).join(', ')}\n`);
}

function loadPlanFile(file: string): LoadedFile {
  const text = readFileSync(file, 'utf8');
  if (!file.toLowerCase().endsWith('.csv')) return { kind: 'yaml', text, parsed: parsePlanYaml(text) };
  // The other three CSV files sit next to key_results.csv; each is optional.
  const sibling = (name: string) => {
    const path = join(dirname(file), name);
    return existsSync(path) && basename(path) !== basename(file) ? readFileSync(path, 'utf8') : undefined;
  };
  const checkIns = sibling(CSV_FILES.checkIns);
  const kpis = sibling(CSV_FILES.kpis);
  const kpiReadings = sibling(CSV_FILES.kpiReadings);
  const parsed = parsePlanCsv({
    keyResults: text,
    ...(checkIns === undefined ? {} : { checkIns }),
    ...(kpis === undefined ? {} : { kpis }),
    ...(kpiReadings === undefined ? {} : { kpiReadings }),
  });
  return {
    kind: 'csv',
    texts: { keyResults: text, ...(checkIns === undefined ? {} : { checkIns }) },
    parsed,
  };
}

function reportProblems(io: CliIo, file: string, problems: readonly PlanProblem[]): number {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  io.err.write(`${file}: ${count}; nothing was imported.\n`);
  for (const problem of problems) io.err.write(`  ${formatProblem(problem)}\n`);
  return 1;
}

const KIND_LABELS: Record<keyof ImportSummary, string> = {
  cycles: 'cycles',
  teams: 'teams',
  objectives: 'objectives',
  keyResults: 'key results',
  kpis: 'KPIs',
  risks: 'risks',
  checkIns: 'check-ins',
  kpiReadings: 'KPI readings',
};

function importReport(file: string, result: Extract<ImportResult, { ok: true }>): string {
  const lines = [
    result.dryRun ? `Dry run of ${file}: nothing was written. It would give:` : `Imported ${file}:`,
  ];
  for (const [kind, label] of Object.entries(KIND_LABELS) as Array<[keyof ImportSummary, string]>) {
    const c = result.summary[kind];
    if (c.created + c.updated + c.unchanged === 0) continue;
    lines.push(`  ${label}: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged`);
  }
  if (result.hints.length > 0) {
    lines.push('Worth a look:');
    for (const hint of result.hints)
      lines.push(`  ${hint.path}${hint.ref ? ` (${hint.ref})` : ''}: ${hint.message}`);
  }
  return `${lines.join('\n')}\n`;
}

type WorkspaceChoice<Id> = { ok: true; id: Id } | { ok: false; message: string };

/** A Slack team id for a dry run into a database with no workspace yet: nothing is written under it. */
const DRY_RUN_TEAM = 'T0DRYRUN';

/**
 * --team names the Slack workspace; without it, the database's only workspace. An import creates the
 * workspace it names; a dry run writes nothing, so it checks the plan against a workspace that exists only
 * inside its rolled-back transaction (and on an empty database needs no --team at all).
 */
async function workspaceFor(db: Db, team: string | undefined, mode: 'read'): Promise<WorkspaceChoice<number>>;
async function workspaceFor(
  db: Db,
  team: string | undefined,
  mode: 'create' | 'dry-run',
): Promise<WorkspaceChoice<number | { dryRunTeam: string }>>;
async function workspaceFor(
  db: Db,
  team: string | undefined,
  mode: 'read' | 'create' | 'dry-run',
): Promise<WorkspaceChoice<number | { dryRunTeam: string }>> {
  if (team !== undefined) {
    if (!/^[TE][A-Z0-9]{2,}$/.test(team))
      return { ok: false, message: `--team takes a Slack team id such as T0123ABCD, not "${team}".` };
    const found = await db.workspace.findUnique({ where: { slackTeamId: team } });
    if (found) return { ok: true, id: found.id };
    if (mode === 'create') return { ok: true, id: (await ensureWorkspace(db, team)).id };
    if (mode === 'dry-run') return { ok: true, id: { dryRunTeam: team } };
    return { ok: false, message: `The database has no workspace ${team}.` };
  }
  const all = await db.workspace.findMany({ orderBy: { id: 'asc' } });
  const [only] = all;
  if (all.length === 1 && only) return { ok: true, id: only.id };
  if (all.length === 0 && mode === 'dry-run') return { ok: true, id: { dryRunTeam: DRY_RUN_TEAM } };
  if (all.length === 0)
    return {
      ok: false,
      message:
        'The database has no workspace yet, so name the Slack workspace: --team T0123ABCD (its team id, ' +
        'shown in Slack under About this workspace, or in the app URL).',
    };
  return {
    ok: false,
    message: `The database holds ${all.length} workspaces (${all.map((w) => w.slackTeamId).join(', ')}): choose one with --team.`,
  };
}

async function withDatabase(io: CliIo, work: (db: Db) => Promise<number>): Promise<number> {
  // Like the app, never start afresh where Okra's database was deleted (see db/sqlite-file.ts).
  const missing =
    providerOf(io.databaseUrl) === 'sqlite' ? missingDatabase(sqliteFilePath(io.databaseUrl)) : undefined;
  if (missing) {
    io.err.write(`${missing}\n`);
    return 1;
  }
  const database: Database = openDatabase(io.databaseUrl);
  try {
    await applyMigrations(io.databaseUrl, database.provider);
    return await work(database.db);
  } finally {
    await database.close();
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function readArgs<O extends Options>(argv: string[], options: O, io: CliIo, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err.write(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}\n`);
    return undefined;
  }
}

function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
