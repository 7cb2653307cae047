/**
 * Load a plan from YAML, reporting every problem with its path and source line so a PMO can fix a
 * whole file in one pass.
 */
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { countProblems, sizeProblem } from './limits.ts';
import type { PlanParseResult, PlanProblem } from './problems.ts';
import { formatPath, type Path } from './raw-access.ts';
import { validatePlanData } from './validate.ts';

export function parsePlanYaml(text: string): PlanParseResult {
  const tooLarge = sizeProblem(Buffer.byteLength(text));
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Syntax errors make the structure untrustworthy, so report only them.
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const line = lineCounter.linePos(error.pos[0]).line;
        return { path: '', line, message: `YAML syntax: ${firstLine(error.message)}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // toJS refuses alias bombs ("billion laughs") and similar; report instead of crashing the import.
    return {
      ok: false,
      problems: [{ path: '', line: 1, message: `YAML could not be read: ${String(error)}` }],
    };
  }
  const tooMany = countProblems(data);
  if (tooMany.length > 0) return { ok: false, problems: tooMany };
  const validation = validatePlanData(data);
  if (validation.ok) return validation;
  const problems: PlanProblem[] = validation.issues.map((issue) => {
    const line = lineOfPath(doc, lineCounter, issue.path);
    const problem: PlanProblem = { path: formatPath(issue.path), message: issue.message };
    if (line !== undefined) problem.line = line;
    return problem;
  });
  return { ok: false, problems: sortProblems(problems) };
}

/**
 * The line of the node at `path`, or of its closest existing ancestor when the value is missing
 * (a missing `target` is reported on the key result's first line).
 */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: Path): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  // Stable sort by line keeps the schema-before-semantics order for problems on the same line.
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? 0) - (b.problem.line ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
