import type { JobContext } from '../queues/workers.js';
import type { StoredLineEvent } from './webhook.js';

/**
 * Runs for each stored LINE event, from the inbound queue. The foundation only records that the
 * event was seen (by type, never its text); linking, consent and relay to Slack build on this.
 */
export async function handleLineEvent(stored: StoredLineEvent, ctx: JobContext & { inboundEventId: number }): Promise<void> {
  ctx.logger.info({ type: stored.event.type }, 'line event received');
}
