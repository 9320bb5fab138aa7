import { bigint, bigserial, date, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';
import { messages } from './messages.js';
import { records } from './records.js';

import { PING_KINDS, PING_STATUSES, REMINDER_KINDS, REMINDER_STATUSES } from '../../core/model/reminders.js';

/**
 * Something due in a case: a visit, a plan review, a milestone after a placement, or any task.
 * PostgreSQL is the source of truth; queue jobs for its pings are derived and reconciled from here.
 */
export const reminders = pgTable(
  'reminders',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REMINDER_KINDS }).notNull(),
    /** The rule it comes from (visit, monitoring, placement.six_months, custom, next_step ...). */
    rule: text('rule').notNull(),
    /** Short text shown in pings and digests: what is due, never a diagnosis. */
    title: text('title').notNull(),
    /** The office's calendar day it is due, and the time if a staff member gave one. */
    dueDay: date('due_day', { mode: 'string' }).notNull(),
    dueTime: text('due_time'),
    dueAt: timestamptz('due_at').notNull(),
    assigneeUserId: text('assignee_user_id').notNull(),
    status: text('status', { enum: REMINDER_STATUSES }).notNull().default('open'),
    /** The legal or practical basis of the rule (welfare.md), kept on the reminder. */
    citation: text('citation'),
    /** When a computed due day fell on a closed day: the original day and why it moved. */
    shiftedFrom: date('shifted_from', { mode: 'string' }),
    shiftReason: text('shift_reason'),
    /** For visits: 職場訪問, 家庭訪問, 通院同行 ... */
    visitType: text('visit_type'),
    /** Reminders created together (a placement plan) share a group. */
    groupKey: text('group_key'),
    sourceRecordId: bigint('source_record_id', { mode: 'number' }).references(() => records.id, { onDelete: 'set null' }),
    createdBy: text('created_by').notNull(),
    /** Set by any button on a ping: an acknowledged reminder does not escalate. */
    acknowledgedAt: timestamptz('acknowledged_at'),
    completedAt: timestamptz('completed_at'),
    completedBy: text('completed_by'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reminders_idempotency_key').on(t.idempotencyKey),
    index('reminders_case_idx').on(t.caseId, t.status, t.dueAt),
    index('reminders_assignee_idx').on(t.assigneeUserId, t.status, t.dueAt),
  ],
);

export type ReminderRow = typeof reminders.$inferSelect;
export type NewReminder = typeof reminders.$inferInsert;

/**
 * One notification of a reminder at one moment: a lead-time ping to the assignee, or an escalation
 * to the supervisor. Claimed in the database before sending, so several replicas send it once.
 */
export const reminderPings = pgTable(
  'reminder_pings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reminderId: integer('reminder_id')
      .notNull()
      .references(() => reminders.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PING_KINDS }).notNull(),
    label: text('label').notNull(),
    fireAt: timestamptz('fire_at').notNull(),
    shiftReason: text('shift_reason'),
    status: text('status', { enum: PING_STATUSES }).notNull().default('pending'),
    /** Taken by the worker that sends it; a claim older than a few minutes (a crash) may be taken over. */
    claimedAt: timestamptz('claimed_at'),
    recipientUserId: text('recipient_user_id'),
    dmChannelId: text('dm_channel_id'),
    dmTs: text('dm_ts'),
    dmStartedAt: timestamptz('dm_started_at'),
    /** An attempt to post the DM got no answer (timeout): it may still land, so the next one looks later. */
    dmNoAnswerAt: timestamptz('dm_no_answer_at'),
    threadMessageId: bigint('thread_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    sentAt: timestamptz('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reminder_pings_key').on(t.reminderId, t.kind, t.fireAt), index('reminder_pings_pending_idx').on(t.status, t.fireAt)],
);

export type ReminderPingRow = typeof reminderPings.$inferSelect;

/**
 * One morning digest per person and day, whichever replica runs it: claimed before sending, the DM
 * tagged with the day so that a retry after a crash finds it instead of sending it again.
 */
export const digestRuns = pgTable(
  'digest_runs',
  {
    day: date('day', { mode: 'string' }).notNull(),
    userId: text('user_id').notNull(),
    claimedAt: timestamptz('claimed_at').notNull().defaultNow(),
    dmChannelId: text('dm_channel_id'),
    dmTs: text('dm_ts'),
    /** The DM's post-once bookkeeping (see core/ports/slack-side.ts, PostOnceRecord). */
    dmStartedAt: timestamptz('dm_started_at'),
    dmNoAnswerAt: timestamptz('dm_no_answer_at'),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.day, t.userId] })],
);
