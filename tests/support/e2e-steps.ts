// Steps the end-to-end files share, so that a test reads as what a person types in Slack and what Okra
// answers: a table of exchanges instead of the same "send, then look at the reply" lines for each command.
import { expect } from 'vitest';
import type { FieldValue, StateMap } from '../../devkit/slack-stand-in/driver.ts';
import type { CommandResult, Harness } from './harness.ts';

/**
 * Something an answer must say: text it contains, a pattern it matches, `exactly(...)` the whole of it, or
 * `without(...)` what it must not contain or match.
 */
export type Expectation = string | RegExp | { without: string | RegExp } | { exactly: string };

/** The answer must not contain this text, or match this pattern. */
export const without = (unwanted: string | RegExp): Expectation => ({ without: unwanted });

/** The answer must be this text and nothing more. */
export const exactly = (whole: string): Expectation => ({ exactly: whole });

/** One exchange: what the person types after `/okr`, and what the answer says. */
export type Exchange = [typed: string, says: Expectation | Expectation[]];

/** Checks one answer's text against each expectation; `label` names it in a failure (the command, usually). */
export function expectSays(text: string, says: Expectation | Expectation[], label: string): void {
  for (const expectation of Array.isArray(says) ? says : [says]) {
    if (typeof expectation === 'string') expect(text, label).toContain(expectation);
    else if (expectation instanceof RegExp) expect(text, label).toMatch(expectation);
    else if ('exactly' in expectation) expect(text, label).toBe(expectation.exactly);
    else if (typeof expectation.without === 'string') expect(text, label).not.toContain(expectation.without);
    else expect(text, label).not.toMatch(expectation.without);
  }
}

/**
 * `user` types each command in turn, as in Slack; each answer (the text of the first reply) is checked
 * against what it should say, with the command in any failure message. Resolves to the results, in order.
 */
export async function expectAnswers(
  h: Harness,
  user: string,
  exchanges: Exchange[],
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const [typed, says] of exchanges) {
    const result = await h.command(user, typed);
    expectSays(result.text, says, `/okr ${typed}`);
    results.push(result);
  }
  return results;
}

/** The blocks of the first reply, as JSON text, for checking what a list or card shows. */
export const blocksText = (result: CommandResult): string => JSON.stringify(result.replies[0]?.body.blocks);

/** What Slack submits for a form's fields, from `{ field: value }` (block id and action id are the same). */
export function fields(values: Record<string, FieldValue>): StateMap {
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { value }]));
}

/**
 * Submits the form with `values` and expects Okra to keep it open with exactly these errors, each on its
 * field, as Slack shows them under the inputs.
 */
export async function expectFormErrors(
  h: Harness,
  user: string,
  modal: Record<string, unknown>,
  values: StateMap,
  errors: Record<string, unknown>,
): Promise<void> {
  const answer = await h.submit(user, modal, values);
  expect(answer.body).toEqual({ response_action: 'errors', errors });
}

/** The audit entries one action left on one item (`entityType` as stored: 'kpi', 'key_result', …), oldest first. */
export const auditEntries = (h: Harness, entityType: string, entityId: number, action: string) =>
  h.db.auditEntry.findMany({ where: { entityType, entityId, action }, orderBy: { id: 'asc' } });
