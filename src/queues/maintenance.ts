import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** Recurring upkeep run by every replica on its own clock (not by the queue store, which may be wiped). */
export interface MaintenanceTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface Maintenance {
  /** Stops the timers and waits for runs under way. */
  stop(): Promise<void>;
}

/**
 * Runs each task every `everyMs` in this process. A run never overlaps the previous one of the same
 * task; a failed run is logged and tried again at the next tick. The tasks are idempotent, so every
 * replica running them is safe, and a queue store that lost its data (a Redis flushed or failed over)
 * loses none of them.
 */
export function startMaintenance(tasks: readonly MaintenanceTask[], logger: Logger): Maintenance {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const schedule = (task: MaintenanceTask) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = task
        .run()
        .then(
          () => undefined,
          (err: unknown) => logger.warn({ task: task.name, err: errorMessage(err) }, 'maintenance run failed; tried again at the next tick'),
        )
        .finally(() => {
          running.delete(run);
          schedule(task);
        });
      running.add(run);
    }, task.everyMs);
    timer.unref();
    timers.add(timer);
  };
  for (const task of tasks) schedule(task);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
