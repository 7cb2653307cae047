/**
 * Wording for the generic zod failures that the schema does not phrase itself. The audience is a
 * PMO fixing a spreadsheet, so we say what was expected in everyday words ("a list", "a mapping").
 */
import type { z } from 'zod';
import { describeValue } from '../domain/numbers/zod-number.ts';

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping (key: value lines)',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

export function friendlyIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `is required (expected ${expected})`
        : `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : undefined;
    default:
      return undefined;
  }
}
