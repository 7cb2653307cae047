import type { App } from '@slack/bolt';
import type { Services } from '../commands/types.ts';
import { FEATURES } from '../features/index.ts';
import { registerForm } from '../forms/register-form.ts';
import { register as registerFlagButtons } from './actions/flag-buttons.ts';
import { register as registerOkrCommand } from './commands/okr.ts';
import { register as registerAppHome } from './events/app-home.ts';
import { register as registerUserChange } from './events/user-change.ts';

export function registerListeners(app: App, services: Services): void {
  registerOkrCommand(app, services);
  registerAppHome(app, services);
  registerUserChange(app, services);
  registerFlagButtons(app, services);
  for (const feature of FEATURES) {
    for (const form of feature.forms) registerForm(app, services, form);
  }
}
