// Replies to commands: confirmations and problem lists, shared by the text and the modal paths.
import type { FieldErrors } from '../../services/outcome.ts';
import { escapeMrkdwn } from '../text.ts';
import type { SlackMessage } from './message.ts';

/** Field errors as a reply to a typed command; `names` maps fields to how the person typed them. */
export function problemsMessage(errors: FieldErrors, names: Record<string, string> = {}): SlackMessage {
  const lines = Object.entries(errors).map(
    ([field, message]) => `• *${escapeMrkdwn(names[field] ?? field)}*: ${escapeMrkdwn(message)}`,
  );
  const text = `Nothing was changed:\n${lines.join('\n')}`;
  return {
    text: text.slice(0, 3000),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}

export function confirmationMessage(headline: string, notes: string[] = []): SlackMessage {
  const noteText = notes.length ? `\n${notes.map((note) => `:warning: ${note}`).join('\n')}` : '';
  const text = `${headline}${noteText}`.slice(0, 3000);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
