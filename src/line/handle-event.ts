import type { AppContext } from '../context.js';
import { getInboundEvent, markInboundAttemptFailed, markInboundProcessed, pendingEventsOfActor } from '../db/queries/inbound-events.js';
import { errorMessage } from '../lib/errors.js';
import { LOCK_SPACES, withAdvisoryLock } from '../db/advisory-lock.js';
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
 * Whether an event has a handler here: a handled type, from a person (one-to-one chat). The webhook
 * stores only these, so what is kept and what is handled cannot drift apart.
 */
export function hasLineHandler(event: { type: string; source?: unknown }): boolean {
  const source = event.source as { type?: unknown; userId?: unknown } | undefined;
  return Object.hasOwn(handlers, event.type) && source?.type === 'user' && typeof source.userId === 'string';
}

/**
 * Runs for each stored LINE event, from the inbound queue. Workers run several jobs at once, yet one
 * person's events must take effect in the order LINE sent them (intake stores them in that order).
 * So the job takes the person's lock and handles every earlier event of theirs still waiting, then
 * its own; the jobs of those earlier events then find them done. Nobody waits on a retry backoff.
 */
export async function handleLineEvent(app: AppContext, stored: StoredLineEvent, job: JobContext & { inboundEventId: number }): Promise<void> {
  const event = stored.event as unknown as LineEvent;
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || !handlers[event.type]) {
    job.logger.info({ type: event.type, sourceType: event.source?.type }, 'line event not handled');
    return;
  }
  await withAdvisoryLock(app.locks, LOCK_SPACES.lineUser, userId, async () => {
    for (const earlier of await pendingEventsOfActor(app.db, 'line', userId, job.inboundEventId)) {
      if (earlier.id === job.inboundEventId) continue;
      try {
        await handleOne(app, earlier.payload as StoredLineEvent, userId, { ...job, inboundEventId: earlier.id });
        await markInboundProcessed(app.db, earlier.id);
      } catch (error) {
        // Its own job retries it; later events do not wait behind a failure.
        job.logger.warn({ earlierEventId: earlier.id, err: errorMessage(error) }, 'an earlier event of this LINE user failed; left to its own job');
        await markInboundAttemptFailed(app.db, earlier.id, errorMessage(error), false);
      }
    }
    const own = await getInboundEvent(app.db, job.inboundEventId);
    if (own?.status !== 'received') return; // handled meanwhile by a later event's job
    await handleOne(app, stored, userId, job);
  });
}

async function handleOne(app: AppContext, stored: StoredLineEvent, userId: string, job: JobContext & { inboundEventId: number }): Promise<void> {
  const event = stored.event as unknown as LineEvent;
  const handler = handlers[event.type];
  if (!handler) return;
  if (event.type === 'message' && event.message?.id && stored.event.mode === 'standby') return;
  job.logger.info({ type: event.type, inboundEventId: job.inboundEventId }, 'line event');
  await handler({ app, job, event, userId });
}
