import type { Core } from '../deps.js';
import type { IncomingLineMessage } from '../model/messages.js';
import { consentPrompt } from '../linking/consent-prompt.js';
import { consentCovers } from '../linking/consent-window.js';
import { withdrawConsent } from '../linking/consent.js';
import { looksLikeInviteCode } from '../linking/invite-code.js';
import { eventKey, personOf, type LineEventContext } from '../linking/line-event.js';
import { redeemCode } from '../linking/redeem.js';
import { refuseSharedLinking } from '../linking/refuse-shared.js';
import { linkingPolicy } from '../linking/sharing.js';
import { answerOutOfHours } from '../alerts/after-hours.js';
import { relayLineMessage } from './relay.js';

/** Words that withdraw consent when sent alone. */
export const WITHDRAW_WORDS = ['解除', '連携解除', 'かいじょ', '退会'];

/** How long the loading animation may show before "which case?" (it ends when the question arrives). */
const WHICH_CASE_LOADING_SECONDS = 10;

/** Quick replies carry at most 13 items. */
const MAX_CHOICES = 13;

/**
 * A message from a LINE person: a link code, 解除, or a message for the case thread. A message is
 * relayed only through a link that is active now (consent given, open case) and whose consent was
 * given at or before the message was sent (LINE's timestamp): a message handled late, after the
 * person agreed, is judged by when it was written. Everyone else gets an explanation.
 *
 * Only people without an active link are asked for codes: from someone already linked, a text that
 * merely looks like a code (HELP-HELP, 20261210) is relayed like any other; a valid unused code still
 * links them to one more case. A person linked to several cases is asked which case (their messages
 * are held until they answer; the answer is remembered for a while).
 */
export async function receiveLineMessage(core: Core, ev: LineEventContext, message: IncomingLineMessage): Promise<void> {
  const answer = (messages: Parameters<Core['line']['answer']>[1]) => core.line.answer(personOf(ev), messages, eventKey(ev), ev.attempt);
  const typed = message.kind === 'text' ? (message.text ?? '').trim() : undefined;
  if (typed !== undefined && WITHDRAW_WORDS.includes(typed)) return withdrawConsent(core, ev);

  const links = await core.store.contacts.ofLineUser(ev.userId, { statuses: ['active', 'pending_consent'] });
  const active = links.filter((l) => l.contact.status === 'active');
  if (typed !== undefined && looksLikeInviteCode(typed)) {
    if (active.length === 0) {
      await redeemCode(core, ev, typed);
      return;
    }
    if (await redeemCode(core, ev, typed, { onlyIfValid: true })) return;
  }

  if (active.length === 0) {
    const pending = links.find((l) => l.contact.status === 'pending_consent');
    ev.logger.info({ linked: Boolean(pending) }, 'line message not relayed: no consented link');
    if (!pending) return answer([{ type: 'not_linked' }]);
    // The question is asked again with what is true now (the channel may have been shared since).
    const policy = await linkingPolicy(core, pending.case);
    if (policy.refused) return refuseSharedLinking(core, ev, pending.case, policy.sharing, `shared-refused:contact:${pending.contact.id}`);
    return answer([{ type: 'consent_pending' }, consentPrompt(pending.contact, policy.sharing)]);
  }

  const covered = active.filter((l) => consentCovers(l.contact, message.sentAt));
  if (covered.length === 0) {
    // Sent before the person agreed (its first handling failed, or it waited behind other events).
    ev.logger.info('line message not relayed: sent before consent was given');
    return answer([{ type: 'sent_before_consent' }]);
  }
  let target = covered.length === 1 ? covered[0] : undefined;
  if (!target) {
    const chosen = await core.store.choices.current(ev.userId, core.clock.now());
    target = covered.find((l) => l.case.id === chosen);
  }
  if (!target) {
    // The person sees the bot at work while the question is prepared (ended by the answer).
    await core.line.showLoading(ev.userId, WHICH_CASE_LOADING_SECONDS);
    await core.store.choices.hold(ev.userId, ev.inboundEventId, message);
    return answer([{ type: 'which_case', cases: covered.slice(0, MAX_CHOICES).map((l) => ({ id: l.case.id, label: l.case.label })) }]);
  }
  const relay = await relayLineMessage(core, { contact: target.contact, caseRow: target.case }, message, ev.inboundEventId);
  // Outside office hours the sender hears that it arrived (or, if it looks urgent, whom to call now).
  await answerOutOfHours(core, ev, target.case.id, relay.urgent !== undefined);
}

/**
 * The person said which case they write about: remember it for a while and relay what was held, in
 * order. Only a link that is active now counts (an old choice button does nothing for someone who
 * withdrew or was unlinked), and a held message goes only to a link whose consent covers the time it
 * was sent: one agreed after the message was written does not receive it.
 */
export async function chooseCase(core: Core, ev: LineEventContext, caseId: number): Promise<void> {
  const answer = (messages: Parameters<Core['line']['answer']>[1]) => core.line.answer(personOf(ev), messages, eventKey(ev), ev.attempt);
  const target = (await core.store.contacts.ofLineUser(ev.userId, { statuses: ['active'] })).find((l) => l.case.id === caseId);
  if (!target) return answer([{ type: 'case_closed' }]);
  const expires = new Date(core.clock.now().getTime() + core.settings.relay.caseChoiceTtlMinutes * 60_000);
  await core.store.choices.remember(ev.userId, caseId, expires);
  let notCovered = 0;
  let relayed = 0;
  let urgent = false;
  for (const held of await core.store.choices.held(ev.userId)) {
    // (The unsend lets a held message go; this is the safety net for one it missed.)
    const lineMessageId = held.message.lineMessageId;
    const withdrawn = typeof lineMessageId === 'string' && (await core.store.unsent.has(lineMessageId));
    if (withdrawn) {
      ev.logger.info({ heldEventId: held.inboundEventId }, 'held LINE message not relayed: withdrawn by its sender');
    } else if (consentCovers(target.contact, held.message.sentAt)) {
      const relay = await relayLineMessage(core, { contact: target.contact, caseRow: target.case }, held.message, held.inboundEventId);
      relayed += 1;
      if (relay.urgent) urgent = true;
    } else {
      notCovered += 1;
      ev.logger.info({ heldEventId: held.inboundEventId }, 'held LINE message not relayed: sent before consent to the chosen case');
    }
    await core.store.choices.release(held.id);
  }
  if (relayed > 0) await answerOutOfHours(core, ev, target.case.id, urgent);
  await answer([{ type: 'case_chosen', label: target.case.label }, ...(notCovered > 0 ? [{ type: 'sent_before_consent' as const }] : [])]);
}
