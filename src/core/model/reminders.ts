export const REMINDER_KINDS = ['visit', 'monitoring', 'milestone', 'task'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
export const PING_KINDS = ['lead', 'escalation'] as const;
export type PingKind = (typeof PING_KINDS)[number];
export const PING_STATUSES = ['pending', 'sent', 'cancelled'] as const;
export type PingStatus = (typeof PING_STATUSES)[number];

/**
 * Something due in a case: a visit, a plan review, a milestone after a placement, or any task. The
 * database is the source of truth; queue jobs for its pings are derived from it.
 */
export interface Reminder {
  id: number;
  caseId: number;
  kind: ReminderKind;
  /** The rule it comes from (visit, monitoring, placement.six_months, custom, next_step ...). */
  rule: string;
  /** What is due, shown in pings and digests: never a diagnosis. */
  title: string;
  dueDay: string;
  dueTime: string | null;
  dueAt: Date;
  assigneeUserId: string;
  status: ReminderStatus;
  /** The legal or practical basis of the rule (welfare.md). */
  citation: string | null;
  shiftedFrom: string | null;
  shiftReason: string | null;
  visitType: string | null;
  groupKey: string | null;
  sourceRecordId: number | null;
  createdBy: string;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a new reminder needs (the rest is derived or defaulted). */
export type NewReminder = Pick<Reminder, 'caseId' | 'kind' | 'rule' | 'title' | 'dueDay' | 'dueAt' | 'assigneeUserId' | 'createdBy' | 'idempotencyKey'> &
  Partial<Pick<Reminder, 'dueTime' | 'citation' | 'shiftedFrom' | 'shiftReason' | 'visitType' | 'groupKey' | 'sourceRecordId'>>;

/** One notification of a reminder at one moment: a lead-time ping to the assignee, or an escalation. */
export interface ReminderPing {
  id: number;
  reminderId: number;
  kind: PingKind;
  label: string;
  fireAt: Date;
  shiftReason: string | null;
  status: PingStatus;
  claimedAt: Date | null;
  recipientUserId: string | null;
  dmChannelId: string | null;
  dmTs: string | null;
  dmStartedAt: Date | null;
  dmNoAnswerAt: Date | null;
  threadMessageId: number | null;
  sentAt: Date | null;
  createdAt: Date;
}
