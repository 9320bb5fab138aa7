import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/app-manifest.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { createCase } from '../helpers/journey.js';
import { startTestApp, TEST_SECRETS, type TestApp } from '../helpers/test-app.js';

/**
 * `npm run doctor` as an administrator runs it: its own process, configured by the environment, while
 * Tsunagi runs (here the real server on a test database, with the fakes of Slack and LINE, which keep
 * what the doctor asked and make LINE's test call to the server).
 */
describe('npm run doctor', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await createCase(t, 'ハル', { channel: 'C_TEAM' });
  });
  afterEach(() => {
    t.slack.setToken(undefined);
    t.slack.setGrantedScopes(Object.keys(BOT_SCOPES));
    t.slack.setMembers('C_TEAM', ['U_STAFF', 'UBOT']);
    t.line.setQuota({ type: 'limited', value: 200, used: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** What an administrator's .env would hold for this installation, PUBLIC_URL being the server's address. */
  const env = (extra: Record<string, string> = {}): Record<string, string> => {
    const redisUrl = inject('redisUrl');
    return {
      ...TEST_SECRETS,
      SLACK_API_URL: t.slack.url,
      LINE_API_BASE_URL: t.line.apiBaseUrl,
      LINE_DATA_API_BASE_URL: t.line.dataApiBaseUrl,
      DATABASE_URL: t.database.url,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      PUBLIC_URL: t.baseUrl,
      ...extra,
    };
  };
  /** LINE as the admin left it after npm run line:webhook: the webhook at Tsunagi's address, in use, signing with the channel secret. */
  const lineConfigured = () => {
    t.line.setChannelSecret(TEST_SECRETS.LINE_CHANNEL_SECRET);
    t.line.setWebhook({ endpoint: `${t.baseUrl}/line/webhook`, active: true });
  };
  /** The printed line of the check titled `title` (with its fix lines under it). */
  const lineOf = (run: CliRun, title: string): string => {
    const lines = run.stdout.split('\n');
    const i = lines.findIndex((l) => / [^:]+:/.test(l) && l.slice(2).startsWith(`${title}:`));
    if (i < 0) throw new Error(`no line "${title}" in:\n${run.stdout}`);
    const fix = lines.slice(i + 1).filter((_, k, rest) => rest.slice(0, k + 1).every((l) => l.startsWith('    ')));
    return [lines[i], ...fix].join('\n');
  };
  const failed = (run: CliRun) => run.stdout.split('\n').filter((l) => l.startsWith('✗'));

  it('everything right: every check passes, LINE reached the running server, exit code 0', async () => {
    lineConfigured();
    const testsBefore = t.line.webhookTests.length;
    const run = await runCli('doctor', env());
    expect(failed(run), run.stdout).toEqual([]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(lineOf(run, '設定')).toBe('✓ 設定: 問題ありません');
    expect(lineOf(run, 'Slack トークン')).toBe('✓ Slack トークン: 有効です（ワークスペース「Test」、ボット @tsunagi）');
    expect(lineOf(run, 'Slack の権限')).toBe(`✓ Slack の権限: 必要な ${Object.keys(BOT_SCOPES).length} 個の権限がすべてあります`);
    expect(lineOf(run, 'ケースのチャンネル')).toBe('✓ ケースのチャンネル: 開いているケースのある 1 チャンネルすべてにボットが参加しています');
    expect(lineOf(run, 'LINE トークン')).toBe('✓ LINE トークン: 有効です（公式アカウント「つなぎ」@tsunagi）');
    expect(lineOf(run, 'LINE の Webhook URL')).toBe(`✓ LINE の Webhook URL: ${t.baseUrl}/line/webhook に設定されています`);
    expect(lineOf(run, 'LINE の Webhook の利用')).toBe('✓ LINE の Webhook の利用: オンです');
    expect(lineOf(run, 'LINE からの接続テスト')).toBe(`✓ LINE からの接続テスト: LINE から ${t.baseUrl}/line/webhook に届き、200 で応答しました`);
    expect(lineOf(run, 'LINE の今月の送信数')).toBe('✓ LINE の今月の送信数: 今月はあと 200 通送れます（上限 200 通）');
    expect(lineOf(run, 'データベース')).toMatch(/^✓ データベース: 接続できます（DATABASE_URL: 127\.0\.0\.1:\d+\/tsunagi_t_\w+）$/);
    expect(lineOf(run, 'データベースの版')).toMatch(/^✓ データベースの版: 最新です（\d+ 件のマイグレーション、最後は \w+）$/);
    // The machine's Redis in CI runs without persistence: a warning, never a failure.
    expect(lineOf(run, 'キュー')).toMatch(inject('redisUrl') ? /^[✓⚠] キュー: / : /^✓ キュー: Redis なし/);
    // A loopback address is not HTTPS: said, but not a failure (LINE's test call reached it).
    expect(lineOf(run, '公開アドレス (PUBLIC_URL)')).toMatch(/^⚠ 公開アドレス \(PUBLIC_URL\): http:\/\/127\.0\.0\.1:\d+ は https:\/\/ ではありません/);

    // LINE's test call really reached the server, signed, and the server answered 200.
    expect(t.line.webhookTests.slice(testsBefore)).toEqual([
      { endpoint: `${t.baseUrl}/line/webhook`, result: expect.objectContaining({ success: true, statusCode: 200, reason: 'OK' }) },
    ]);
    // The doctor asked Slack about the case's channel and read the token's scopes from auth.test.
    expect(t.slack.callsOf('conversations.info').map((c) => c.args.channel)).toContain('C_TEAM');
  });

  it('a wrong Slack token: ✗ with where to copy the right one, the checks that need it skipped, exit code 1', async () => {
    lineConfigured();
    t.slack.setToken(TEST_SECRETS.SLACK_BOT_TOKEN); // the app's token is the valid one; the .env holds another
    const run = await runCli('doctor', env({ SLACK_BOT_TOKEN: 'xoxb-revoked-token' }));
    expect(run.code).toBe(1);
    expect(lineOf(run, 'Slack トークン')).toBe(
      [
        '✗ Slack トークン: Slack がトークンを受け付けません（invalid_auth）',
        '    直し方: api.slack.com/apps で Tsunagi のアプリを開き、OAuth & Permissions の Bot User OAuth Token（xoxb- で始まる）をコピーして .env の SLACK_BOT_TOKEN に貼り、Tsunagi を再起動してください。アプリを再インストールするとトークンが変わります。',
      ].join('\n'),
    );
    expect(lineOf(run, 'Slack の権限')).toBe('– Slack の権限: Slack トークンが使えないため確認できません');
    expect(lineOf(run, 'ケースのチャンネル')).toBe('– ケースのチャンネル: Slack トークンが使えないため確認できません');
    expect(failed(run)).toHaveLength(1);
  });

  it('missing scopes: ✗ naming them, with how to reinstall the app from the generated manifest (in English with STAFF_LANGUAGE=en)', async () => {
    lineConfigured();
    t.slack.setGrantedScopes(Object.keys(BOT_SCOPES).filter((s) => s !== 'files:write' && s !== 'team:read'));
    const run = await runCli('doctor', env({ STAFF_LANGUAGE: 'en' }));
    expect(run.code).toBe(1);
    expect(lineOf(run, 'Slack scopes')).toBe(
      [
        '✗ Slack scopes: missing scopes: files:write, team:read',
        '    fix: Paste the output of npm run -s manifest into api.slack.com/apps > Tsunagi > App Manifest, save, and reinstall the app when Slack asks (put the new token into SLACK_BOT_TOKEN).',
      ].join('\n'),
    );
    expect(lineOf(run, 'Slack token')).toBe('✓ Slack token: valid (workspace "Test", bot @tsunagi)');
    expect(failed(run)).toHaveLength(1);
  });

  it("LINE's webhook URL pointing elsewhere: ✗ with both addresses and npm run line:webhook as the fix", async () => {
    lineConfigured();
    t.line.setWebhook({ endpoint: 'https://old-server.example.jp/line/webhook' });
    const run = await runCli('doctor', env());
    expect(run.code).toBe(1);
    expect(lineOf(run, 'LINE の Webhook URL')).toBe(
      [
        `✗ LINE の Webhook URL: https://old-server.example.jp/line/webhook を指しています（Tsunagi は ${t.baseUrl}/line/webhook）`,
        '    直し方: npm run line:webhook を実行して LINE の Webhook URL を Tsunagi のものに直してください。PUBLIC_URL が間違っている場合は先に .env を直してください。',
      ].join('\n'),
    );
    // LINE's own test call goes to Tsunagi's address: it would work once the URL is fixed.
    expect(lineOf(run, 'LINE からの接続テスト')).toMatch(/^✓ /);
    expect(failed(run)).toHaveLength(1);
  });

  it('an unreachable Redis: ✗ with what to check, exit code 1', async () => {
    lineConfigured();
    const run = await runCli('doctor', env({ REDIS_URL: 'redis://127.0.0.1:1' }));
    expect(run.code).toBe(1);
    expect(lineOf(run, 'キュー')).toBe(
      [
        '✗ キュー: Redis に接続できません（ECONNREFUSED）',
        '    直し方: REDIS_URL のホスト名・ポート・パスワードと、Redis が動いているか（docker compose ps、systemctl status redis）を確認してください。Redis を使わないなら REDIS_URL を空にしてください。',
      ].join('\n'),
    );
    expect(failed(run)).toHaveLength(1);
  });

  it('the bot not in a case channel, LINE webhooks off and the month’s quota used up: each ✗ with its fix', async () => {
    lineConfigured();
    t.slack.setMembers('C_TEAM', ['U_STAFF']);
    t.line.setWebhook({ active: false });
    t.line.setQuota({ type: 'limited', value: 200, used: 200 });
    const run = await runCli('doctor', env());
    expect(run.code).toBe(1);
    expect(lineOf(run, 'ケースのチャンネル')).toContain(
      '✗ ケースのチャンネル: ボットが参加していないチャンネルがあります: #team-C_TEAM (C_TEAM)\n    直し方: それぞれのチャンネルで /invite @tsunagi',
    );
    expect(lineOf(run, 'LINE の Webhook の利用')).toContain(
      '✗ LINE の Webhook の利用: 「Webhook の利用」がオフです。LINE のメッセージが Tsunagi に届きません\n    直し方: LINE Developers コンソール',
    );
    expect(lineOf(run, 'LINE の今月の送信数')).toContain(
      '✗ LINE の今月の送信数: 今月の上限（200 通）に達しました。スタッフの返信は LINE に届きません\n    直し方: LINE Official Account Manager',
    );
    expect(failed(run)).toHaveLength(3);
  });

  it('an invalid configuration: ✗ listing every problem as npm start would, the other checks still made', async () => {
    lineConfigured();
    const run = await runCli('doctor', env({ SLACK_SIGNING_SECRET: '', PORT: 'eighty' }));
    expect(run.code).toBe(1);
    expect(lineOf(run, '設定')).toBe(
      [
        '✗ 設定: 2 件の問題があり、このままでは起動できません',
        '    直し方: .env（または環境変数）で次を直してください（各項目の説明は .env.example にあります）:',
        '      - SLACK_SIGNING_SECRET is empty. Copy the Signing Secret from your Slack app: Basic Information.',
        '      - PORT must be a whole number',
      ].join('\n'),
    );
    expect(lineOf(run, 'Slack トークン')).toMatch(/^✓ /);
    expect(failed(run)).toHaveLength(1);
  });
});
