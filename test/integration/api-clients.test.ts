import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('API clients follow SLACK_API_URL, LINE_API_BASE_URL and LINE_DATA_API_BASE_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checked the Slack token at start (auth.test) against the fake', () => {
    expect(t.slack.calls.some((c) => c.method === 'auth.test')).toBe(true);
  });

  it('posts to Slack through SLACK_API_URL', async () => {
    const res = await t.app.slack.client.chat.postMessage({ channel: 'C_TEAM', text: 'テスト投稿' });
    expect(res.ok).toBe(true);
    expect(t.slack.channelMessages('C_TEAM').map((m) => m.text)).toContain('テスト投稿');
  });

  it('pushes to LINE through LINE_API_BASE_URL with a retry key', async () => {
    const key = randomUUID();
    await t.app.line.messaging.pushMessage({ to: 'U_family', messages: [{ type: 'text', text: 'お知らせです' }] }, key);
    expect(t.line.pushes).toHaveLength(1);
    expect(t.line.pushes[0]).toMatchObject({ to: 'U_family', retryKey: key });
  });

  it('downloads content through LINE_DATA_API_BASE_URL', async () => {
    t.line.setContent('4711', { body: Buffer.from([1, 2, 3, 4]), contentType: 'image/jpeg' });
    const stream = await t.app.line.blob.getMessageContent('4711');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks)).toEqual(Buffer.from([1, 2, 3, 4]));
  });
});
