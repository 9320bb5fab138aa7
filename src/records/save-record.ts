import type { AppContext } from '../context.js';
import { audit } from '../db/queries/audit.js';
import { insertMessage } from '../db/queries/messages.js';
import { createUpdate, editUpdate, setUpdateCard, type UpdateFields } from '../db/queries/updates.js';
import type { CaseRow } from '../db/schema/cases.js';
import type { UpdateRow } from '../db/schema/updates.js';
import { enqueueThreadFlush } from '../relay/flush-thread.js';
import { cancelRemindersOfUpdate } from '../reminders/cancel.js';
import { createReminder } from '../reminders/schedule.js';

/**
 * Stores a record, logs it, and queues its card into the case thread (in order with the relay).
 * Idempotent on `fields.idempotencyKey`: a repeated submission neither stores nor posts twice.
 */
export async function saveNewRecord(ctx: AppContext, caseRow: CaseRow, fields: Omit<UpdateFields, 'caseId'>): Promise<{ update: UpdateRow; created: boolean }> {
  const { update, created } = await createUpdate(ctx.db, { ...fields, caseId: caseRow.id });
  if (!created) return { update, created };
  await audit(ctx.db, {
    actorType: 'slack_user',
    actorId: fields.authorUserId,
    action: 'record.created',
    caseId: caseRow.id,
    details: { updateId: update.id, category: update.category, sourceMessageId: update.sourceMessageId ?? null },
  });
  const { message } = await insertMessage(ctx.db, {
    caseId: caseRow.id,
    direction: 'note',
    kind: 'system',
    body: null,
    meta: { updateId: update.id },
    slackUserId: fields.authorUserId,
    idempotencyKey: `record:${update.id}`,
  });
  await setUpdateCard(ctx.db, update.id, message.id);
  await enqueueThreadFlush(ctx, caseRow.id, message.id);
  await scheduleNextStep(ctx, update);
  return { update: { ...update, cardMessageId: message.id }, created };
}

/** Saves an edit as the next version and queues the card's refresh. Undefined when another edit came first. */
export async function saveRecordEdit(
  ctx: AppContext,
  update: UpdateRow,
  expectedVersion: number,
  fields: Parameters<typeof editUpdate>[3],
  editor: string,
): Promise<UpdateRow | undefined> {
  const row = await editUpdate(ctx.db, update.id, expectedVersion, fields, editor);
  if (!row) return undefined;
  await audit(ctx.db, { actorType: 'slack_user', actorId: editor, action: 'record.edited', caseId: row.caseId, details: { updateId: row.id, version: row.version } });
  await ctx.queues.enqueue('record.card', { updateId: row.id, version: row.version }, { jobId: `card-${row.id}-v${row.version}` });
  if (row.nextStep !== update.nextStep || row.nextStepDate !== update.nextStepDate) {
    await cancelRemindersOfUpdate(ctx, row.id, editor);
    await scheduleNextStep(ctx, row);
  }
  return row;
}

/** A record's next step with a date becomes a reminder for its author. */
async function scheduleNextStep(ctx: AppContext, update: UpdateRow): Promise<void> {
  if (!update.nextStep || !update.nextStepDate) return;
  await createReminder(ctx, { id: update.caseId }, {
    kind: 'task',
    rule: 'next_step',
    title: update.nextStep,
    dueDay: update.nextStepDate,
    dueTime: null,
    sourceUpdateId: update.id,
    assigneeUserId: update.authorUserId,
    createdBy: update.authorUserId,
    idempotencyKey: `next_step:${update.id}:v${update.version}`,
  });
}
