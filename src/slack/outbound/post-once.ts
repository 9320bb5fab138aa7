import type { PostOnceRecord, PostTag } from '../../core/ports/slack-side.js';
import { RetryableError } from '../../lib/errors.js';
import { findTaggedSince, type SlackPlace } from './find-earlier.js';
import { gotNoAnswer, pacedCall, type SlackCaller } from './slack-call.js';
import type { SlackPost } from '../render/post.js';

/** The metadata event types that tag the bot's posts, by which a later attempt finds them. */
export const METADATA_TYPES: Record<PostTag['type'], string> = {
  message: 'tsunagi_message',
  ping: 'tsunagi_ping',
  digest: 'tsunagi_digest',
  urgent_dm: 'tsunagi_urgent',
  quota: 'tsunagi_quota_warning',
};

const tagPayload = (tag: PostTag): Record<string, string | number> => {
  switch (tag.type) {
    case 'message':
      return { message_id: tag.id };
    case 'ping':
      return { ping_id: tag.id };
    case 'digest':
      return { day: tag.day };
    case 'urgent_dm':
      return { urgent_dm_id: tag.id };
    case 'quota':
      return { month: tag.month, threshold: tag.threshold };
  }
};

const matches = (tag: PostTag) => (payload: Record<string, unknown>) => {
  switch (tag.type) {
    case 'message':
      return Number(payload.message_id) === tag.id;
    case 'ping':
      return Number(payload.ping_id) === tag.id;
    case 'digest':
      return payload.day === tag.day;
    case 'urgent_dm':
      return Number(payload.urgent_dm_id) === tag.id;
    case 'quota':
      return payload.month === tag.month && Number(payload.threshold) === tag.threshold;
  }
};

export interface PostOnceOptions {
  /** After an attempt got no answer at all, look for its post only this long after (it may still be landing). */
  noAnswerGraceMs: number;
  now(): Date;
}

/**
 * The post that must happen once, written once for every kind of post (thread posts, reminder DMs,
 * the digest): tag the post with metadata; if an earlier attempt started, wait out the grace period
 * when it got no answer, then look for its post since it started; post only if none is found.
 * The caller keeps the bookkeeping (PostOnceRecord) in the database.
 */
export async function findEarlierPost(
  s: SlackCaller,
  place: SlackPlace,
  tag: PostTag,
  record: PostOnceRecord,
  o: PostOnceOptions,
): Promise<string | undefined> {
  if (!record.startedAt) return undefined;
  if (record.noAnswerAt && o.now().getTime() - record.noAnswerAt.getTime() < o.noAnswerGraceMs) {
    // An attempt that got no answer at all may still be landing in Slack: look for it a little later.
    throw new RetryableError('slack_awaiting_unanswered_post', 'an earlier post got no answer and may still land');
  }
  return findTaggedSince(s.client, place, record.startedAt, METADATA_TYPES[tag.type], matches(tag));
}

export async function postOnce(s: SlackCaller, place: SlackPlace, post: SlackPost, tag: PostTag, record: PostOnceRecord, o: PostOnceOptions): Promise<string> {
  const earlier = await findEarlierPost(s, place, tag, record, o);
  if (earlier) return earlier;
  if (!record.startedAt) await record.started(o.now());
  try {
    const res = await pacedCall(s, place.channel, 'the post', () =>
      s.client.chat.postMessage({
        channel: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        text: post.text,
        ...(post.blocks.length > 0 ? { blocks: post.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
        ...(post.username ? { username: post.username } : {}),
        ...(post.iconUrl ? { icon_url: post.iconUrl } : {}),
        metadata: { event_type: METADATA_TYPES[tag.type], event_payload: tagPayload(tag) },
      }),
    );
    if (!res.ts) throw new RetryableError('slack_no_ts', 'Slack answered without the post’s ts');
    return res.ts;
  } catch (error) {
    if (gotNoAnswer(error)) await record.noAnswer(o.now());
    throw error;
  }
}
