// The App Home tab: published afresh each time someone opens it, so it always shows today's statuses.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { MemberRow } from '../../../db/queries/workspaces.ts';
import { loadHome } from '../../../services/home.ts';
import { homeCheckIns } from '../../../services/home-check-ins.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { homeView } from '../../views/home.ts';

export function register(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, context, client, logger }) => {
    // The same event fires for the Messages tab; only the Home tab has a view to publish.
    if (event.tab !== 'home') return;
    const { member } = okraContext(context);
    try {
      await publishHome(services, client, member);
    } catch (error) {
      logger.error('publishing the Home tab failed', error);
    }
  });
}

/** Publishes a person's Home tab as it stands now; also after a check-in, so "done this week" shows. */
export async function publishHome(services: Services, client: WebClient, member: MemberRow): Promise<void> {
  const now = services.clock.now();
  const [model, checkIns] = await Promise.all([
    loadHome(services.db, { workspaceId: member.workspaceId, memberId: member.id, role: member.role }, now),
    homeCheckIns(services.db, member.id, now, services.settings.defaultTimeZone),
  ]);
  await client.views.publish({ user_id: member.slackUserId, view: homeView(model, now, checkIns) });
}
