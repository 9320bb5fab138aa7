import type { ThreadItemKind } from '../model/messages.js';
import type { PingKind } from '../model/reminders.js';

/**
 * What the core tells operations about the work it does, for the counters at /metrics. Labels are
 * kinds and outcomes only: never a message's text, a name or a person's id (they would be personal
 * data in a metrics store, and every distinct value is a series of its own).
 */

/**
 * What is delivered: a post into a case thread (by what it shows), an edited record card, a staff
 * message pushed to LINE, a reminder's DM to its coordinator, the morning digest.
 */
export type DeliveryKind = ThreadItemKind | 'record_card_edit' | 'line_push' | 'reminder_dm' | 'digest_dm' | 'urgent_dm';

/** How one attempt ended: done, failed but to be tried again, or given up (said in the thread where there is one). */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed';

export interface Telemetry {
  /** A LINE message was posted into its case thread, `latencyMs` after LINE's own timestamp of it. */
  relayed(latencyMs: number): void;
  /** One attempt at a delivery ended with `outcome`. */
  delivery(kind: DeliveryKind, outcome: DeliveryOutcome): void;
  /** A reminder ping was sent: to its coordinator (`lead`), or, unacknowledged, to the supervisor (`escalation`). */
  reminderFired(kind: PingKind): void;
}
