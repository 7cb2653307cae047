// Replies to commands: confirmations and problem lists, shared by the text and the modal paths.
import type { FieldErrors, Note, Outcome } from '../../services/outcome.ts';
import { Mrkdwn, md } from '../mrkdwn.ts';
import { type SlackMessage, sectionsMessage } from './message.ts';

/** Field errors as a reply to a typed command; `names` maps fields to how the person typed them. */
export function problemsMessage(errors: FieldErrors, names: Record<string, string> = {}): SlackMessage {
  // The heading already says nothing was changed; a service message saying it again reads twice.
  const said = (message: string) => message.replace(/\s*Nothing was (changed|saved)\.\s*$/, '');
  const lines = Object.entries(errors).map(
    ([field, message]) => md`• *${names[field] ?? field}*: ${said(message)}`,
  );
  return sectionsMessage([md`Nothing was changed:\n${md.join(lines, md`\n`)}`]);
}

/** The answer to a change: `message` when the service made it, the list of problems when it did not. */
export function outcomeMessage<T>(
  outcome: Outcome<T>,
  names: Record<string, string>,
  message: (value: T, notes: readonly Note[]) => SlackMessage,
): SlackMessage {
  return outcome.ok ? message(outcome.value, outcome.notes) : problemsMessage(outcome.errors, names);
}

/** A service's note as mrkdwn: its text escaped, the people it names mentioned. */
export function noteText(note: Note | Mrkdwn): Mrkdwn {
  if (typeof note === 'string' || note instanceof Mrkdwn) return md`${note}`;
  return md`${note.text} ${md.join(note.people.map(md.user), md`, `)}.`;
}

/** A confirmation and the notes the service attached. */
export function confirmationMessage(headline: Mrkdwn, notes: readonly (Note | Mrkdwn)[] = []): SlackMessage {
  const noteLines = notes.map((note) => md`\n:warning: ${noteText(note)}`);
  return sectionsMessage([md`${headline}${md.join(noteLines, md``)}`]);
}
