import { describe, expect, it } from 'vitest';
import { handleAtOnce } from '../../../src/inbound/handle-at-once.js';
import { PermanentError } from '../../../src/lib/errors.js';
import { createLogger } from '../../../src/lib/logger.js';
import type { JobContext } from '../../../src/queues/workers.js';

/**
 * A handling whose events finish when the test says so, over a stand-in for the stored events: every
 * id taken is stored (untried) until its handling finishes.
 */
function harness(options: {
  concurrency: number;
  maxWaiting: number;
  maxAttempts?: number;
  fail?: (id: number) => Error | undefined;
  /** Makes a read of the stored events wait, or fail. */
  read?: (fromId: number, limit: number) => Promise<void>;
}) {
  const started: Array<{ id: number; ctx: JobContext }> = [];
  const finish = new Map<number, () => void>();
  const queued: Array<{ id: number; attempts: number | undefined }> = [];
  const stored = new Set<number>();
  const reads: Array<{ fromId: number; limit: number }> = [];
  const atOnce = handleAtOnce({
    concurrency: options.concurrency,
    maxWaiting: options.maxWaiting,
    maxAttempts: options.maxAttempts ?? 8,
    retryReadMs: 20,
    logger: createLogger('silent'),
    process: (id, ctx) => {
      started.push({ id, ctx });
      return new Promise<void>((resolve, reject) => {
        finish.set(id, () => {
          stored.delete(id);
          const error = options.fail?.(id);
          if (error) reject(error);
          else resolve();
        });
      });
    },
    queue: async (id, attempts) => {
      queued.push({ id, attempts });
    },
    untried: async (fromId, limit) => {
      reads.push({ fromId, limit });
      // What is stored when the read begins (a snapshot), then the read's own delay or failure.
      const seen = [...stored].filter((id) => id >= fromId && !started.some((s) => s.id === id)).sort((a, b) => a - b);
      await options.read?.(fromId, limit);
      return seen.slice(0, limit);
    },
  });
  /** The webhook: stores the events, then hands them over. */
  const webhook = (ids: number[]) => {
    for (const id of ids) stored.add(id);
    return atOnce.take(ids);
  };
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const ids = () => started.map((s) => s.id);
  return { atOnce, webhook, started, ids, finish, queued, reads, settle };
}

describe('stored events handled at once, in the process that took the webhook', () => {
  it('runs `concurrency` at a time in the order taken and holds `maxWaiting` more; the rest wait in the database, not in the queue', async () => {
    const h = harness({ concurrency: 2, maxWaiting: 1 });
    expect(h.webhook([1, 2, 3, 4, 5])).toEqual([]);
    expect(h.ids()).toEqual([1, 2]);
    // Held here or left to be read back: the sweep leaves all of them alone.
    expect([1, 2, 3, 4, 5].map((id) => h.atOnce.holds(id))).toEqual([true, true, true, true, true]);
    expect(h.atOnce.holds(0)).toBe(false);
    // The first attempt of the event, not its last.
    expect(h.started[0]?.ctx).toMatchObject({ attempt: 1, lastAttempt: false });
    // Later events wait behind the ones in the database, even when there is room for them.
    h.finish.get(1)?.();
    await h.settle();
    expect(h.webhook([6])).toEqual([]);
    await h.settle();
    expect(h.ids()).toEqual([1, 2, 3]);
    h.finish.get(2)?.();
    h.finish.get(3)?.();
    await h.settle();
    expect(h.ids()).toEqual([1, 2, 3, 4, 5]);
    h.finish.get(4)?.();
    await h.settle();
    expect(h.ids()).toEqual([1, 2, 3, 4, 5, 6]);
    // One read each time room opened, as much as there was room for, from the oldest not read back; the last found nothing more.
    expect(h.reads).toEqual([4, 5, 6, 7].map((fromId) => ({ fromId, limit: 1 })));
    // Everything read back: nothing is said to be held any more but what runs, and new events are taken at once again.
    h.finish.get(5)?.();
    h.finish.get(6)?.();
    await h.settle();
    expect([4, 5, 6].map((id) => h.atOnce.holds(id))).toEqual([false, false, false]);
    h.webhook([7]);
    expect(h.ids()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.queued).toEqual([]);
  });

  it('reads back in pages of the room it has, oldest first, until a short page', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 2 });
    h.webhook([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.ids()).toEqual([1]);
    for (let id = 1; id <= 7; id++) {
      h.finish.get(id)?.();
      await h.settle();
    }
    expect(h.ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Every read asked for no more than there was room for.
    expect(h.reads.every((r) => r.limit <= 3)).toBe(true);
    h.finish.get(8)?.();
    await h.settle();
    expect(h.atOnce.holds(8)).toBe(false);
  });

  it('does not lose an event left in the database while a read is under way', async () => {
    let release: () => void = () => {};
    let first = true;
    const h = harness({
      concurrency: 1,
      maxWaiting: 1,
      read: () => {
        if (!first) return Promise.resolve();
        first = false;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    h.webhook([1, 2, 3]);
    h.finish.get(1)?.();
    await h.settle();
    // Running 2; the read for 3 is under way when 4 arrives (stored after the read's snapshot).
    expect(h.ids()).toEqual([1, 2]);
    h.webhook([4]);
    release();
    await h.settle();
    h.finish.get(2)?.();
    await h.settle();
    h.finish.get(3)?.();
    await h.settle();
    expect(h.ids()).toEqual([1, 2, 3, 4]);
  });

  it('reads again after a failed read, holding the events meanwhile', async () => {
    let fails = 1;
    const h = harness({
      concurrency: 1,
      maxWaiting: 0,
      read: async () => {
        if (fails-- > 0) throw new Error('connection reset');
      },
    });
    h.webhook([1, 2]);
    h.finish.get(1)?.();
    await h.settle();
    expect(h.ids()).toEqual([1]);
    expect(h.atOnce.holds(2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await h.settle();
    expect(h.ids()).toEqual([1, 2]);
    expect(h.reads).toHaveLength(2);
  });

  it('queues an event whose first attempt failed, for the other attempts; not one that failed for good', async () => {
    const h = harness({
      concurrency: 2,
      maxWaiting: 0,
      maxAttempts: 8,
      fail: (id) => (id === 1 ? new Error('LINE answered 500') : new PermanentError('gone', 'cannot succeed')),
    });
    h.webhook([1, 2]);
    h.finish.get(1)?.();
    h.finish.get(2)?.();
    await h.settle();
    expect(h.queued).toEqual([{ id: 1, attempts: 7 }]);
    expect(h.atOnce.holds(1)).toBe(false);
  });

  it('makes the only attempt the last one when INBOUND_ATTEMPTS is 1, and queues nothing after it', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 0, maxAttempts: 1, fail: () => new Error('timeout') });
    h.webhook([9]);
    expect(h.started[0]?.ctx).toMatchObject({ attempt: 1, lastAttempt: true });
    h.finish.get(9)?.();
    await h.settle();
    expect(h.queued).toEqual([]);
  });

  it('at shutdown takes nothing more, queues what waits, leaves what spilled to the sweep, and waits for what runs', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 2 });
    h.webhook([1, 2, 3, 4]);
    let closed = false;
    const closing = h.atOnce.close(5000).then(() => {
      closed = true;
    });
    await h.settle();
    expect(h.queued).toEqual([
      { id: 2, attempts: undefined },
      { id: 3, attempts: undefined },
    ]);
    // Given back to be queued; and what spilled is not held any more, so the sweep takes it.
    expect(h.atOnce.take([5])).toEqual([5]);
    expect(h.atOnce.holds(4)).toBe(false);
    expect(closed).toBe(false);
    h.finish.get(1)?.();
    await closing;
    expect(h.ids()).toEqual([1]);
    expect(h.reads).toEqual([]);
  });
});
