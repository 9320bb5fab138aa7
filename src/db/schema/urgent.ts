import { bigint, bigserial, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { UrgentGroupHit } from '../../core/model/urgent.js';
import { URGENT_DM_KINDS } from '../../core/model/urgent.js';
import { cases } from './cases.js';
import { createdAt, timestamptz } from './columns.js';
import { messages } from './messages.js';

/**
 * A relayed LINE message the urgent-expression list flagged: what was found (group ids and labels, never
 * the text), whether the case's staff were told, who pressed 対応します and when, and whether it escalated.
 * The escalation owed is read from here at every start (the queue only carries it).
 */
export const urgentAlerts = pgTable(
  'urgent_alerts',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    groups: jsonb('groups').$type<UrgentGroupHit[]>().notNull(),
    escalateAt: timestamptz('escalate_at').notNull(),
    /** The 🚨 block's note (a messages row): updated to say who took it. */
    noteMessageId: bigint('note_message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    notifiedAt: timestamptz('notified_at'),
    takenBy: text('taken_by'),
    takenAt: timestamptz('taken_at'),
    escalatedAt: timestamptz('escalated_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('urgent_alerts_message').on(t.messageId), index('urgent_alerts_open_idx').on(t.takenAt, t.escalatedAt, t.escalateAt)],
);

/** One DM about an alert to one person, posted once (its post-once bookkeeping). */
export const urgentDms = pgTable(
  'urgent_dms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: integer('alert_id')
      .notNull()
      .references(() => urgentAlerts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: URGENT_DM_KINDS }).notNull(),
    userId: text('user_id').notNull(),
    channelId: text('channel_id'),
    ts: text('ts'),
    startedAt: timestamptz('started_at'),
    noAnswerAt: timestamptz('no_answer_at'),
  },
  (t) => [uniqueIndex('urgent_dms_key').on(t.alertId, t.kind, t.userId)],
);

/**
 * The last out-of-hours automatic answer each LINE person got (at most one per AFTER_HOURS_REPLY_PERIOD_HOURS):
 * claimed by a conditional upsert, so two messages handled at once answer once. `event_key`: the event that
 * claimed it (its retry may answer again; LINE drops the repeated push by its retry key).
 */
export const afterHoursReplies = pgTable('after_hours_replies', {
  lineUserId: text('line_user_id').primaryKey(),
  eventKey: text('event_key').notNull(),
  sentAt: timestamptz('sent_at').notNull(),
});
