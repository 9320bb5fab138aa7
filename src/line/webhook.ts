import { validateSignature } from '@line/bot-sdk';
import { z } from 'zod';
import { HttpError } from '../lib/errors.js';
import { hasLineHandler, type LineEvent } from './events/index.js';

/** Only what the edge needs to know of a LINE webhook body; each event is stored whole. */
const webhookBodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(
    z
      .object({
        type: z.string().min(1),
        webhookEventId: z.string().min(1),
        timestamp: z.number().optional(),
        deliveryContext: z.object({ isRedelivery: z.boolean() }).partial().optional(),
      })
      .loose(),
  ),
});

/** An event of a webhook body, ready to be stored by the intake: keyed by LINE's webhookEventId. */
export interface LineWebhookEvent {
  externalId: string;
  kind: string;
  payload: StoredLineEvent;
  actor: string | undefined;
}

/** A LINE event as stored in inbound_events.payload: the event plus the bot that received it. */
export interface StoredLineEvent {
  destination: string | undefined;
  event: Record<string, unknown> & { type: string; webhookEventId: string };
}

/** The LINE event of a stored payload (what `parseLineWebhook` stored). */
export function lineEventOf(payload: unknown): LineEvent {
  return (payload as StoredLineEvent).event as unknown as LineEvent;
}

/**
 * Verifies `X-Line-Signature` on the raw bytes (constant time), then parses the body into the events
 * to store: only those a handler takes (see `hasLineHandler`); the others (join, leave, beacon, group
 * chat ...) are acknowledged with the rest and never stored. Throws HttpError 401 (missing or wrong
 * signature) or 400 (not JSON, not a webhook body).
 */
export function parseLineWebhook(rawBody: Buffer, signature: string | undefined, channelSecret: string): LineWebhookEvent[] {
  if (!signature) throw new HttpError(401, 'signature_missing', 'X-Line-Signature header is missing');
  if (!validateSignature(rawBody, channelSecret, signature)) {
    throw new HttpError(401, 'signature_invalid', 'X-Line-Signature does not match the body');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'body is not valid JSON');
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, 'malformed_webhook', 'body is not a LINE webhook body');
  const { destination, events } = parsed.data;
  return events.filter(hasLineHandler).map((event) => {
    const stored: StoredLineEvent = { destination, event };
    const source = event.source as { userId?: unknown } | undefined;
    const actor = typeof source?.userId === 'string' ? source.userId : undefined;
    return { externalId: event.webhookEventId, kind: event.type, payload: stored, actor };
  });
}
