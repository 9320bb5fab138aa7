/**
 * An urgent message: a relayed LINE message in which the urgent-expression list found something
 * (core/urgent). PostgreSQL keeps who was told, who took it and whether it escalated, so that the
 * escalation owed survives a restart or a wiped queue store.
 */
export interface UrgentGroupHit {
  /** The group's id (self-harm, emergency, …). */
  id: string;
  /** Its label in the staff's language when the message was flagged (the office may reword groups later). */
  label: string;
  /** The record category (core/records/categories.ts key) the record form offers. */
  recordCategory: string;
}

export interface UrgentAlert {
  id: number;
  caseId: number;
  /** The relayed message (its text is never copied here). */
  messageId: number;
  groups: UrgentGroupHit[];
  /** When it escalates if nobody has pressed 対応します by then. */
  escalateAt: Date;
  /** The 🚨 block's note in the thread (updated to say who took it). */
  noteMessageId: number | null;
  /** The responsible staff and the supervisor were sent their DMs. */
  notifiedAt: Date | null;
  takenBy: string | null;
  takenAt: Date | null;
  escalatedAt: Date | null;
  createdAt: Date;
}

/** A DM about an alert: the first one to the case's staff, or the escalation's. */
export const URGENT_DM_KINDS = ['alert', 'escalation'] as const;
export type UrgentDmKind = (typeof URGENT_DM_KINDS)[number];

/** One DM of an alert to one person, with its post-once bookkeeping. */
export interface UrgentDm {
  id: number;
  alertId: number;
  kind: UrgentDmKind;
  userId: string;
  channelId: string | null;
  ts: string | null;
  startedAt: Date | null;
  noAnswerAt: Date | null;
}

/** Which automatic answer a sender got outside office hours. */
export const AUTO_ANSWER_KINDS = ['out_of_hours', 'emergency'] as const;
export type AutoAnswerKind = (typeof AUTO_ANSWER_KINDS)[number];
