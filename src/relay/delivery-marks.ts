import type { AppContext } from '../context.js';
import type { MessageRow } from '../db/schema/messages.js';
import { classifySlackError } from '../slack/api-errors.js';

export const DELIVERED_REACTION = 'white_check_mark';

/** Marks a message sent to LINE as delivered: ✅ on its post in the thread. Safe to repeat. */
export async function markDelivered(ctx: AppContext, message: MessageRow): Promise<void> {
  if (!message.slackTs || !message.slackChannelId) return;
  try {
    await ctx.slack.reactions.add({ channel: message.slackChannelId, timestamp: message.slackTs, name: DELIVERED_REACTION });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'retryable' && failure.code === 'already_reacted') return;
    throw error;
  }
}
