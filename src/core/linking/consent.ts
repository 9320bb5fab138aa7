import type { Core } from '../deps.js';
import type { Contact } from '../model/contacts.js';
import { addNote } from '../notes/outbox.js';
import { consentPrompt } from './consent-prompt.js';
import { eventKey, personOf, type LineEventContext } from './line-event.js';
import { refuseSharedLinking } from './refuse-shared.js';
import { linkingPolicy, sharingTag } from './sharing.js';

/**
 * The answer to the consent prompt. 同意する activates relaying and tells the thread who joined;
 * 同意しない records the refusal. Both are audit-logged and dated at the LINE event's own time (messages
 * are compared with it). Repeating the answer (a double tap, a retried job) changes nothing and posts
 * nothing twice. Only a contact still waiting for consent can agree: an old prompt's button does
 * nothing for someone who refused, withdrew or was unlinked.
 *
 * `shownTag`: which organisations outside the office the question named (see sharingTag). If the
 * case channel's sharing has changed since, the agreement is not taken: the question is asked again
 * with what is true now (or linking is refused, with SHARED_CHANNEL_LINKING=refuse).
 */
export async function answerConsent(core: Core, ev: LineEventContext, contactId: number, agreed: boolean, shownTag: string): Promise<void> {
  const answer = (messages: Parameters<Core['line']['answer']>[1]) => core.line.answer(personOf(ev), messages, eventKey(ev), ev.attempt);
  const contact = await core.store.contacts.byId(contactId);
  if (!contact || contact.lineUserId !== ev.userId) return answer([{ type: 'not_linked' }]);
  const caseRow = await core.store.cases.byId(contact.caseId);
  if (agreed && contact.status === 'pending_consent' && caseRow) {
    const policy = await linkingPolicy(core, caseRow);
    if (policy.refused) return refuseSharedLinking(core, ev, caseRow, policy.sharing, `shared-refused:contact:${contact.id}`);
    if (sharingTag(policy.sharing) !== shownTag) {
      ev.logger.info({ contactId: contact.id }, 'consent not taken: the case channel was shared differently when the question was asked');
      return answer([{ type: 'consent_changed' }, consentPrompt(contact, policy.sharing)]);
    }
  }
  const changed = agreed
    ? await core.store.contacts.transition(contact.id, ['pending_consent'], 'active', { consentGivenAt: ev.at, consentWithdrawnAt: null })
    : await core.store.contacts.transition(contact.id, ['pending_consent'], 'declined');
  if (!changed) return answer([{ type: 'consent_already_answered' }]);
  await core.store.audit.record({
    actorType: 'line_user',
    actorId: ev.userId,
    action: agreed ? 'consent.given' : 'consent.declined',
    caseId: contact.caseId,
    details: { contactId: contact.id, role: contact.role, at: ev.at.toISOString() },
  });
  if (caseRow) {
    await addNote(
      core,
      caseRow.id,
      { kind: 'notice', notice: { type: agreed ? 'contact_joined' : 'contact_declined', contactId: contact.id } },
      `consent:${contact.id}:${ev.inboundEventId}`,
    );
  }
  await answer([{ type: agreed ? 'consent_thanks' : 'consent_declined' }]);
}

/** 解除 sent on LINE: every link of this person ends, dated at the message's own time; each thread is told. */
export async function withdrawConsent(core: Core, ev: LineEventContext): Promise<void> {
  const links = await core.store.contacts.ofLineUser(ev.userId, { statuses: ['active', 'pending_consent'], includeClosedCases: true });
  const withdrawn: Contact[] = [];
  for (const { contact } of links) {
    const row = await core.store.contacts.transition(contact.id, ['active', 'pending_consent'], 'withdrawn', { consentWithdrawnAt: ev.at });
    if (!row) continue;
    withdrawn.push(row);
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'consent.withdrawn',
      caseId: row.caseId,
      details: { contactId: row.id, at: ev.at.toISOString() },
    });
    if (contact.status === 'active') {
      await addNote(core, row.caseId, { kind: 'notice', notice: { type: 'contact_withdrew', contactId: row.id } }, `withdraw:${row.id}:${ev.inboundEventId}`);
    }
  }
  const answer = withdrawn.length > 0 || links.length > 0 ? 'withdrawn' : 'nothing_to_withdraw';
  await core.line.answer(personOf(ev), [{ type: answer }], eventKey(ev), ev.attempt);
}
