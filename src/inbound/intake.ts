import type { Db } from '../db/client.js';
import { storeInboundEvents, type NewInboundEvent } from '../db/queries/inbound-events.js';
import type { InboundSource } from '../db/schema/inbound-events.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Queues } from '../queues/queues.js';

export interface IntakeResult {
  stored: number;
  duplicates: number;
}

/** BullMQ job ids must not be all digits nor contain ':'. */
export const inboundJobId = (inboundEventId: number): string => `inbound-${inboundEventId}`;

/**
 * The edge's one durable step: store the events (deduplicated on source + external id), then
 * enqueue their processing. Once stored, an event is safe: if enqueueing fails, the sweep job finds
 * it later, so this never fails the request for a queue problem. A storage failure throws (the
 * caller answers 5xx and the platform retries).
 */
export async function acceptInboundEvents(
  deps: { db: Db; queues: Queues; logger: Logger },
  source: InboundSource,
  events: readonly NewInboundEvent[],
): Promise<IntakeResult> {
  const stored = await storeInboundEvents(deps.db, source, events);
  const pending = stored.filter((e) => e.status === 'received');
  const results = await Promise.allSettled(
    pending.map((e) =>
      deps.queues.enqueue('inbound.process', { inboundEventId: e.id }, { jobId: inboundJobId(e.id) }),
    ),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    deps.logger.warn(
      { source, failed: failed.length, err: errorMessage((failed[0] as PromiseRejectedResult).reason) },
      'inbound events stored but not enqueued; the sweep will enqueue them',
    );
  }
  const duplicates = stored.filter((e) => !e.isNew).length;
  deps.logger.info({ source, stored: stored.length - duplicates, duplicates }, 'inbound events accepted');
  return { stored: stored.length - duplicates, duplicates };
}
