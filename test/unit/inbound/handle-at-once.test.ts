import { describe, expect, it } from 'vitest';
import { handleAtOnce } from '../../../src/inbound/handle-at-once.js';
import { PermanentError } from '../../../src/lib/errors.js';
import { createLogger } from '../../../src/lib/logger.js';
import type { JobContext } from '../../../src/queues/workers.js';

/** A handling whose events finish when the test says so. */
function harness(options: { concurrency: number; maxWaiting: number; maxAttempts?: number; fail?: (id: number) => Error | undefined }) {
  const started: Array<{ id: number; ctx: JobContext }> = [];
  const finish = new Map<number, () => void>();
  const queued: Array<{ id: number; attempts: number | undefined }> = [];
  const atOnce = handleAtOnce({
    concurrency: options.concurrency,
    maxWaiting: options.maxWaiting,
    maxAttempts: options.maxAttempts ?? 8,
    logger: createLogger('silent'),
    process: (id, ctx) => {
      started.push({ id, ctx });
      return new Promise<void>((resolve, reject) => {
        finish.set(id, () => {
          const error = options.fail?.(id);
          if (error) reject(error);
          else resolve();
        });
      });
    },
    queue: async (id, attempts) => {
      queued.push({ id, attempts });
    },
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { atOnce, started, finish, queued, settle };
}

describe('stored events handled at once, in the process that took the webhook', () => {
  it('runs `concurrency` at a time in the order taken, holds `maxWaiting` more, and gives back the rest for the queue', async () => {
    const h = harness({ concurrency: 2, maxWaiting: 1 });
    expect(h.atOnce.take([1, 2, 3, 4, 5])).toEqual([4, 5]);
    expect(h.started.map((s) => s.id)).toEqual([1, 2]);
    expect([1, 2, 3, 4].map((id) => h.atOnce.holds(id))).toEqual([true, true, true, false]);
    // The first attempt of the event, not its last.
    expect(h.started[0]?.ctx).toMatchObject({ attempt: 1, lastAttempt: false });
    h.finish.get(1)?.();
    await h.settle();
    expect(h.started.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(h.atOnce.holds(1)).toBe(false);
    expect(h.atOnce.take([6, 7])).toEqual([7]);
    expect(h.queued).toEqual([]);
  });

  it('queues an event whose first attempt failed, for the other attempts; not one that failed for good', async () => {
    const h = harness({
      concurrency: 2,
      maxWaiting: 0,
      maxAttempts: 8,
      fail: (id) => (id === 1 ? new Error('LINE answered 500') : new PermanentError('gone', 'cannot succeed')),
    });
    h.atOnce.take([1, 2]);
    h.finish.get(1)?.();
    h.finish.get(2)?.();
    await h.settle();
    await h.settle();
    expect(h.queued).toEqual([{ id: 1, attempts: 7 }]);
    expect(h.atOnce.holds(1)).toBe(false);
  });

  it('makes the only attempt the last one when INBOUND_ATTEMPTS is 1, and queues nothing after it', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 0, maxAttempts: 1, fail: () => new Error('timeout') });
    h.atOnce.take([9]);
    expect(h.started[0]?.ctx).toMatchObject({ attempt: 1, lastAttempt: true });
    h.finish.get(9)?.();
    await h.settle();
    await h.settle();
    expect(h.queued).toEqual([]);
  });

  it('at shutdown takes nothing more, queues what waits, and waits for what runs', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 5 });
    h.atOnce.take([1, 2, 3]);
    let closed = false;
    const closing = h.atOnce.close(5000).then(() => {
      closed = true;
    });
    await h.settle();
    expect(h.queued).toEqual([
      { id: 2, attempts: undefined },
      { id: 3, attempts: undefined },
    ]);
    expect(h.atOnce.take([4])).toEqual([4]);
    expect(closed).toBe(false);
    h.finish.get(1)?.();
    await closing;
    expect(h.started.map((s) => s.id)).toEqual([1]);
  });
});
