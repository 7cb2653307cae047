// The App Home tab: published afresh each time someone opens it, so it always shows today's statuses.
import type { App } from '@slack/bolt';
import { loadHome } from '../../../services/home.ts';
import type { Services } from '../../commands/types.ts';
import { okraContext } from '../../context.ts';
import { homeView } from '../../views/home.ts';

export function register(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, context, client, logger }) => {
    // The same event fires for the Messages tab; only the Home tab has a view to publish.
    if (event.tab !== 'home') return;
    const { member } = okraContext(context);
    const now = services.clock.now();
    try {
      const model = await loadHome(
        services.db,
        { workspaceId: member.workspaceId, memberId: member.id, role: member.role },
        now,
      );
      await client.views.publish({ user_id: event.user, view: homeView(model, now) });
    } catch (error) {
      logger.error('publishing the Home tab failed', error);
    }
  });
}
