import type { AppContext } from '../context.js';
import { insertMessage } from '../db/queries/messages.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { ContactRow } from '../db/schema/contacts.js';
import type { LineEvent } from '../line/event-types.js';
import { normalizeLineMessage } from '../line/normalize-message.js';
import { enqueueThreadFlush } from './flush-thread.js';
import { isUnsent } from './unsent.js';

/**
 * Stores a LINE message as the case's next message and queues its post into the thread. Keyed by
 * the event's webhookEventId: a redelivered or retried event is stored (and posted) once. A message
 * its sender already withdrew (the unsend overtook it) is not stored: true is returned, as it was
 * dealt with. (Both run under the sender's lock, so an unsend cannot slip between check and insert.)
 */
export async function relayLineMessage(
  ctx: AppContext,
  target: { contact: ContactRow; caseRow: CaseRow },
  event: LineEvent,
  inboundEventId: number,
): Promise<boolean> {
  const normalized = normalizeLineMessage(event.message ?? {});
  if (!normalized) return false;
  if (event.message?.id && (await isUnsent(ctx.db, event.message.id))) return true;
  const { message } = await insertMessage(ctx.db, {
    caseId: target.caseRow.id,
    direction: 'line_to_slack',
    kind: normalized.kind,
    body: normalized.body,
    attachments: normalized.attachments,
    meta: normalized.meta,
    contactId: target.contact.id,
    inboundEventId,
    lineMessageId: event.message?.id ?? null,
    slackChannelId: target.caseRow.slackChannelId,
    idempotencyKey: `line:${event.webhookEventId}`,
  });
  await enqueueThreadFlush(ctx, target.caseRow.id, message.id);
  return true;
}
