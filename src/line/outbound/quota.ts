import type { LineClients } from '../client.js';

/** This month's pushes as LINE counts them, and the limit (null: the plan has none). */
export interface MonthlyQuota {
  used: number;
  limit: number | null;
}

/** GET /v2/bot/message/quota and /quota/consumption. Rejects when LINE does not answer. */
export async function monthlyQuota(line: LineClients): Promise<MonthlyQuota> {
  const [quota, consumption] = await Promise.all([line.messaging.getMessageQuota(), line.messaging.getMessageQuotaConsumption()]);
  return { used: consumption.totalUsage, limit: quota.type === 'limited' && typeof quota.value === 'number' ? quota.value : null };
}

/**
 * Whether the channel's monthly message quota is used up: a 429 then means "monthly limit", not a
 * rate limit. If LINE cannot say, it is taken as a rate limit (retried).
 */
export async function monthlyQuotaReached(line: LineClients): Promise<boolean> {
  try {
    const { used, limit } = await monthlyQuota(line);
    return limit !== null && used >= limit;
  } catch {
    // LINE would not say (an outage, a timeout): the push is retried, and asks again then.
    return false;
  }
}
