import type { Core } from '../deps.js';
import type { Contact } from '../model/contacts.js';
import type { Message, Note, PlainNote } from '../model/messages.js';
import { PermanentError } from '../../lib/errors.js';
import type { PingView, Sender, ThreadView } from '../ports/views.js';

export const senderOf = (c: Pick<Contact, 'role' | 'relation' | 'displayName' | 'pictureUrl'>): Sender => ({
  role: c.role,
  relation: c.relation,
  displayName: c.displayName,
  pictureUrl: c.pictureUrl,
});

/**
 * What a message looks like in its thread now, as a typed view for the Slack adapter to render: the
 * registry of thread item kinds. Names and records are read when the post is made. A kind is added
 * here (and in the note's schema, and one renderer): the delivery loop knows no kind.
 */
export async function loadThreadView(core: Pick<Core, 'store'>, message: Message): Promise<ThreadView> {
  if (message.direction === 'line_to_slack') {
    const contact = message.contactId ? await core.store.contacts.byId(message.contactId) : undefined;
    if (!contact) throw new PermanentError('contact_missing', `message ${message.id} has no contact`);
    return { kind: 'line_message', messageId: message.id, sender: senderOf(contact), message };
  }
  if (message.direction === 'slack_to_line') {
    const contact = message.contactId ? await core.store.contacts.byId(message.contactId) : undefined;
    if (!contact) throw new PermanentError('contact_missing', `message ${message.id} has no contact`);
    return { kind: 'staff_send', staffUserId: message.slackUserId ?? '', recipient: senderOf(contact), body: message.body ?? '' };
  }
  const note: Note = message.note ?? { kind: 'notice', notice: { type: 'rendered' } };
  switch (note.kind) {
    case 'record_card':
      return loadRecordCard(core, note.recordId);
    case 'reminder_ping':
      return { kind: 'reminder_ping', ping: await loadPingView(core, note.pingId) };
    case 'notice':
      return loadNotice(core, message, note.notice);
    case 'urgent_alert':
      return loadUrgentAlert(core, note.alertId);
    default:
      return plainView(note, message.id);
  }
}

/** A plain note shows what it carries (model/messages.ts, `plainNoteSchemas`). */
const plainView = (note: PlainNote, messageId: number): ThreadView => Object.assign({ messageId }, note);

/** A record's card as it is now (with who edited it last). */
export async function loadRecordCard(core: Pick<Core, 'store'>, recordId: number): Promise<Extract<ThreadView, { kind: 'record_card' }>> {
  const record = await core.store.records.byId(recordId);
  if (!record) throw new PermanentError('record_missing', `record ${recordId} no longer exists`);
  const versions = record.version > 1 ? await core.store.records.versions(record.id) : [];
  return { kind: 'record_card', record, editedBy: versions.at(-1)?.editedBy ?? null };
}

/** An urgent message's 🚨 block: the groups found, and the case's responsible staff and supervisor to call. */
export async function loadUrgentAlert(core: Pick<Core, 'store'>, alertId: number): Promise<Extract<ThreadView, { kind: 'urgent_alert' }>> {
  const alert = await core.store.urgent.byId(alertId);
  const caseRow = alert ? await core.store.cases.byId(alert.caseId) : undefined;
  if (!alert || !caseRow) throw new PermanentError('urgent_alert_missing', `urgent alert ${alertId} no longer exists`);
  return {
    kind: 'urgent_alert',
    alertId,
    caseCode: caseRow.code,
    groups: alert.groups.map((g) => g.label),
    call: urgentStaffOf(caseRow),
    taken: alert.takenBy && alert.takenAt ? { by: alert.takenBy, at: alert.takenAt } : null,
  };
}

/** Who an urgent message of a case calls first: its responsible staff and its supervisor (once each). */
export const urgentStaffOf = (caseRow: { responsibleUserId: string; supervisorUserId: string | null }): string[] => [
  ...new Set([caseRow.responsibleUserId, ...(caseRow.supervisorUserId ? [caseRow.supervisorUserId] : [])]),
];

/** A ping with what it is about: its reminder and the case's code and label. */
export async function loadPingView(core: Pick<Core, 'store'>, pingId: number): Promise<PingView> {
  const ping = await core.store.reminders.ping(pingId);
  const reminder = ping ? await core.store.reminders.byId(ping.reminderId) : undefined;
  const caseRow = reminder ? await core.store.cases.byId(reminder.caseId) : undefined;
  if (!ping || !reminder || !caseRow) throw new PermanentError('ping_missing', `ping ${pingId} no longer exists`);
  return { reminder, case: caseRow, label: ping.label, escalation: ping.kind === 'escalation', shiftReason: ping.shiftReason };
}

/** A notice, with the contact it names (read now), and what its 再送する button retries. */
async function loadNotice(core: Pick<Core, 'store'>, message: Message, notice: Extract<Note, { kind: 'notice' }>['notice']): Promise<ThreadView> {
  const contactId = 'contactId' in notice ? notice.contactId : undefined;
  const contact = contactId !== undefined ? await core.store.contacts.byId(contactId) : undefined;
  const retryMessageId =
    notice.type === 'push_failed' || notice.type === 'thread_post_failed'
      ? notice.messageId
      : notice.type === 'rendered'
        ? (notice.retryMessageId ?? (notice.retryInboundEventId !== undefined ? message.id : null))
        : null;
  return {
    kind: 'notice',
    notice,
    contact: contact ? senderOf(contact) : null,
    retryMessageId,
    ...(notice.type === 'rendered' ? { rendered: message.body ?? '' } : {}),
  };
}
