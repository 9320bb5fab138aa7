import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import type { SlackEventRegistry } from '../../event-registry.js';
import type { AdminDeps } from './deps.js';
import { registerHomeOpened } from './home-opened.js';
import { registerRetryFailureButton } from './retry-button.js';
import { registerSettingButton } from './setting-button.js';
import { registerSettingSubmit } from './setting-submit.js';

export type { AdminDeps } from './deps.js';

/** The admins' App Home: publishing it when opened, its 変更 and 再試行 buttons, the setting form. */
export function registerAdminListeners(app: App, ctx: SlackContext, admin: AdminDeps, events: SlackEventRegistry): void {
  registerHomeOpened(app, ctx, admin, events);
  registerSettingButton(app, ctx, admin);
  registerSettingSubmit(app, ctx, admin);
  registerRetryFailureButton(app, ctx, admin);
}
