/**
 * The LINE Messaging API calls of the operations commands (npm run doctor, npm run line:webhook), over
 * plain HTTP with a timeout each: the channel's bot info, its webhook endpoint (read, set, test) and
 * the monthly quota. Answers keep LINE's shapes (see @line/bot-sdk's messagingApi models).
 */

export interface LineAnswer<T> {
  status: number;
  body: T | undefined;
}

export interface WebhookEndpoint {
  endpoint: string;
  active: boolean;
}

export interface WebhookTestResult {
  success?: boolean;
  timestamp?: string;
  statusCode: number;
  reason: string;
  detail: string;
}

export class LineChannelApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  private async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<LineAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: T | undefined;
    try {
      parsed = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      parsed = undefined; // not JSON (a proxy's error page): the status says enough
    }
    return { status: res.status, body: parsed };
  }

  botInfo() {
    return this.call<{ userId: string; basicId: string; displayName: string }>('GET', '/v2/bot/info');
  }

  webhookEndpoint() {
    return this.call<WebhookEndpoint>('GET', '/v2/bot/channel/webhook/endpoint');
  }

  setWebhookEndpoint(endpoint: string) {
    return this.call<{ message?: string }>('PUT', '/v2/bot/channel/webhook/endpoint', { endpoint });
  }

  /** LINE posts a webhook without events to `endpoint` (the channel's own when omitted) and says how the bot answered. */
  testWebhook(endpoint?: string) {
    return this.call<WebhookTestResult & { message?: string }>('POST', '/v2/bot/channel/webhook/test', endpoint === undefined ? {} : { endpoint });
  }

  quota() {
    return this.call<{ type: 'none' | 'limited'; value?: number }>('GET', '/v2/bot/message/quota');
  }

  quotaConsumption() {
    return this.call<{ totalUsage: number }>('GET', '/v2/bot/message/quota/consumption');
  }
}
