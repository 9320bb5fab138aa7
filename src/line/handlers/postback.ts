import { heldMessagesOf, releaseHeldMessage, rememberCaseChoice } from '../../db/queries/case-choices.js';
import { contactsOfLineUser } from '../../db/queries/contacts.js';
import { getInboundEvent, scrubInboundEvent } from '../../db/queries/inbound-events.js';
import { answerConsent } from '../../linking/consent.js';
import { consentCovers, eventTime } from '../../linking/consent-window.js';
import { relayLineMessage } from '../../relay/relay-line-message.js';
import type { LineEvent, LineHandlerContext } from '../event-types.js';
import type { StoredLineEvent } from '../webhook.js';
import { familyText } from '../family-text.js';
import { answerLineUser, text } from '../reply.js';

/** Postbacks: the consent answer (consent=yes|no&contact=N[&s=tag]) and the case choice (choose=N). */
export async function onPostback(h: LineHandlerContext): Promise<void> {
  const data = new URLSearchParams(h.event.postback?.data ?? '');
  const consent = data.get('consent');
  const contactId = Number(data.get('contact'));
  // Questions asked before case channels were checked for sharing carry no tag: they said "not shared".
  if ((consent === 'yes' || consent === 'no') && Number.isInteger(contactId)) return answerConsent(h, contactId, consent === 'yes', data.get('s') ?? '0');
  const choose = Number(data.get('choose'));
  if (Number.isInteger(choose) && choose > 0) return chooseCase(h, choose);
  h.job.logger.warn('unknown LINE postback ignored');
}

/**
 * The user said which case they write about: remember it for a while and relay what was held, in
 * order. Only a link that is active now counts (an old choice button does nothing for someone who
 * withdrew or was unlinked), and a held message goes only to a link whose consent covers the time it
 * was sent: one agreed after the message was written does not receive it.
 */
async function chooseCase(h: LineHandlerContext, caseId: number): Promise<void> {
  const { app, job, event, userId } = h;
  const to = { userId, replyToken: event.replyToken };
  const target = (await contactsOfLineUser(app.db, userId, { statuses: ['active'] })).find((l) => l.case.id === caseId);
  if (!target) {
    await answerLineUser(app, job, to, [text(familyText.caseClosed)], `${job.inboundEventId}`);
    return;
  }
  const expires = new Date(app.now().getTime() + app.config.relay.caseChoiceTtlMinutes * 60_000);
  await rememberCaseChoice(app.db, userId, caseId, expires);
  let notCovered = 0;
  for (const held of await heldMessagesOf(app.db, userId)) {
    const row = await getInboundEvent(app.db, held.inboundEventId);
    const stored = row?.payload as StoredLineEvent | undefined;
    if (stored) {
      const message = stored.event as unknown as LineEvent;
      if (consentCovers(target.contact, eventTime(message, row?.receivedAt ?? app.now()))) {
        await relayLineMessage(app, { contact: target.contact, caseRow: target.case }, message, held.inboundEventId);
      } else {
        notCovered += 1;
        job.logger.info({ heldEventId: held.inboundEventId }, 'held LINE message not relayed: sent before consent to the chosen case');
      }
    }
    await releaseHeldMessage(app.db, held.id);
    await scrubInboundEvent(app.db, held.inboundEventId);
  }
  const answer = [text(familyText.caseChosen(target.case.label))];
  if (notCovered > 0) answer.push(text(familyText.sentBeforeConsent));
  await answerLineUser(app, job, to, answer, `${job.inboundEventId}`);
}
