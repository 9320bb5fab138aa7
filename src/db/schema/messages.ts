import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.js';
import { createdAt, timestamptz, updatedAt } from './columns.js';
import { contacts } from './contacts.js';
import { inboundEvents } from './inbound-events.js';

/** line_to_slack: relayed from LINE; slack_to_line: sent to LINE by staff; note: the bot's own notice in the thread. */
export const MESSAGE_DIRECTIONS = ['line_to_slack', 'slack_to_line', 'note'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KINDS = ['text', 'sticker', 'image', 'video', 'audio', 'file', 'location', 'system'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'withdrawn'] as const;

export interface Attachment {
  kind: 'image' | 'video' | 'audio' | 'file';
  lineMessageId?: string;
  fileName?: string;
  contentType?: string;
  size?: number;
  slackFileId?: string;
  /** When an upload into the thread began: a later attempt looks for that file before uploading again. */
  uploadStartedAt?: string;
  /** LINE no longer had the content (or could not convert it), or it was too large; staff were told in the thread. */
  unavailable?: boolean;
  /** Larger than MEDIA_MAX_BYTES: not copied (the thread says so). */
  tooLarge?: boolean;
  /**
   * The Slack file an upload was started as (files.getUploadURLExternal), recorded before the upload
   * is completed: a later attempt looks for it in the thread, and a withdrawal deletes it.
   */
  pendingFileId?: string;
}

/**
 * A message relayed between LINE and Slack: the database, not LINE or Slack, is the store of record.
 * `seq` orders a case's messages; `idempotencyKey` makes every delivery safe to repeat.
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
    /** Null once the sender withdrew (unsend) the message. */
    body: text('body'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    /** Kind-specific data without free text worth searching: sticker ids, location coordinates, notice type. */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    slackUserId: text('slack_user_id'),
    inboundEventId: bigint('inbound_event_id', { mode: 'number' }).references(() => inboundEvents.id, {
      onDelete: 'set null',
    }),
    lineMessageId: text('line_message_id'),
    slackChannelId: text('slack_channel_id'),
    /** The post in the case thread that shows this message (the relayed copy, or the bot's note of what was sent). */
    slackTs: text('slack_ts'),
    /** For a message sent to LINE from a staff message (shortcut): that message's ts. */
    sourceSlackTs: text('source_slack_ts'),
    /** Set before the first attempt to post to Slack: a later attempt first looks for an earlier post. */
    slackPostStartedAt: timestamptz('slack_post_started_at'),
    idempotencyKey: text('idempotency_key').notNull(),
    deliveryStatus: text('delivery_status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    deliveryError: text('delivery_error'),
    deliveredAt: timestamptz('delivered_at'),
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
      .where(sql`${t.slackTs} is null or ${t.deliveryStatus} = 'pending' or ${t.meta} ->> 'withdrawal' = 'pending'`),
  ],
);

export type MessageRow = typeof messages.$inferSelect;
