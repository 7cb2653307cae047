/**
 * Import a plan from the CSV files described in csv-format.ts. The rows are assembled into the same
 * raw shape as a YAML file and validated by the same schema and semantic checks; every problem is
 * then reported at its file, line and column.
 */

import { CsvError, parse } from 'csv-parse/sync';
import { restoreCell } from './csv-cells.ts';
import { ALL_COLUMNS, CSV_FILES, type CsvFileKey, REQUIRED_COLUMNS } from './csv-format.ts';
import { decodeMilestones } from './csv-milestones.ts';
import { countProblems, sizeProblem } from './limits.ts';
import type { PlanParseResult, PlanProblem } from './problems.ts';
import type { Path, RawRecord } from './raw-access.ts';
import { validatePlanData } from './validate.ts';

export interface PlanCsvInput {
  keyResults: string;
  checkIns?: string;
  kpis?: string;
  kpiReadings?: string;
}

interface Location {
  file: CsvFileKey;
  line: number;
  column?: string;
}

interface CsvRow {
  line: number;
  cell(column: string): string | undefined;
}

const FILE_ORDER: CsvFileKey[] = ['keyResults', 'checkIns', 'kpis', 'kpiReadings'];

export function parsePlanCsv(files: PlanCsvInput): PlanParseResult {
  const bytes = Object.values(files).reduce((sum, text) => sum + (text ? Buffer.byteLength(text) : 0), 0);
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  const builder = new RawPlanBuilder();
  const keyResultRows = readCsv('keyResults', files.keyResults, builder);
  // Without usable key result rows there is no cycle or objectives to check against; validating
  // anyway would bury the real problem (a bad header, broken quoting) under "is required" noise.
  if (!keyResultRows) return { ok: false, problems: builder.problems };
  builder.addKeyResultRows(keyResultRows);
  const checkInRows = files.checkIns ? readCsv('checkIns', files.checkIns, builder) : [];
  if (checkInRows) builder.addCheckIns(checkInRows);
  const kpiRows = files.kpis ? readCsv('kpis', files.kpis, builder) : [];
  if (kpiRows) builder.addKpis(kpiRows);
  const readingRows = files.kpiReadings ? readCsv('kpiReadings', files.kpiReadings, builder) : [];
  if (readingRows) builder.addReadings(readingRows);

  const tooMany = countProblems(builder.plan);
  if (tooMany.length > 0) return { ok: false, problems: tooMany };
  const validation = validatePlanData(builder.plan);
  if (validation.ok && builder.problems.length === 0) return validation;
  const located = validation.ok ? [] : validation.issues.map((i) => builder.problemAt(i.path, i.message));
  return { ok: false, problems: sortProblems([...builder.problems, ...located]) };
}

/** Parse one file into rows, checking the header; undefined when the file cannot be used at all. */
function readCsv(file: CsvFileKey, text: string, builder: RawPlanBuilder): CsvRow[] | undefined {
  let records: ParsedRecord[];
  try {
    const parsed: unknown = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
    records = Array.isArray(parsed) ? parsed.filter(isParsedRecord) : [];
  } catch (error) {
    const line = error instanceof CsvError && typeof error['lines'] === 'number' ? error['lines'] : 1;
    builder.report(
      { file, line },
      `not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  const [header, ...body] = records;
  if (!header) {
    if (file === 'keyResults') builder.report({ file, line: 1 }, 'the file is empty; expected a header row');
    return file === 'keyResults' ? undefined : [];
  }
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const known = ALL_COLUMNS[file];
  let usable = true;
  columns.forEach((name, index) => {
    if (!known.includes(name)) {
      builder.report({ file, line: 1 }, `unknown column "${name}" (expected columns: ${known.join(', ')})`);
      usable = false;
    } else if (columns.indexOf(name) !== index) {
      builder.report({ file, line: 1, column: name }, `column "${name}" appears twice`);
      usable = false;
    }
  });
  for (const required of REQUIRED_COLUMNS[file]) {
    if (!columns.includes(required)) {
      builder.report({ file, line: 1 }, `missing column "${required}"`);
      usable = false;
    }
  }
  if (!usable) return undefined;
  return body.map(({ record, info }) => {
    if (record.length > columns.length) {
      builder.report(
        { file, line: info.lines },
        `has ${record.length} cells but the header names ${columns.length} columns`,
      );
    }
    return {
      line: info.lines,
      cell(column: string) {
        const index = columns.indexOf(column);
        const raw = index === -1 ? undefined : record[index]?.trim();
        // A leading apostrophe marks text a spreadsheet must not run as a formula (csv-cells.ts).
        const value = raw === undefined ? undefined : restoreCell(raw);
        return value === '' ? undefined : value;
      },
    };
  });
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** csv-parse's typings do not reflect `info: true`, so check the shape instead of casting. */
function isParsedRecord(value: unknown): value is ParsedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { record, info } = value as { record?: unknown; info?: { lines?: unknown } };
  return Array.isArray(record) && typeof info?.lines === 'number';
}

const OBJECTIVE_CELLS = {
  ref: 'objective_ref',
  title: 'objective_title',
  description: 'objective_description',
  level: 'objective_level',
  team: 'team',
  owner: 'objective_owner',
  parent: 'objective_parent',
} as const;

const KR_CELLS = {
  ref: 'kr_ref',
  title: 'kr_title',
  owner: 'kr_owner',
  kind: 'kr_kind',
  start: 'kr_start',
  target: 'kr_target',
  unit: 'kr_unit',
  weight: 'kr_weight',
  curve: 'kr_curve',
} as const;

const KPI_CELLS = {
  ref: 'kpi_ref',
  title: 'title',
  owner: 'owner',
  team: 'team',
  unit: 'unit',
  direction: 'direction',
  target: 'target',
  green: 'green',
  amber: 'amber',
  cadence: 'cadence',
} as const;

/** Assembles the raw plan and remembers where every value came from. */
class RawPlanBuilder {
  readonly plan: { cycle: RawRecord; teams: RawRecord[]; objectives: RawRecord[]; kpis: RawRecord[] } = {
    cycle: {},
    teams: [],
    objectives: [],
    kpis: [],
  };
  readonly problems: PlanProblem[] = [];
  private readonly sources = new Map<string, Location>();
  private readonly teamIndex = new Map<string, number>();
  private readonly objectiveByRef = new Map<string, number>();
  private readonly keyResultByRef = new Map<string, [number, number]>();
  private readonly kpiByRef = new Map<string, number>();

  report(location: Location, message: string): void {
    this.problems.push(toProblem(location, message));
  }

  /** Locate a validation issue: the deepest part of its path we know a source for. */
  problemAt(path: Path, message: string): PlanProblem {
    for (let depth = path.length; depth >= 0; depth--) {
      const source = this.sources.get(JSON.stringify(path.slice(0, depth)));
      if (source) return toProblem(source, message);
    }
    return toProblem({ file: 'keyResults', line: 1 }, message);
  }

  private remember(path: Path, location: Location): void {
    const key = JSON.stringify(path);
    if (!this.sources.has(key)) this.sources.set(key, location);
  }

  /**
   * Set a field from a cell. A value already set from an earlier row must agree, because the same
   * objective or team spreads over several rows and a silent "last one wins" would lose edits.
   */
  private merge(target: RawRecord, path: Path, key: string, row: CsvRow, column: string, what: string): void {
    const value = row.cell(column);
    this.remember([...path, key], { file: 'keyResults', line: row.line, column });
    if (value === undefined) return;
    const previous = target[key];
    if (previous === undefined) {
      target[key] = value;
      this.sources.set(JSON.stringify([...path, key]), { file: 'keyResults', line: row.line, column });
    } else if (previous !== value && JSON.stringify(previous) !== JSON.stringify(value)) {
      const first = this.sources.get(JSON.stringify([...path, key]));
      this.report(
        { file: 'keyResults', line: row.line, column },
        `${what} has ${column} "${value}" here but "${String(previous)}" on line ${first?.line ?? '?'}; the rows must agree`,
      );
    }
  }

  addKeyResultRows(rows: CsvRow[]): void {
    this.remember(['cycle'], { file: 'keyResults', line: rows[0]?.line ?? 1 });
    let current: number | undefined;
    let currentHasRef = false;
    for (const row of rows) {
      this.mergeCycle(row);
      const teamName = row.cell('team');
      if (teamName !== undefined) this.mergeTeam(teamName, row);

      const hasObjective = Object.values(OBJECTIVE_CELLS).some(
        (c) => c !== 'team' && row.cell(c) !== undefined,
      );
      const hasKeyResult = [...Object.values(KR_CELLS), 'kr_milestones'].some(
        (c) => row.cell(c) !== undefined,
      );
      if (hasObjective) {
        const ref = row.cell('objective_ref');
        const title = row.cell('objective_title');
        const previous = current === undefined ? undefined : this.plan.objectives[current];
        // Without refs, consecutive rows with the same objective title are the same objective.
        const continuesPrevious =
          ref === undefined && !currentHasRef && title !== undefined && previous?.['title'] === title;
        if (ref !== undefined && this.objectiveByRef.has(ref)) current = this.objectiveByRef.get(ref);
        else if (!continuesPrevious) current = this.newObjective(row);
        currentHasRef = ref !== undefined;
        if (ref !== undefined && current !== undefined) this.objectiveByRef.set(ref, current);
      } else if (!hasKeyResult) continue;
      if (current === undefined) {
        this.report(
          { file: 'keyResults', line: row.line },
          'this key result has no objective: fill objective_title',
        );
        continue;
      }
      const objective = this.plan.objectives[current];
      if (!objective) continue;
      const objectivePath: Path = ['objectives', current];
      if (hasObjective || teamName !== undefined) {
        for (const [key, column] of Object.entries(OBJECTIVE_CELLS)) {
          if (hasObjective || key === 'team')
            this.merge(objective, objectivePath, key, row, column, 'this objective');
        }
      }
      if (hasKeyResult) this.addKeyResult(objective, objectivePath, row);
    }
  }

  private newObjective(row: CsvRow): number {
    const index = this.plan.objectives.push({ key_results: [] }) - 1;
    this.remember(['objectives', index], { file: 'keyResults', line: row.line });
    return index;
  }

  private mergeCycle(row: CsvRow): void {
    for (const key of ['name', 'start', 'end']) {
      this.merge(this.plan.cycle, ['cycle'], key, row, `cycle_${key}`, 'the cycle');
    }
  }

  private mergeTeam(name: string, row: CsvRow): void {
    let index = this.teamIndex.get(name);
    if (index === undefined) {
      index = this.plan.teams.push({ name }) - 1;
      this.teamIndex.set(name, index);
      this.remember(['teams', index], { file: 'keyResults', line: row.line, column: 'team' });
      this.remember(['teams', index, 'name'], { file: 'keyResults', line: row.line, column: 'team' });
    }
    const team = this.plan.teams[index];
    if (!team) return;
    const path: Path = ['teams', index];
    this.merge(team, path, 'channel', row, 'team_channel', `team "${name}"`);
    this.merge(team, path, 'leader', row, 'team_leader', `team "${name}"`);
    const members = row.cell('team_members');
    this.remember([...path, 'members'], { file: 'keyResults', line: row.line, column: 'team_members' });
    if (members === undefined) return;
    const list = members.split(/[\s,|]+/).filter(Boolean);
    list.forEach((_, k) => {
      this.remember([...path, 'members', k], { file: 'keyResults', line: row.line, column: 'team_members' });
    });
    if (team['members'] === undefined) team['members'] = list;
    else if (JSON.stringify(team['members']) !== JSON.stringify(list)) {
      this.report(
        { file: 'keyResults', line: row.line, column: 'team_members' },
        `team "${name}" lists different team_members on another row; the rows must agree`,
      );
    }
  }

  private addKeyResult(objective: RawRecord, objectivePath: Path, row: CsvRow): void {
    const keyResults = objective['key_results'] as RawRecord[];
    const index = keyResults.length;
    const path: Path = [...objectivePath, 'key_results', index];
    const kr: RawRecord = { check_ins: [] };
    keyResults.push(kr);
    this.remember(path, { file: 'keyResults', line: row.line });
    for (const [key, column] of Object.entries(KR_CELLS)) {
      this.remember([...path, key], { file: 'keyResults', line: row.line, column });
      const value = row.cell(column);
      if (value !== undefined) kr[key] = value;
    }
    const ref = row.cell('kr_ref');
    if (ref !== undefined && !this.keyResultByRef.has(ref)) {
      this.keyResultByRef.set(ref, [objectivePath[1] as number, index]);
    }
    this.remember([...path, 'milestones'], { file: 'keyResults', line: row.line, column: 'kr_milestones' });
    const cell = row.cell('kr_milestones');
    if (cell === undefined) return;
    const decoded = decodeMilestones(cell);
    if (!decoded.ok) {
      this.report({ file: 'keyResults', line: row.line, column: 'kr_milestones' }, decoded.error);
      return;
    }
    kr['milestones'] = decoded.milestones;
  }

  addCheckIns(rows: CsvRow[]): void {
    for (const row of rows) {
      const ref = row.cell('kr_ref');
      const found = ref === undefined ? undefined : this.keyResultByRef.get(ref);
      const kr =
        found && (this.plan.objectives[found[0]]?.['key_results'] as RawRecord[] | undefined)?.[found[1]];
      if (!found || !kr) {
        this.report(
          { file: 'checkIns', line: row.line, column: 'kr_ref' },
          ref === undefined ? 'kr_ref is required' : `no key result in key_results.csv has kr_ref "${ref}"`,
        );
        continue;
      }
      const checkIns = kr['check_ins'] as RawRecord[];
      const path: Path = ['objectives', found[0], 'key_results', found[1], 'check_ins', checkIns.length];
      checkIns.push(
        this.cells(row, 'checkIns', path, {
          date: 'date',
          value: 'value',
          confidence: 'confidence',
          comment: 'comment',
        }),
      );
    }
  }

  addKpis(rows: CsvRow[]): void {
    for (const row of rows) {
      const index = this.plan.kpis.length;
      const kpi = this.cells(row, 'kpis', ['kpis', index], KPI_CELLS);
      kpi['readings'] = [];
      this.plan.kpis.push(kpi);
      const ref = row.cell('kpi_ref');
      if (ref !== undefined && !this.kpiByRef.has(ref)) this.kpiByRef.set(ref, index);
    }
  }

  addReadings(rows: CsvRow[]): void {
    for (const row of rows) {
      const ref = row.cell('kpi_ref');
      const index = ref === undefined ? undefined : this.kpiByRef.get(ref);
      const kpi = index === undefined ? undefined : this.plan.kpis[index];
      if (index === undefined || !kpi) {
        this.report(
          { file: 'kpiReadings', line: row.line, column: 'kpi_ref' },
          ref === undefined ? 'kpi_ref is required' : `no KPI in kpis.csv has kpi_ref "${ref}"`,
        );
        continue;
      }
      const readings = kpi['readings'] as RawRecord[];
      readings.push(
        this.cells(row, 'kpiReadings', ['kpis', index, 'readings', readings.length], {
          date: 'date',
          value: 'value',
        }),
      );
    }
  }

  /** A record from one row's cells, remembering each cell's position. */
  private cells(row: CsvRow, file: CsvFileKey, path: Path, mapping: Record<string, string>): RawRecord {
    const record: RawRecord = {};
    this.remember(path, { file, line: row.line });
    for (const [key, column] of Object.entries(mapping)) {
      this.remember([...path, key], { file, line: row.line, column });
      const value = row.cell(column);
      if (value !== undefined) record[key] = value;
    }
    return record;
  }
}

function toProblem(location: Location, message: string): PlanProblem {
  const file = CSV_FILES[location.file];
  const column = location.column ? `, column ${location.column}` : '';
  return { path: `${file} line ${location.line}${column}`, line: location.line, file, message };
}

function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  const fileRank = (file: string | undefined) => FILE_ORDER.findIndex((key) => CSV_FILES[key] === file);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        fileRank(a.problem.file) - fileRank(b.problem.file) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
