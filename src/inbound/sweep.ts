import type { Db } from '../db/client.js';
import { findStaleInboundEvents } from '../db/queries/inbound-events.js';
import type { Logger } from '../lib/logger.js';
import type { Queues } from '../queues/queues.js';
import type { HandleAtOnce } from './handle-at-once.js';
import { inboundJobId } from './intake.js';

/** How old a stored-but-unprocessed event must be before the sweep re-queues it (INBOUND_SWEEP_MIN_AGE_MS). */
export const INBOUND_SWEEP_MIN_AGE_MS = 20_000;

/**
 * Re-enqueues events that were stored but never processed: the process died between storing and
 * enqueueing, or the queue store was wiped. Job ids are deterministic, so an event whose job is still
 * to run is not added twice, and a finished job kept under its id does not swallow the add; the
 * processor skips events already processed. Events this process is handling at once (or holds to
 * handle next) are left to it.
 */
export async function sweepInboundEvents(
  deps: { db: Db; queues: Queues; logger: Logger; atOnce?: HandleAtOnce | undefined },
  now: Date = new Date(),
  minAgeMs = INBOUND_SWEEP_MIN_AGE_MS,
): Promise<number> {
  const ids = await findStaleInboundEvents(deps.db, new Date(now.getTime() - minAgeMs));
  let added = 0;
  for (const id of ids) {
    if (deps.atOnce?.holds(id)) continue;
    if ((await deps.queues.ensure('inbound.process', { inboundEventId: id }, inboundJobId(id))) === 'added') added += 1;
  }
  if (added > 0) deps.logger.info({ count: added }, 'swept unprocessed inbound events into the queue');
  return added;
}
