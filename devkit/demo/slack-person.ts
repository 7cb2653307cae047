// A person using Slack: what their clicks, slash commands and form submissions send to Okra. Each goes as a
// signed HTTP request to the app's /slack/events, through the stand-in's driver, as Slack would send it.
import { type StateMap, sendBlockAction, sendCommand, sendViewSubmission } from '../slack-stand-in/driver.ts';
import type { StoredMessage } from '../slack-stand-in/web-api/index.ts';
import { CHANNELS } from './company/people.ts';
import { type DemoApp, SIGNING_SECRET } from './compose.ts';

type View = Record<string, unknown> & { blocks?: unknown[] };

export async function slashCommand(app: DemoApp, userId: string, text: string): Promise<string[]> {
  const responseUrl = app.slack.newResponseUrl({ userId });
  await sendCommand(app.appUrl, SIGNING_SECRET, {
    userId,
    text,
    responseUrl,
    triggerId: app.slack.newTriggerId(),
    channelId: CHANNELS.general.id,
  });
  await app.okra.idle();
  return app.slack.responsesTo(responseUrl).map((reply) => String(reply.body.text ?? ''));
}

/** Clicks a button of a message in the person's DM with Okra; resolves with the modal it opened, if any. */
export async function clickButton(
  app: DemoApp,
  userId: string,
  message: StoredMessage,
  actionId: string,
): Promise<View | undefined> {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!button) return undefined;
  const before = app.slack.calls.length;
  await sendBlockAction(app.appUrl, SIGNING_SECRET, {
    userId,
    action: { actionId, value: button.value, blockId: button.blockId, text: button.text },
    channelId: app.slack.dmChannelOf(userId),
    messageTs: message.ts,
    message: message as unknown as Record<string, unknown>,
    triggerId: app.slack.newTriggerId(),
  });
  await app.okra.idle();
  // The app acknowledges with a loading modal, then puts the form in its place.
  const opened = app.slack.calls
    .slice(before)
    .filter((c) => (c.method === 'views.update' || c.method === 'views.open') && c.ok);
  return opened.at(-1)?.args.view as View | undefined;
}

export interface Submitted {
  /** Inline errors by field, when Slack would show them on the form. */
  errors?: Record<string, string>;
  /** The next page of the form. */
  next?: View;
}

export async function submitForm(
  app: DemoApp,
  userId: string,
  view: View,
  values: StateMap,
): Promise<Submitted> {
  const response = await sendViewSubmission(app.appUrl, SIGNING_SECRET, { userId, view, values });
  await app.okra.idle();
  const body = response.body as { response_action?: string; errors?: Record<string, string>; view?: View };
  if (body?.response_action === 'errors') return { errors: body.errors ?? {} };
  if (body?.response_action === 'update' && body.view) return { next: body.view };
  return {};
}

interface Button {
  action_id: string;
  value?: string;
  text: string;
  blockId?: string;
}

function buttonsOf(message: StoredMessage): Button[] {
  const blocks = (message.blocks ?? []) as Array<{ type?: string; block_id?: string; elements?: unknown[] }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      (b.elements as Array<{ action_id: string; value?: string; text?: { text: string } }>).map((e) => ({
        action_id: e.action_id,
        ...(e.value === undefined ? {} : { value: e.value }),
        text: e.text?.text ?? '',
        ...(b.block_id ? { blockId: b.block_id } : {}),
      })),
    );
}
