/**
 * views.open, views.push, views.update and views.publish: validate the view, then let the
 * ViewStore apply Slack's trigger, stack and hash rules.
 */
import { type ApiReply, type DoubleContext, slackError } from '../context.ts';
import { argString, type Dict } from '../dict.ts';
import { checkView, type ViewKind } from '../view-validation.ts';
import type { ViewResult } from '../views.ts';

function validView(args: Dict, allowed: readonly ViewKind[]): { view: Dict } | { reply: ApiReply } {
  const check = checkView(args['view'], allowed);
  if (!check.ok) return { reply: slackError(check.error, check.messages) };
  return { view: check.view };
}

function toReply(result: ViewResult): ApiReply {
  return result.ok ? { ok: true, view: result.view } : slackError(result.error, result.messages);
}

function triggerOf(args: Dict): string | undefined {
  return argString(args, 'trigger_id') ?? argString(args, 'interactivity_pointer');
}

export function viewsOpen(args: Dict, ctx: DoubleContext): ApiReply {
  const checked = validView(args, ['modal']);
  if ('reply' in checked) return checked.reply;
  return toReply(ctx.views.open(triggerOf(args), checked.view, ctx.now()));
}

export function viewsPush(args: Dict, ctx: DoubleContext): ApiReply {
  const checked = validView(args, ['modal']);
  if ('reply' in checked) return checked.reply;
  return toReply(ctx.views.push(triggerOf(args), checked.view, ctx.now()));
}

export function viewsUpdate(args: Dict, ctx: DoubleContext): ApiReply {
  const checked = validView(args, ['modal', 'home']);
  if ('reply' in checked) return checked.reply;
  const key: { viewId?: string; externalId?: string; hash?: string } = {};
  const viewId = argString(args, 'view_id');
  const externalId = argString(args, 'external_id');
  const hash = argString(args, 'hash');
  if (viewId) key.viewId = viewId;
  if (externalId) key.externalId = externalId;
  if (hash) key.hash = hash;
  return toReply(ctx.views.update(key, checked.view));
}

export function viewsPublish(args: Dict, ctx: DoubleContext): ApiReply {
  const userId = argString(args, 'user_id');
  if (!userId || !ctx.users.get(userId)) return slackError('invalid_arguments', ['invalid `user_id`']);
  const checked = validView(args, ['home']);
  if ('reply' in checked) return checked.reply;
  return toReply(ctx.views.publish(userId, checked.view, argString(args, 'hash')));
}
