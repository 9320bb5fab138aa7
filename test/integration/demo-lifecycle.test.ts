import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/lib/free-port.js';
import { postgresProcessesOf, within } from '../helpers/process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm run demo` in a process group of its own, as a terminal runs it (`process.kill(-pid, 'SIGINT')` is Ctrl-C). */
function startDemo(demoDir: string, port: number) {
  const child = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DEMO_DIR: demoDir, npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  let ended: string | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = `exited with ${code ?? signal}`;
      resolve(code);
    }),
  );
  return {
    output: () => output,
    exited,
    async ready(): Promise<void> {
      const up = await within(90_000, async () => ended !== undefined || (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status === 200);
      expect(up && ended === undefined, `${ended ?? 'still running'}\n${output}`).toBe(true);
    },
    ctrlC: () => process.kill(-child.pid!, 'SIGINT'),
  };
}

/** The case root messages the demo's Slack stand-in holds (its state file), by case code. */
async function caseRoots(demoDir: string): Promise<{ seeded: boolean; codes: string[] }> {
  const state = JSON.parse(await fs.readFile(path.join(demoDir, 'sandbox-state.json'), 'utf8')) as {
    seeded: boolean;
    slack: { messages: Array<{ metadata?: { event_type?: string; event_payload?: { code?: string } } }> };
  };
  const codes = state.slack.messages.filter((m) => m.metadata?.event_type === 'tsunagi_case').map((m) => m.metadata?.event_payload?.code ?? '');
  return { seeded: state.seeded, codes };
}

/**
 * `npm run demo` stopped the way a newcomer stops it: Ctrl-C in the terminal, which sends SIGINT to
 * the whole foreground process group (npm, and node, which npm also forwards it to), here while the
 * sample data is still being made.
 */
describe('npm run demo in a terminal', () => {
  let demoDir: string | undefined;
  afterAll(async () => {
    if (demoDir) await fs.rm(demoDir, { recursive: true, force: true });
  });

  it('stops on Ctrl-C while making the sample data: says so, exit 0, no warning, its PostgreSQL stopped; the next start makes the data afresh, once', async () => {
    demoDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-demo-ctrl-c-'));
    await fs.chmod(demoDir, 0o755); // run as root, the embedded PostgreSQL runs as 'postgres', which must enter it
    const dataDir = path.join(demoDir, 'data');
    const port = await freePort();

    const first = startDemo(demoDir, port);
    await first.ready();
    expect((await postgresProcessesOf(dataDir)).length).toBeGreaterThan(0);
    first.ctrlC();
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toMatch(/stopped/i);
    expect(first.output()).not.toMatch(/error|warn|"level":[4-6]0/i);
    expect(await within(10_000, async () => (await postgresProcessesOf(dataDir)).length === 0)).toBe(true);

    const second = startDemo(demoDir, port);
    await second.ready();
    const seeded = await within(90_000, async () => (await caseRoots(demoDir!).catch(() => ({ seeded: false, codes: [] }))).seeded);
    expect(seeded, second.output()).toBe(true);
    expect((await caseRoots(demoDir)).codes.sort()).toEqual(['C-0001', 'C-0002', 'C-0003']);
    second.ctrlC();
    expect(await second.exited, second.output()).toBe(0);
  }, 240_000);
});
