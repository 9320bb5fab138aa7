import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { errorMessage, HttpError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { sendJson, sendText } from '../http/respond.js';
import type { SlackEventRegistry } from './event-registry.js';

/** Slack: refuse requests whose timestamp is more than five minutes from our clock (either way). */
const MAX_CLOCK_SKEW_SEC = 5 * 60;

/** An Events API callback to store, keyed by Slack's event_id (the intake stores it before the 200). */
export interface SlackEventToStore {
  externalId: string;
  kind: string;
  payload: unknown;
  actor?: string | undefined;
}

export interface SlackReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Stores an Events API event durably (and enqueues it). Throws if it could not be stored. */
  acceptEvent(event: SlackEventToStore): Promise<void>;
  /** The event types that have listeners: only their callbacks are stored. */
  events: Pick<SlackEventRegistry, 'handles'>;
  /** Injectable clock (milliseconds) for the timestamp check (replay protection). */
  now?: () => number;
}

/**
 * Transport only, in front of Bolt. Events API callbacks that have listeners (SlackEventRegistry) are
 * stored in inbound_events before the 200 and their listeners run later from the queue
 * (`dispatchStoredEvent`); the others are answered 200 and dropped; commands, shortcuts,
 * actions and view submissions go straight to Bolt, whose listeners must ack within 3 s.
 */
export class SlackReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: SlackReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Runs Bolt's listeners for an Events API body that was stored earlier (called by the inbound worker). */
  async dispatchStoredEvent(body: Record<string, unknown>, retry?: { num?: number; reason?: string }): Promise<void> {
    const app = this.requireApp();
    await app.processEvent({
      body,
      ack: async () => {},
      ...(retry?.num !== undefined ? { retryNum: retry.num } : {}),
      ...(retry?.reason !== undefined ? { retryReason: retry.reason } : {}),
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void> {
    const text = rawBody.toString('utf8');
    this.verify(req, text);
    const body = parseSlackBody(text, req.headers['content-type']);

    if (body.ssl_check) return sendText(res, 200);
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: body.challenge });
    if (body.type === 'event_callback') {
      const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
      const event = body.event as { type?: unknown } | undefined;
      if (!eventId || typeof event?.type !== 'string') throw new HttpError(400, 'malformed_event', 'event_callback without event_id');
      if (!this.options.events.handles(event.type)) {
        this.options.logger.debug({ type: event.type }, 'slack event acknowledged, not stored: no listener handles it');
        return sendText(res, 200);
      }
      await this.options.acceptEvent({ externalId: eventId, kind: event.type, payload: body });
      return sendText(res, 200);
    }
    await this.dispatchInteractive(res, body);
  }

  private verify(req: IncomingMessage, body: string): void {
    const signature = header(req, 'x-slack-signature');
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(timestamp)) {
      throw new HttpError(401, 'signature_missing', 'Slack signature headers are missing');
    }
    // The signature first: only a request Slack signed says anything true about its time.
    const expected = `v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
      throw new HttpError(401, 'signature_invalid', 'Slack signature does not match');
    }
    // Replay protection both ways: Bolt's check only refuses old timestamps.
    const skewSec = timestamp - Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    if (skewSec < -MAX_CLOCK_SKEW_SEC) throw new HttpError(401, 'timestamp_stale', 'Slack request timestamp is more than 5 minutes old');
    if (skewSec > MAX_CLOCK_SKEW_SEC) throw new HttpError(401, 'timestamp_in_future', 'Slack request timestamp is more than 5 minutes ahead');
  }

  private async dispatchInteractive(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const app = this.requireApp();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        if (response === undefined || response === '') sendText(res, 200);
        else if (typeof response === 'string') sendText(res, 200, response);
        else sendJson(res, 200, response);
      },
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      this.options.logger.error({ err: errorMessage(error) }, 'slack listener failed');
      if (!acked) {
        acked = true;
        sendText(res, 500);
      }
      return;
    }
    if (!acked) {
      // No listener acknowledged it: answer so Slack does not show a timeout error.
      acked = true;
      sendText(res, 200);
    }
  }

  private requireApp(): App {
    if (!this.app) throw new Error('SlackReceiver used before Bolt initialised it');
    return this.app;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Slack sends JSON (Events API) or form bodies (commands; interactivity as a `payload` field). */
export function parseSlackBody(text: string, contentType: string | undefined): Record<string, unknown> {
  try {
    if (contentType?.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(text));
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form;
  } catch {
    throw new HttpError(400, 'malformed_body', 'Slack request body could not be parsed');
  }
}
