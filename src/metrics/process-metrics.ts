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
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
