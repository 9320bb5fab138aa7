import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LINE_ROUTES } from '../../src/sandbox/line-standin/messaging-api.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox.js';
import { SLACK_METHODS } from '../../src/sandbox/slack-standin/web-api.js';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '../helpers/database.js';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_REASON } from './chromium.js';

const executablePath = findChromium();
if (!executablePath) process.stdout.write(`\n${NO_CHROMIUM_REASON}\n\n`);

/**
 * Screenshots of each journey: into the README's docs/screenshots/ when UPDATE_SCREENSHOTS=1 (run it
 * when the page changed), else into a folder of the test's own, so a test run leaves the checkout as it was.
 */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : path.join(os.tmpdir(), 'tsunagi-demo-screenshots');
const WAIT = 20_000;

/**
 * The overview's journeys 1 to 6 through the demo page only, as a person clicks and types: Slack on the
 * left, LINE phones on the right, the real bot behind the stand-ins. One screenshot per journey.
 */
describe.runIf(executablePath)('npm run demo in a browser: journeys 1 to 6', () => {
  let db: TestDatabase;
  let dir: string;
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  const channel = () => page.getByTestId('slack-channel');
  const thread = () => page.getByTestId('slack-thread');
  const phone = () => page.getByTestId('line-phone');
  const modal = () => page.getByTestId('slack-modal');
  const visible = async (locator: Locator, timeout = WAIT) => {
    await locator.first().waitFor({ state: 'visible', timeout });
    return locator.first();
  };
  const slash = async (line: string) => {
    const box = page.getByTestId('channel-composer').locator('textarea');
    await box.fill(line);
    await box.press('Enter');
  };
  const takePhone = (name: string) => page.locator(`[data-phone-tab="${name}"]`).click();
  const phoneSays = (text: string) => visible(phone().getByTestId('line-theirs').filter({ hasText: text }));
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name) });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagi-demo-test-'));
    const redisUrl = inject('redisUrl');
    sandbox = await startSandbox({
      demo: {
        port: 0,
        host: '127.0.0.1',
        demoDir: dir,
        databaseUrl: db.url,
        redisUrl: redisUrl || undefined,
        queuePrefix: uniqueQueuePrefix(),
        logLevel: 'warn',
        botEnv: {},
      },
      botLog: new Writable({ write: (_chunk, _enc, done) => done() }),
    });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1500, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    page.on('dialog', (d) => void d.accept());
    await page.goto(sandbox.url);
    await visible(channel());
    // The demo data arrive while the page is open (first start).
    await page.getByTestId('seeding').waitFor({ state: 'detached', timeout: 120_000 });
    await sandbox.seeded();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('walks journeys 1 to 6 through the page, asserting what both sides show', { timeout: 300_000 }, async () => {
    // ---- 1. Open a case ------------------------------------------------------------------------
    await page.locator('[data-channel="支援チーム"]').click();
    await slash('/case new ユウ B型');
    const root = await visible(channel().getByTestId('slack-message').filter({ hasText: 'C-0004 ユウ' }));
    expect(await root.textContent()).toContain('就労継続支援B型');
    await visible(channel().getByTestId('slack-ephemeral').filter({ hasText: 'C-0004' }));
    await root.hover();
    await shot('1-open-a-case.png');

    // ---- 2. Link a LINE account: invite, the QR code from Slack on the phone, the code, consent --
    await slash('/case invite C-0004 本人');
    const invite = await visible(channel().getByTestId('slack-ephemeral').filter({ hasText: '招待コード' }));
    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await invite.textContent()) ?? '')?.[0];
    expect(code).toBeTruthy();
    await page.locator('[data-channel="dm"]').click();
    await visible(channel().locator('img[data-file-name="invite-C-0004.png"]'));
    await takePhone('はる');
    await phone().getByRole('button', { name: 'Slack の QR コードを読み取る' }).click();
    await phoneSays('友だち追加ありがとうございます');
    const input = phone().locator('.ln-composer input');
    await expect.poll(() => input.inputValue(), { timeout: WAIT }).toBe(code);
    await input.press('Enter');
    await phoneSays('同意しますか');
    await phone().getByRole('button', { name: '同意する' }).last().click();
    await phoneSays('連携が完了しました');
    await page.locator('[data-channel="支援チーム"]').click();
    await root.getByRole('button', { name: /件の返信/ }).click();
    await visible(thread().getByTestId('slack-message').filter({ hasText: 'はる がLINEで連携しました' }));
    await shot('2-link-with-consent.png');

    // ---- 3. LINE to Slack: text, sticker, photo; a nurse in two cases is asked which one --------
    await input.fill('こんにちは、ユウです。明日の面談は10時からでお願いします。');
    await input.press('Enter');
    await phone().getByRole('button', { name: 'スタンプ' }).click();
    await phone().locator('.ln-panel-sticker').first().click();
    await phone().getByRole('button', { name: '写真・ファイル' }).click();
    await phone().locator('.ln-panel-item', { hasText: 'お薬カレンダー' }).click();
    const relayed = await visible(thread().getByTestId('slack-message').filter({ hasText: '明日の面談は10時から' }));
    expect(await relayed.textContent()).toContain('本人 はる');
    await visible(thread().locator('img[alt*="ありがとう"]'));
    await visible(thread().locator('.sk-file-image img'));
    await takePhone('中村 恵（訪問看護あおば）');
    await input.fill('本日の訪問、体調は安定していました。服薬も確認済みです。');
    await input.press('Enter');
    await phoneSays('どなたについてのご連絡ですか');
    await visible(phone().getByTestId('line-quick-replies'));
    await phone().getByTestId('line-quick-replies').getByRole('button', { name: 'ハル' }).click();
    await phoneSays('「ハル」さんについてのご連絡');
    await thread().locator('.sk-file-image img').last().scrollIntoViewIfNeeded();
    await shot('3-line-to-slack.png');
    const haruRoot = channel().getByTestId('slack-message').filter({ hasText: 'C-0001 ハル' });
    await haruRoot.getByRole('button', { name: /件の返信/ }).click();
    await visible(thread().getByTestId('slack-message').filter({ hasText: '服薬も確認済みです' }));

    // ---- 4. Slack to LINE only on purpose: thread talk stays inside; 返信 sends, ✅ shows it arrived --
    await root.getByRole('button', { name: /件の返信/ }).click();
    const threadBox = page.getByTestId('thread-composer').locator('textarea');
    await threadBox.fill('（社内メモ）面談は佐藤が担当します');
    await threadBox.press('Enter');
    await visible(thread().getByTestId('slack-message').filter({ hasText: '社内メモ' }));
    await takePhone('はる');
    const yuMessage = thread().getByTestId('slack-message').filter({ hasText: '明日の面談は10時から' });
    await yuMessage.getByRole('button', { name: '返信' }).click();
    await visible(modal());
    await modal().locator('[data-block-id="text"] textarea').fill('ユウさん、ご連絡ありがとうございます。明日10時にお待ちしています。');
    await modal().getByRole('button', { name: '送信' }).click();
    await modal().waitFor({ state: 'detached', timeout: WAIT });
    await phoneSays('明日10時にお待ちしています');
    const copy = await visible(thread().getByTestId('slack-message').filter({ hasText: '明日10時にお待ちしています' }));
    await visible(copy.locator('[data-reaction="white_check_mark"]'));
    await copy.scrollIntoViewIfNeeded();
    expect(sandbox.line.account.chat(phoneId(sandbox, 'はる')).some((m) => JSON.stringify(m.message).includes('社内メモ'))).toBe(false);
    await shot('4-slack-to-line.png');

    // ---- 5. Records: 記録する on a message (a required field, then the app's own field error), /update, export --
    await yuMessage.hover();
    await yuMessage.getByRole('button', { name: 'その他' }).click();
    await yuMessage.getByRole('menuitem', { name: /記録する/ }).click();
    await visible(modal());
    expect(await modal().locator('[data-block-id="body"] textarea').inputValue()).toContain('明日の面談は10時から');
    await modal().getByRole('button', { name: '保存' }).click();
    await visible(modal().locator('[data-block-id="category"] .sk-error'));
    await modal().locator('[data-block-id="category"] select').selectOption({ label: '体調・メンタル' });
    await modal().locator('[data-block-id="next_date"] input').fill(tomorrow(sandbox));
    await modal().getByRole('button', { name: '保存' }).click();
    await visible(modal().locator('[data-block-id="next_step"] .sk-error'));
    await modal().locator('[data-block-id="next_step"] input').fill('面談で生活リズムを確認する');
    await modal().getByRole('button', { name: '保存' }).click();
    await modal().waitFor({ state: 'detached', timeout: WAIT });
    const card = await visible(thread().getByTestId('slack-message').filter({ hasText: '記録' }).filter({ hasText: '面談で生活リズムを確認する' }));
    await visible(card.getByRole('button', { name: '編集' }));
    await slash('/update C-0004 服薬 朝の薬を飲み忘れることがあると本人より');
    await visible(thread().getByTestId('slack-message').filter({ hasText: '朝の薬を飲み忘れる' }));
    await card.scrollIntoViewIfNeeded();
    await shot('5-records.png');
    await slash('/case export C-0004');
    await page.locator('[data-channel="dm"]').click();
    await visible(channel().locator('.sk-file-card', { hasText: '.csv' }));

    // ---- 6. Reminders: schedule a visit, move the clock, the ping arrives by DM and in the thread --
    await page.locator('[data-channel="支援チーム"]').click();
    await slash(`/visit C-0004 ${tomorrow(sandbox)} 14:00 家庭訪問`);
    await visible(channel().getByTestId('slack-ephemeral').filter({ hasText: '家庭訪問' }));
    await page.locator('[data-channel="dm"]').click();
    // (The record's task of journey 5 may ping first, depending on the hour the demo's clock starts at.)
    const visitPing = channel()
      .getByTestId('slack-message')
      .filter({ hasText: 'C-0004' })
      .filter({ hasText: '家庭訪問' })
      .filter({ has: page.getByRole('button', { name: '完了' }) });
    for (let i = 0; i < 8 && (await visitPing.count()) === 0; i++) {
      await page.getByTestId('clock-next').click();
      await page.waitForTimeout(1500);
    }
    const ping = await visible(visitPing);
    expect(await ping.textContent()).toContain('家庭訪問');
    await ping.scrollIntoViewIfNeeded();
    await shot('6-reminders.png');
    await ping.getByRole('button', { name: '完了' }).click();
    await visible(channel().getByTestId('slack-message').filter({ hasText: '完了' }).filter({ hasText: '家庭訪問' }));

    // ---- The bot's own server (what npm start serves) has none of the sandbox's routes ----
    for (const route of ['/', '/events', '/assets/app.js']) {
      expect((await fetch(`http://127.0.0.1:${sandbox.app().port}${route}`)).status).toBe(404);
    }
    expect((await fetch(`http://127.0.0.1:${sandbox.app().port}/api/reset`, { method: 'POST' })).status).toBe(404);
  });

  it('the bot called only Web API methods and Messaging API routes the stand-ins implement (no catch-all answered)', () => {
    const slackMethods = new Set(sandbox.slack.workspace.calls.map((c) => c.method));
    const unknownSlack = [...slackMethods].filter((m) => !Object.hasOwn(SLACK_METHODS, m));
    expect(unknownSlack).toEqual([]);
    expect(sandbox.slack.workspace.calls.filter((c) => c.error === 'unknown_method' || c.error === 'invalid_auth' || c.error === 'not_authed')).toEqual([]);
    const known = new Set<string>([...LINE_ROUTES.messaging, ...LINE_ROUTES.data]);
    const unknownLine = sandbox.line.account.calls.filter((c) => !known.has(c.route) || c.status === 401);
    expect(unknownLine).toEqual([]);
    // What the journeys exercised, so this check cannot pass on an empty record.
    for (const method of [
      'auth.test',
      'chat.postMessage',
      'views.open',
      'conversations.open',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'reactions.add',
    ]) {
      expect(slackMethods).toContain(method);
    }
    const lineRoutes = new Set(sandbox.line.account.calls.map((c) => c.route));
    for (const route of [
      'POST /v2/bot/message/reply',
      'POST /v2/bot/message/push',
      'GET /v2/bot/info',
      'GET /v2/bot/profile/{userId}',
      'GET /v2/bot/message/{messageId}/content',
    ]) {
      expect(lineRoutes).toContain(route);
    }
  });
});

function phoneId(sandbox: Sandbox, displayName: string): string {
  const found = sandbox.line.account.state.phones.find((p) => p.displayName === displayName);
  if (!found) throw new Error(`no phone ${displayName}`);
  return found.userId;
}

function tomorrow(sandbox: Sandbox): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(sandbox.clock.nowMs() + 86_400_000));
}
