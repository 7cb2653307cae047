// Problems found while writing a plan know their path in the plan; people fixing the file need the line.
// These find it in the YAML text, or in the CSV file the item came from.
import { parse } from 'csv-parse/sync';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { CSV_FILES, type Plan, type PlanProblem } from '../../plan/index.ts';
import type { ImportProblem, PlanPath } from './import-scope.ts';

export function locateInYaml(text: string, problems: readonly ImportProblem[]): PlanProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return problems.map(({ at, ...problem }) => {
    for (let depth = at.length; depth > 0; depth--) {
      const node = doc.getIn(at.slice(0, depth), true);
      if (isNode(node) && node.range) return { ...problem, line: lineCounter.linePos(node.range[0]).line };
    }
    return problem;
  });
}

export interface CsvTexts {
  keyResults: string;
  checkIns?: string;
}

/** `key_results.csv line 7, column objective_ref` where the item is found; the plan path otherwise. */
export function locateInCsv(files: CsvTexts, plan: Plan, problems: readonly ImportProblem[]): PlanProblem[] {
  return problems.map(({ at, ...problem }) => {
    const found = csvCell(files, plan, at);
    if (!found) return problem;
    return { ...problem, file: found.file, path: `${found.file} line ${found.line}, column ${found.column}` };
  });
}

function csvCell(
  files: CsvTexts,
  plan: Plan,
  at: PlanPath,
): { file: string; line: number; column: string } | undefined {
  const [section, i, list, j, inner, c] = at;
  if (section !== 'objectives' || typeof i !== 'number') return undefined;
  const objective = plan.objectives[i];
  if (list === 'ref' && objective?.ref)
    return find(files.keyResults, CSV_FILES.keyResults, { objective_ref: objective.ref }, 'objective_ref');
  if (list !== 'key_results' || typeof j !== 'number') return undefined;
  const kr = objective?.key_results[j];
  if (!kr?.ref) return undefined;
  if (inner === 'ref') return find(files.keyResults, CSV_FILES.keyResults, { kr_ref: kr.ref }, 'kr_ref');
  const checkIn = typeof c === 'number' ? kr.check_ins[c] : undefined;
  if (inner === 'check_ins' && checkIn && files.checkIns)
    return find(files.checkIns, CSV_FILES.checkIns, { kr_ref: kr.ref, date: checkIn.date }, 'date', true);
  return undefined;
}

/** The line of the first (or, with `last`, the last) row whose cells equal `wanted`. */
function find(
  text: string,
  file: string,
  wanted: Record<string, string>,
  column: string,
  last = false,
): { file: string; line: number; column: string } | undefined {
  let rows: unknown;
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  const records = rows as Array<{ record: string[]; info: { lines: number } }>;
  const header = records[0]?.record.map((name) => name.trim().toLowerCase()) ?? [];
  const matches = records
    .slice(1)
    .filter(({ record }) =>
      Object.entries(wanted).every(([name, value]) => record[header.indexOf(name)]?.trim() === value),
    );
  const match = last ? matches.at(-1) : matches[0];
  return match ? { file, line: match.info.lines, column } : undefined;
}
