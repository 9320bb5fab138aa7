import { z } from 'zod';

/**
 * What a case's thread shows and what crosses between LINE and Slack, in the case's order (`seq`):
 * messages from LINE (`line_to_slack`), messages staff sent to LINE (`slack_to_line`), and the bot's
 * own notes (`note`: notices, record cards, reminder pings). The database, not LINE or Slack, is the
 * store of record; every delivery is derived from these rows and safe to repeat.
 */
export const MESSAGE_DIRECTIONS = ['line_to_slack', 'slack_to_line', 'note'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_KINDS = ['text', 'sticker', 'image', 'video', 'audio', 'file', 'location', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** For LINE → thread: the post and its files; for staff → LINE: the push. `withdrawn`: the sender unsent it. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'withdrawn'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** Putting the thread right after an unsend: owed, done, or given up. */
export const WITHDRAWAL_STATES = ['owed', 'done', 'failed'] as const;
export type WithdrawalState = (typeof WITHDRAWAL_STATES)[number];

export const MEDIA_KINDS = ['image', 'video', 'audio', 'file'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** A file of a LINE message, and its copy in the thread. */
export interface Attachment {
  kind: MediaKind;
  lineMessageId?: string;
  fileName?: string;
  contentType?: string;
  size?: number;
  slackFileId?: string;
  /** When an upload into the thread began: a later attempt looks for that file before uploading again. */
  uploadStartedAt?: string;
  /** The Slack file an upload was started as, recorded before the upload is completed. */
  pendingFileId?: string;
  /** LINE no longer had the content (or could not convert it), or it was too large: not copied. */
  unavailable?: boolean;
  /** Larger than the largest file copied: not copied. */
  tooLarge?: boolean;
}

/** What a LINE message carries besides its text: sticker ids, a location, a duration (no free text worth searching). */
export const messageDetailsSchema = z
  .object({
    sticker: z.object({ packageId: z.string().nullable(), stickerId: z.string(), keywords: z.array(z.string()), imageUrl: z.string().optional() }),
    location: z.object({ title: z.string().nullable(), address: z.string().nullable(), latitude: z.number(), longitude: z.number() }),
    durationMs: z.number(),
  })
  .partial();
export type MessageDetails = z.infer<typeof messageDetailsSchema>;

/** Why a staff message did not reach LINE. */
export const PUSH_FAILURE_REASONS = ['blocked', 'quota', 'inactive', 'invalid', 'other'] as const;
export type PushFailureReason = (typeof PUSH_FAILURE_REASONS)[number];

/** The bot's notices in a case thread: what happened, by reference (names are read when shown). */
export const noticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contact_joined'), contactId: z.number() }),
  z.object({ type: z.literal('contact_declined'), contactId: z.number() }),
  z.object({ type: z.literal('contact_withdrew'), contactId: z.number() }),
  z.object({ type: z.literal('contact_blocked'), contactId: z.number() }),
  z.object({ type: z.literal('contact_unblocked'), contactId: z.number() }),
  z.object({ type: z.literal('contact_unlinked'), contactId: z.number(), by: z.string() }),
  z.object({ type: z.literal('case_closed'), by: z.string() }),
  /** SHARED_CHANNEL_LINKING=refuse: someone asked to link in a channel shared with other organisations. */
  z.object({ type: z.literal('link_refused_shared'), organisations: z.array(z.string()) }),
  /** A staff message LINE did not accept (with 再送する). */
  z.object({ type: z.literal('push_failed'), messageId: z.number(), reason: z.enum(PUSH_FAILURE_REASONS) }),
  /** A message the thread could not show after every attempt (with 再送する). */
  z.object({ type: z.literal('thread_post_failed'), messageId: z.number(), code: z.string() }),
  /** A LINE file not copied into the thread: too large, or LINE no longer had it. */
  z.object({
    type: z.literal('media_not_copied'),
    messageId: z.number(),
    reason: z.enum(['too_large', 'unavailable']),
    size: z.number().optional(),
    max: z.number().optional(),
  }),
  /** Queued by an earlier version as rendered text (the message's `body`), with what its 再送する retried. */
  z.object({ type: z.literal('rendered'), retryMessageId: z.number().optional(), retryInboundEventId: z.number().optional() }),
]);
export type Notice = z.infer<typeof noticeSchema>;

/**
 * Notes that carry everything they show: their thread view is the note itself, with its message's id.
 * Adding one takes an entry here and one renderer (slack/render/thread/): no loader, nothing in the
 * delivery loop. (A note that shows what is read when it is posted, such as a record card, is added
 * to `noteSchema` with a loader in core/notes/load-view.ts.)
 */
export const plainNoteSchemas = [
  /** A LINE event that failed every attempt: said without its content, with 再送する to handle it again. */
  z.object({ kind: z.literal('line_event_failed'), inboundEventId: z.number() }),
  /** Someone pressed 対応します on an urgent message's 🚨 block (`at`: ISO time). */
  z.object({ kind: z.literal('urgent_taken'), alertId: z.number(), by: z.string(), at: z.string() }),
  /** Nobody took an urgent message in time: who it went to (none: no escalation target is set). */
  z.object({ kind: z.literal('urgent_escalated'), alertId: z.number(), minutes: z.number(), to: z.array(z.string()) }),
  /** The automatic answer a sender got outside office hours: what it said, or why it could not be sent. */
  z.object({ kind: z.literal('auto_answer'), answer: z.enum(['out_of_hours', 'emergency']), text: z.string().nullable(), failed: z.string().nullable() }),
] as const;
export type PlainNote = z.infer<(typeof plainNoteSchemas)[number]>;

/** A note of the bot in a case thread, stored in `messages.note` and checked when read. */
export const noteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), notice: noticeSchema }),
  z.object({ kind: z.literal('record_card'), recordId: z.number() }),
  z.object({ kind: z.literal('reminder_ping'), pingId: z.number() }),
  /** The 🚨 block of an urgent message: loaded when posted (the case's staff to call, the groups found). */
  z.object({ kind: z.literal('urgent_alert'), alertId: z.number() }),
  ...plainNoteSchemas,
]);
export type Note = z.infer<typeof noteSchema>;

export interface Message {
  id: number;
  caseId: number;
  seq: number;
  direction: MessageDirection;
  kind: MessageKind;
  /** Null once the sender withdrew (unsend) the message, and for notes. */
  body: string | null;
  attachments: Attachment[];
  details: MessageDetails | null;
  note: Note | null;
  contactId: number | null;
  slackUserId: string | null;
  inboundEventId: number | null;
  lineMessageId: string | null;
  /** A LINE message: LINE's own timestamp of it (null for other rows, and for rows stored before it was kept). */
  lineSentAt: Date | null;
  /** A LINE message: the token that marks it (and its sender's earlier ones) as read on LINE, when LINE sent one. */
  markAsReadToken?: string | null;
  /** A LINE message: when LINE was told it was read (after a staff act on it or a later one). */
  readMarkedAt?: Date | null;
  slackChannelId: string | null;
  /** The post in the case thread that shows this message (the relayed copy, the staff message, the note). */
  slackTs: string | null;
  /** For a message sent to LINE from a staff message (shortcut): that message's ts. */
  sourceSlackTs: string | null;
  /** Set before the first attempt to post: a later attempt first looks for an earlier post. */
  slackPostStartedAt: Date | null;
  /** An attempt got no answer at all (timeout): it may still land, so the next attempt waits before looking. */
  postNoAnswerAt: Date | null;
  /** The thread could not show it after every attempt (said in the thread with 再送する). */
  postFailed: boolean;
  postFailures: number;
  /** For a record card: the version of the record it shows. */
  cardVersion: number | null;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  deliveredAt: Date | null;
  /** For staff → LINE: how many of its requests (5 messages each) LINE accepted, and how often it failed for good. */
  pushRequestsDone: number;
  pushFailures: number;
  withdrawal: WithdrawalState | null;
  /** Slack files of a withdrawn message still to delete. */
  filesToDelete: string[];
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the thread shows for a message: a LINE message, a staff message's copy, or one of the bot's notes. */
export type ThreadItemKind = 'line_message' | 'staff_send' | Note['kind'];

export function threadItemKind(m: Pick<Message, 'direction' | 'note'>): ThreadItemKind {
  if (m.direction === 'line_to_slack') return 'line_message';
  if (m.direction === 'slack_to_line') return 'staff_send';
  return m.note?.kind ?? 'notice';
}

/** A message from LINE, as the core receives it from the LINE adapter (the raw event stays in the intake). */
export interface IncomingLineMessage {
  webhookEventId: string;
  lineMessageId: string | null;
  /** LINE's own timestamp of the event: consent is judged at this time. */
  sentAt: Date;
  /** The event's markAsReadToken (read receipts after a staff act), when LINE sent one. */
  markAsReadToken?: string | null;
  kind: Exclude<MessageKind, 'system'>;
  text: string | null;
  details: MessageDetails | null;
  attachments: Attachment[];
}
