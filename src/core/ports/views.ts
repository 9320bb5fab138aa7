import type { Case } from '../model/cases.js';
import type { ContactRole } from '../model/contacts.js';
import type { Message, Notice, PlainNote } from '../model/messages.js';
import type { CaseRecord } from '../model/records.js';
import type { Reminder } from '../model/reminders.js';

/**
 * What a post says, as typed values the core decides: the Slack adapter renders each kind (one
 * renderer per kind, slack/render/), the core never builds Block Kit. Loaded from the database when
 * the post is made (names are read then, not stored with the note).
 */

/** Who wrote or receives on LINE, as staff see them. */
export interface Sender {
  role: ContactRole;
  relation: string | null;
  displayName: string | null;
  pictureUrl: string | null;
}

export type ThreadView =
  /** A message from LINE, with the 返信 button (its value: the message id). */
  | { kind: 'line_message'; messageId: number; sender: Sender; message: Pick<Message, 'kind' | 'body' | 'details' | 'attachments'> }
  /** The thread's copy of what staff sent to LINE with 返信. */
  | { kind: 'staff_send'; staffUserId: string; recipient: Sender; body: string }
  /** A record as a card, with 編集. */
  | { kind: 'record_card'; record: CaseRecord; editedBy: string | null }
  /** A reminder's ping or escalation, with its buttons. */
  | { kind: 'reminder_ping'; ping: PingView }
  /**
   * One of the bot's notices; `contact` when it is about a LINE contact; `retryMessageId` adds 再送する.
   * `rendered`: a notice an earlier version stored as Slack text (notice type `rendered`).
   */
  | { kind: 'notice'; notice: Notice; contact: Sender | null; retryMessageId: number | null; rendered?: string }
  /** The 🚨 block under an urgent message: what was found, the staff it calls, 対応します (value: the alert id) until someone took it. */
  | { kind: 'urgent_alert'; alertId: number; caseCode: string; groups: string[]; call: string[]; taken: { by: string; at: Date } | null }
  /** A note that carries all it shows (model/messages.ts, `plainNoteSchemas`), with its message's id. */
  | (PlainNote & { messageId: number });

export interface PingView {
  reminder: Reminder;
  case: Pick<Case, 'code' | 'label'>;
  /** Which ping: 前日, 1時間前, 当日, エスカレーション … */
  label: string;
  escalation: boolean;
  shiftReason: string | null;
}

/** A line of the morning digest: case code and label only, what is due, when. */
export interface DigestLine {
  case: Pick<Case, 'code' | 'label'>;
  reminder: Pick<Reminder, 'title' | 'dueDay' | 'dueTime' | 'dueAt'>;
}

export type DmView =
  | { kind: 'reminder_ping'; ping: PingView }
  | { kind: 'digest'; day: string; overdue: DigestLine[]; today: DigestLine[]; week: DigestLine[] }
  /**
   * An urgent message's DM to the case's staff, or its escalation: the case's code and label and the
   * kinds of expression found, never the text.
   */
  | { kind: 'urgent'; case: Pick<Case, 'code' | 'label' | 'slackChannelId'>; groups: string[]; escalation: { minutes: number } | null }
  /** The comment of an export sent by DM. */
  | { kind: 'export'; caseCode: string; range: { from: string | null; to: string | null } }
  /** To an admin: this month's LINE messages passed `threshold` percent of the plan's limit. */
  | { kind: 'quota_warning'; threshold: number; used: number; limit: number };

/** A case's root message: its code, label, service and who is responsible. */
export interface CaseRootView {
  caseId: number;
  code: string;
  label: string;
  /** A key of SERVICES, or null. */
  service: string | null;
  responsibleUserId: string;
}
