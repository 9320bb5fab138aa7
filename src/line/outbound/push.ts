import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { splitText } from '../../core/conversation/split-text.js';
import type { PushOutcome } from '../../core/ports/line-side.js';
import type { LineClients } from '../client.js';
import { monthlyQuotaReached } from './quota.js';
import { retryKeyFor } from './retry-key.js';

/** LINE: at most 5,000 UTF-16 code units per text message, at most 5 messages per request. */
export const LINE_TEXT_MAX = 5000;
export const LINE_MESSAGES_PER_REQUEST = 5;

/** Groups items into batches of at most `size`. */
function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Pushes a staff text: split as LINE needs, each request with an X-Line-Retry-Key made from `key`
 * and the request's index, so that a retry of any of them is accepted once (409: already accepted,
 * which counts as sent). Requests before `from` were accepted by an earlier attempt. What LINE refuses
 * is classified by its status (and, for a 429, by asking LINE whether the monthly quota is used up),
 * never by its message text.
 */
export async function pushTexts(
  line: LineClients,
  to: string,
  text: string,
  key: string,
  from: number,
  accepted: (done: number) => Promise<void>,
): Promise<PushOutcome> {
  const messages: messagingApi.Message[] = splitText(text, LINE_TEXT_MAX).map((t) => ({ type: 'text', text: t }));
  const requests = chunk(messages, LINE_MESSAGES_PER_REQUEST);
  for (const [i, batch] of requests.entries()) {
    if (i < from) continue;
    try {
      await line.messaging.pushMessage({ to, messages: batch }, retryKeyFor(`${key}:${i}`));
    } catch (error) {
      if (!(error instanceof HTTPFetchError)) throw error;
      if (error.status !== 409) return classify(line, error.status);
    }
    await accepted(i + 1);
  }
  return { ok: true };
}

async function classify(line: LineClients, status: number): Promise<PushOutcome> {
  if (status === 429)
    return (await monthlyQuotaReached(line)) ? { ok: false, reason: 'quota', retryable: false } : { ok: false, reason: 'other', retryable: true };
  if (status === 400 || status === 403 || status === 404) return { ok: false, reason: 'invalid', retryable: false };
  return { ok: false, reason: 'other', retryable: true };
}
