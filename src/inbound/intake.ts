import type { Db } from '../db/client.js';
import { storeInboundEvents, type NewInboundEvent, type StoredInboundEvent } from '../db/queries/inbound-events.js';
import type { InboundSource } from '../db/schema/inbound-events.js';
import { AppError, errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Queues } from '../queues/queues.js';
import type { HandleAtOnce } from './handle-at-once.js';
import { jsonbSafe, jsonbSafeText } from './jsonb-safe.js';
import type { InboundCounter } from './outcomes.js';

export interface IntakeResult {
  stored: number;
  duplicates: number;
}

/** Some events of a request could not be stored: the caller answers 5xx and the platform retries. */
export class InboundNotStoredError extends AppError {
  constructor(
    readonly failed: number,
    readonly total: number,
  ) {
    super('inbound_not_stored', `${failed} of ${total} inbound events could not be stored`);
  }
}

/** BullMQ job ids must not be all digits nor contain ':'. */
export const inboundJobId = (inboundEventId: number): string => `inbound-${inboundEventId}`;

/**
 * The edge's one durable step: store the events (deduplicated on source + external id), then hand
 * them to this process's handling (`atOnce`, see handle-at-once.ts: when it is full they stay in the
 * database and it reads them back), or, without it, enqueue their processing. Once stored, an event
 * is safe: if enqueueing fails, the sweep finds it later, so this never fails the request for a queue
 * problem.
 *
 * One event must not keep the others out: text is made storable first, and if the batch is still
 * refused, the events are stored one at a time, in order, so that every storable one is kept (and
 * handled). If any could not be stored this throws InboundNotStoredError after enqueueing the rest:
 * the caller answers 5xx, the platform sends the body again, and what was stored is dropped as a
 * duplicate.
 */
export async function acceptInboundEvents(
  deps: { db: Db; queues: Queues; logger: Logger; countInbound: InboundCounter; atOnce?: HandleAtOnce | undefined },
  source: InboundSource,
  events: readonly NewInboundEvent[],
): Promise<IntakeResult> {
  const safe = events.map(storable);
  let stored: StoredInboundEvent[];
  let failed = 0;
  try {
    stored = await storeInboundEvents(deps.db, source, safe);
  } catch (batchError) {
    deps.logger.warn({ source, events: safe.length, err: storageFailure(batchError) }, 'inbound batch refused; storing the events one by one');
    stored = [];
    for (const event of safe) {
      try {
        stored.push(...(await storeInboundEvents(deps.db, source, [event])));
      } catch (error) {
        failed += 1;
        deps.logger.error({ source, externalEventId: event.externalId, kind: event.kind, err: storageFailure(error) }, 'inbound event could not be stored');
      }
    }
  }
  const received = stored.filter((e) => e.isNew && e.status === 'received').map((e) => e.id);
  // A redelivered event still waiting (and not held here) is queued: its job id makes that one job.
  // The handling at once gives back only what it will not handle (when it is closing).
  const again = stored.filter((e) => !e.isNew && e.status === 'received' && !deps.atOnce?.holds(e.id)).map((e) => e.id);
  const toQueue = [...(deps.atOnce ? deps.atOnce.take(received) : received), ...again];
  const results = await Promise.allSettled(toQueue.map((id) => deps.queues.enqueue('inbound.process', { inboundEventId: id }, { jobId: inboundJobId(id) })));
  const unqueued = results.filter((r) => r.status === 'rejected');
  if (unqueued.length > 0) {
    deps.logger.warn(
      { source, failed: unqueued.length, err: errorMessage((unqueued[0] as PromiseRejectedResult).reason) },
      'inbound events stored but not enqueued; the sweep will enqueue them',
    );
  }
  const duplicates = stored.filter((e) => !e.isNew).length;
  // Debug: one line per webhook would be most of the log at load; the counts are at /metrics.
  deps.logger.debug({ source, stored: stored.length - duplicates, duplicates }, 'inbound events accepted');
  deps.countInbound(source, 'stored', stored.length - duplicates);
  deps.countInbound(source, 'duplicate', duplicates);
  deps.countInbound(source, 'not_stored', failed);
  if (failed > 0) {
    deps.logger.error({ source, failed, total: safe.length }, 'inbound events could not all be stored; answering 500 so that the platform retries');
    throw new InboundNotStoredError(failed, safe.length);
  }
  return { stored: stored.length - duplicates, duplicates };
}

/** The event with every string PostgreSQL would refuse replaced (see jsonb-safe). */
function storable(event: NewInboundEvent): NewInboundEvent {
  return {
    externalId: jsonbSafeText(event.externalId),
    kind: jsonbSafeText(event.kind),
    payload: jsonbSafe(event.payload),
    actor: event.actor === undefined ? undefined : jsonbSafeText(event.actor),
  };
}

/**
 * What may be logged of a failed insert: the database's error code and message. Not the query
 * error's own message, which carries the parameters, that is the payload with people's text.
 */
function storageFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (cause) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
