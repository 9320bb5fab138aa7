import type { Core } from '../deps.js';
import { addNote } from '../notes/outbox.js';
import { eventKey, personOf, type LineEventContext } from './line-event.js';

/**
 * Follow: a new friend is asked for their code; someone who had blocked the account and comes back
 * gets their links back (active if they had agreed, else waiting for consent) and each thread is told.
 */
export async function onFollow(core: Core, ev: LineEventContext): Promise<void> {
  const blocked = await core.store.contacts.ofLineUser(ev.userId, { statuses: ['blocked'] });
  let restored = 0;
  for (const { contact, case: caseRow } of blocked) {
    const back = contact.consentGivenAt && !contact.consentWithdrawnAt ? 'active' : 'pending_consent';
    const row = await core.store.contacts.transition(contact.id, ['blocked'], back);
    if (!row) continue;
    if (back === 'active') restored += 1;
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'contact.unblocked',
      caseId: caseRow.id,
      details: { contactId: row.id },
    });
    await addNote(core, caseRow.id, { kind: 'notice', notice: { type: 'contact_unblocked', contactId: row.id } }, `follow:${row.id}:${ev.inboundEventId}`);
  }
  await core.line.answer(personOf(ev), [{ type: restored > 0 ? 'welcome_back' : 'welcome' }], eventKey(ev), ev.attempt);
}

/** Unfollow (block): links stop; threads where the person was linked are told. Unfollow has no reply token. */
export async function onUnfollow(core: Core, ev: LineEventContext): Promise<void> {
  const links = await core.store.contacts.ofLineUser(ev.userId, { statuses: ['active', 'pending_consent'] });
  for (const { contact, case: caseRow } of links) {
    const row = await core.store.contacts.transition(contact.id, ['active', 'pending_consent'], 'blocked');
    if (!row) continue;
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'contact.blocked',
      caseId: caseRow.id,
      details: { contactId: row.id },
    });
    await addNote(core, caseRow.id, { kind: 'notice', notice: { type: 'contact_blocked', contactId: row.id } }, `unfollow:${row.id}:${ev.inboundEventId}`);
  }
}
