import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/free-port.js';
import { runCli } from '../helpers/cli.js';
import { startTestApp, TEST_SECRETS, type TestApp } from '../helpers/test-app.js';

/** `npm run line:webhook` against the fake LINE, whose test call reaches the running server. */
describe('npm run line:webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    t.line.reset();
  });
  afterAll(async () => {
    await t?.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    LINE_CHANNEL_ACCESS_TOKEN: TEST_SECRETS.LINE_CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: t.line.apiBaseUrl,
    PUBLIC_URL: t.baseUrl,
    ...extra,
  });

  it("sets LINE's webhook URL to PUBLIC_URL/line/webhook and LINE's test call reaches Tsunagi (exit code 0)", async () => {
    t.line.setChannelSecret(TEST_SECRETS.LINE_CHANNEL_SECRET);
    expect(t.line.webhookSettings.endpoint).toBe('');
    const run = await runCli('line-webhook', env());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(t.line.webhookSettings).toEqual({ endpoint: `${t.baseUrl}/line/webhook`, active: true });
    expect(t.line.webhookTests).toEqual([{ endpoint: `${t.baseUrl}/line/webhook`, result: expect.objectContaining({ success: true, statusCode: 200 }) }]);
    expect(run.stdout).toContain(`✓ LINE の Webhook URL を ${t.baseUrl}/line/webhook に設定しました`);
    expect(run.stdout).toContain(`✓ LINE から ${t.baseUrl}/line/webhook に届き、200 で応答しました`);
    expect(run.stdout).toContain('完了しました。LINE のメッセージは Tsunagi に届きます。');
  });

  it('a secret that does not match: the URL is set, the test call fails with 401 and the fix names LINE_CHANNEL_SECRET (in English)', async () => {
    t.line.setChannelSecret('the-secret-of-another-channel');
    const run = await runCli('line-webhook', env({ STAFF_LANGUAGE: 'en' }));
    expect(run.code).toBe(1);
    expect(t.line.webhookSettings.endpoint).toBe(`${t.baseUrl}/line/webhook`);
    expect(run.stdout).toContain(`✗ LINE could not deliver to ${t.baseUrl}/line/webhook (ERROR_STATUS_CODE: 401)`);
    expect(run.stdout).toContain('    fix: The signature does not match. Make LINE_CHANNEL_SECRET in .env the channel secret');
  });

  it('nothing answering at PUBLIC_URL: COULD_NOT_CONNECT with what to check', async () => {
    t.line.setChannelSecret(TEST_SECRETS.LINE_CHANNEL_SECRET);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli('line-webhook', env({ PUBLIC_URL: nobody }));
    expect(run.code).toBe(1);
    expect(t.line.webhookSettings.endpoint).toBe(`${nobody}/line/webhook`);
    expect(run.stdout).toContain(`✗ LINE から ${nobody}/line/webhook への送信が失敗しました（COULD_NOT_CONNECT`);
    expect(run.stdout).toContain('直し方: LINE がこのアドレスに接続できません。Tsunagi が動いているか');
  });

  it('"Use webhook" off at LINE: said, with where to turn it on', async () => {
    t.line.setChannelSecret(TEST_SECRETS.LINE_CHANNEL_SECRET);
    t.line.setWebhook({ active: false });
    const run = await runCli('line-webhook', env());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ LINE の「Webhook の利用」がオフです');
    expect(run.stdout).toContain('直し方: LINE Developers コンソール > チャネル > Messaging API 設定 >「Webhook の利用」をオンにしてください。');
  });

  it('a token LINE does not accept, or no PUBLIC_URL: nothing is changed at LINE', async () => {
    t.line.setToken(TEST_SECRETS.LINE_CHANNEL_ACCESS_TOKEN);
    const wrong = await runCli('line-webhook', env({ LINE_CHANNEL_ACCESS_TOKEN: 'revoked' }));
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('✗ LINE がトークンを受け付けません（HTTP 401）。何も変更していません');
    expect(wrong.stdout).toContain('LINE_CHANNEL_ACCESS_TOKEN');

    expect(t.line.webhookSettings.endpoint).toBe(''); // the PUT was refused (401)

    const callsBefore = t.line.calls.length;
    const unset = await runCli('line-webhook', env({ PUBLIC_URL: '' }));
    expect(unset.code).toBe(78);
    expect(unset.stderr).toContain('PUBLIC_URL が設定されていません');
    expect(t.line.calls.length).toBe(callsBefore); // LINE was not even asked
  });
});
