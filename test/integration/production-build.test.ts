import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/free-port.js';
import { renderSlackManifest } from '../../src/slack/manifest-yaml.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { lineTextMessage, lineWebhookBody } from '../fixtures/line-events.js';
import { postgresProcessesOf, within } from '../helpers/process.js';
import { signLineBody } from '../helpers/sign.js';
import { TEST_SECRETS } from '../helpers/test-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * What the Dockerfile's stages do, short of Docker: `tsc -p tsconfig.build.json` into a folder of its
 * own, then plain `node dist/main.js` (no TypeScript loader) beside package.json and drizzle/, as in the
 * image: it starts on an embedded database in a fresh DATA_DIR, answers /readyz and a LINE webhook, and
 * stops cleanly on SIGTERM. The operations commands run from dist/ too.
 */
describe('the production build (npm run build, node dist/main.js)', () => {
  let dir: string;
  let slack: FakeSlack;
  let line: FakeLine;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-build-'));
    await fs.chmod(dir, 0o755); // as root, the embedded PostgreSQL runs as 'postgres', which must enter it
    [slack, line] = await Promise.all([startFakeSlack(), startFakeLine()]);
    // The image's layout: package.json (type: module), the migrations, the dependencies, dist/.
    await fs.copyFile(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    await fs.cp(path.join(ROOT, 'drizzle'), path.join(dir, 'drizzle'), { recursive: true });
    await fs.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'dist')],
      {
        cwd: ROOT,
      },
    );
  }, 240_000);
  afterAll(async () => {
    await Promise.allSettled([slack?.close(), line?.close()]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  const env = (port: number, dataDir: string): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...TEST_SECRETS,
    SLACK_API_URL: slack.url,
    LINE_API_BASE_URL: line.apiBaseUrl,
    LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: 'https://tsunagi.example.jp',
    NODE_ENV: 'production',
  });

  it('dist/ mirrors src/ without the demo: main.js, the commands, the migrations found beside it', async () => {
    const files = (await fs.readdir(path.join(dir, 'dist'), { recursive: true })).map(String);
    expect(files).toEqual(
      expect.arrayContaining([
        'main.js',
        'app.js',
        path.join('db', 'migrate.js'),
        path.join('cli', 'doctor.js'),
        path.join('cli', 'backup.js'),
        path.join('cli', 'restore.js'),
      ]),
    );
    expect(files.filter((f) => f.startsWith('sandbox'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('node dist/main.js starts on a fresh embedded database, says which URLs to give Slack and LINE, answers /readyz and LINE, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = path.join(dir, 'data');
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env: env(port, dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const ready = await within(120_000, async () => {
        if (child.exitCode !== null) return true;
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return res?.status === 200;
      });
      expect(ready && child.exitCode === null, output).toBe(true);

      // Logs are JSON lines when stdout is not a terminal; the start-up line names both URLs.
      const lines = output
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).toContain(
        `Tsunagi は http://127.0.0.1:${port} で待ち受けています。Slack アプリのリクエスト URL: https://tsunagi.example.jp/slack/events 、LINE の Webhook URL: https://tsunagi.example.jp/line/webhook （設定の確認は npm run doctor）`,
      );

      const raw = JSON.stringify(lineWebhookBody([lineTextMessage({ userId: 'U_STRANGER', text: 'こんにちは' })]));
      const res = await fetch(`http://127.0.0.1:${port}/line/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(TEST_SECRETS.LINE_CHANNEL_SECRET, raw) },
        body: raw,
      });
      expect(res.status).toBe(200);
      // The compiled bot handled it: an unknown LINE user gets the polite explanation.
      await line.waitFor(() => line.replies.length > 0, 30_000);

      // The commands run from dist/ as they would in the image (docker compose exec tsunagi node dist/cli/…).
      const manifest = await promisify(execFile)(process.execPath, ['dist/cli/manifest.js'], { cwd: dir, env: env(port, dataDir) });
      expect(manifest.stdout).toBe(renderSlackManifest('https://tsunagi.example.jp'));
      const backup = await promisify(execFile)(process.execPath, ['dist/cli/backup.js'], { cwd: dir, env: env(port, dataDir) });
      expect(backup.stdout).toContain('✓ バックアップを作成しました');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    expect(output).toContain('tsunagi stopped');
    expect(await within(10_000, async () => (await postgresProcessesOf(dataDir)).length === 0)).toBe(true);
  }, 240_000);
});
