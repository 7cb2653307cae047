import type { Plan } from './schema.ts';

/**
 * One thing wrong with an imported plan. `path` locates it for people: a YAML path such as
 * `objectives[3].key_results[1].target` (indices start at 0) or, for CSV, `key_results.csv line 4,
 * column kr_target`. `line` is the 1-based source line when known.
 */
export interface PlanProblem {
  path: string;
  line?: number;
  /** Set for CSV imports: which of the files the problem is in. */
  file?: string;
  message: string;
}

export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

/** `objectives[0].title (line 7): must not be empty` — one line per problem for CLI and Slack output. */
export function formatProblem(problem: PlanProblem): string {
  const where =
    problem.file || problem.line === undefined ? problem.path : `${problem.path} (line ${problem.line})`;
  return where ? `${where}: ${problem.message}` : problem.message;
}
