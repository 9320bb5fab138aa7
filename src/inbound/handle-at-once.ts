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
 * processor. When `concurrency` events are being handled and `maxWaiting` more wait, the rest go to
 * the queue (every replica's workers share it).
 */
export interface HandleAtOnce {
  /** Takes what this process handles now, in order; returns the ids it had no room for (to be queued). */
  take(ids: readonly number[]): number[];
  /** Whether an event waits or runs here (the sweep leaves it alone). */
  holds(id: number): boolean;
  /** Takes nothing more, queues what waits, and waits at most `timeoutMs` for the events being handled. */
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
  logger: Logger;
}

export function handleAtOnce(options: HandleAtOnceOptions): HandleAtOnce {
  const { logger } = options;
  const waiting: number[] = [];
  const held = new Set<number>();
  const running = new Set<Promise<void>>();
  let closed = false;

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
  };

  return {
    take(ids) {
      if (closed) return [...ids];
      const room = Math.max(0, options.concurrency - running.size + options.maxWaiting - waiting.length);
      const taken = ids.slice(0, room);
      for (const id of taken) {
        held.add(id);
        waiting.push(id);
      }
      pump();
      return ids.slice(taken.length);
    },
    holds: (id) => held.has(id),
    async close(timeoutMs) {
      closed = true;
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
