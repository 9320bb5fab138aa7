import type { Logger } from '../../lib/logger.js';

/**
 * One LINE event being handled, as the core sees it: who, when (LINE's own time of the event:
 * consent is judged at it), how to answer, and which stored event it is (answers and notices are
 * keyed by it, so a retried job says nothing twice).
 */
export interface LineEventContext {
  userId: string;
  replyToken?: string | undefined;
  /** LINE's timestamp of the event (the app's clock only when an event has none). */
  at: Date;
  inboundEventId: number;
  attempt: number;
  logger: Logger;
}

/** The key that makes answers and notices of this event idempotent. */
export const eventKey = (ev: LineEventContext): string => `${ev.inboundEventId}`;

/** Who to answer: the reply token is tried only while fresh by the event's time (`at`). */
export const personOf = (ev: LineEventContext) => ({ userId: ev.userId, replyToken: ev.replyToken, eventAt: ev.at });
