import type { AppContext } from '../context.js';
import type { JobContext } from '../queues/workers.js';
import type { LineEvent } from './event-types.js';
import { onFollow, onUnfollow } from './handlers/follow.js';
import { onMessage } from './handlers/message.js';
import { onPostback } from './handlers/postback.js';
import { onUnsend } from './handlers/unsend.js';
import type { StoredLineEvent } from './webhook.js';

const handlers: Record<string, typeof onMessage> = {
  message: onMessage,
  postback: onPostback,
  follow: onFollow,
  unfollow: onUnfollow,
  unsend: onUnsend,
};

/**
 * Runs for each stored LINE event, from the inbound queue. Only one-to-one chats with the office's
 * account are handled; group and room events are recorded (inbound_events) and otherwise ignored.
 */
export async function handleLineEvent(app: AppContext, stored: StoredLineEvent, job: JobContext & { inboundEventId: number }): Promise<void> {
  const event = stored.event as unknown as LineEvent;
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  const handler = handlers[event.type];
  if (!userId || !handler) {
    job.logger.info({ type: event.type, sourceType: event.source?.type }, 'line event not handled');
    return;
  }
  if (event.type === 'message' && event.message?.id && stored.event.mode === 'standby') return;
  job.logger.info({ type: event.type }, 'line event');
  await handler({ app, job, event, userId });
}
