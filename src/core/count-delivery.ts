import { isPermanent } from '../lib/errors.js';
import type { Core } from './deps.js';
import type { DeliveryKind } from './ports/telemetry.js';

/**
 * Runs one delivery attempt and counts how it ended: delivered; failed for good (a permanent error,
 * or the job's last attempt); or retrying. The error itself goes on to the caller unchanged.
 */
export async function countDelivery<T>(
  core: Pick<Core, 'telemetry'>,
  kind: DeliveryKind,
  job: { lastAttempt: boolean } | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  try {
    const result = await attempt();
    core.telemetry.delivery(kind, 'delivered');
    return result;
  } catch (error) {
    core.telemetry.delivery(kind, isPermanent(error) || job?.lastAttempt ? 'failed' : 'retrying');
    throw error;
  }
}
