import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { parseJson, sendBytes, sendJson, type StandinRequest } from '../platform-http.js';
import type { LineMessageObject } from '../shared/line-types.js';
import { REPLY_TOKEN_TTL_MS, type LineAccount } from './account.js';

interface Answer {
  status: number;
  json?: unknown;
  bytes?: { body: Buffer; contentType: string };
  headers?: Record<string, string>;
}

type Route = { name: string; run: () => Answer };

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'location', 'sticker', 'template', 'imagemap', 'flex'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (): Answer => ({ status: 404, json: { message: 'Not found' } });
const badRequest = (message: string, details?: Array<{ message: string; property: string }>): Answer => ({
  status: 400,
  json: details ? { message, details } : { message },
});

/** The routes the stand-in implements, as LINE's reference names them (the "no catch-all" test compares against these). */
export const LINE_ROUTES = {
  messaging: [
    'POST /v2/bot/message/reply',
    'POST /v2/bot/message/push',
    'GET /v2/bot/profile/{userId}',
    'GET /v2/bot/info',
    'GET /v2/bot/message/quota',
    'GET /v2/bot/message/quota/consumption',
    'POST /v2/bot/chat/loading/start',
  ],
  data: ['GET /v2/bot/message/{messageId}/content', 'GET /v2/bot/message/{messageId}/content/transcoding'],
} as const;

/** LINE's validation of a message array: 1 to 5 objects of a known type; text 1 to 5,000 UTF-16 code units. */
function messagesError(messages: unknown): Answer | undefined {
  const details: Array<{ message: string; property: string }> = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    details.push({ message: 'Size must be between 1 and 5', property: 'messages' });
  } else {
    messages.forEach((m: unknown, i) => {
      const message = m as Record<string, unknown> | null;
      if (typeof message !== 'object' || message === null || !MESSAGE_TYPES.includes(String(message.type))) {
        details.push({ message: `Must be one of the following values: [${MESSAGE_TYPES.join(', ')}]`, property: `messages[${i}].type` });
      } else if (message.type === 'text') {
        const text = message.text;
        if (typeof text !== 'string' || text.length === 0) details.push({ message: 'May not be empty', property: `messages[${i}].text` });
        else if (text.length > 5000) details.push({ message: 'Length must be between 0 and 5000', property: `messages[${i}].text` });
      } else if ((message.type === 'template' || message.type === 'flex') && typeof message.altText !== 'string') {
        details.push({ message: 'May not be empty', property: `messages[${i}].altText` });
      }
    });
  }
  return details.length ? badRequest(`The request body has ${details.length} error(s)`, details) : undefined;
}

/**
 * LINE's Messaging API (api.line.me) and its data API (api-data.line.me) as two handlers, to be served
 * on two origins as LINE does: a client pointed at the wrong one gets 404s.
 */
export function lineMessagingApi(account: LineAccount, o: { channelAccessToken: string }) {
  const handle =
    (api: 'messaging' | 'data') =>
    async (req: StandinRequest, res: ServerResponse): Promise<void> => {
      const path = req.url.pathname;
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
      const route = api === 'messaging' ? messagingRoute(account, req) : dataRoute(account, req);
      let answer: Answer;
      if (!token || token !== o.channelAccessToken)
        answer = { status: 401, json: { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' } };
      else answer = route ? route.run() : notFound();
      account.recordCall({ api, route: route?.name ?? `${req.method} ${path}`, status: answer.status, at: account.realNow() });
      const headers = { 'x-line-request-id': randomUUID(), ...answer.headers };
      if (answer.bytes) sendBytes(res, answer.status, answer.bytes.body, answer.bytes.contentType, headers);
      else sendJson(res, answer.status, answer.json ?? {}, headers);
    };
  return { messaging: handle('messaging'), data: handle('data') };
}

function messagingRoute(account: LineAccount, req: StandinRequest): Route | undefined {
  const path = req.url.pathname;
  if (req.method === 'POST' && path === '/v2/bot/message/reply') return { name: 'POST /v2/bot/message/reply', run: () => reply(account, parseJson(req.body)) };
  if (req.method === 'POST' && path === '/v2/bot/message/push') {
    const key = req.headers['x-line-retry-key'];
    return { name: 'POST /v2/bot/message/push', run: () => push(account, parseJson(req.body), typeof key === 'string' ? key : undefined) };
  }
  if (req.method === 'GET' && path === '/v2/bot/info') {
    return {
      name: 'GET /v2/bot/info',
      run: () => ({ status: 200, json: { ...account.state.bot, chatMode: 'bot', markAsReadMode: 'auto' } }),
    };
  }
  // The free plan's 200 messages a month; what counts is what the account pushed (replies are free).
  if (req.method === 'GET' && path === '/v2/bot/message/quota')
    return { name: 'GET /v2/bot/message/quota', run: () => ({ status: 200, json: { type: 'limited', value: 200 } }) };
  if (req.method === 'GET' && path === '/v2/bot/message/quota/consumption') {
    return {
      name: 'GET /v2/bot/message/quota/consumption',
      run: () => ({
        status: 200,
        json: {
          totalUsage: Object.values(account.state.chats)
            .flat()
            .filter((item) => item.from === 'bot' && item.via === 'push').length,
        },
      }),
    };
  }
  if (req.method === 'POST' && path === '/v2/bot/chat/loading/start') {
    return {
      name: 'POST /v2/bot/chat/loading/start',
      run: () => {
        const request = (parseJson(req.body) ?? {}) as { chatId?: unknown; loadingSeconds?: unknown };
        const seconds = request.loadingSeconds ?? 20;
        if (typeof request.chatId !== 'string' || typeof seconds !== 'number' || seconds < 5 || seconds > 60 || seconds % 5 !== 0)
          return badRequest('Invalid request');
        return { status: 202, json: {} };
      },
    };
  }
  const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && profile) {
    return {
      name: 'GET /v2/bot/profile/{userId}',
      run: () => {
        const phone = account.phone(decodeURIComponent(profile[1]!));
        // Profiles are available only for people who are friends of the account.
        if (!phone || phone.friendship !== 'friend') return notFound();
        return { status: 200, json: { userId: phone.userId, displayName: phone.displayName, language: 'ja' } };
      },
    };
  }
  return undefined;
}

function dataRoute(account: LineAccount, req: StandinRequest): Route | undefined {
  const match = /^\/v2\/bot\/message\/([^/]+)\/content(\/transcoding)?$/.exec(req.url.pathname);
  if (req.method !== 'GET' || !match) return undefined;
  const id = decodeURIComponent(match[1]!);
  const content = account.state.contents[id];
  if (match[2]) {
    return { name: 'GET /v2/bot/message/{messageId}/content/transcoding', run: () => (content ? { status: 200, json: { status: 'succeeded' } } : notFound()) };
  }
  return {
    name: 'GET /v2/bot/message/{messageId}/content',
    run: () => {
      const bytes = content ? account.samples.read(content.sample) : undefined;
      return content && bytes ? { status: 200, bytes: { body: bytes, contentType: content.contentType } } : notFound();
    },
  };
}

function reply(account: LineAccount, body: unknown): Answer {
  const request = (typeof body === 'object' && body !== null ? body : {}) as { replyToken?: unknown; messages?: unknown };
  const token = typeof request.replyToken === 'string' ? account.replyTokens.get(request.replyToken) : undefined;
  const invalid = messagesError(request.messages);
  if (invalid) return invalid;
  if (!token || token.used || account.realNow() - token.at > REPLY_TOKEN_TTL_MS) return badRequest('Invalid reply token');
  token.used = true;
  const phone = account.phone(token.userId);
  if (!phone || phone.friendship === 'blocked') return { status: 200, json: { sentMessages: [] } };
  return { status: 200, json: { sentMessages: account.deliverToPhone(phone.userId, request.messages as LineMessageObject[], 'reply') } };
}

function push(account: LineAccount, body: unknown, retryKey: string | undefined): Answer {
  if (retryKey !== undefined) {
    if (!UUID.test(retryKey)) return badRequest("The value for the 'X-Line-Retry-Key' header is invalid");
    const accepted = account.retryKeys.get(retryKey);
    if (accepted) {
      return {
        status: 409,
        json: { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
        headers: { 'x-line-accepted-request-id': accepted.requestId },
      };
    }
  }
  const request = (typeof body === 'object' && body !== null ? body : {}) as { to?: unknown; messages?: unknown };
  if (typeof request.to !== 'string' || request.to === '')
    return badRequest('The request body has 1 error(s)', [{ message: 'May not be empty', property: 'to' }]);
  const invalid = messagesError(request.messages);
  if (invalid) return invalid;
  const phone = account.phone(request.to);
  if (!phone || phone.friendship !== 'friend') return badRequest('Failed to send messages');
  const requestId = randomUUID();
  const sentMessages = account.deliverToPhone(phone.userId, request.messages as LineMessageObject[], 'push');
  if (retryKey !== undefined) account.retryKeys.set(retryKey, { requestId, sentMessages, at: account.realNow() });
  return { status: 200, json: { sentMessages }, headers: { 'x-line-request-id': requestId } };
}
