/**
 * Web API method name → handler. Anything not listed answers `unknown_method`, as Slack does
 * for a misspelt method.
 */
import type { MethodHandler } from './context.ts';
import { appsConnectionsOpen } from './handlers/apps.ts';
import { authTest } from './handlers/auth.ts';
import { postEphemeral, postMessage, remove, update } from './handlers/chat.ts';
import { conversationsHistory, conversationsInfo, conversationsOpen } from './handlers/conversations.ts';
import { completeUploadExternal, getUploadUrlExternal } from './handlers/files.ts';
import { usersInfo, usersList } from './handlers/users.ts';
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from './handlers/views.ts';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'apps.connections.open': appsConnectionsOpen,
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
  'conversations.history': conversationsHistory,
  'users.info': usersInfo,
  'users.list': usersList,
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'files.getUploadURLExternal': getUploadUrlExternal,
  'files.completeUploadExternal': completeUploadExternal,
};

/** Methods whose `text`/`blocks` are a message, for the recorded `missingTextFallback` flag. */
export const MESSAGE_METHODS: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
]);

/** Methods that take the app-level token (`xapp-…`) and refuse bot tokens; every other method is the reverse. */
export const APP_TOKEN_METHODS: ReadonlySet<string> = new Set(['apps.connections.open']);

export function handlerFor(method: string): MethodHandler | undefined {
  return Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
}
