import type { LineQuotaUse } from '../../core/ports/operations.js';
import type { LineClients } from '../client.js';

/**
 * This month's use of the channel's message quota (GET /v2/bot/message/quota and /quota/consumption),
 * for the admins' App Home. Throws when LINE does not answer: the Home then shows it as unknown.
 */
export async function monthlyQuotaUse(line: LineClients): Promise<LineQuotaUse> {
  const [quota, consumption] = await Promise.all([line.messaging.getMessageQuota(), line.messaging.getMessageQuotaConsumption()]);
  return { limit: quota.type === 'limited' && typeof quota.value === 'number' ? quota.value : null, used: consumption.totalUsage };
}
