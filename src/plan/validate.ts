/**
 * Shared validation for every import format: schema (field by field) plus semantic checks (records
 * against each other). Front-ends (YAML, CSV) turn the raw paths into file positions.
 */
import type { z } from 'zod';
import { dropBlanks, type Path } from './raw-access.ts';
import { type Plan, planSchema } from './schema.ts';
import { type RawIssue, semanticChecks } from './semantic-checks.ts';
import { friendlyIssueMessage } from './zod-messages.ts';

export type { RawIssue } from './semantic-checks.ts';

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; issues: RawIssue[] };

export function validatePlanData(input: unknown): PlanValidation {
  const raw = dropBlanks(input);
  const parsed = planSchema.safeParse(raw, { error: friendlyIssueMessage });
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap(toRawIssues)),
    ...semanticChecks(raw),
  ];
  if (issues.length === 0 && parsed.success) return { ok: true, plan: parsed.data };
  return { ok: false, issues: dedupe(issues) };
}

function toRawIssues(issue: z.core.$ZodIssue): RawIssue[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    // One problem per unknown key, located at the key itself, so typos like `targt` are easy to find.
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown field "${key}" (is it misspelled?)`,
    }));
  }
  return [{ path, message: issue.message }];
}

function dedupe(issues: RawIssue[]): RawIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { Path };
