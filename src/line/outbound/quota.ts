import type { LineClients } from '../client.js';

/**
 * Whether the channel's monthly message quota is used up (GET /v2/bot/message/quota and
 * /quota/consumption): a 429 then means "monthly limit", not a rate limit. If LINE cannot say, it is
 * taken as a rate limit (retried).
 */
export async function monthlyQuotaReached(line: LineClients): Promise<boolean> {
  try {
    const [quota, consumption] = await Promise.all([line.messaging.getMessageQuota(), line.messaging.getMessageQuotaConsumption()]);
    if (quota.type !== 'limited' || typeof quota.value !== 'number') return false;
    return consumption.totalUsage >= quota.value;
  } catch {
    // LINE would not say (an outage, a timeout): the push is retried, and asks again then.
    return false;
  }
}
