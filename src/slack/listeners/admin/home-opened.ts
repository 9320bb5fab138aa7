import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import type { SlackEventRegistry } from '../../event-registry.js';
import type { AdminDeps } from './deps.js';
import { publishHome } from './publish-home.js';

/**
 * app_home_opened (Events API, stored before the 200 and handled from the queue): the Home tab is
 * published for the person who opened it. A failure is thrown, so the stored event is tried again.
 */
export function registerHomeOpened(app: App, ctx: SlackContext, admin: AdminDeps, events: SlackEventRegistry): void {
  events.listen(app, 'app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return; // the Messages tab shows the bot's DMs: nothing to publish
    await publishHome(ctx, admin, client, event.user);
  });
}
