// user_change: someone edited their profile or moved to another time zone. What Slack says now is recorded
// at once, so the next prompt or check-in uses the new zone.
import type { App } from '@slack/bolt';
import { applyProfile, type SlackProfile } from '../../../services/profiles.ts';
import type { Services } from '../../commands/types.ts';

export function register(app: App, services: Services): void {
  app.event('user_change', async ({ event, logger }) => {
    const user = event.user as SlackProfile;
    if (!user?.id) return;
    try {
      await applyProfile(services.db, user, services.clock.now());
    } catch (error) {
      logger.error(`could not record the profile change of ${user.id}`, error);
    }
  });
}
