/**
 * The paced drain: a burst of messages to one case, posted under Slack's limit of one message a second
 * per channel (the fake Slack enforces it with 429s, and the product paces itself at its default
 * SLACK_CHANNEL_POST_INTERVAL_MS). Compared with the theoretical one post a second.
 */
import { checkDelivery, type DeliveryCheck } from '../checks.js';
import { acknowledged } from '../ledger.js';
import { SECRETS } from '../product.js';
import type { Session } from '../session.js';
import { summarize, type LatencySummary } from '../stats.js';

/** Slack's limit for chat.postMessage: about one message per second per channel. */
export const SLACK_POSTS_PER_SEC_PER_CHANNEL = 1;

export interface DrainResult {
  messages: number;
  /** From the first post to the last, s; in theory (posts − 1) s at one a second. */
  spanSec: number;
  /**
   * Every post into the case's channel from the first relayed message's to the last: the messages, and
   * what else the product posted there meanwhile (the out-of-hours answer's note, outside office hours).
   * Slack's limit is per channel, so they all take a slot.
   */
  channelPosts: number;
  theoreticalSpanSec: number;
  /** Posts per second into the channel from the first to the last post, and its ratio to the theoretical 1/s. */
  postsPerSec: number;
  ratioToTheory: number;
  /** From the first webhook sent to the last post, s (in theory `messages` s: n posts at 1/s). */
  totalSec: number;
  gapsMs: LatencySummary;
  /** 429 answers the fake Slack gave (posts faster than Slack allows). */
  rateLimited: number;
  check: DeliveryCheck;
}

export async function measurePacedDrain(s: Session, o: { messages: number; log: (l: string) => void }): Promise<DrainResult> {
  const only = s.cases[0];
  if (!only) throw new Error('the drain needs one case');
  // Let the linking notice land before Slack's limit is switched on, so the bucket starts full.
  await new Promise((r) => setTimeout(r, 1500));
  s.fakes.slack.rateLimit('chat.postMessage', { perSecond: SLACK_POSTS_PER_SEC_PER_CHANNEL, burst: 1 });
  const before = s.fakes.slack.rateLimited;
  const result = await s.o.generator.run({
    url: s.product.lineWebhookUrl,
    secret: SECRETS.LINE_CHANNEL_SECRET,
    ratePerSec: 100,
    count: o.messages,
    senders: [only.userId],
    tokenPrefix: 'bD',
    maxSockets: 16,
    timeoutMs: 30_000,
  });
  const sent = s.ledger.add(result, [only.index]);
  const acked = sent.filter(acknowledged);
  const drained = await s.fakes.watcher.until(() => acked.every((m) => s.fakes.watcher.byToken.has(m.token)), o.messages * 2000 + 30_000);
  const times = acked
    .map((m) => s.fakes.watcher.byToken.get(m.token)?.[0]?.at)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  const spanSec = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const inSpan = (m: { channel: string; ts: string }) =>
    m.channel === only.channel && Number(m.ts) * 1000 >= (times[0] ?? 0) && Number(m.ts) * 1000 <= (times.at(-1) ?? 0);
  const channelPosts = s.fakes.slack.messages.filter(inSpan).length;
  const postsPerSec = spanSec > 0 ? (channelPosts - 1) / spanSec : Number.NaN;
  const check = await checkDelivery(sent, { watcher: s.fakes.watcher, cases: s.cases, sql: s.product.sql, drained: true });
  const r: DrainResult = {
    messages: sent.length,
    spanSec,
    channelPosts,
    theoreticalSpanSec: (channelPosts - 1) / SLACK_POSTS_PER_SEC_PER_CHANNEL,
    postsPerSec,
    ratioToTheory: postsPerSec / SLACK_POSTS_PER_SEC_PER_CHANNEL,
    totalSec: ((times.at(-1) ?? 0) - Math.min(...sent.map((m) => m.issuedAt))) / 1000,
    gapsMs: summarize(gaps),
    rateLimited: s.fakes.slack.rateLimited - before,
    check,
  };
  o.log(
    `  paced drain of ${r.messages} to one case: ${r.spanSec.toFixed(1)} s first to last post, ${r.channelPosts} posts into its channel (theory ${r.theoreticalSpanSec} s), ${r.postsPerSec.toFixed(3)} posts/s = ${(100 * r.ratioToTheory).toFixed(1)} % of 1/s; gaps p50 ${r.gapsMs.p50} ms; ${r.rateLimited} × 429${drained ? '' : ' (NOT drained)'}`,
  );
  return r;
}
