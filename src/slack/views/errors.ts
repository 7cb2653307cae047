import type { SlackMessage } from './message.ts';

/** Explains a refused action: what was refused and who may do it. Nothing was changed. */
export function refusalMessage(action: string, whoMay: string): SlackMessage {
  return {
    text: `Only ${whoMay} can use ${action}. Nothing was changed. Ask a PMO admin if you need this done.`,
  };
}
