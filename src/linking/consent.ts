import { audit } from '../db/queries/audit.js';
import { findCaseById } from '../db/queries/cases.js';
import { contactsOfLineUser, findContactById, transitionContact } from '../db/queries/contacts.js';
import type { ContactRow } from '../db/schema/contacts.js';
import { familyText } from '../line/family-text.js';
import type { LineHandlerContext } from '../line/event-types.js';
import { answerLineUser, text } from '../line/reply.js';
import { postNotice } from '../relay/notices.js';
import { senderLabel } from '../slack/blocks/sender-label.js';
import { consentPrompt, linkingPolicy, sharingTag } from './consent-prompt.js';
import { eventTime } from './consent-window.js';
import { refuseSharedLinking } from './refuse-shared.js';

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
export async function answerConsent(h: LineHandlerContext, contactId: number, agreed: boolean, shownTag: string): Promise<void> {
  const { app, job, event, userId } = h;
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const contact = await findContactById(app.db, contactId);
  if (!contact || contact.lineUserId !== userId) {
    await answerLineUser(app, job, to, [text(familyText.notLinked)], key);
    return;
  }
  const caseRow = await findCaseById(app.db, contact.caseId);
  if (agreed && contact.status === 'pending_consent' && caseRow) {
    const policy = await linkingPolicy(app, caseRow);
    if (policy.refused) {
      await refuseSharedLinking(h, caseRow, policy.sharing, `shared-refused:contact:${contact.id}`);
      return;
    }
    if (sharingTag(policy.sharing) !== shownTag) {
      job.logger.info({ contactId: contact.id }, 'consent not taken: the case channel was shared differently when the question was asked');
      await answerLineUser(app, job, to, [text(familyText.consentChanged), ...consentPrompt(contact, policy.sharing)], key);
      return;
    }
  }
  const at = eventTime(event, app.now());
  const changed = agreed
    ? await transitionContact(app.db, contact.id, ['pending_consent'], 'active', { consentGivenAt: at, consentWithdrawnAt: null })
    : await transitionContact(app.db, contact.id, ['pending_consent'], 'declined');
  if (!changed) {
    await answerLineUser(app, job, to, [text(familyText.consentAlreadyAnswered)], key);
    return;
  }
  await audit(app.db, {
    actorType: 'line_user',
    actorId: userId,
    action: agreed ? 'consent.given' : 'consent.declined',
    caseId: contact.caseId,
    details: { contactId: contact.id, role: contact.role, at: at.toISOString() },
  });
  if (caseRow) {
    const who = senderLabel(changed);
    await postNotice(app, caseRow, `consent:${contact.id}:${job.inboundEventId}`, agreed ? app.text.joinedNotice(who) : app.text.declinedNotice(who));
  }
  await answerLineUser(app, job, to, [text(agreed ? familyText.consentThanks : familyText.consentDeclined)], key);
}

/** 解除 sent on LINE: every link of this user ends, dated at the message's own time; each thread is told. */
export async function withdrawConsent(h: LineHandlerContext): Promise<void> {
  const { app, job, event, userId } = h;
  const links = await contactsOfLineUser(app.db, userId, { statuses: ['active', 'pending_consent'], includeClosedCases: true });
  const at = eventTime(event, app.now());
  const withdrawn: ContactRow[] = [];
  for (const { contact } of links) {
    const row = await transitionContact(app.db, contact.id, ['active', 'pending_consent'], 'withdrawn', { consentWithdrawnAt: at });
    if (!row) continue;
    withdrawn.push(row);
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'consent.withdrawn', caseId: row.caseId, details: { contactId: row.id, at: at.toISOString() } });
    const caseRow = links.find((l) => l.contact.id === row.id)?.case;
    if (caseRow && contact.status === 'active') {
      await postNotice(app, caseRow, `withdraw:${row.id}:${job.inboundEventId}`, app.text.withdrawnNotice(senderLabel(row)));
    }
  }
  const answer = withdrawn.length > 0 || links.length > 0 ? familyText.withdrawn : familyText.nothingToWithdraw;
  await answerLineUser(app, job, { userId, replyToken: event.replyToken }, [text(answer)], `${job.inboundEventId}`);
}
