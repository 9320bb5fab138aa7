import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { AppContext } from '../context.js';
import type { JobContext } from '../queues/workers.js';
import { retryKeyFor } from '../relay/retry-key.js';

/**
 * Answers a LINE user: with the event's reply token (free) when it still works, else by push with a
 * retry key derived from `key`, so a retried job never sends the answer twice. A reply token that
 * fails on a retried attempt was most likely used by the earlier attempt: nothing more is sent.
 */
export async function answerLineUser(
  ctx: AppContext,
  job: JobContext,
  to: { userId: string; replyToken?: string | undefined },
  messages: messagingApi.Message[],
  key: string,
): Promise<void> {
  if (to.replyToken) {
    try {
      await ctx.line.messaging.replyMessage({ replyToken: to.replyToken, messages });
      return;
    } catch (error) {
      const tokenRefused = error instanceof HTTPFetchError && error.status === 400;
      if (!tokenRefused) throw error;
      if (job.attempt > 1) return;
    }
  }
  try {
    await ctx.line.messaging.pushMessage({ to: to.userId, messages }, retryKeyFor(`answer:${key}`));
  } catch (error) {
    if (error instanceof HTTPFetchError && error.status === 409) return; // already accepted
    throw error;
  }
}

export const text = (t: string): messagingApi.TextMessage => ({ type: 'text', text: t });
