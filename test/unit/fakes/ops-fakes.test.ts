/**
 * Self-test of what the fakes answer to the operations commands (npm run doctor, line:webhook): Slack's
 * token check and granted scopes, LINE's webhook settings, its test call, and the monthly quota. Driven
 * by the real SDK clients.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPFetchError, messagingApi, validateSignature } from '@line/bot-sdk';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../src/slack/app-manifest.js';
import { startFakeLine, type FakeLine } from '../../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack-api.js';

describe('fake Slack: the token and its scopes', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await slack.close();
  });

  const authTest = (token: string) => fetch(`${slack.url}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('auth.test carries the granted scopes in x-oauth-scopes (by default every scope of the manifest)', async () => {
    const res = await authTest('xoxb-any');
    expect(res.headers.get('x-oauth-scopes')?.split(',').sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    slack.setGrantedScopes(['commands', 'chat:write']);
    const client = new webApi.WebClient('xoxb-any', { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR });
    expect((await client.auth.test()).response_metadata?.scopes).toEqual(['commands', 'chat:write']);
  });

  it('with setToken, any other token is invalid_auth', async () => {
    slack.setToken('xoxb-right');
    expect(await (await authTest('xoxb-wrong')).json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await (await authTest('xoxb-right')).json()).toMatchObject({ ok: true, user_id: 'UBOT' });
  });
});

describe('fake LINE: webhook settings, the test call, the quota', () => {
  let line: FakeLine;
  let client: messagingApi.MessagingApiClient;
  let bot: ReturnType<typeof createServer>;
  let botUrl: string;
  const received: Array<{ body: string; valid: boolean }> = [];
  let botStatus = 200;

  beforeAll(async () => {
    line = await startFakeLine();
    client = new messagingApi.MessagingApiClient({ channelAccessToken: 'token', baseURL: line.apiBaseUrl });
    bot = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ body, valid: validateSignature(body, 'secret', String(req.headers['x-line-signature'])) });
        res.writeHead(botStatus).end();
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/line/webhook`;
  });
  afterEach(() => {
    line.reset();
    received.length = 0;
    botStatus = 200;
  });
  afterAll(async () => {
    await line.close();
    await new Promise((resolve) => bot.close(resolve));
  });

  it('sets and reads the webhook endpoint; refuses what LINE refuses', async () => {
    expect(await client.getWebhookEndpoint()).toEqual({ endpoint: '', active: true });
    await client.setWebhookEndpoint({ endpoint: 'https://tsunagi.example.jp/line/webhook' });
    expect(await client.getWebhookEndpoint()).toEqual({ endpoint: 'https://tsunagi.example.jp/line/webhook', active: true });
    for (const endpoint of ['http://tsunagi.example.jp/line/webhook', 'not a url', '']) {
      const error = await client.setWebhookEndpoint({ endpoint }).catch((e: unknown) => e);
      expect(error, endpoint).toBeInstanceOf(HTTPFetchError);
      expect((error as HTTPFetchError).status).toBe(400);
    }
    line.setWebhook({ active: false });
    expect(await client.getWebhookEndpoint()).toEqual({ endpoint: 'https://tsunagi.example.jp/line/webhook', active: false });
  });

  it("LINE's test call posts a signed webhook without events and reports the endpoint's answer", async () => {
    line.setChannelSecret('secret');
    line.setWebhook({ endpoint: botUrl });
    expect(await client.testWebhookEndpoint({})).toMatchObject({ success: true, statusCode: 200, reason: 'OK', detail: '200' });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toEqual({ destination: 'Ubot', events: [] });
    expect(received[0]!.valid).toBe(true);

    botStatus = 401;
    expect(await client.testWebhookEndpoint({ endpoint: botUrl })).toMatchObject({ success: false, statusCode: 401, reason: 'ERROR_STATUS_CODE' });
    // Nothing listens there; another host is never contacted.
    expect(await client.testWebhookEndpoint({ endpoint: 'http://127.0.0.1:1/line/webhook' })).toMatchObject({ success: false, reason: 'COULD_NOT_CONNECT' });
    expect(await client.testWebhookEndpoint({ endpoint: 'https://tsunagi.example.jp/line/webhook' })).toMatchObject({
      success: false,
      reason: 'COULD_NOT_CONNECT',
    });
    expect(line.webhookTests.map((t) => t.result.reason)).toEqual(['OK', 'ERROR_STATUS_CODE', 'COULD_NOT_CONNECT', 'COULD_NOT_CONNECT']);
    expect(received).toHaveLength(2);
  });

  it('answers the monthly quota and its consumption (pushes count one per request)', async () => {
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 200 });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 0 });
    await client.pushMessage({
      to: 'U1',
      messages: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 1 });
    line.setQuota({ type: 'limited', value: 5000, used: 4990 });
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 5000 });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 4991 });
    line.setQuota({ type: 'none' });
    expect(await client.getMessageQuota()).toEqual({ type: 'none' });
  });

  it('with setToken, any other token answers 401', async () => {
    line.setToken('right');
    const error = await client.getBotInfo().catch((e: unknown) => e);
    expect((error as HTTPFetchError).status).toBe(401);
  });
});
