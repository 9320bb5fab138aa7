import type { Db } from '../db/client.js';
import { getInboundEvent, markInboundAttemptFailed, markInboundProcessed } from '../db/queries/inbound-events.js';
import type { InboundEventRow } from '../db/schema/inbound-events.js';
import { errorMessage, isPermanent } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { PermanentError } from '../lib/errors.js';
import type { JobContext } from '../queues/workers.js';
import type { InboundCounter } from './outcomes.js';

/** What runs for a stored event of each source: the LINE event handlers and Bolt's listeners. */
export interface InboundHandlers {
  /** Resolves 'marked' when it marked the event processed itself (under the sender's lock). */
  line(payload: unknown, ctx: JobContext & { inboundEventId: number }): Promise<'marked' | 'unmarked'>;
  slack(payload: unknown, ctx: JobContext & { inboundEventId: number }): Promise<void>;
  /** Said once an event gave up after its last attempt (the event row as marked failed). */
  failed?(row: InboundEventRow, logger: Logger): Promise<void>;
}

/**
 * Processes one stored event exactly once in effect: an event already processed (a duplicate job,
 * a stalled job run twice, or handled under the sender's lock by a later event's job) is skipped;
 * handlers themselves are idempotent for a retried attempt. A handler may mark its event processed
 * itself (LINE handlers do, under the sender's lock); marking again changes nothing.
 */
export async function processInboundEvent(
  deps: { db: Db; handlers: InboundHandlers; countInbound: InboundCounter },
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
  // The event's own count of failed attempts: its first attempt may have been made at once, outside
  // the queue (handle-at-once.ts), and a handler must know it is not the first (reply tokens).
  const attempt = Math.max(ctx.attempt, row.attempts + 1);
  let outcome: 'marked' | 'unmarked' | void;
  try {
    outcome = await deps.handlers[row.source](row.payload, { ...ctx, attempt, logger: log, inboundEventId });
  } catch (error) {
    const final = isPermanent(error) || ctx.lastAttempt;
    await markInboundAttemptFailed(deps.db, inboundEventId, errorMessage(error), final);
    if (final) deps.countInbound(row.source, 'failed', 1);
    if (final && deps.handlers.failed) {
      const failed = await getInboundEvent(deps.db, inboundEventId);
      if (failed?.status === 'failed') {
        // Telling about the failure must not hide the failure itself: the job still fails with its own error.
        await deps.handlers.failed(failed, log).catch((err: unknown) => log.error({ err: errorMessage(err) }, 'could not report a failed inbound event'));
      }
    }
    throw error;
  }
  // A LINE handler marks (and counts) its event itself, under the sender's lock: then nothing is left to mark.
  if (outcome !== 'marked' && (await markInboundProcessed(deps.db, inboundEventId))) deps.countInbound(row.source, 'processed', 1);
  log.debug('inbound event processed');
}
