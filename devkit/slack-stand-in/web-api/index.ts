/**
 * A Slack Web API test double for end-to-end tests: point the real WebClient at `double.url`.
 *
 *   const double = await startSlackDouble();
 *   const client = new WebClient(double.botToken, { slackApiUrl: double.url });
 *
 * For Socket Mode, give the app `double.appToken` and the same `slackApiUrl`, then push envelopes
 * with `double.socket.sendSlashCommand(…)` and friends.
 */
export { LIMITS } from './block-kit-limits.ts';
export { formatIssue, validateBlocks } from './block-kit-validation.ts';
export type { ChannelSpec } from './channels.ts';
export { DEFAULT_CHANNELS, DEFAULT_IDENTITY, DEFAULT_USERS } from './defaults.ts';
export type { Dict } from './dict.ts';
export { ANY_METHOD, type FaultSpec, type RandomFaultSpec, type RateLimitSpec } from './faults.ts';
export type { StoredFile } from './files.ts';
export type { StoredMessage } from './messages.ts';
export { RESPONSE_URL_MAX_USES, type ResponseUrlPost } from './response-urls.ts';
export type { EnvelopeOptions, EnvelopeType, SocketAck, SocketModeDouble } from './socket-mode.ts';
export { startSlackDouble } from './start.ts';
export type { MessageQuery, RecordedCall, SlackDouble, SlackDoubleOptions } from './types.ts';
export type { UserSpec } from './users.ts';
export { checkView } from './view-validation.ts';
export type { TriggerContext } from './views.ts';
