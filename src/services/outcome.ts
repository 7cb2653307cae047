// What every state-changing service returns. Field errors are keyed by the input's name, which is also the
// block_id of that input in its modal, so the same errors show inline in a form or as a list in a reply.
export type FieldErrors = Record<string, string>;

/**
 * A remark on a successful change, in plain text. One that names people carries their ids apart, so the
 * Slack layer can mention them without the service writing Slack markup (which would be escaped anyway).
 */
export type Note = string | { text: string; people: readonly string[] };

export type Outcome<T> = { ok: true; value: T; notes: Note[] } | { ok: false; errors: FieldErrors };

export function success<T>(value: T, notes: Note[] = []): Outcome<T> {
  return { ok: true, value, notes };
}

export function failure<T = never>(errors: FieldErrors): Outcome<T> {
  return { ok: false, errors };
}

/** zod issues as field errors: the first message for each top-level field. */
export function fieldErrorsFrom(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** What a service accepts: any field may be missing or wrong; the service's zod schema says what is. */
export type Loose<T> = { [K in keyof T]?: T[K] | undefined };
