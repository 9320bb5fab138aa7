import { isPermanent } from '../../lib/errors.js';
import { countDelivery } from '../count-delivery.js';
import type { Core, JobRun } from '../deps.js';
import type { Case } from '../model/cases.js';
import type { CaseRecord, RecordFields } from '../model/records.js';
import { loadRecordCard } from '../notes/load-view.js';
import { addNote } from '../notes/outbox.js';
import { requestReadReceipt } from '../conversation/read-receipts.js';
import type { RecordStore } from '../ports/store.js';
import { cancelReminders } from '../reminders/cancel.js';
import { createReminder } from '../reminders/schedule.js';

export type NewRecordFields = Omit<Parameters<RecordStore['create']>[0], 'caseId'>;

/**
 * Stores a record, logs it, and adds its card to the case thread (in order with the relay). A next
 * step with a date becomes a reminder. Idempotent on `fields.idempotencyKey`: a repeated submission
 * neither stores nor posts twice.
 */
export async function saveNewRecord(core: Core, caseRow: Pick<Case, 'id'>, fields: NewRecordFields): Promise<{ record: CaseRecord; created: boolean }> {
  const { record, created } = await core.store.records.create({ ...fields, caseId: caseRow.id });
  if (!created) return { record, created };
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: fields.authorUserId,
    action: 'record.created',
    caseId: caseRow.id,
    details: { recordId: record.id, category: record.category, sourceMessageId: record.sourceMessageId ?? null },
  });
  const card = await addNote(core, caseRow.id, { kind: 'record_card', recordId: record.id }, `record:${record.id}`, { slackUserId: fields.authorUserId });
  await core.store.records.setCard(record.id, card.id);
  await scheduleNextStep(core, record);
  await markSourceRead(core, caseRow.id, record.sourceMessageId, fields.authorUserId);
  return { record: { ...record, cardMessageId: card.id }, created };
}

/** A record made from a person's LINE message (記録する): their messages up to it are read (既読 on LINE). */
async function markSourceRead(core: Core, caseId: number, sourceMessageId: number | null | undefined, by: string): Promise<void> {
  if (!sourceMessageId) return;
  const source = await core.store.messages.byId(sourceMessageId);
  if (source?.direction !== 'line_to_slack' || source.contactId === null || source.caseId !== caseId) return;
  await requestReadReceipt(core, { caseId, contactId: source.contactId, upToMessageId: source.id, by, via: 'record' });
}

/** Saves an edit as the next version and asks for the card's refresh. Undefined when another edit came first. */
export async function saveRecordEdit(
  core: Core,
  record: CaseRecord,
  expectedVersion: number,
  fields: RecordFields,
  editor: string,
): Promise<CaseRecord | undefined> {
  const row = await core.store.records.edit(record.id, expectedVersion, fields, editor);
  if (!row) return undefined;
  await core.store.audit.record({
    actorType: 'slack_user',
    actorId: editor,
    action: 'record.edited',
    caseId: row.caseId,
    details: { recordId: row.id, version: row.version },
  });
  await core.jobs.refreshRecordCard(row.id, row.version);
  if (row.nextStep !== record.nextStep || row.nextStepDate !== record.nextStepDate) {
    await cancelReminders(core, { sourceRecordId: row.id }, editor);
    await scheduleNextStep(core, row);
  }
  return row;
}

/** A record's next step with a date becomes a reminder for its author. */
async function scheduleNextStep(core: Core, record: CaseRecord): Promise<void> {
  if (!record.nextStep || !record.nextStepDate) return;
  await createReminder(core, record.caseId, {
    kind: 'task',
    rule: 'next_step',
    title: record.nextStep,
    dueDay: record.nextStepDate,
    dueTime: null,
    sourceRecordId: record.id,
    assigneeUserId: record.authorUserId,
    createdBy: record.authorUserId,
    idempotencyKey: `next_step:${record.id}:v${record.version}`,
  });
}

/**
 * Shows an edited record on its card. A card not posted yet needs nothing: the thread's delivery
 * posts the record as it is then. Runs under the case thread's lock (with the delivery and other
 * refreshes) and records on the card which version it shows, so the delivery sweep can tell a card
 * still owed its latest version. Updating is idempotent; a card staff deleted counts as shown.
 */
export async function refreshRecordCard(core: Core, recordId: number, job: JobRun): Promise<void> {
  const first = await core.store.records.byId(recordId);
  if (!first?.cardMessageId) return;
  await core.locks.caseThread(first.caseId, async () => {
    const view = await loadRecordCard(core, recordId);
    const record = view.record;
    if (!record.cardMessageId) return;
    const [card, caseRow] = await Promise.all([core.store.messages.byId(record.cardMessageId), core.store.cases.byId(record.caseId)]);
    if (!card?.slackTs || !caseRow) return;
    if (card.cardVersion !== null && card.cardVersion >= record.version) return;
    try {
      const place = { channel: card.slackChannelId ?? caseRow.slackChannelId, threadTs: caseRow.slackThreadTs ?? '' };
      const ts = card.slackTs;
      await countDelivery(core, 'record_card_edit', job, () => core.thread.update(place, ts, view));
    } catch (error) {
      if (!isPermanent(error)) throw error;
      // Slack refuses this card for good: recorded, so the delivery sweep does not offer it again.
      await core.store.messages.setCardVersion(card.id, record.version);
      await core.store.audit.record({
        actorType: 'system',
        action: 'record.card_failed',
        caseId: record.caseId,
        details: { recordId: record.id, version: record.version, code: (error as { code?: string }).code },
      });
      job.logger.warn({ recordId: record.id, version: record.version }, 'record card refused by Slack for good');
      throw error;
    }
    await core.store.messages.setCardVersion(card.id, record.version);
  });
}
