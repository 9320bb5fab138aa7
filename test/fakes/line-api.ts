/**
 * A fake LINE Messaging API for tests: point `messagingApi.MessagingApiClient` at `apiBaseUrl` and
 * `messagingApi.MessagingApiBlobClient` at `dataApiBaseUrl`.
 *
 * The two base URLs are two listeners (two ports), as api.line.me and api-data.line.me are two hosts:
 * a client pointed at the wrong one gets 404s. (The SDK resolves its absolute paths with `new URL(path,
 * baseURL)`, which drops any path in the base URL, so a `/data` prefix could not tell them apart.)
 *
 * It validates what LINE validates (bearer token, 1–5 messages, text ≤ 5000 UTF-16 units, retry keys),
 * keeps pushes and replies, and can misbehave on demand: queued faults per route (`fail`), blocked users,
 * exhausted monthly quota, a token LINE does not know (`setToken`).
 *
 * It also keeps the channel's webhook settings (`GET`/`PUT /v2/bot/channel/webhook/endpoint`) and makes
 * LINE's test call (`POST /v2/bot/channel/webhook/test`): a signed `{"destination", "events": []}` POST
 * to the endpoint, answered with LINE's result shape. Unlike LINE, it reaches only this machine: an
 * endpoint on another host answers COULD_NOT_CONNECT without any connection (tests never leave the
 * machine), and http:// is accepted for loopback addresses (LINE requires https://), so that a test can
 * point LINE at the app's local server. The monthly quota (`GET /v2/bot/message/quota`) and its
 * consumption (`.../quota/consumption`: the accepted pushes this month, one per request as LINE counts
 * them, plus `setQuota`'s `used`) answer from the same state.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { clearArray, dropConnection, FakeHttpServer, FaultQueue, parseJson, sendBytes, sendJson, waitFor, type FakeRequest } from './http-fake.js';

export type LineRoute =
  | 'push'
  | 'reply'
  | 'profile'
  | 'info'
  | 'content'
  | 'transcoding'
  | 'webhookEndpoint'
  | 'setWebhookEndpoint'
  | 'webhookTest'
  | 'quota'
  | 'quotaConsumption'
  | 'markAsRead'
  | 'loading';

/** A fault, consumed by one call of the route it was queued for. */
export interface LineFault {
  /** HTTP status: 500 → `{ message: 'Internal server error' }`, 429 → `{ message: 'Too many requests' }`. */
  status?: number;
  /** Retry-After seconds (sent only when given). */
  retryAfter?: number;
  /** Waits this long before answering (then answers normally unless other fields say otherwise). */
  delayMs?: number;
  /** Destroys the socket without answering (after the delay). */
  drop?: boolean;
  /** Performs the request (a push is stored and its retry key accepted), then fails (500 unless `drop`/`status`). */
  applyThenFail?: boolean;
  /** Replaces the JSON body of the failure answer. */
  body?: unknown;
}

export interface LineCall {
  /** HTTP method. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** Which listener got it. */
  api: 'messaging' | 'data';
  at: number;
}

export type LineMessage = { type: string } & Record<string, unknown>;

export interface LinePush {
  to: string;
  messages: LineMessage[];
  notificationDisabled?: boolean;
  retryKey?: string;
  /** The `x-line-request-id` it was answered with. */
  requestId: string;
  sentMessages: SentMessage[];
  at: number;
}

export interface LineReply {
  replyToken: string;
  messages: LineMessage[];
  at: number;
}

/** An accepted `POST /v2/bot/chat/markAsRead`. */
export interface LineMarkAsRead {
  markAsReadToken: string;
  at: number;
}

/** An accepted `POST /v2/bot/chat/loading/start`. */
export interface LineLoading {
  chatId: string;
  loadingSeconds: number;
  at: number;
}

export interface SentMessage {
  id: string;
  quoteToken: string;
}

export interface LineProfile {
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
}

export type TranscodingStatus = 'processing' | 'succeeded' | 'failed';

export interface LineContent {
  body: Buffer;
  contentType: string;
  transcoding?: TranscodingStatus;
}

/** What LINE's test call (`POST /v2/bot/channel/webhook/test`) answers. */
export interface WebhookTestResult {
  success: boolean;
  timestamp: string;
  /** The endpoint's HTTP status; 0 when no answer came. */
  statusCode: number;
  reason: 'OK' | 'ERROR_STATUS_CODE' | 'COULD_NOT_CONNECT' | 'REQUEST_TIMEOUT';
  detail: string;
}

/** The monthly message quota: `limited` to `value` messages, or `none` (no limit); `used` counts messages sent before the pushes this fake accepted. */
export interface LineQuota {
  type: 'none' | 'limited';
  value?: number;
  used?: number;
}

/**
 * How long a reply token works after its event (LINE promises no figure; refusals are seen from about
 * 30 s: LINE Messaging API reference, "Send reply message").
 */
export const REPLY_TOKEN_LIFETIME_MS = 30_000;

/** The bot's own user id (bot info's userId, the destination of webhooks). */
const BOT_USER_ID = 'Ubot';
/** How long LINE waits for the bot's answer to a webhook (docs: request_timeout after 2 s). */
const WEBHOOK_TIMEOUT_MS = 2000;
const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

interface Reply {
  status: number;
  json?: unknown;
  bytes?: { body: Buffer; contentType: string };
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (): Reply => ({ status: 404, json: { message: 'Not found' } });
const badRequest = (message: string): Reply => ({ status: 400, json: { message } });

/** LINE's message-array validation: 1..5 objects with a `type`; text 1..5000 UTF-16 code units. */
function messagesError(messages: unknown): Reply | undefined {
  const details: Array<{ message: string; property: string }> = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    details.push({ message: 'Size must be between 1 and 5', property: 'messages' });
  } else {
    messages.forEach((m: unknown, i) => {
      const message = m as Partial<Record<string, unknown>> | null;
      if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
        details.push({
          message: 'Must be one of the following values: [text, image, video, audio, location, sticker, template, imagemap, flex]',
          property: `messages[${i}].type`,
        });
      } else if (message.type === 'text') {
        const text = message.text;
        if (typeof text !== 'string' || text.length === 0) details.push({ message: 'May not be empty', property: `messages[${i}].text` });
        else if (text.length > 5000) details.push({ message: 'Length must be between 0 and 5000', property: `messages[${i}].text` });
      }
    });
  }
  if (details.length === 0) return undefined;
  return { status: 400, json: { message: `The request body has ${details.length} error(s)`, details } };
}

export class FakeLine {
  /** Every request to either listener, in arrival order (faulted and rejected ones included). */
  readonly calls: LineCall[] = [];
  /** Accepted pushes. */
  readonly pushes: LinePush[] = [];
  /** Accepted replies. */
  readonly replies: LineReply[] = [];
  /** LINE's test calls to the webhook endpoint: the URL and the result answered. */
  readonly webhookTests: Array<{ endpoint: string; result: WebhookTestResult }> = [];
  /** Accepted markAsRead calls. */
  readonly readMarks: LineMarkAsRead[] = [];
  /** Accepted loading animations. */
  readonly loadings: LineLoading[] = [];
  /** Reply tokens refused because their event was older than REPLY_TOKEN_LIFETIME_MS (by the fake's clock). */
  readonly staleReplyTokens: string[] = [];

  private readonly faults = new FaultQueue<LineFault>();
  private readonly profiles = new Map<string, LineProfile | null>();
  private readonly contents = new Map<string, LineContent>();
  private readonly transcodings = new Map<string, TranscodingStatus>();
  private readonly blocked = new Set<string>();
  private readonly usedReplyTokens = new Set<string>();
  /** Reply token → its event's timestamp (ms), as LINE issued it with the event. */
  private readonly issuedReplyTokens = new Map<string, number>();
  /** markAsRead tokens LINE issued: others are refused (400). */
  private readonly issuedReadTokens = new Set<string>();
  /** Retry key → the push it was accepted with. */
  private readonly acceptedRetryKeys = new Map<string, LinePush>();
  private quotaExceeded = false;
  private counter = 0;
  private token: string | undefined;
  private channelSecret: string | undefined;
  private webhook = { endpoint: '', active: true };
  private quota: LineQuota = { type: 'limited', value: 200, used: 0 };

  private constructor(
    private readonly api: FakeHttpServer,
    private readonly data: FakeHttpServer,
    /** LINE's now (ms): the app's clock in tests that move it. */
    private readonly clock: () => number,
  ) {}

  /** @internal use startFakeLine() */
  static async start(options: { clock?: () => number } = {}): Promise<FakeLine> {
    // eslint-disable-next-line prefer-const -- assigned after the servers it answers for have started
    let fake: FakeLine | undefined;
    const [api, data] = await Promise.all([
      FakeHttpServer.start((req, res) => fake!.handle('messaging', req, res)),
      FakeHttpServer.start((req, res) => fake!.handle('data', req, res)),
    ]);
    fake = new FakeLine(api, data, options.clock ?? Date.now);
    return fake;
  }

  /** `http://127.0.0.1:PORT` — baseURL of MessagingApiClient (LINE_API_BASE_URL). */
  get apiBaseUrl(): string {
    return this.api.origin;
  }

  /** `http://127.0.0.1:PORT2` — baseURL of MessagingApiBlobClient (LINE_DATA_API_BASE_URL). Also accepts a `/data` path prefix. */
  get dataApiBaseUrl(): string {
    return this.data.origin;
  }

  // ---- configuration ------------------------------------------------------------------------

  /** Queues faults for `route`, consumed one per call, in order. */
  fail(route: LineRoute, ...faults: LineFault[]): void {
    this.faults.push(route, faults);
  }

  pendingFaults(route: LineRoute): number {
    return this.faults.pending(route);
  }

  /** Pushes to this user answer 400 `Failed to send messages`. */
  block(userId: string): void {
    this.blocked.add(userId);
  }

  unblock(userId: string): void {
    this.blocked.delete(userId);
  }

  /** While true, pushes answer 429 `You have reached your monthly limit.` (no Retry-After). */
  setQuotaExceeded(exceeded: boolean): void {
    this.quotaExceeded = exceeded;
  }

  /** The only channel access token LINE accepts (others answer 401); undefined (the default): any token. */
  setToken(token: string | undefined): void {
    this.token = token;
  }

  /** The channel secret LINE signs its webhooks with (the test call's X-Line-Signature). */
  setChannelSecret(secret: string): void {
    this.channelSecret = secret;
  }

  /** The webhook settings of the channel, as the console's Webhook URL and "Use webhook" would set them. Default: no URL, in use. */
  setWebhook(settings: { endpoint?: string; active?: boolean }): void {
    this.webhook = { ...this.webhook, ...settings };
  }

  /** The webhook settings as they are now. */
  get webhookSettings(): { endpoint: string; active: boolean } {
    return { ...this.webhook };
  }

  /**
   * LINE issued the reply tokens (and markAsRead tokens) of these events with them: a reply token then
   * works for REPLY_TOKEN_LIFETIME_MS after its event's timestamp (by the fake's clock), once. Tokens
   * never issued still work (tests that build bodies by hand), except those starting with `expired`.
   */
  issueTokens(events: ReadonlyArray<{ timestamp?: unknown; replyToken?: unknown; message?: unknown }>): void {
    for (const event of events) {
      const at = typeof event.timestamp === 'number' ? event.timestamp : this.clock();
      // A token is issued once: issued again (the same event posted again, a redelivery) it keeps its first time.
      if (typeof event.replyToken === 'string' && !this.issuedReplyTokens.has(event.replyToken)) this.issuedReplyTokens.set(event.replyToken, at);
      const read = (event.message as { markAsReadToken?: unknown } | undefined)?.markAsReadToken;
      if (typeof read === 'string') this.issuedReadTokens.add(read);
    }
  }

  /** The monthly quota (default: limited to 200, the free plan, none used). */
  setQuota(quota: LineQuota): void {
    this.quota = { ...quota };
  }

  /** The profile of `userId`; `null` makes it 404. Default: displayName `LINE <userId>`. */
  setProfile(userId: string, profile: LineProfile | null): void {
    this.profiles.set(userId, profile);
  }

  /** Content of message `id` on the data API. */
  setContent(id: string, content: LineContent): void {
    this.contents.set(id, content);
    if (content.transcoding) this.transcodings.set(id, content.transcoding);
  }

  /** Transcoding status of message `id` (default 'succeeded' once content is set). */
  setTranscoding(id: string, status: TranscodingStatus): void {
    this.transcodings.set(id, status);
  }

  /** Clears everything recorded and configured. */
  reset(): void {
    for (const list of [this.calls, this.pushes, this.replies, this.webhookTests, this.readMarks, this.loadings, this.staleReplyTokens]) clearArray(list);
    this.issuedReplyTokens.clear();
    this.issuedReadTokens.clear();
    this.token = undefined;
    this.webhook = { endpoint: '', active: true };
    this.quota = { type: 'limited', value: 200, used: 0 };
    this.faults.clear();
    this.profiles.clear();
    this.contents.clear();
    this.transcodings.clear();
    this.blocked.clear();
    this.usedReplyTokens.clear();
    this.acceptedRetryKeys.clear();
    this.quotaExceeded = false;
  }

  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return waitFor(predicate, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all([this.api.close(), this.data.close()]);
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(api: LineCall['api'], req: FakeRequest, res: ServerResponse): Promise<void> {
    const path = req.url.pathname;
    const body = parseJson(req.body);
    this.calls.push({ method: req.method, path, headers: req.headers, body, api, at: Date.now() });

    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (.*)$/.exec(auth)?.[1]?.trim();
    if (!token || token === 'undefined' || token === 'null' || (this.token !== undefined && token !== this.token)) {
      return sendJson(res, 401, { message: 'Authentication failed' }, { 'x-line-request-id': randomUUID() });
    }

    const route = api === 'messaging' ? this.messagingRoute(req.method, path, req, body) : this.dataRoute(req.method, path);
    if (!route) return sendJson(res, 404, { message: 'Not found' }, { 'x-line-request-id': randomUUID() });
    const [key, perform] = route;

    const fault = this.faults.take(key);
    if (fault?.delayMs) await (api === 'messaging' ? this.api : this.data).delay(fault.delayMs);
    const failing = fault !== undefined && (fault.drop || fault.status !== undefined || fault.body !== undefined);
    if (fault && failing && !fault.applyThenFail) return answerFault(res, fault);
    const reply = await perform();
    if (fault?.applyThenFail && reply.status < 300) return answerFault(res, fault);

    const headers = { 'x-line-request-id': randomUUID(), ...reply.headers };
    if (reply.bytes) sendBytes(res, reply.status, reply.bytes.body, reply.bytes.contentType, headers);
    else sendJson(res, reply.status, reply.json ?? {}, headers);
  }

  private messagingRoute(method: string, path: string, req: FakeRequest, body: unknown): [LineRoute, () => Reply | Promise<Reply>] | undefined {
    if (method === 'POST' && path === '/v2/bot/message/push') {
      const retryKey = req.headers['x-line-retry-key'];
      return ['push', () => this.push(body, typeof retryKey === 'string' ? retryKey : undefined)];
    }
    if (method === 'POST' && path === '/v2/bot/message/reply') return ['reply', () => this.reply(body)];
    if (method === 'GET' && path === '/v2/bot/info') {
      return [
        'info',
        () => ({ status: 200, json: { userId: BOT_USER_ID, basicId: '@tsunagi', displayName: 'つなぎ', chatMode: 'bot', markAsReadMode: 'auto' } }),
      ];
    }
    if (path === '/v2/bot/channel/webhook/endpoint') {
      if (method === 'GET') return ['webhookEndpoint', () => ({ status: 200, json: { ...this.webhook } })];
      if (method === 'PUT') return ['setWebhookEndpoint', () => this.putWebhookEndpoint(body)];
    }
    if (method === 'POST' && path === '/v2/bot/channel/webhook/test') return ['webhookTest', () => this.testWebhook(body)];
    if (method === 'GET' && path === '/v2/bot/message/quota') {
      return ['quota', () => ({ status: 200, json: this.quota.type === 'limited' ? { type: 'limited', value: this.quota.value ?? 0 } : { type: 'none' } })];
    }
    if (method === 'GET' && path === '/v2/bot/message/quota/consumption') {
      // setQuotaExceeded: pushes are refused with 429, and the consumption says the quota is used up.
      const used = () => (this.quotaExceeded && this.quota.type === 'limited' ? (this.quota.value ?? 0) : (this.quota.used ?? 0) + this.pushes.length);
      return ['quotaConsumption', () => ({ status: 200, json: { totalUsage: used() } })];
    }
    if (method === 'POST' && path === '/v2/bot/chat/markAsRead') return ['markAsRead', () => this.markAsRead(body)];
    if (method === 'POST' && path === '/v2/bot/chat/loading/start') return ['loading', () => this.loading(body)];
    const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
    if (method === 'GET' && profile) return ['profile', () => this.profile(decodeURIComponent(profile[1]!))];
    return undefined;
  }

  private dataRoute(method: string, path: string): [LineRoute, () => Reply] | undefined {
    const match = /^(?:\/data)?\/v2\/bot\/message\/([^/]+)\/content(\/transcoding)?$/.exec(path);
    if (method !== 'GET' || !match) return undefined;
    const id = decodeURIComponent(match[1]!);
    if (match[2]) {
      return [
        'transcoding',
        () => {
          const status = this.transcodings.get(id) ?? (this.contents.has(id) ? 'succeeded' : undefined);
          return status ? { status: 200, json: { status } } : notFound();
        },
      ];
    }
    return [
      'content',
      () => {
        const content = this.contents.get(id);
        return content ? { status: 200, bytes: { body: content.body, contentType: content.contentType } } : notFound();
      },
    ];
  }

  /** `PUT /v2/bot/channel/webhook/endpoint`: an https:// URL (http:// on loopback here) of at most 500 characters. */
  private putWebhookEndpoint(body: unknown): Reply {
    const endpoint = (body as { endpoint?: unknown } | undefined)?.endpoint;
    if (typeof endpoint !== 'string' || !this.validEndpoint(endpoint)) {
      return { status: 400, json: { message: 'Invalid webhook endpoint URL' } };
    }
    this.webhook = { ...this.webhook, endpoint };
    return { status: 200, json: {} };
  }

  private validEndpoint(endpoint: string): boolean {
    if (endpoint.length === 0 || endpoint.length > 500) return false;
    try {
      const url = new URL(endpoint);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
    } catch {
      return false;
    }
  }

  /** `POST /v2/bot/channel/webhook/test`: LINE posts a webhook without events to the endpoint (the given one, else the channel's) and says how it went. */
  private async testWebhook(body: unknown): Promise<Reply> {
    const given = (body as { endpoint?: unknown } | undefined)?.endpoint;
    const endpoint = typeof given === 'string' ? given : this.webhook.endpoint;
    if (typeof given === 'string' && !this.validEndpoint(given)) return { status: 400, json: { message: 'Invalid webhook endpoint URL' } };
    if (endpoint === '') return { status: 400, json: { message: 'Webhook endpoint is not set' } };
    const timestamp = new Date().toISOString();
    const result = (statusCode: number, reason: WebhookTestResult['reason'], detail: string): WebhookTestResult => ({
      success: reason === 'OK',
      timestamp,
      statusCode,
      reason,
      detail,
    });
    let outcome: WebhookTestResult;
    if (!isLoopback(new URL(endpoint).hostname)) {
      outcome = result(0, 'COULD_NOT_CONNECT', `Connection failed: ${endpoint}`);
    } else {
      const raw = JSON.stringify({ destination: BOT_USER_ID, events: [] });
      const signature = createHmac('sha256', this.channelSecret ?? '')
        .update(raw)
        .digest('base64');
      try {
        const answer = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature, 'user-agent': 'LineBotWebhook/2.0' },
          body: raw,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        await answer.arrayBuffer();
        outcome = answer.ok ? result(answer.status, 'OK', String(answer.status)) : result(answer.status, 'ERROR_STATUS_CODE', String(answer.status));
      } catch (error) {
        outcome =
          (error as Error).name === 'TimeoutError'
            ? result(0, 'REQUEST_TIMEOUT', 'Request timeout')
            : result(0, 'COULD_NOT_CONNECT', `Connection failed: ${endpoint}`);
      }
    }
    this.webhookTests.push({ endpoint, result: outcome });
    return { status: 200, json: outcome };
  }

  private sentMessages(count: number): SentMessage[] {
    return Array.from({ length: count }, () => {
      const id = `5${String(++this.counter).padStart(17, '0')}`;
      return { id, quoteToken: `q${id}` };
    });
  }

  private push(body: unknown, retryKey: string | undefined): Reply {
    if (retryKey !== undefined) {
      if (!UUID.test(retryKey)) return badRequest("The value for the 'X-Line-Retry-Key' header is invalid");
      const accepted = this.acceptedRetryKeys.get(retryKey);
      if (accepted) {
        return {
          status: 409,
          json: { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
          headers: { 'x-line-accepted-request-id': accepted.requestId },
        };
      }
    }
    const request = (typeof body === 'object' && body !== null ? body : {}) as { to?: unknown; messages?: unknown; notificationDisabled?: unknown };
    if (typeof request.to !== 'string' || request.to === '') {
      return { status: 400, json: { message: 'The request body has 1 error(s)', details: [{ message: 'May not be empty', property: 'to' }] } };
    }
    const invalid = messagesError(request.messages);
    if (invalid) return invalid;
    if (this.quotaExceeded) return { status: 429, json: { message: 'You have reached your monthly limit.' } };
    if (this.blocked.has(request.to)) return badRequest('Failed to send messages');

    const messages = request.messages as LineMessage[];
    const push: LinePush = {
      to: request.to,
      messages,
      ...(typeof request.notificationDisabled === 'boolean' ? { notificationDisabled: request.notificationDisabled } : {}),
      ...(retryKey !== undefined ? { retryKey } : {}),
      requestId: randomUUID(),
      sentMessages: this.sentMessages(messages.length),
      at: Date.now(),
    };
    this.pushes.push(push);
    if (retryKey !== undefined) this.acceptedRetryKeys.set(retryKey, push);
    return { status: 200, json: { sentMessages: push.sentMessages }, headers: { 'x-line-request-id': push.requestId } };
  }

  private reply(body: unknown): Reply {
    const request = (typeof body === 'object' && body !== null ? body : {}) as { replyToken?: unknown; messages?: unknown };
    const token = request.replyToken;
    if (typeof token !== 'string' || token === '' || token.startsWith('expired') || this.usedReplyTokens.has(token)) {
      return badRequest('Invalid reply token');
    }
    const issuedAt = this.issuedReplyTokens.get(token);
    if (issuedAt !== undefined && this.clock() - issuedAt > REPLY_TOKEN_LIFETIME_MS) {
      this.staleReplyTokens.push(token);
      return badRequest('Invalid reply token');
    }
    const invalid = messagesError(request.messages);
    if (invalid) return invalid;
    const messages = request.messages as LineMessage[];
    this.usedReplyTokens.add(token);
    this.replies.push({ replyToken: token, messages, at: Date.now() });
    return { status: 200, json: { sentMessages: this.sentMessages(messages.length) } };
  }

  /** `POST /v2/bot/chat/markAsRead`: a token LINE issued with a message event (400 otherwise). */
  private markAsRead(body: unknown): Reply {
    const token = (body as { markAsReadToken?: unknown } | undefined)?.markAsReadToken;
    if (typeof token !== 'string' || !this.issuedReadTokens.has(token)) return badRequest('Invalid markAsReadToken');
    this.readMarks.push({ markAsReadToken: token, at: Date.now() });
    return { status: 200, json: {} };
  }

  /** `POST /v2/bot/chat/loading/start`: a user's chat, 5..60 seconds in steps of 5. */
  private loading(body: unknown): Reply {
    const request = (typeof body === 'object' && body !== null ? body : {}) as { chatId?: unknown; loadingSeconds?: unknown };
    const seconds = request.loadingSeconds ?? 20;
    if (typeof request.chatId !== 'string' || !request.chatId.startsWith('U')) return badRequest('Invalid chatId');
    if (typeof seconds !== 'number' || seconds < 5 || seconds > 60 || seconds % 5 !== 0) return badRequest('Invalid loadingSeconds');
    this.loadings.push({ chatId: request.chatId, loadingSeconds: seconds, at: Date.now() });
    return { status: 202, json: {} };
  }

  private profile(userId: string): Reply {
    const profile = this.profiles.has(userId) ? this.profiles.get(userId) : { displayName: `LINE ${userId}` };
    if (!profile) return notFound();
    return { status: 200, json: { userId, ...profile, language: 'ja' } };
  }
}

function answerFault(res: ServerResponse, fault: LineFault): void {
  if (fault.drop) return dropConnection(res);
  const status = fault.status ?? 500;
  const body = fault.body ?? (status === 429 ? { message: 'Too many requests' } : status >= 500 ? { message: 'Internal server error' } : { message: 'Error' });
  const headers: Record<string, string> = { 'x-line-request-id': randomUUID() };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  sendJson(res, status, body, headers);
}

/** Starts a fake LINE Messaging API (messaging and data listeners) on 127.0.0.1 (free ports). */
export function startFakeLine(options: { clock?: () => number } = {}): Promise<FakeLine> {
  return FakeLine.start(options);
}
