import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (CPU, memory, event loop lag, garbage collection, handles), from
 * prom-client's `collectDefaultMetrics`. One registry per process, made on first use: they describe
 * the process, not one app in it, and their observers cannot be stopped, so a second app in the same
 * process (a test's replica, a restart) shares them rather than starting more.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    // The event loop lag is sampled every 100 ms, not prom-client's 10 ms: a hundred timer wake-ups a
    // second were most of an idle process's CPU, and lag worth seeing lasts longer than that.
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 100 });
  }
  return processRegistry;
}
