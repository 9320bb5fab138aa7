import { messagingApi } from '@line/bot-sdk';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyLineAccount, LineAccount } from '../../../src/sandbox/line-standin/account.js';
import { lineMessagingApi } from '../../../src/sandbox/line-standin/messaging-api.js';
import { LinePhones } from '../../../src/sandbox/line-standin/phones.js';
import { listen, type Listener } from '../../../src/sandbox/platform-http.js';
import { slackWebApi } from '../../../src/sandbox/slack-standin/web-api.js';
import { emptyWorkspace, MemoryFileBytes, SlackWorkspace } from '../../../src/sandbox/slack-standin/workspace.js';
import { setUpWorkspace } from '../../../src/sandbox/workspace-setup.js';

/** The stand-ins without the page: their cores take a clock and a store, and answer as the platforms do. */
describe("the demo's stand-ins of Slack and LINE", () => {
  const listeners: Listener[] = [];
  afterEach(async () => {
    for (const l of listeners.splice(0)) await l.close();
  });

  it('Slack: real methods with real answers through the official client; unknown methods answer unknown_method and are recorded', async () => {
    const at = Date.parse('2026-12-01T01:00:00Z');
    const ws = new SlackWorkspace(emptyWorkspace(), () => at, new MemoryFileBytes());
    setUpWorkspace(ws);
    const api = await listen((req, res) => slackWebApi(ws, { token: 'xoxb-t', origin: () => api.origin })(req, res), { host: '127.0.0.1', port: 0 });
    listeners.push(api);
    const client = new webApi.WebClient('xoxb-t', { slackApiUrl: `${api.origin}/api/`, retryConfig: { retries: 0 } });

    const posted = await client.chat.postMessage({ channel: 'C0SHIEN', text: '*テスト*' });
    expect(posted.ts).toBe('1796086800.000000');
    expect(ws.liveMessage('C0SHIEN', posted.ts)?.text).toBe('*テスト*');
    await expect(client.chat.postMessage({ channel: 'C0ZATSUDAN', text: 'x' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(client.apiCall('chat.scheduleMessage', { channel: 'C0SHIEN', text: 'x', post_at: 1 })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    await expect(new webApi.WebClient('xoxb-wrong', { slackApiUrl: `${api.origin}/api/`, retryConfig: { retries: 0 } }).auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });

    const upload = await client.filesUploadV2({ channel_id: 'C0SHIEN', thread_ts: posted.ts!, file: Buffer.from('a,b\n'), filename: 'x.csv' });
    expect(upload.ok).toBe(true);
    expect(ws.state.messages.find((m) => m.threadTs === posted.ts)?.files).toHaveLength(1);
    expect(ws.calls.map((c) => [c.method, c.error ?? 'ok'])).toEqual([
      ['chat.postMessage', 'ok'],
      ['chat.postMessage', 'not_in_channel'],
      ['chat.scheduleMessage', 'unknown_method'],
      ['auth.test', 'invalid_auth'],
      ['files.getUploadURLExternal', 'ok'],
      ['files.completeUploadExternal', 'ok'],
    ]);
  });

  it('LINE: push and profile through the official client for a friend only; retry keys answer 409; unknown routes 404, recorded', async () => {
    const account = new LineAccount(emptyLineAccount(), () => Date.parse('2026-12-01T01:00:00Z'), { read: () => undefined });
    const handlers = lineMessagingApi(account, { channelAccessToken: 'line-t' });
    const api = await listen(handlers.messaging, { host: '127.0.0.1', port: 0 });
    listeners.push(api);
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: 'line-t', baseURL: api.origin });
    const phones = new LinePhones(account, () => undefined);
    const phone = phones.addPhone({ displayName: '山田 和子', persona: '母', color: '#e76f51' });

    await expect(client.pushMessage({ to: phone.userId, messages: [{ type: 'text', text: 'こんにちは' }] })).rejects.toMatchObject({ status: 400 });
    await phones.follow(phone.userId); // no webhook endpoint: the friendship changes, nothing is sent
    const key = '123e4567-e89b-42d3-a456-426614174000';
    await client.pushMessage({ to: phone.userId, messages: [{ type: 'text', text: 'こんにちは' }] }, key);
    await expect(client.pushMessage({ to: phone.userId, messages: [{ type: 'text', text: 'こんにちは' }] }, key)).rejects.toMatchObject({ status: 409 });
    expect(account.chat(phone.userId).map((m) => m.message.text)).toEqual(['こんにちは']);
    expect((await client.getProfile(phone.userId)).displayName).toBe('山田 和子');
    expect((await fetch(`${api.origin}/v2/bot/message/multicast`, { method: 'POST', headers: { authorization: 'Bearer line-t' } })).status).toBe(404);
    expect(account.calls.map((c) => [c.route, c.status])).toEqual([
      ['POST /v2/bot/message/push', 400],
      ['POST /v2/bot/message/push', 200],
      ['POST /v2/bot/message/push', 409],
      ['GET /v2/bot/profile/{userId}', 200],
      ['POST /v2/bot/message/multicast', 404],
    ]);
    // The monthly quota counts what was pushed; the loading animation is taken for 5..60 seconds.
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 200 });
    expect((await client.getMessageQuotaConsumption()).totalUsage).toBe(1);
    await client.showLoadingAnimation({ chatId: phone.userId, loadingSeconds: 10 });
    await expect(client.showLoadingAnimation({ chatId: phone.userId, loadingSeconds: 61 })).rejects.toMatchObject({ status: 400 });
  });
});
