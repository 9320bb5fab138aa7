import type { App } from '@slack/bolt';
import { onSeenReaction } from '../../../core/conversation/read-receipts.js';
import type { SlackContext } from '../../context.js';
import type { SlackEventRegistry } from '../../event-registry.js';

/**
 * reaction_added (Events API, stored before the 200 and handled from the queue): ✅ on a relayed LINE
 * message in a case thread, by staff of the case, marks the person's messages read on LINE. Every
 * other reaction, and reactions elsewhere, do nothing. A failure is thrown, so the stored event is tried again.
 */
export function registerSeenReaction(app: App, ctx: SlackContext, events: SlackEventRegistry): void {
  events.listen(app, 'reaction_added', async ({ event }) => {
    if (event.item.type !== 'message') return;
    await onSeenReaction(ctx.core, { channel: event.item.channel, ts: event.item.ts, userId: event.user, reaction: event.reaction });
  });
}
