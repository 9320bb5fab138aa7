import { findCaseById } from '../db/queries/cases.js';
import { audit } from '../db/queries/audit.js';
import { contactsOfLineUser, upsertPendingContact } from '../db/queries/contacts.js';
import { countFailedAttemptsSince, recordInviteAttempt, redeemInvite } from '../db/queries/invites.js';
import { familyText } from '../line/family-text.js';
import type { LineHandlerContext } from '../line/event-types.js';
import { answerLineUser, text } from '../line/reply.js';
import { consentPrompt } from './consent-prompt.js';
import { hashInviteCode, normalizeInviteCode } from './invite-code.js';
import { lineProfile } from './profile.js';

const HOUR_MS = 3600_000;

/**
 * A LINE user sent something shaped like a link code. Wrong codes are limited per user and hour.
 * A valid one links the user to the case as "waiting for consent" and asks for agreement.
 */
export async function redeemCode(h: LineHandlerContext, typed: string): Promise<void> {
  const { app, job, event, userId } = h;
  const now = app.now();
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const limit = app.config.invites.maxFailedPerHour;

  const failures = await countFailedAttemptsSince(app.db, userId, new Date(now.getTime() - HOUR_MS));
  if (failures >= limit) {
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'invite.rate_limited', details: { failures } });
    await answerLineUser(app, job, to, [text(familyText.tooManyAttempts)], key);
    return;
  }
  const canonical = normalizeInviteCode(typed);
  const invite = canonical ? await redeemInvite(app.db, hashInviteCode(canonical, app.config.line.channelSecret), userId, now) : undefined;
  const caseRow = invite ? await findCaseById(app.db, invite.caseId) : undefined;
  if (!invite || !caseRow || caseRow.status !== 'open') {
    await recordInviteAttempt(app.db, userId, false, now);
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'invite.failed', details: { failures: failures + 1 } });
    const remaining = limit - failures - 1;
    await answerLineUser(app, job, to, [text(remaining > 0 ? familyText.wrongCode(remaining) : familyText.tooManyAttempts)], key);
    return;
  }
  await recordInviteAttempt(app.db, userId, true, now);

  const existing = (await contactsOfLineUser(app.db, userId)).find((l) => l.case.id === caseRow.id)?.contact;
  if (existing?.status === 'active') {
    await answerLineUser(app, job, to, [text(familyText.consentThanks)], key);
    return;
  }
  const profile = await lineProfile(app, userId);
  const contact = await upsertPendingContact(app.db, {
    caseId: caseRow.id,
    lineUserId: userId,
    role: invite.role,
    relation: invite.relation,
    displayName: profile.displayName,
    pictureUrl: profile.pictureUrl,
  });
  await audit(app.db, {
    actorType: 'line_user',
    actorId: userId,
    action: 'invite.redeemed',
    caseId: caseRow.id,
    details: { inviteId: invite.id, contactId: contact.id, role: invite.role },
  });
  await answerLineUser(app, job, to, consentPrompt(contact), key);
}
