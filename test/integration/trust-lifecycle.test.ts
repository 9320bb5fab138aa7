import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { freePort } from '../../src/lib/free-port.js';
import { createLogger } from '../../src/lib/logger.js';
import { startFakeLine, type FakeLine } from '../fakes/line-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import {
  descendants,
  isRunning,
  portIsFree,
  postgresProcessesOf,
  postmasterPid,
  spawnNpmStart,
  spawnTsunagi,
  within,
  type TsunagiProcess,
} from '../helpers/process.js';
import { TEST_SECRETS } from '../helpers/test-app.js';

const SHUTDOWN_TIMEOUT_MS = 6000;

/** What a clean stop never shows: stack traces, PostgreSQL's "terminating connection" (57P01), Node warnings, error logs. */
function expectCleanOutput(output: string): void {
  expect(output).toContain('tsunagi stopped');
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain('57P01');
  expect(output).not.toContain('terminating connection');
  expect(output).not.toMatch(/Warning|Unhandled|npm error/);
  const levels = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { level: number }).level);
  expect(levels.filter((l) => l >= 40)).toEqual([]);
}

describe('trust: starting and stopping the process', { timeout: 90_000 }, () => {
  let slack: FakeSlack;
  let line: FakeLine;
  const tempDirs: string[] = [];
  /** Processes a test started that may outlive a failed assertion: ended after each test. */
  const started: Array<{ proc: TsunagiProcess; dir: string; below: Array<{ pid: number; command: string }> }> = [];

  beforeAll(async () => {
    [slack, line] = await Promise.all([startFakeSlack(), startFakeLine()]);
  });
  afterEach(async () => {
    for (const { proc, dir, below } of started.splice(0)) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
      // What npm started, if still there under the same command line (never a recycled pid).
      for (const { pid, command } of below.reverse()) {
        const now = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
        if (now?.split('\0').join(' ').trim() === command && (await isRunning(pid))) process.kill(pid, 'SIGKILL');
      }
      for (const p of await postgresProcessesOf(dir)) process.kill(p, 'SIGQUIT');
    }
  });
  afterAll(async () => {
    await Promise.allSettled([slack.close(), line.close()]);
    await Promise.all(tempDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  const dataDir = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-trust-'));
    tempDirs.push(dir);
    return dir;
  };
  const env = (dir: string): Record<string, string> => ({
    ...TEST_SECRETS,
    SLACK_API_URL: slack.url,
    LINE_API_BASE_URL: line.apiBaseUrl,
    LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    DATA_DIR: dir,
    // npm start reads a developer's .env too; what the environment sets wins: the embedded database, queues on it.
    DATABASE_URL: '',
    REDIS_URL: '',
  });
  /** `npm start` on an embedded database, ready; with the pids of node and of its PostgreSQL. */
  const startNpm = async () => {
    const dir = await dataDir();
    const proc = spawnNpmStart(env(dir), await freePort());
    const below: Array<{ pid: number; command: string }> = [];
    started.push({ proc, dir, below });
    await proc.waitUntilReady(60_000);
    below.push(...(await descendants(proc.child.pid!)).filter((p) => !p.command.includes('postgres')));
    const node = below.find((p) => /src\/main\.ts/.test(p.command) && !p.command.startsWith('sh '));
    const postmaster = await postmasterPid(dir);
    expect(node).toBeDefined();
    expect(postmaster).toBeDefined();
    return { proc, dir, nodePid: node!.pid, postmasterPid: postmaster! };
  };
  const allGone = async (dir: string, pids: number[]) =>
    (await Promise.all(pids.map(isRunning))).every((r) => !r) && (await postgresProcessesOf(dir)).length === 0;

  it('item 12: Ctrl-C in a terminal (SIGINT to the whole process group of `npm start`) stops everything in order, exit 0, no error, no warning', async () => {
    const { proc, dir, nodePid, postmasterPid: pgPid } = await startNpm();
    process.kill(-proc.child.pid!, 'SIGINT');
    const { code, signal } = await proc.exited;
    await proc.outputClosed;
    const output = proc.output();
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expectCleanOutput(output);
    // In order: the app's pools are closed before its PostgreSQL stops, and it stops before "tsunagi stopped".
    const order = ['shutting down', 'embedded PostgreSQL stopped', 'tsunagi stopped'].map((m) => output.indexOf(`"msg":"${m}"`));
    expect(
      order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]!)),
      output,
    ).toBe(true);
    expect(await within(2000, () => allGone(dir, [nodePid, pgPid]))).toBe(true);
    expect(await portIsFree(proc.port)).toBe(true);
  });

  it('item 12: SIGTERM to npm alone (what a container or a process manager sends) stops node and its PostgreSQL within the shutdown timeout', async () => {
    const { proc, dir, nodePid, postmasterPid: pgPid } = await startNpm();
    const sent = Date.now();
    process.kill(proc.child.pid!, 'SIGTERM');
    const stopped = await within(SHUTDOWN_TIMEOUT_MS, () => allGone(dir, [nodePid, pgPid]));
    expect(stopped, `still running ${Date.now() - sent} ms after SIGTERM:\n${proc.output()}`).toBe(true);
    expect(await portIsFree(proc.port)).toBe(true);
    const { code } = await proc.exited;
    await proc.outputClosed;
    expect(code).toBe(0);
    expectCleanOutput(proc.output());
  });

  it('item 12: when npm itself is killed (SIGKILL), the app notices that the process that started it is gone and stops cleanly', async () => {
    const { proc, dir, nodePid, postmasterPid: pgPid } = await startNpm();
    process.kill(proc.child.pid!, 'SIGKILL');
    const stopped = await within(SHUTDOWN_TIMEOUT_MS + 3000, () => allGone(dir, [nodePid, pgPid]));
    expect(stopped, proc.output()).toBe(true);
    await proc.outputClosed;
    expect(proc.output()).toContain('"msg":"the process that started tsunagi is gone; shutting down"');
    expectCleanOutput(proc.output());
    expect(await portIsFree(proc.port)).toBe(true);
  });

  /** The file under DATA_DIR (outside PostgreSQL's own folder) that holds `password`, with its mode. */
  const passwordFileOf = async (dir: string, password: string) => {
    for (const name of await fs.readdir(dir)) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file);
      if (stat.isFile() && (await fs.readFile(file, 'utf8')).trim() === password) return { file, mode: stat.mode & 0o777 };
    }
    return undefined;
  };
  const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);
  /** Connects as `password` and answers 'ok', or the SQLSTATE of the refusal. */
  const tryPassword = async (url: string, password: string): Promise<string> => {
    const u = new URL(url);
    u.password = encodeURIComponent(password);
    const sql = postgres(u.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await sql`select 1`;
      return 'ok';
    } catch (error) {
      return String((error as { code?: string }).code);
    } finally {
      await sql.end({ timeout: 1 });
    }
  };
  const logger = createLogger('silent');

  it('item 16: the embedded database gets a random password, kept in DATA_DIR with mode 0600, the same at every start', async () => {
    const [dirA, dirB] = [await dataDir(), await dataDir()];
    const a = await startEmbeddedDatabase(dirA, logger);
    const b = await startEmbeddedDatabase(dirB, logger);
    let passwordA: string;
    try {
      passwordA = passwordOf(a.url);
      expect(passwordA).not.toBe('tsunagi');
      expect(passwordA.length).toBeGreaterThanOrEqual(32);
      expect(passwordOf(b.url)).not.toBe(passwordA);
      expect(await passwordFileOf(dirA, passwordA)).toMatchObject({ mode: 0o600 });
      expect(await tryPassword(a.url, passwordA)).toBe('ok');
      expect(await tryPassword(a.url, 'tsunagi')).toBe('28P01'); // invalid_password
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const again = await startEmbeddedDatabase(dirA, logger);
    try {
      expect(passwordOf(again.url)).toBe(passwordA);
    } finally {
      await again.stop();
    }
  });

  it('item 16: a data directory from before (the fixed password "tsunagi") moves to a random password at its first start, keeping its data', async () => {
    const dir = await dataDir();
    // Make the data directory an older version left: the role's password is the fixed one, no password file.
    const old = await startEmbeddedDatabase(dir, logger);
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await sql`alter role tsunagi password 'tsunagi'`;
      await sql`create table kept (x int)`;
      await sql`insert into kept values (42)`;
    } finally {
      await sql.end();
      await old.stop();
    }
    const passwordFile = await passwordFileOf(dir, passwordOf(old.url));
    if (passwordFile) await fs.rm(passwordFile.file);

    const upgraded = await startEmbeddedDatabase(dir, logger);
    try {
      const password = passwordOf(upgraded.url);
      expect(password).not.toBe('tsunagi');
      expect(await passwordFileOf(dir, password)).toMatchObject({ mode: 0o600 });
      expect(await tryPassword(upgraded.url, 'tsunagi')).toBe('28P01');
      const check = postgres(upgraded.url, { max: 1, onnotice: () => {} });
      try {
        expect(await check`select x from kept`).toEqual([{ x: 42 }]);
      } finally {
        await check.end();
      }
    } finally {
      await upgraded.stop();
    }
  });

  it('item 16: a second Tsunagi on the same DATA_DIR is refused with the pid of the Tsunagi process that holds it, and what to do', async () => {
    const dir = await dataDir();
    const first = spawnTsunagi(env(dir), await freePort());
    started.push({ proc: first, dir, below: [] });
    await first.waitUntilReady(60_000);
    const second = spawnTsunagi(env(dir), await freePort());
    started.push({ proc: second, dir, below: [] });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    const message = second.output();
    const named = Number(/already in use by process (\d+)/.exec(message)?.[1]);
    expect(named, message).toBe(first.child.pid);
    expect(named).not.toBe(await postmasterPid(dir));
    expect(message).toMatch(/Stop that process/);
    expect(message).toMatch(/set DATABASE_URL/);
    expect(message).not.toMatch(/^\s+at /m);
    expect((await first.stop('SIGTERM')).code).toBe(0);
  });
});
