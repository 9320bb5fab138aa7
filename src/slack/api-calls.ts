import type { webApi } from '@slack/bolt';

/**
 * Counts one call of Slack's Web API (for /metrics): the method (`chat.postMessage`) and how it
 * ended: `ok`; Slack's error code when it answered `ok: false` (`channel_not_found`, `ratelimited`);
 * the HTTP status when it was not 200 (`429`, `500`); `timeout` when no answer came in time;
 * `network_error` when none came at all. Never an argument of the call: no text, names or ids.
 */
export type SlackCallRecorder = (method: string, status: string) => void;

/** Slack's error codes are short snake_case words; anything else is counted as `error`. */
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;
const METHOD = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

/**
 * The fetch the Web API client (and Bolt's `respond`) calls with, counting every request at the
 * transport, so that each call is counted once whoever made it (a listener's client, the outbound
 * poster, Bolt's auth.test). The response is handed on untouched; its JSON is read from a copy.
 */
export function countingFetch(apiUrl: string, record: SlackCallRecorder, fetchFn: typeof fetch = globalThis.fetch): webApi.FetchFunction {
  return async (url, init) => {
    const href = String(url);
    const method = href.startsWith(apiUrl) ? methodOf(href.slice(apiUrl.length)) : 'external_url';
    let response: Response;
    try {
      response = await fetchFn(url, init as RequestInit);
    } catch (error) {
      record(method, failureOf(error));
      throw error;
    }
    record(method, await statusOf(response));
    return response;
  };
}

function methodOf(path: string): string {
  const name = path.split('?')[0] ?? '';
  return METHOD.test(name) ? name : 'other';
}

function failureOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error';
}

async function statusOf(response: Response): Promise<string> {
  if (response.status !== 200) return String(response.status);
  if (!(response.headers.get('content-type') ?? '').includes('json')) return 'ok';
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown } | null;
    if (body?.ok === true) return 'ok';
    return typeof body?.error === 'string' && ERROR_CODE.test(body.error) ? body.error : 'error';
  } catch (error) {
    // The client reads the same body and reports the failure itself; here it is only counted.
    return failureOf(error) === 'timeout' ? 'timeout' : 'invalid_response';
  }
}
