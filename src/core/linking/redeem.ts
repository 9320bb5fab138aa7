import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Redemption } from '../ports/store.js';
import { consentPrompt } from './consent-prompt.js';
import { normalizeInviteCode } from './invite-code.js';
import { inviteCodeHashes } from './invite-key.js';
import { eventKey, personOf, type LineEventContext } from './line-event.js';
import { refuseSharedLinking } from './refuse-shared.js';
import { linkingPolicy } from './sharing.js';

const HOUR_MS = 3600_000;

/**
 * A LINE person sent something shaped like a link code. A valid one links them to the case as
 * "waiting for consent" and asks for agreement; a code is used once, ever (a retried job of the event
 * that used it is recognised by the event, not by the person).
 *
 * `onlyIfValid` (the sender already has an active link): only a valid, unused code is acted on, so
 * that a nurse linked to one case can be invited to a second; anything else returns false, unanswered
 * and not counted as a wrong code, to be relayed as an ordinary message. Without it, wrong codes are
 * answered and limited per person and hour. Returns whether the text was taken as a code.
 */
export async function redeemCode(core: Core, ev: LineEventContext, typed: string, options: { onlyIfValid?: boolean } = {}): Promise<boolean> {
  const now = core.clock.now();
  const answer = (messages: Parameters<Core['line']['answer']>[1]) => core.line.answer(personOf(ev), messages, eventKey(ev), ev.attempt);
  const limit = core.settings.invites.maxFailedPerHour;
  const quiet = options.onlyIfValid === true;

  const failures = quiet ? 0 : await core.store.invites.failedAttemptsSince(ev.userId, new Date(now.getTime() - HOUR_MS));
  if (failures >= limit) {
    await core.store.audit.record({ actorType: 'line_user', actorId: ev.userId, action: 'invite.rate_limited', details: { failures } });
    await answer([{ type: 'too_many_attempts' }]);
    return true;
  }
  const canonical = normalizeInviteCode(typed);
  const redemption: Redemption = canonical
    ? await core.store.invites.redeem(await inviteCodeHashes(core, canonical), { lineUserId: ev.userId, inboundEventId: ev.inboundEventId }, now)
    : { outcome: 'invalid' };
  const caseRow = redemption.outcome === 'invalid' ? undefined : await core.store.cases.byId(redemption.invite.caseId);
  const usable = redemption.outcome === 'redeemed' && caseRow?.status === 'open';
  if (quiet && !usable) return false;

  if (redemption.outcome === 'used_by_sender' && caseRow?.status === 'open') {
    await answerUsedCode(core, ev, caseRow);
    return true;
  }
  if (redemption.outcome !== 'redeemed' || !caseRow || caseRow.status !== 'open') {
    await core.store.invites.recordAttempt(ev.userId, false, now);
    await core.store.audit.record({ actorType: 'line_user', actorId: ev.userId, action: 'invite.failed', details: { failures: failures + 1 } });
    const remaining = limit - failures - 1;
    await answer([remaining > 0 ? { type: 'wrong_code', remaining } : { type: 'too_many_attempts' }]);
    return true;
  }
  const { invite } = redemption;
  await core.store.invites.recordAttempt(ev.userId, true, now);

  const existing = (await core.store.contacts.ofLineUser(ev.userId)).find((l) => l.case.id === caseRow.id)?.contact;
  if (existing?.status === 'active') {
    await answer([{ type: 'consent_thanks' }]);
    return true;
  }
  const policy = await linkingPolicy(core, caseRow);
  if (policy.refused) {
    await refuseSharedLinking(core, ev, caseRow, policy.sharing, `shared-refused:invite:${invite.id}`);
    return true;
  }
  const profile = await core.line.profile(ev.userId);
  const { contact, linked } = await core.store.contacts.linkByInvite({
    caseId: caseRow.id,
    lineUserId: ev.userId,
    role: invite.role,
    relation: invite.relation,
    displayName: profile.displayName,
    pictureUrl: profile.pictureUrl,
    inviteId: invite.id,
  });
  if (linked) {
    await core.store.audit.record({
      actorType: 'line_user',
      actorId: ev.userId,
      action: 'invite.redeemed',
      caseId: caseRow.id,
      details: { inviteId: invite.id, contactId: contact.id, role: invite.role, sharedWith: policy.sharing.organisations.length },
    });
  }
  // A retried job of this event finds the contact as it is by now: agreed, or ended meanwhile.
  if (contact.status === 'active') await answer([{ type: 'consent_thanks' }]);
  else if (contact.status !== 'pending_consent') await answer([{ type: 'link_ended' }]);
  else await answer([consentPrompt(contact, policy.sharing)]);
  return true;
}

/**
 * The sender's own code, sent again by another message: while they are still to answer the consent
 * question, it is asked again; otherwise (agreed, refused, withdrawn, unlinked) the code is spent and
 * only a new invitation links them again.
 */
async function answerUsedCode(core: Core, ev: LineEventContext, caseRow: Case): Promise<void> {
  const answer = (messages: Parameters<Core['line']['answer']>[1]) => core.line.answer(personOf(ev), messages, eventKey(ev), ev.attempt);
  const contact = (await core.store.contacts.ofLineUser(ev.userId)).find((l) => l.case.id === caseRow.id)?.contact;
  if (contact?.status === 'active') return answer([{ type: 'consent_thanks' }]);
  if (contact?.status !== 'pending_consent') return answer([{ type: 'code_already_used' }]);
  const policy = await linkingPolicy(core, caseRow);
  if (policy.refused) return refuseSharedLinking(core, ev, caseRow, policy.sharing, `shared-refused:contact:${contact.id}`);
  await answer([consentPrompt(contact, policy.sharing)]);
}
