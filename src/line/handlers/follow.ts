import { audit } from '../../db/queries/audit.js';
import { contactsOfLineUser, transitionContact } from '../../db/queries/contacts.js';
import { postNotice } from '../../relay/notices.js';
import { senderLabel } from '../../slack/blocks/sender-label.js';
import type { LineHandlerContext } from '../event-types.js';
import { familyText } from '../family-text.js';
import { answerLineUser, text } from '../reply.js';

/**
 * Follow: a new friend is asked for their code; someone who had blocked the account and comes back
 * gets their links back (active if they had agreed, else waiting for consent) and each thread is told.
 */
export async function onFollow(h: LineHandlerContext): Promise<void> {
  const { app, job, event, userId } = h;
  const blocked = await contactsOfLineUser(app.db, userId, { statuses: ['blocked'] });
  let restored = 0;
  for (const { contact, case: caseRow } of blocked) {
    const back = contact.consentGivenAt && !contact.consentWithdrawnAt ? 'active' : 'pending_consent';
    const row = await transitionContact(app.db, contact.id, ['blocked'], back);
    if (!row) continue;
    if (back === 'active') restored += 1;
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'contact.unblocked', caseId: caseRow.id, details: { contactId: row.id } });
    await postNotice(app, caseRow, `follow:${row.id}:${job.inboundEventId}`, app.text.unblockedNotice(senderLabel(row)));
  }
  await answerLineUser(app, job, { userId, replyToken: event.replyToken }, [text(restored > 0 ? familyText.welcomeBack : familyText.welcome)], `${job.inboundEventId}`);
}

/** Unfollow (block): links stop; threads where the person was active are told. Unfollow has no reply token. */
export async function onUnfollow(h: LineHandlerContext): Promise<void> {
  const { app, job, userId } = h;
  const links = await contactsOfLineUser(app.db, userId, { statuses: ['active', 'pending_consent'] });
  for (const { contact, case: caseRow } of links) {
    const row = await transitionContact(app.db, contact.id, ['active', 'pending_consent'], 'blocked');
    if (!row) continue;
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'contact.blocked', caseId: caseRow.id, details: { contactId: row.id } });
    await postNotice(app, caseRow, `unfollow:${row.id}:${job.inboundEventId}`, app.text.blockedNotice(senderLabel(row)));
  }
}
