import type { AppContext } from '../context.js';
import { hasEarlierPendingEvent } from '../db/queries/inbound-events.js';
import { AppError } from '../lib/errors.js';
import { sleep } from '../lib/sleep.js';
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
  await waitForEarlierEvents(app, userId, job.inboundEventId);
  await handler({ app, job, event, userId });
}

/** A person's events wait for the ones before them: held too long, the job is retried later. */
export class EarlierEventPendingError extends AppError {
  constructor() {
    super('earlier_event_pending', 'an earlier event of the same LINE user is not handled yet');
  }
}

const ORDER_WAIT_MS = 5_000;

/**
 * Workers run several events at once; one person's messages must still reach the thread in the
 * order LINE sent them (intake stores them in that order). So an event starts only when every
 * earlier event of the same user has been handled (or has failed for good).
 */
async function waitForEarlierEvents(app: AppContext, userId: string, inboundEventId: number): Promise<void> {
  const deadline = Date.now() + ORDER_WAIT_MS;
  while (await hasEarlierPendingEvent(app.db, 'line', userId, inboundEventId)) {
    if (Date.now() > deadline) throw new EarlierEventPendingError();
    await sleep(50);
  }
}
