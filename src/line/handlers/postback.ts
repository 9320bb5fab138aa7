import { heldMessagesOf, releaseHeldMessage, rememberCaseChoice } from '../../db/queries/case-choices.js';
import { contactsOfLineUser } from '../../db/queries/contacts.js';
import { getInboundEvent, scrubInboundEvent } from '../../db/queries/inbound-events.js';
import { answerConsent } from '../../linking/consent.js';
import { relayLineMessage } from '../../relay/relay-line-message.js';
import type { LineHandlerContext } from '../event-types.js';
import type { StoredLineEvent } from '../webhook.js';
import { familyText } from '../family-text.js';
import { answerLineUser, text } from '../reply.js';

/** Postbacks: the consent answer (consent=yes|no&contact=N) and the case choice (choose=N). */
export async function onPostback(h: LineHandlerContext): Promise<void> {
  const data = new URLSearchParams(h.event.postback?.data ?? '');
  const consent = data.get('consent');
  const contactId = Number(data.get('contact'));
  if ((consent === 'yes' || consent === 'no') && Number.isInteger(contactId)) return answerConsent(h, contactId, consent === 'yes');
  const choose = Number(data.get('choose'));
  if (Number.isInteger(choose) && choose > 0) return chooseCase(h, choose);
  h.job.logger.warn('unknown LINE postback ignored');
}

/** The user said which case they write about: remember it for a while and relay what was held, in order. */
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
  for (const held of await heldMessagesOf(app.db, userId)) {
    const row = await getInboundEvent(app.db, held.inboundEventId);
    const stored = row?.payload as StoredLineEvent | undefined;
    if (stored) await relayLineMessage(app, { contact: target.contact, caseRow: target.case }, stored.event, held.inboundEventId);
    await releaseHeldMessage(app.db, held.id);
    await scrubInboundEvent(app.db, held.inboundEventId);
  }
  await answerLineUser(app, job, to, [text(familyText.caseChosen(target.case.label))], `${job.inboundEventId}`);
}
