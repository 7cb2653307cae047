// Slack's plain_text objects (headers, buttons, labels, modal titles) show text as typed: nothing to escape,
// but each has its own length limit, and a line break renders oddly. This is the one place that builds them,
// so every plain_text field names its limit (tests/unit/mrkdwn-types.test.ts keeps it that way).
import type { PlainTextElement } from '@slack/types';
import { plain } from '../text.ts';

/** Plain text on one line, cut to `max` characters (Slack refuses the whole message or view otherwise). */
export const plainText = (text: string, max: number): PlainTextElement => ({
  type: 'plain_text',
  text: plain(text, max),
});

/** Slack's limits for plain_text fields, in characters. */
export const PLAIN_MAX = {
  header: 150,
  button: 75,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  option: 75,
  modalTitle: 24,
  modalButton: 24,
} as const;
