import { currentCaseChoice, holdMessage } from '../../db/queries/case-choices.js';
import { contactsOfLineUser } from '../../db/queries/contacts.js';
import { consentPrompt } from '../../linking/consent-prompt.js';
import { withdrawConsent } from '../../linking/consent.js';
import { looksLikeInviteCode } from '../../linking/invite-code.js';
import { redeemCode } from '../../linking/redeem-code.js';
import { relayLineMessage } from '../../relay/relay-line-message.js';
import type { LineHandlerContext } from '../event-types.js';
import { familyText, WITHDRAW_WORDS } from '../family-text.js';
import { answerLineUser, text } from '../reply.js';

/** Quick replies carry at most 13 items, each label at most 20 characters. */
const MAX_CHOICES = 13;

/**
 * A message from a LINE user: a link code, 解除, or a message for the case thread. Only a contact
 * who agreed (status active) on an open case is relayed; everyone else gets an explanation.
 */
export async function onMessage(h: LineHandlerContext): Promise<void> {
  const { app, job, event, userId } = h;
  const to = { userId, replyToken: event.replyToken };
  const key = `${job.inboundEventId}`;
  const typed = event.message?.type === 'text' ? (event.message.text ?? '').trim() : undefined;

  if (typed !== undefined && WITHDRAW_WORDS.includes(typed)) return withdrawConsent(h);
  if (typed !== undefined && looksLikeInviteCode(typed)) return redeemCode(h, typed);

  const links = await contactsOfLineUser(app.db, userId, { statuses: ['active', 'pending_consent'] });
  const active = links.filter((l) => l.contact.status === 'active');
  if (active.length === 0) {
    const pending = links.find((l) => l.contact.status === 'pending_consent');
    job.logger.info({ linked: Boolean(pending) }, 'line message not relayed: no consented link');
    const reply = pending ? [text(familyText.consentPending), ...consentPrompt(pending.contact)] : [text(familyText.notLinked)];
    await answerLineUser(app, job, to, reply, key);
    return;
  }
  let target = active.length === 1 ? active[0] : undefined;
  if (!target) {
    const chosen = await currentCaseChoice(app.db, userId, app.now());
    target = active.find((l) => l.case.id === chosen);
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
            items: active.slice(0, MAX_CHOICES).map((l) => ({
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
