import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSequence, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CASE_STATUSES } from '../../core/model/cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';

/** Numbers behind case codes (C-0001): never reused, even when a case is deleted. */
export const caseCodeSeq = pgSequence('case_code_seq', { startWith: 1 });

/**
 * One service user (利用者) = one case = one Slack thread. `label` is what staff choose to show
 * (initials or a nickname); full names and diagnoses are never stored here.
 */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    /** Human code shown everywhere: C-0001. */
    code: text('code').notNull(),
    label: text('label').notNull(),
    /** 就労継続支援A型 / B型 / 就労移行支援 / 就労定着支援 ... (a short key, see cases/services). */
    service: text('service'),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    slackTeamId: text('slack_team_id'),
    slackChannelId: text('slack_channel_id').notNull(),
    /** ts of the root message; its thread is the case thread. Null only until the root is posted. */
    slackThreadTs: text('slack_thread_ts'),
    responsibleUserId: text('responsible_user_id').notNull(),
    supervisorUserId: text('supervisor_user_id'),
    monitoringIntervalMonths: integer('monitoring_interval_months'),
    certificateExpiresOn: date('certificate_expires_on', { mode: 'string' }),
    placementDate: date('placement_date', { mode: 'string' }),
    employer: text('employer'),
    /** Last `messages.seq` handed out for this case: messages are numbered per case under a row lock. */
    lastMessageSeq: integer('last_message_seq').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamptz('closed_at'),
  },
  (t) => [
    uniqueIndex('cases_code_key').on(t.code),
    uniqueIndex('cases_thread_key').on(t.slackChannelId, t.slackThreadTs),
    index('cases_channel_idx').on(t.slackChannelId),
    check('cases_monitoring_interval_check', sql`${t.monitoringIntervalMonths} between 1 and 24`),
  ],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
