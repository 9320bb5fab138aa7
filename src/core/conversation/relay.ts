import type { Core } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { Contact } from '../model/contacts.js';
import type { IncomingLineMessage } from '../model/messages.js';
import type { UrgentAlert } from '../model/urgent.js';
import { requestThreadPost } from '../notes/outbox.js';
import { flagIfUrgent } from '../alerts/flag-urgent.js';

/**
 * Stores a LINE message as the case's next message and asks for its post into the thread. Keyed by
 * the event's webhookEventId: a redelivered or retried event is stored (and posted) once. A message
 * its sender already withdrew (the unsend overtook it) never gets here: the LINE adapter drops its
 * event, and a held one is let go by the unsend (both under the sender's lock, as this runs, so an
 * unsend cannot slip in between).
 *
 * A message the urgent-expression list flags gets its 🚨 block right after it (alerts/flag-urgent.ts);
 * the alert is returned (the caller answers the sender out of hours).
 */
export async function relayLineMessage(
  core: Core,
  target: { contact: Contact; caseRow: Case },
  message: IncomingLineMessage,
  inboundEventId: number,
): Promise<{ urgent: UrgentAlert | undefined }> {
  const { message: stored } = await core.store.messages.insert({
    caseId: target.caseRow.id,
    direction: 'line_to_slack',
    kind: message.kind,
    body: message.text,
    attachments: message.attachments,
    details: message.details,
    contactId: target.contact.id,
    inboundEventId,
    lineMessageId: message.lineMessageId,
    lineSentAt: message.sentAt,
    markAsReadToken: message.markAsReadToken ?? null,
    slackChannelId: target.caseRow.slackChannelId,
    idempotencyKey: `line:${message.webhookEventId}`,
  });
  await requestThreadPost(core, target.caseRow.id, stored.id);
  return { urgent: await flagIfUrgent(core, target.caseRow, message, stored) };
}
