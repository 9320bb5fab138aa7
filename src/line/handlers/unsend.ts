import { audit } from '../../db/queries/audit.js';
import { findMessageByLineId, withdrawMessage } from '../../db/queries/messages.js';
import { enqueueWithdrawalFlush } from '../../relay/flush-thread.js';
import { eventsCarryingLineMessage, recordUnsent, scrubWithdrawnEvents } from '../../relay/unsent.js';
import type { LineHandlerContext } from '../event-types.js';

/**
 * Unsend: the sender withdrew a message (LINE's guideline: retracted messages must not be used). Only
 * the database is changed here, in order: the message id is remembered (so a message handled after
 * its unsend is never stored), the stored message loses its text and files, the webhook event that
 * carried it keeps ids and types only, and a message held for "which case?" is let go. The thread is
 * put right by its flush, under the case's lock, so it serialises with a post still in flight.
 */
export async function onUnsend(h: LineHandlerContext): Promise<void> {
  const { app, userId } = h;
  const lineMessageId = h.event.unsend?.messageId;
  if (!lineMessageId) return;
  await recordUnsent(app.db, lineMessageId);
  const eventIds = new Set(await eventsCarryingLineMessage(app.db, userId, lineMessageId));
  const withdrawn: Array<{ id: number; caseId: number }> = [];
  let stored = 0;
  for (const message of await findMessageByLineId(app.db, lineMessageId)) {
    if (message.direction !== 'line_to_slack') continue;
    stored += 1;
    if (message.inboundEventId) eventIds.add(message.inboundEventId);
    const row = await withdrawMessage(app.db, message.id);
    if (row) withdrawn.push({ id: row.id, caseId: row.caseId });
  }
  await scrubWithdrawnEvents(app.db, [...eventIds]);
  for (const message of withdrawn) {
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'message.withdrawn', caseId: message.caseId, details: { messageId: message.id } });
    // If queueing fails, the attempt is retried; the withdrawal is recorded already, and the delivery
    // sweep puts the thread right from the database.
    await enqueueWithdrawalFlush(app, message.caseId, message.id);
  }
  if (stored === 0) {
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'message.withdrawn', details: { inboundEventIds: [...eventIds], stored: false } });
  }
}
