import type { AppContext } from '../context.js';
import { holdChannel, reserveChannelSlot } from '../db/queries/pacing.js';
import { AppError } from '../lib/errors.js';
import { sleep } from '../lib/sleep.js';
import { PermanentError } from '../queues/workers.js';
import { classifySlackError } from '../slack/api-errors.js';
import type { ThreadPost } from '../slack/blocks/thread-message.js';
import { findTaggedSince } from '../slack/find-earlier.js';

export const MESSAGE_METADATA_TYPE = 'tsunagi_message';
/** 429s answered inside one job before it gives the worker back and retries later. */
const MAX_RATE_LIMIT_WAITS = 8;

/** A Slack failure worth retrying later (5xx, timeout, repeated 429). */
export class SlackRetryableError extends AppError {
  constructor(code: string) {
    super(`slack_${code}`, `Slack call failed (${code}); will retry`);
  }
}

/** Waits for the channel's next slot; on 429 holds the channel for Retry-After and tries again. */
export async function pacedSlackCall<T>(ctx: AppContext, channel: string, call: () => Promise<T>): Promise<T> {
  for (let waits = 0; ; waits++) {
    await sleep(await reserveChannelSlot(ctx.db, channel, ctx.config.relay.channelPostIntervalMs));
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'rate_limited' && waits < MAX_RATE_LIMIT_WAITS) {
        ctx.logger.info({ channel, retryAfterSec: failure.retryAfterSec }, 'slack rate limited; holding the channel');
        await holdChannel(ctx.db, channel, failure.retryAfterSec);
        continue;
      }
      if (failure.kind === 'permanent') throw new PermanentError(`slack_${failure.code}`, `Slack refused the post (${failure.code})`);
      throw new SlackRetryableError(failure.kind === 'rate_limited' ? 'ratelimited' : failure.code);
    }
  }
}

/** One Slack call outside the channel's pacing (uploads, edits of the bot's own posts), its failure classified like a post's. */
export async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent') throw new PermanentError(`slack_${failure.code}`, `Slack refused the call (${failure.code})`);
    throw new SlackRetryableError(failure.kind === 'rate_limited' ? 'ratelimited' : failure.code);
  }
}

/** The Slack error code of a failed call (`message_not_found` …), if Slack answered with one. */
export function slackErrorCode(error: unknown): string | undefined {
  const failure = classifySlackError(error);
  return failure.kind === 'rate_limited' ? 'ratelimited' : failure.code;
}

/** Posts into a case thread, tagged with the message id so a later attempt can find it. */
export async function postToThread(
  ctx: AppContext,
  where: { channel: string; threadTs: string },
  post: ThreadPost,
  messageId: number,
): Promise<string> {
  const res = await pacedSlackCall(ctx, where.channel, () =>
    ctx.slack.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      text: post.text,
      blocks: post.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(post.username ? { username: post.username } : {}),
      ...(post.iconUrl ? { icon_url: post.iconUrl } : {}),
      metadata: { event_type: MESSAGE_METADATA_TYPE, event_payload: { message_id: messageId } },
    }),
  );
  if (!res.ts) throw new SlackRetryableError('no_ts');
  return res.ts;
}

/**
 * Looks in the thread for a post of this message made by an earlier attempt that died before
 * recording it (Slack answered, the process did not save the ts).
 */
export function findEarlierPost(ctx: AppContext, where: { channel: string; threadTs: string }, messageId: number, since: Date): Promise<string | undefined> {
  return findTaggedSince(ctx.slack, where, since, MESSAGE_METADATA_TYPE, (p) => Number(p.message_id) === messageId);
}
