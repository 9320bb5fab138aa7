import type { Db } from '../db/client.js';
import { getInboundEvent, markInboundAttemptFailed, markInboundProcessed, pendingEventsOfActor } from '../db/queries/inbound-events.js';
import type { Locks } from '../core/ports/locks.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { InboundCounter } from './outcomes.js';

/** Handles one stored LINE event (the LINE adapter turns it into a call of the core). */
export type LineEventHandler = (payload: unknown, job: { inboundEventId: number; attempt: number; logger: Logger }) => Promise<void>;

/**
 * Runs for each stored LINE event, from the inbound queue. Workers run several jobs at once, yet one
 * person's events must take effect in the order LINE sent them (intake stores them in that order).
 * So the job takes the person's lock and handles every earlier event of theirs still waiting, then
 * its own; the jobs of those earlier events then find them done. Nobody waits on a retry backoff.
 *
 * Each event is marked processed while the lock is still held: the next holder of the lock (a later
 * event's job) reads the statuses under the same lock, so it never finds a handled event still
 * waiting and handles it a second time. An event whose handler failed stays waiting for its own
 * job's retry. Resolves 'marked' when the event's status was settled here (the caller need not mark it).
 */
export async function handleLineEventsInOrder(
  deps: { db: Db; locks: Locks; countInbound: InboundCounter },
  actor: string | undefined,
  handle: LineEventHandler,
  job: { inboundEventId: number; attempt: number; logger: Logger },
): Promise<'marked' | 'unmarked'> {
  if (!actor) {
    const own = await getInboundEvent(deps.db, job.inboundEventId);
    if (own) await handle(own.payload, job);
    return 'unmarked';
  }
  return deps.locks.linePerson(actor, async (): Promise<'marked'> => {
    // The person's waiting events up to this one, this one included (read under the lock).
    const pending = await pendingEventsOfActor(deps.db, 'line', actor, job.inboundEventId);
    // (Not among them: handled meanwhile by a later event's job, or a row stored without its actor.)
    const own = pending.find((e) => e.id === job.inboundEventId) ?? (await getInboundEvent(deps.db, job.inboundEventId));
    for (const earlier of pending) {
      if (earlier === own) continue;
      try {
        await handle(earlier.payload, { ...job, attempt: Math.max(job.attempt, earlier.attempts + 1), inboundEventId: earlier.id });
        if (await markInboundProcessed(deps.db, earlier.id)) deps.countInbound('line', 'processed', 1);
      } catch (error) {
        // Its own job retries it; later events do not wait behind a failure.
        job.logger.warn({ earlierEventId: earlier.id, err: errorMessage(error) }, 'an earlier event of this LINE user failed; left to its own job');
        await markInboundAttemptFailed(deps.db, earlier.id, errorMessage(error), false);
      }
    }
    if (own?.status !== 'received') return 'marked'; // handled meanwhile by a later event's job
    await handle(own.payload, job);
    if (await markInboundProcessed(deps.db, job.inboundEventId)) deps.countInbound('line', 'processed', 1);
    return 'marked';
  });
}
