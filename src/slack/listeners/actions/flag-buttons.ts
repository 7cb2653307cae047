// The buttons on a flag DM ("Check in", "Add a risk"). The check-in form they open is the update feature's.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { InputBlock, View } from '@slack/types';
import { actorOf } from '../../../services/actor.ts';
import { checkInTarget } from '../../../services/check-ins.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { ACTION } from '../../ids.ts';
import { md } from '../../mrkdwn.ts';
import { checkInModal } from '../../views/flags.ts';
import { textMessage } from '../../views/message.ts';
import { riskAddModal } from '../../views/modals/risk.ts';

/** The risk form with the flagged item already filled in as what the risk threatens. */
export function riskModalFor(ownerSlackId: string, ref: string): View {
  const view = riskAddModal(ownerSlackId);
  return {
    ...view,
    blocks: view.blocks.map((block) => {
      const input = block as InputBlock;
      return input.type === 'input' && input.block_id === 'on' && input.element.type === 'plain_text_input'
        ? { ...input, element: { ...input.element, initial_value: ref } }
        : block;
    }),
  };
}

export function register(app: App, services: Services): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION.flagCheckIn,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { member } = okraContext(context);
      const target = await checkInTarget(services.db, actorOf(member), action.value ?? '');
      if (!target.ok) {
        const why = Object.values(target.errors).join(' ');
        await client.chat.postMessage({ channel: member.slackUserId, ...textMessage(md`${why}`) });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: checkInModal(target.value) });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION.flagAddRisk,
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { member } = okraContext(context);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: riskModalFor(member.slackUserId, action.value ?? ''),
      });
    },
  );
}
