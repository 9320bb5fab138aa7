import { currentCaseChoice, holdMessage } from '../../db/queries/case-choices.js';
import { contactsOfLineUser } from '../../db/queries/contacts.js';
import { consentPrompt, linkingPolicy } from '../../linking/consent-prompt.js';
import { withdrawConsent } from '../../linking/consent.js';
import { consentCovers, eventTime } from '../../linking/consent-window.js';
import { looksLikeInviteCode } from '../../linking/invite-code.js';
import { redeemCode } from '../../linking/redeem-code.js';
import { refuseSharedLinking } from '../../linking/refuse-shared.js';
import { relayLineMessage } from '../../relay/relay-line-message.js';
import type { LineHandlerContext } from '../event-types.js';
import { familyText, WITHDRAW_WORDS } from '../family-text.js';
import { answerLineUser, text } from '../reply.js';

/** Quick replies carry at most 13 items, each label at most 20 characters. */
const MAX_CHOICES = 13;

/**
 * A message from a LINE user: a link code, 解除, or a message for the case thread. A message is
 * relayed only through a link that is active now (consent given, open case) and whose consent was
 * given at or before the message was sent (LINE's timestamp): a message handled late, after the
 * person agreed, is judged by when it was written. Everyone else gets an explanation.
 *
 * Only people without an active link are asked for codes: from someone already linked, a text that
 * merely looks like a code (HELP-HELP, 20261210) is relayed like any other; a valid unused code still
 * links them to one more case.
 */
export async function onMessage(h: LineHandlerContext): Promise<void> {
  const { app, job, event, userId } = h;
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const typed = event.message?.type === 'text' ? (event.message.text ?? '').trim() : undefined;

  if (typed !== undefined && WITHDRAW_WORDS.includes(typed)) return withdrawConsent(h);

  const links = await contactsOfLineUser(app.db, userId, { statuses: ['active', 'pending_consent'] });
  const active = links.filter((l) => l.contact.status === 'active');
  if (typed !== undefined && looksLikeInviteCode(typed)) {
    if (active.length === 0) {
      await redeemCode(h, typed);
      return;
    }
    if (await redeemCode(h, typed, { onlyIfValid: true })) return;
  }

  if (active.length === 0) {
    const pending = links.find((l) => l.contact.status === 'pending_consent');
    job.logger.info({ linked: Boolean(pending) }, 'line message not relayed: no consented link');
    if (!pending) {
      await answerLineUser(app, job, to, [text(familyText.notLinked)], key);
      return;
    }
    // The question is asked again with what is true now (the channel may have been shared since).
    const policy = await linkingPolicy(app, pending.case);
    if (policy.refused) {
      await refuseSharedLinking(h, pending.case, policy.sharing, `shared-refused:contact:${pending.contact.id}`);
      return;
    }
    await answerLineUser(app, job, to, [text(familyText.consentPending), ...consentPrompt(pending.contact, policy.sharing)], key);
    return;
  }

  const sentAt = eventTime(event, app.now());
  const covered = active.filter((l) => consentCovers(l.contact, sentAt));
  if (covered.length === 0) {
    // Sent before the person agreed (its first handling failed, or it waited behind other events).
    job.logger.info('line message not relayed: sent before consent was given');
    await answerLineUser(app, job, to, [text(familyText.sentBeforeConsent)], key);
    return;
  }
  let target = covered.length === 1 ? covered[0] : undefined;
  if (!target) {
    const chosen = await currentCaseChoice(app.db, userId, app.now());
    target = covered.find((l) => l.case.id === chosen);
  }
  if (!target) {
    await holdMessage(app.db, userId, job.inboundEventId);
    await answerLineUser(
      app,
      job,
      to,
      [
        {
          type: 'text',
          text: familyText.whichCase,
          quickReply: {
            items: covered.slice(0, MAX_CHOICES).map((l) => ({
              type: 'action',
              action: { type: 'postback', label: l.case.label.slice(0, 20), data: `choose=${l.case.id}`, displayText: l.case.label.slice(0, 300) },
            })),
          },
        },
      ],
      key,
    );
    return;
  }
  const relayed = await relayLineMessage(app, { contact: target.contact, caseRow: target.case }, event, job.inboundEventId);
  if (!relayed) job.logger.warn({ type: event.message?.type }, 'unsupported LINE message type not relayed');
}
