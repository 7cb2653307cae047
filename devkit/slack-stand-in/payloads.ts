/**
 * Request bodies in the shapes Slack sends to an app: slash command forms, interaction payloads
 * (block_actions, view_submission, view_closed) and Events API envelopes. Defaults match the
 * Slack double's workspace so the two can be used together without configuration.
 */

import { buildStateValues, type StateMap } from './view-state.ts';
import { DEFAULT_IDENTITY } from './web-api/defaults.ts';

type Dict = Record<string, unknown>;

/** Who is acting and in which workspace. */
export interface Actor {
  userId: string;
  userName?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
}

export interface SlashCommandInput extends Actor {
  /** Default `/okr`. */
  command?: string;
  text?: string;
  channelId?: string;
  channelName?: string;
  /** Pass `double.newTriggerId()` when the listener opens a modal. */
  triggerId?: string;
  /** Pass `double.newResponseUrl()` to capture `respond()`. */
  responseUrl?: string;
}

export interface BlockActionInput extends Actor {
  action: {
    actionId: string;
    blockId?: string;
    /** Element type, default `button`. */
    type?: string;
    value?: string;
    /** Button label. */
    text?: string;
    /** Extra fields merged into the action, e.g. `{ selected_option: {...} }`. */
    extra?: Dict;
  };
  /** The view the action happened in (container `view`); its blocks also type `values`. */
  view?: Dict;
  /** Current input values of the view or message, as for buildStateValues. */
  values?: StateMap;
  /** For actions in a message: where it is. */
  channelId?: string;
  messageTs?: string;
  /** The message the action happened in (e.g. one read from `double.messagesIn`). */
  message?: Dict;
  isEphemeral?: boolean;
  triggerId?: string;
  responseUrl?: string;
}

export interface ViewSubmissionInput extends Actor {
  /** The submitted view: typically `double.currentModal()`, or a hand-made `{ callback_id, blocks, private_metadata }`. */
  view: Dict;
  values?: StateMap;
  triggerId?: string;
  /** For modals with `response_url_enabled` inputs. */
  responseUrls?: Array<{ block_id: string; action_id: string; channel_id: string; response_url: string }>;
}

export interface ViewClosedInput extends Actor {
  view: Dict;
  isCleared?: boolean;
}

export interface EventInput {
  event: Dict;
  teamId?: string;
  apiAppId?: string;
  eventId?: string;
  eventTime?: number;
  /** The bot user the event is delivered for; default the double's bot. */
  botUserId?: string;
}

let sequence = 0;
const nextSequence = (): number => {
  sequence += 1;
  return sequence;
};

/** A well-formed trigger id that no double has issued (views.open answers invalid_trigger_id). */
export function unknownTriggerId(): string {
  return `${Math.floor(Date.now() / 1000)}.${nextSequence()}.${'0'.repeat(32)}`;
}

function team(actor: Actor): Dict {
  return {
    id: actor.teamId ?? DEFAULT_IDENTITY.teamId,
    domain: actor.teamDomain ?? DEFAULT_IDENTITY.teamDomain,
  };
}

function user(actor: Actor): Dict {
  const name = actor.userName ?? actor.userId.toLowerCase();
  return { id: actor.userId, username: name, name, team_id: actor.teamId ?? DEFAULT_IDENTITY.teamId };
}

/** The form fields of a slash command invocation. */
export function slashCommandForm(input: SlashCommandInput): URLSearchParams {
  const fields: Record<string, string> = {
    token: 'verification-token-unused',
    team_id: input.teamId ?? DEFAULT_IDENTITY.teamId,
    team_domain: input.teamDomain ?? DEFAULT_IDENTITY.teamDomain,
    channel_id: input.channelId ?? 'C0GENERAL',
    channel_name: input.channelName ?? 'general',
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/okr',
    text: input.text ?? '',
    api_app_id: input.apiAppId ?? DEFAULT_IDENTITY.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? 'https://hooks.slack.invalid/commands/unused',
    trigger_id: input.triggerId ?? unknownTriggerId(),
  };
  return new URLSearchParams(fields);
}

/** A view as it appears inside interaction payloads, with `state.values` filled in. */
export function payloadView(view: Dict, values: StateMap | undefined, actor: Actor): Dict {
  const stateValues = values ? buildStateValues(values, view['blocks']) : {};
  const id = typeof view['id'] === 'string' ? view['id'] : `V${String(nextSequence()).padStart(10, '0')}`;
  return {
    type: 'modal',
    team_id: actor.teamId ?? DEFAULT_IDENTITY.teamId,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    hash: `${Math.floor(Date.now() / 1000)}.abcdef12`,
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: null,
    root_view_id: id,
    app_id: actor.apiAppId ?? DEFAULT_IDENTITY.appId,
    app_installed_team_id: actor.teamId ?? DEFAULT_IDENTITY.teamId,
    bot_id: DEFAULT_IDENTITY.botId,
    blocks: [],
    ...view,
    id,
    state: { values: stateValues },
  };
}

export function blockActionPayload(input: BlockActionInput): Dict {
  const { action } = input;
  const actionTs = `${(Date.now() / 1000).toFixed(6)}`;
  const slackAction: Dict = {
    type: action.type ?? 'button',
    action_id: action.actionId,
    block_id: action.blockId ?? 'block',
    action_ts: actionTs,
    ...(action.value === undefined ? {} : { value: action.value }),
    ...(action.text === undefined ? {} : { text: { type: 'plain_text', text: action.text, emoji: true } }),
    ...action.extra,
  };
  const payload: Dict = {
    type: 'block_actions',
    user: user(input),
    api_app_id: input.apiAppId ?? DEFAULT_IDENTITY.appId,
    token: 'verification-token-unused',
    trigger_id: input.triggerId ?? unknownTriggerId(),
    team: team(input),
    enterprise: null,
    is_enterprise_install: false,
    actions: [slackAction],
  };
  if (input.view) {
    const view = payloadView(input.view, input.values, input);
    payload['container'] = { type: 'view', view_id: view['id'] };
    payload['view'] = view;
  } else {
    const message = input.message ?? {};
    const ts = input.messageTs ?? (typeof message['ts'] === 'string' ? message['ts'] : '1700000000.000100');
    const channelId = input.channelId ?? 'C0GENERAL';
    payload['container'] = {
      type: 'message',
      message_ts: ts,
      channel_id: channelId,
      is_ephemeral: input.isEphemeral ?? false,
    };
    payload['channel'] = { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : 'channel' };
    payload['message'] = { type: 'message', ts, text: '', ...message };
    payload['state'] = { values: input.values ? buildStateValues(input.values, message['blocks']) : {} };
    payload['response_url'] = input.responseUrl ?? 'https://hooks.slack.invalid/actions/unused';
  }
  return payload;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Dict {
  return {
    type: 'view_submission',
    team: team(input),
    user: user(input),
    api_app_id: input.apiAppId ?? DEFAULT_IDENTITY.appId,
    token: 'verification-token-unused',
    trigger_id: input.triggerId ?? unknownTriggerId(),
    view: payloadView(input.view, input.values, input),
    response_urls: input.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosedPayload(input: ViewClosedInput): Dict {
  return {
    type: 'view_closed',
    team: team(input),
    user: user(input),
    api_app_id: input.apiAppId ?? DEFAULT_IDENTITY.appId,
    token: 'verification-token-unused',
    view: payloadView(input.view, undefined, input),
    is_cleared: input.isCleared ?? false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function eventEnvelope(input: EventInput): Dict {
  const teamId = input.teamId ?? DEFAULT_IDENTITY.teamId;
  return {
    token: 'verification-token-unused',
    team_id: teamId,
    api_app_id: input.apiAppId ?? DEFAULT_IDENTITY.appId,
    event: input.event,
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${String(nextSequence()).padStart(10, '0')}`,
    event_time: input.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: input.botUserId ?? DEFAULT_IDENTITY.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** The event Slack sends when someone opens the app's Home tab (or its Messages tab). */
export function appHomeOpenedEvent(
  userId: string,
  options: { tab?: 'home' | 'messages'; view?: Dict } = {},
): Dict {
  const event: Dict = {
    type: 'app_home_opened',
    user: userId,
    channel: `D${userId.slice(1)}`,
    tab: options.tab ?? 'home',
    event_ts: `${(Date.now() / 1000).toFixed(6)}`,
  };
  if (options.view) event['view'] = options.view;
  return event;
}
