/**
 * What the admins' App Home shows of how Tsunagi is doing: its stores answering, the last webhooks
 * from LINE and Slack, LINE's monthly quota, the queues' backlog and the work that failed for good.
 * Read only; ids, counts and times, never message text or names.
 */
export interface HealthCheck {
  name: 'database' | 'queues';
  ok: boolean;
  /** How long it took to answer (or to fail). */
  ms: number;
}

export interface QueueBacklog {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** The LINE channel's messages this month: `limit` null when the plan has none. */
export interface LineQuotaUse {
  limit: number | null;
  used: number;
}

/** Work that failed for good and can be asked for again (再試行). */
export type FailureKind = 'inbound_event' | 'thread_post' | 'line_push';

export interface Failure {
  kind: FailureKind;
  /** The inbound event's id (inbound_event) or the message's (thread_post, line_push). */
  id: number;
  /** The case it belongs to, when known. */
  caseCode: string | null;
  /** `line` or `slack` for an inbound event. */
  source: string | null;
  /** When it failed (last touched). */
  at: Date;
  /** An error code or a push failure reason (never text people wrote). */
  reason: string | null;
  /** False when asking again cannot work (an event whose content retention already removed). */
  retryable: boolean;
}

export interface Operations {
  health(): Promise<HealthCheck[]>;
  /** When a signed webhook last arrived from each platform (any replica), or null. */
  lastWebhooks(): Promise<{ line: Date | null; slack: Date | null }>;
  /** This month's use of the LINE channel's message quota; undefined when LINE did not say. */
  lineQuota(): Promise<LineQuotaUse | undefined>;
  backlog(): Promise<QueueBacklog[]>;
  /** The most recent failures (at most `limit`) and how many there are in all. */
  failures(limit: number): Promise<{ items: Failure[]; total: number }>;
}
