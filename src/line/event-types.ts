import type { AppContext } from '../context.js';
import type { JobContext } from '../queues/workers.js';

/** A LINE webhook event as stored (only the fields the handlers read are typed). */
export interface LineEvent {
  type: string;
  webhookEventId: string;
  timestamp?: number;
  replyToken?: string;
  source?: { type?: string; userId?: string };
  message?: Record<string, unknown> & { id?: string; type?: string; text?: string };
  postback?: { data?: string };
  unsend?: { messageId?: string };
  follow?: { isUnblocked?: boolean };
}

export interface LineHandlerContext {
  app: AppContext;
  job: JobContext & { inboundEventId: number };
  event: LineEvent;
  userId: string;
}
