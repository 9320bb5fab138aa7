import type { webApi } from '@slack/bolt';
import type postgres from 'postgres';
import type { Config } from '../config/env.js';
import type { Core } from '../core/deps.js';
import type { Clock } from '../core/ports/clock.js';
import type { Telemetry } from '../core/ports/telemetry.js';
import type { UrgentSettingsSource } from '../core/ports/urgent-words.js';
import { createLocks } from '../db/advisory-lock.js';
import type { Db } from '../db/client.js';
import { holdChannel, reserveChannelSlot } from '../db/queries/pacing.js';
import { createStore } from '../db/store.js';
import { queueJobs } from '../jobs.js';
import type { Logger } from '../lib/logger.js';
import type { LineClients } from '../line/client.js';
import { createLineMessenger } from '../line/outbound/messenger.js';
import type { Queues } from '../queues/queues.js';
import type { SlackContext } from '../slack/context.js';
import { createDirectMessenger } from '../slack/outbound/direct-messenger.js';
import { createDirectory } from '../slack/outbound/directory.js';
import type { Pacer, SlackCaller } from '../slack/outbound/slack-call.js';
import { createThreadPoster } from '../slack/outbound/thread-poster.js';
import type { RenderOptions } from '../slack/render/thread/index.js';
import { staffText } from '../slack/text/staff-text.js';
import { coreSettings } from './core-settings.js';

export interface CoreParts {
  config: Config;
  db: Db;
  /** The pool the advisory locks are held on (a pool of its own: holding a lock never takes the work's connections). */
  lockPool: postgres.Sql;
  queues: Queues;
  slack: webApi.WebClient;
  line: LineClients;
  clock: Clock;
  logger: Logger;
  /** The counters at /metrics (metrics/metrics.ts). */
  telemetry: Telemetry;
  /** The urgent-expression list in force (wiring/urgent-words.ts: URGENT_WORDS_FILE, read again when it changes). */
  urgentWords: UrgentSettingsSource;
}

/**
 * The core with its adapters plugged in: PostgreSQL behind the store and the locks, the queue behind
 * the jobs, Slack behind the thread poster, the DMs and the directory, LINE behind the messenger,
 * the metrics behind the telemetry. Also the Slack listeners' context, which renders with the same words and time zone.
 */
export function buildCore(p: CoreParts): { core: Core; slackContext: SlackContext } {
  const { config, logger } = p;
  const now = () => p.clock.now();
  const render: RenderOptions = { text: staffText[config.staffLanguage], timeZone: config.timeZone, language: config.staffLanguage };
  const caller: SlackCaller = { client: p.slack, logger, pacer: channelPacer(p.db, config.relay.channelPostIntervalMs) };
  // An attempt that got no answer may still land: a later attempt looks for it after three timeouts.
  const postOnce = { noAnswerGraceMs: 3 * config.apiTimeoutMs, now };
  const core: Core = {
    store: createStore(p.db),
    locks: createLocks(p.lockPool),
    jobs: queueJobs(p.queues, now),
    thread: createThreadPoster(caller, render, { ...postOnce, apiTimeoutMs: config.apiTimeoutMs }),
    dm: createDirectMessenger(caller, render, postOnce),
    directory: createDirectory(p.slack, logger, now),
    line: createLineMessenger(p.line, now),
    clock: p.clock,
    settings: coreSettings(config),
    logger,
    telemetry: p.telemetry,
    urgentWords: p.urgentWords,
  };
  const slackContext: SlackContext = { core, text: render.text, language: config.staffLanguage, timeZone: config.timeZone, render, logger };
  return { core, slackContext };
}

/**
 * The pacing of posts into one channel, shared by every replica through the database (channel_pacing).
 * With SLACK_CHANNEL_POST_INTERVAL_MS=0 (no pause: a workspace whose limits allow it, or a benchmark)
 * no statement is run per post; a 429's Retry-After is still honoured, in this process (by the real
 * clock, as the wait is real: the app's clock may be moved in tests and the demo).
 */
function channelPacer(db: Db, intervalMs: number): Pacer {
  if (intervalMs > 0) {
    return { reserve: (channel) => reserveChannelSlot(db, channel, intervalMs), hold: (channel, seconds) => holdChannel(db, channel, seconds) };
  }
  const heldUntil = new Map<string, number>();
  return {
    reserve: async (channel) => {
      const until = heldUntil.get(channel);
      if (until === undefined) return 0;
      const wait = until - Date.now();
      if (wait <= 0) heldUntil.delete(channel);
      return Math.max(0, wait);
    },
    hold: async (channel, seconds) => {
      heldUntil.set(channel, Math.max(heldUntil.get(channel) ?? 0, Date.now() + seconds * 1000));
    },
  };
}
