import type { Db } from '../db/client.js';
import { findStaleInboundEvents } from '../db/queries/inbound-events.js';
import type { Logger } from '../lib/logger.js';
import type { Queues } from '../queues/queues.js';
import { INBOUND_SWEEP_MIN_AGE_MS } from '../queues/queue-options.js';
import { inboundJobId } from './intake.js';

/**
 * Re-enqueues events that were stored but never processed: the process died between storing and
 * enqueueing, or the queue store was wiped. Job ids are deterministic, so an event whose job still
 * exists is not added twice; the processor skips events already processed.
 */
export async function sweepInboundEvents(
  deps: { db: Db; queues: Queues; logger: Logger },
  now: Date = new Date(),
  minAgeMs = INBOUND_SWEEP_MIN_AGE_MS,
): Promise<number> {
  const ids = await findStaleInboundEvents(deps.db, new Date(now.getTime() - minAgeMs));
  for (const id of ids) {
    await deps.queues.enqueue('inbound.process', { inboundEventId: id }, { jobId: inboundJobId(id) });
  }
  if (ids.length > 0) deps.logger.info({ count: ids.length }, 'swept unprocessed inbound events into the queue');
  return ids.length;
}
