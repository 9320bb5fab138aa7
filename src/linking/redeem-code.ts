import { findCaseById } from '../db/queries/cases.js';
import { audit } from '../db/queries/audit.js';
import { contactsOfLineUser, linkContactByInvite } from '../db/queries/contacts.js';
import { countFailedAttemptsSince, recordInviteAttempt, redeemInvite, type Redemption } from '../db/queries/invites.js';
import type { CaseRow } from '../db/schema/cases.js';
import { familyText } from '../line/family-text.js';
import type { LineHandlerContext } from '../line/event-types.js';
import { answerLineUser, text } from '../line/reply.js';
import { consentPrompt, linkingPolicy } from './consent-prompt.js';
import { normalizeInviteCode } from './invite-code.js';
import { inviteCodeHashes } from './invite-key.js';
import { lineProfile } from './profile.js';
import { refuseSharedLinking } from './refuse-shared.js';

const HOUR_MS = 3600_000;

/**
 * A LINE user sent something shaped like a link code. A valid one links the user to the case as
 * "waiting for consent" and asks for agreement; a code is used once, ever (a retried job of the event
 * that used it is recognised by the event, not by the user).
 *
 * `onlyIfValid` (the sender already has an active link): only a valid, unused code is acted on, so
 * that a nurse linked to one case can be invited to a second; anything else returns false, unanswered
 * and not counted as a wrong code, to be relayed as an ordinary message. Without it, wrong codes are
 * answered and limited per user and hour. Returns whether the text was taken as a code.
 */
export async function redeemCode(h: LineHandlerContext, typed: string, options: { onlyIfValid?: boolean } = {}): Promise<boolean> {
  const { app, job, event, userId } = h;
  const now = app.now();
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const limit = app.config.invites.maxFailedPerHour;
  const quiet = options.onlyIfValid === true;

  const failures = quiet ? 0 : await countFailedAttemptsSince(app.db, userId, new Date(now.getTime() - HOUR_MS));
  if (failures >= limit) {
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'invite.rate_limited', details: { failures } });
    await answerLineUser(app, job, to, [text(familyText.tooManyAttempts)], key);
    return true;
  }
  const canonical = normalizeInviteCode(typed);
  const redemption: Redemption = canonical
    ? await redeemInvite(app.db, await inviteCodeHashes(app, canonical), { lineUserId: userId, inboundEventId: job.inboundEventId }, now)
    : { outcome: 'invalid' };
  const caseRow = redemption.outcome === 'invalid' ? undefined : await findCaseById(app.db, redemption.invite.caseId);
  const usable = redemption.outcome === 'redeemed' && caseRow?.status === 'open';
  if (quiet && !usable) return false;

  if (redemption.outcome === 'used_by_sender' && caseRow?.status === 'open') {
    await answerUsedCode(h, caseRow);
    return true;
  }
  if (redemption.outcome !== 'redeemed' || !caseRow || caseRow.status !== 'open') {
    await recordInviteAttempt(app.db, userId, false, now);
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'invite.failed', details: { failures: failures + 1 } });
    const remaining = limit - failures - 1;
    await answerLineUser(app, job, to, [text(remaining > 0 ? familyText.wrongCode(remaining) : familyText.tooManyAttempts)], key);
    return true;
  }
  const { invite } = redemption;
  await recordInviteAttempt(app.db, userId, true, now);

  const existing = (await contactsOfLineUser(app.db, userId)).find((l) => l.case.id === caseRow.id)?.contact;
  if (existing?.status === 'active') {
    await answerLineUser(app, job, to, [text(familyText.consentThanks)], key);
    return true;
  }
  const policy = await linkingPolicy(app, caseRow);
  if (policy.refused) {
    await refuseSharedLinking(h, caseRow, policy.sharing, `shared-refused:invite:${invite.id}`);
    return true;
  }
  const profile = await lineProfile(app, userId);
  const { contact, linked } = await linkContactByInvite(app.db, {
    caseId: caseRow.id,
    lineUserId: userId,
    role: invite.role,
    relation: invite.relation,
    displayName: profile.displayName,
    pictureUrl: profile.pictureUrl,
    inviteId: invite.id,
  });
  if (linked) {
    await audit(app.db, {
      actorType: 'line_user',
      actorId: userId,
      action: 'invite.redeemed',
      caseId: caseRow.id,
      details: { inviteId: invite.id, contactId: contact.id, role: invite.role, sharedWith: policy.sharing.organisations.length },
    });
  }
  // A retried job of this event finds the contact as it is by now: agreed, or ended meanwhile.
  if (contact.status === 'active') await answerLineUser(app, job, to, [text(familyText.consentThanks)], key);
  else if (contact.status !== 'pending_consent') await answerLineUser(app, job, to, [text(familyText.linkEnded)], key);
  else await answerLineUser(app, job, to, consentPrompt(contact, policy.sharing), key);
  return true;
}

/**
 * The sender's own code, sent again by another message: while they are still to answer the consent
 * question, it is asked again; otherwise (agreed, refused, withdrawn, unlinked) the code is spent and
 * only a new invitation links them again.
 */
async function answerUsedCode(h: LineHandlerContext, caseRow: CaseRow): Promise<void> {
  const { app, job, event, userId } = h;
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const contact = (await contactsOfLineUser(app.db, userId)).find((l) => l.case.id === caseRow.id)?.contact;
  if (contact?.status === 'active') {
    await answerLineUser(app, job, to, [text(familyText.consentThanks)], key);
    return;
  }
  if (contact?.status !== 'pending_consent') {
    await answerLineUser(app, job, to, [text(familyText.codeAlreadyUsed)], key);
    return;
  }
  const policy = await linkingPolicy(app, caseRow);
  if (policy.refused) {
    await refuseSharedLinking(h, caseRow, policy.sharing, `shared-refused:contact:${contact.id}`);
    return;
  }
  await answerLineUser(app, job, to, consentPrompt(contact, policy.sharing), key);
}
