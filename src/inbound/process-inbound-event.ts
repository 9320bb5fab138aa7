import type { Db } from '../db/client.js';
import { getInboundEvent, markInboundAttemptFailed, markInboundProcessed } from '../db/queries/inbound-events.js';
import type { InboundEventRow } from '../db/schema/inbound-events.js';
import { errorMessage } from '../lib/errors.js';
import type { JobContext } from '../queues/workers.js';
import { PermanentError } from '../queues/workers.js';

/** What runs for a stored event of each source: the LINE event handlers and Bolt's listeners. */
export interface InboundHandlers {
  line(payload: unknown, ctx: JobContext & { inboundEventId: number }): Promise<void>;
  slack(payload: unknown, ctx: JobContext & { inboundEventId: number }): Promise<void>;
}

/**
 * Processes one stored event exactly once in effect: an event already processed (a duplicate job,
 * a stalled job run twice) is skipped; handlers themselves are idempotent for a retried attempt.
 */
export async function processInboundEvent(
  deps: { db: Db; handlers: InboundHandlers; maxAttempts: number },
  inboundEventId: number,
  ctx: JobContext,
): Promise<void> {
  const row: InboundEventRow | undefined = await getInboundEvent(deps.db, inboundEventId);
  if (!row) throw new PermanentError('inbound_event_missing', `inbound event ${inboundEventId} does not exist`);
  if (row.status !== 'received') {
    ctx.logger.debug({ inboundEventId, status: row.status }, 'inbound event already handled');
    return;
  }
  const log = ctx.logger.child({ inboundEventId, source: row.source, kind: row.kind });
  try {
    await deps.handlers[row.source](row.payload, { ...ctx, logger: log, inboundEventId });
  } catch (error) {
    const final = error instanceof PermanentError || ctx.attempt >= deps.maxAttempts;
    await markInboundAttemptFailed(deps.db, inboundEventId, errorMessage(error), final);
    throw error;
  }
  await markInboundProcessed(deps.db, inboundEventId);
  log.debug('inbound event processed');
}
