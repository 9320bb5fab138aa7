import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  WITHDRAWAL_STATES,
  type Attachment,
  type MessageDetails,
  type Note,
} from '../../core/model/messages.js';
import { cases } from './cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';
import { contacts } from './contacts.js';
import { inboundEvents } from './inbound-events.js';

/**
 * What a case's thread shows and what crosses between LINE and Slack (core/model/messages.ts): the
 * database, not LINE or Slack, is the store of record. `seq` orders a case's messages;
 * `idempotencyKey` makes every delivery safe to repeat. `details` and `note` are typed JSON, checked
 * against their schemas when read (db/queries/messages.ts).
 */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** Null once the sender withdrew (unsend) the message, and for notes. */
    body: text('body'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    /** A LINE message's sticker, location or duration (MessageDetails). */
    details: jsonb('details').$type<MessageDetails>(),
    /** A note of the bot (Note): a notice, a record card, a reminder ping. */
    note: jsonb('note').$type<Note>(),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    slackUserId: text('slack_user_id'),
    inboundEventId: bigint('inbound_event_id', { mode: 'number' }).references(() => inboundEvents.id, { onDelete: 'set null' }),
    lineMessageId: text('line_message_id'),
    /** A LINE message: LINE's own timestamp of it (the relay's latency is measured from it). */
    lineSentAt: timestamptz('line_sent_at'),
    /** A LINE message: the event's markAsReadToken (POST /v2/bot/chat/markAsRead), when LINE sent one. */
    markAsReadToken: text('mark_as_read_token'),
    /** A LINE message: when LINE was told it was read (this one or a later one of its sender, after a staff act). */
    readMarkedAt: timestamptz('read_marked_at'),
    slackChannelId: text('slack_channel_id'),
    /** The post in the case thread that shows this message. */
    slackTs: text('slack_ts'),
    /** For a message sent to LINE from a staff message (shortcut): that message's ts. */
    sourceSlackTs: text('source_slack_ts'),
    /** Set before the first attempt to post: a later attempt first looks for an earlier post. */
    slackPostStartedAt: timestamptz('slack_post_started_at'),
    /** An attempt got no answer at all: it may still land, so the next one waits before looking. */
    postNoAnswerAt: timestamptz('post_no_answer_at'),
    /** The thread could not show it after every attempt (said in the thread with 再送する). */
    postFailed: boolean('post_failed').notNull().default(false),
    postFailures: integer('post_failures').notNull().default(0),
    /** A record card: the version of the record it shows. */
    cardVersion: integer('card_version'),
    deliveryStatus: text('delivery_status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    deliveryError: text('delivery_error'),
    deliveredAt: timestamptz('delivered_at'),
    /** Staff → LINE: requests LINE accepted so far (5 messages each), and failures for good. */
    pushRequestsDone: integer('push_requests_done').notNull().default(0),
    pushFailures: integer('push_failures').notNull().default(0),
    /** After an unsend: putting the thread right is owed, done, or given up. */
    withdrawal: text('withdrawal', { enum: WITHDRAWAL_STATES }),
    filesToDelete: text('files_to_delete')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('messages_case_seq_key').on(t.caseId, t.seq),
    uniqueIndex('messages_idempotency_key').on(t.idempotencyKey),
    index('messages_line_message_idx').on(t.lineMessageId),
    index('messages_slack_ts_idx').on(t.slackChannelId, t.slackTs),
    // What the delivery sweep looks for: posts, pushes and withdrawals still owed.
    index('messages_owed_idx')
      .on(t.updatedAt)
      .where(sql`${t.slackTs} is null or ${t.deliveryStatus} = 'pending' or ${t.withdrawal} = 'owed'`),
    // What the admins' App Home lists as failed (few rows: only failures enter it).
    index('messages_failed_idx')
      .on(t.updatedAt)
      .where(sql`${t.postFailed} or ${t.deliveryStatus} = 'failed'`),
  ],
);

export type MessageRow = typeof messages.$inferSelect;
