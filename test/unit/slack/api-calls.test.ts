import { describe, expect, it } from 'vitest';
import { countingFetch } from '../../../src/slack/api-calls.js';

const API = 'http://127.0.0.1:9/api/';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** What Slack answers, as the status a call is counted with (method and status only, nothing of the call's arguments). */
describe('countingFetch', () => {
  const run = async (answer: () => Promise<Response>, url = `${API}chat.postMessage`) => {
    const counted: Array<[string, string]> = [];
    const fetchFn = countingFetch(API, (method, status) => counted.push([method, status]), answer as unknown as typeof fetch);
    const result = await fetchFn(url, { method: 'POST', body: 'text=%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF' }).then(
      (r) => r,
      (e: unknown) => e,
    );
    return { counted, result };
  };

  it('counts ok, Slack’s error code, a non-200 status, and hands the answer on unread', async () => {
    const ok = await run(async () => json(200, { ok: true, ts: '1.2' }));
    expect(ok.counted).toEqual([['chat.postMessage', 'ok']]);
    expect(await (ok.result as Response).json()).toEqual({ ok: true, ts: '1.2' });
    expect((await run(async () => json(200, { ok: false, error: 'channel_not_found' }))).counted).toEqual([['chat.postMessage', 'channel_not_found']]);
    expect((await run(async () => json(429, { ok: false, error: 'ratelimited' }))).counted).toEqual([['chat.postMessage', '429']]);
    expect((await run(async () => json(503, {}))).counted).toEqual([['chat.postMessage', '503']]);
  });

  it('counts an error that is not one of Slack’s words as `error`, and a body that is not JSON as `invalid_response`', async () => {
    expect((await run(async () => json(200, { ok: false, error: 'Hello 山田さん' }))).counted).toEqual([['chat.postMessage', 'error']]);
    expect((await run(async () => new Response('{not json', { status: 200, headers: { 'content-type': 'application/json' } }))).counted).toEqual([
      ['chat.postMessage', 'invalid_response'],
    ]);
  });

  it('counts a timeout and a connection failure as such, and rethrows them', async () => {
    const timeout = await run(async () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')));
    expect(timeout.counted).toEqual([['chat.postMessage', 'timeout']]);
    expect((timeout.result as Error).name).toBe('TimeoutError');
    const refused = await run(async () => Promise.reject(new TypeError('fetch failed')));
    expect(refused.counted).toEqual([['chat.postMessage', 'network_error']]);
    expect(refused.result).toBeInstanceOf(TypeError);
  });

  it('names the method from the URL only: a URL outside the API (a response_url) or a strange path is not a label', async () => {
    expect((await run(async () => json(200, { ok: true }), 'http://127.0.0.1:9/response/T1/123/abc')).counted).toEqual([['external_url', 'ok']]);
    expect((await run(async () => json(200, { ok: true }), `${API}chat.postMessage?channel=C1`)).counted).toEqual([['chat.postMessage', 'ok']]);
    expect((await run(async () => json(200, { ok: true }), `${API}U123/../x`)).counted).toEqual([['other', 'ok']]);
  });
});
