import type { Core } from '../deps.js';
import type { LineEventContext } from '../linking/line-event.js';

/**
 * Unsend: the sender withdrew a message (LINE's guideline: retracted messages must not be used).
 * Only the database is changed here, in order: the message id is remembered (so a message handled
 * after its unsend is never stored), the stored message loses its text and files, the webhook events
 * that carried it keep ids and types only, and a message held for "which case?" is let go. The thread
 * is put right by its delivery, under the case's lock, so it serialises with a post still in flight.
 */
export async function withdrawLineMessage(core: Core, ev: LineEventContext, lineMessageId: string): Promise<void> {
  await core.store.unsent.record(lineMessageId);
  const heldDropped = await core.store.choices.dropHeld(ev.userId, lineMessageId);
  const carried: number[] = [];
  const withdrawn: Array<{ id: number; caseId: number }> = [];
  let stored = 0;
  for (const message of await core.store.messages.byLineId(lineMessageId)) {
    if (message.direction !== 'line_to_slack') continue;
    stored += 1;
    if (message.inboundEventId) carried.push(message.inboundEventId);
    const row = await core.store.messages.withdraw(message.id);
    if (row) withdrawn.push({ id: row.id, caseId: row.caseId });
  }
  const scrubbed = await core.store.inbound.forgetLineMessage(ev.userId, lineMessageId, carried);
  for (const message of withdrawn) {
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'message.withdrawn',
      caseId: message.caseId,
      details: { messageId: message.id },
    });
    // If queueing fails, the attempt is retried; the withdrawal is recorded already, and the delivery
    // sweep puts the thread right from the database.
    await core.jobs.flushThread(message.caseId, `w${message.id}`, { again: true });
  }
  if (stored === 0) {
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'message.withdrawn',
      details: { inboundEventIds: scrubbed, stored: false, held: heldDropped },
    });
  }
}
