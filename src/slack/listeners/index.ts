import type { App } from '@slack/bolt';
import type { Services } from '../commands/types.ts';
import { register as registerOkrCommand } from './commands/okr.ts';

export function registerListeners(app: App, services: Services): void {
  registerOkrCommand(app, services);
}
