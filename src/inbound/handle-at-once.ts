import { errorCode, isPermanent } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { JobContext } from '../queues/workers.js';

/**
 * Handles stored events in this process right after the webhook's answer, instead of one queue job
 * each: a job on the queue store costs an add, a fetch and a completion, each several statements
 * (on the PostgreSQL backend, most of the database's time per relayed message; issue #14).
 *
 * Nothing is owed only here: an event taken is stored already (status `received`), so if this process
 * stops before handling it, the inbound sweep of any replica queues it. This is the event's first
 * attempt of `maxAttempts` (INBOUND_ATTEMPTS): when it fails retryably, a job makes the others, with
 * backoff, as before; an event that failed for good (or on its only attempt) was marked failed by the
 * processor.
 *
 * When `concurrency` events are being handled and `maxWaiting` more wait, the handling is full: the
 * events it is given then stay in the database only (it "spills"), and it reads them back, oldest
 * first, once fewer than `concurrency` wait. A webhook's request is then still one INSERT: no queue
 * job is added on the request's path, and no second set of handlers (the queue's workers) competes
 * with the webhooks' answers for this process's one thread. Until it has read them all back, it says
 * it holds them, so the sweep leaves them to it.
 */
export interface HandleAtOnce {
  /** Takes what this process handles now, in order; returns the ids it will not handle (after `close`: to be queued). */
  take(ids: readonly number[]): number[];
  /** Whether an event waits or runs here, or is left in the database for this process to read back (the sweep leaves it alone). */
  holds(id: number): boolean;
  /** Takes nothing more, queues what waits, and waits at most `timeoutMs` for the events being handled. What spilled is left to the sweep. */
  close(timeoutMs: number): Promise<void>;
}

export interface HandleAtOnceOptions {
  concurrency: number;
  maxWaiting: number;
  /** Attempts of an event's handling in all (this one included). */
  maxAttempts: number;
  process(inboundEventId: number, ctx: JobContext): Promise<void>;
  /** Queues the event's job with `attempts` (all when not said); a failure is logged here and left to the sweep. */
  queue(inboundEventId: number, attempts?: number): Promise<void>;
  /** Stored events with no attempt made yet, from id `fromId` on, oldest first, at most `limit`: what spilled. */
  untried(fromId: number, limit: number): Promise<number[]>;
  /** How long after a failed read of what spilled it reads again (ms). */
  retryReadMs?: number;
  logger: Logger;
}

const lower = (a: number | undefined, b: number): number => (a === undefined ? b : Math.min(a, b));

export function handleAtOnce(options: HandleAtOnceOptions): HandleAtOnce {
  const { logger } = options;
  const waiting: number[] = [];
  const held = new Set<number>();
  const running = new Set<Promise<void>>();
  let closed = false;
  // The lowest id that spilled and was not read back yet; undefined when nothing spilled.
  let spilledFrom: number | undefined;
  let reading = false;
  // The lowest id that spilled while a read was under way (that read may not see it).
  let spilledWhileReading: number | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const room = () => Math.max(0, options.concurrency - running.size + options.maxWaiting - waiting.length);

  const spill = (ids: readonly number[]) => {
    if (ids.length === 0) return;
    const first = Math.min(...ids);
    spilledFrom = lower(spilledFrom, first);
    if (reading) spilledWhileReading = lower(spilledWhileReading, first);
  };

  const runOne = async (id: number): Promise<void> => {
    const lastAttempt = options.maxAttempts <= 1;
    const ctx: JobContext = { jobId: `at-once-${id}`, attempt: 1, lastAttempt, logger: logger.child({ inboundEventId: id }) };
    try {
      await options.process(id, ctx);
    } catch (error) {
      // The processor recorded the failed attempt (a permanent one, or the last, marked the event failed).
      if (isPermanent(error) || lastAttempt) return;
      ctx.logger.info({ code: errorCode(error) }, 'inbound event not handled at once; queued for its retries');
      await options
        .queue(id, options.maxAttempts - 1)
        .catch((err: unknown) => ctx.logger.warn({ code: errorCode(err) }, 'could not queue an inbound event; the sweep will'));
    }
  };

  /** Reads back, oldest first, as many spilled events as there is room for. */
  const readBack = async (): Promise<void> => {
    const from = spilledFrom as number;
    const limit = room();
    reading = true;
    spilledWhileReading = undefined;
    try {
      const ids = await options.untried(from, limit);
      if (closed) return;
      for (const id of ids) {
        if (held.has(id)) continue;
        held.add(id);
        waiting.push(id);
      }
      // A full page may have more after it; a short one saw everything stored before the read began.
      const next = ids.length >= limit ? (ids[ids.length - 1] as number) + 1 : undefined;
      spilledFrom = spilledWhileReading === undefined ? next : lower(next, spilledWhileReading);
    } catch (error) {
      logger.warn({ code: errorCode(error) }, 'could not read back the inbound events left in the database; trying again shortly');
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        pump();
      }, options.retryReadMs ?? 1000);
      retryTimer.unref();
    } finally {
      reading = false;
      spilledWhileReading = undefined;
    }
    pump();
  };

  const pump = () => {
    while (!closed && running.size < options.concurrency && waiting.length > 0) {
      const id = waiting.shift() as number;
      const run = runOne(id).finally(() => {
        held.delete(id);
        running.delete(run);
        pump();
      });
      running.add(run);
    }
    if (!closed && spilledFrom !== undefined && !reading && !retryTimer && waiting.length < options.concurrency && room() > 0) void readBack();
  };

  return {
    take(ids) {
      if (closed) return [...ids];
      // Once something spilled, what comes later waits behind it, in the database, so that the oldest are handled first.
      const taken = spilledFrom === undefined ? ids.slice(0, room()) : [];
      for (const id of taken) {
        held.add(id);
        waiting.push(id);
      }
      spill(ids.slice(taken.length));
      pump();
      return [];
    },
    holds: (id) => held.has(id) || (spilledFrom !== undefined && id >= spilledFrom),
    async close(timeoutMs) {
      closed = true;
      spilledFrom = undefined;
      clearTimeout(retryTimer);
      const left = waiting.splice(0);
      for (const id of left) held.delete(id);
      await Promise.all(left.map((id) => options.queue(id).catch(() => logger.warn('could not queue an inbound event at shutdown; the sweep will'))));
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...running]), timedOut]);
      clearTimeout(timer);
    },
  };
}
