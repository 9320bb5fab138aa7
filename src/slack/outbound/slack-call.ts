import type { webApi } from '@slack/bolt';
import { PermanentError, RetryableError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { sleep } from '../../lib/sleep.js';
import { classifySlackError } from './classify.js';

/**
 * How posts into one channel are paced (about 1 per second per channel, Slack's limit), shared by
 * every worker and replica: each post reserves the channel's next slot; after a 429 the channel is
 * held for Retry-After. Kept in PostgreSQL (db/queries/pacing.ts), handed in by the composition root.
 */
export interface Pacer {
  /** Reserves the channel's next slot; how long to wait for it, in ms. */
  reserve(channel: string): Promise<number>;
  /** Nobody posts to the channel for `seconds`. */
  hold(channel: string, seconds: number): Promise<void>;
}

/** 429s answered inside one job before it gives the worker back and retries later. */
const MAX_RATE_LIMIT_WAITS = 8;

/** The code of a failed Slack call as Slack gave it (`message_not_found` …), or the kind of failure. */
export function slackErrorCode(error: unknown): string {
  const failure = classifySlackError(error);
  return failure.kind === 'rate_limited' ? 'ratelimited' : failure.code;
}

/** A failed call as one of the app's errors: permanent (retrying cannot help) or retryable. */
export function asAppError(error: unknown, what: string): PermanentError | RetryableError {
  const failure = classifySlackError(error);
  if (failure.kind === 'permanent') return new PermanentError(`slack_${failure.code}`, `Slack refused ${what} (${failure.code})`, { cause: error });
  const code = failure.kind === 'rate_limited' ? 'ratelimited' : failure.code;
  return new RetryableError(`slack_${code}`, `Slack call failed (${code}); will retry`, { cause: error });
}

/** Whether a failed call got no answer at all (a timeout, a dropped connection): it may still have landed. */
export function gotNoAnswer(error: unknown): boolean {
  return error instanceof RetryableError && error.code === 'slack_request_error';
}

export interface SlackCaller {
  client: webApi.WebClient;
  pacer: Pacer;
  logger: Logger;
}

/** Waits for the channel's next slot; on 429 holds the channel for Retry-After and tries again. Failures become app errors. */
export async function pacedCall<T>(s: SlackCaller, channel: string, what: string, call: () => Promise<T>): Promise<T> {
  for (let waits = 0; ; waits++) {
    await sleep(await s.pacer.reserve(channel));
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'rate_limited' && waits < MAX_RATE_LIMIT_WAITS) {
        s.logger.info({ channel, retryAfterSec: failure.retryAfterSec }, 'slack rate limited; holding the channel');
        await s.pacer.hold(channel, failure.retryAfterSec);
        continue;
      }
      throw asAppError(error, what);
    }
  }
}

/** One Slack call outside the channel's pacing (uploads, edits of the bot's own posts), its failure classified like a post's. */
export async function unpacedCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asAppError(error, what);
  }
}
