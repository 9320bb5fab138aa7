import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TsunagiProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once every process writing to the captured output closed it (children that outlive the spawned one included). */
  outputClosed: Promise<void>;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

const baseEnv = (port: number, env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  PORT: String(port),
  HOST: '127.0.0.1',
  ...env,
});

/**
 * Runs the product as `npm start` does (tsx src/main.ts) in a child process with exactly `env`
 * (plus PATH and HOME), capturing its output.
 */
export function spawnTsunagi(env: Record<string, string>, port: number): TsunagiProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: baseEnv(port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, port);
}

/**
 * Runs `npm start` itself, as a terminal or a process manager does: in a process group of its own
 * (a terminal's foreground job; `process.kill(-child.pid, 'SIGINT')` is Ctrl-C), with exactly `env`
 * (plus PATH and HOME), capturing the output of npm and of everything it started.
 */
export function spawnNpmStart(env: Record<string, string>, port: number): TsunagiProcess {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...baseEnv(port, env), npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return track(child, port);
}

function track(child: ChildProcess, port: number): TsunagiProcess {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const outputClosed = Promise.all(
    [child.stdout, child.stderr].map((s) => (s ? new Promise<void>((resolve) => s.once('close', () => resolve())) : Promise.resolve())),
  ).then(() => undefined);
  let done = false;
  void exited.then(() => (done = true));

  return {
    child,
    port,
    output: () => output,
    exited,
    outputClosed,
    async waitUntilReady(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (done) throw new Error(`tsunagi exited before it was ready:\n${output}`);
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (res?.status === 200) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`tsunagi was not ready within ${timeoutMs} ms:\n${output}`);
    },
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      child.kill(signal);
      const { code } = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** Whether a process with this pid exists (and is not a zombie waiting for its parent). */
export async function isRunning(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
}

/** Every live process below `pid` (children, grandchildren …), with its command line, from /proc. */
export async function descendants(pid: number): Promise<Array<{ pid: number; ppid: number; command: string }>> {
  const all: Array<{ pid: number; ppid: number; command: string }> = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const command = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => undefined);
    if (stat === undefined || command === undefined) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    all.push({ pid: Number(entry), ppid, command: command.split('\0').join(' ').trim() });
  }
  const found: typeof all = [];
  const walk = (parent: number) => {
    for (const p of all.filter((x) => x.ppid === parent)) {
      found.push(p);
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

/** Live PostgreSQL server processes serving the embedded database of `dataDir`. */
export async function postgresProcessesOf(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const command = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = command.split('\0');
    if (args.some((a) => a.endsWith('/postgres')) && args.includes(path.join(dataDir, 'postgres')) && (await isRunning(Number(entry)))) {
      pids.push(Number(entry));
    }
  }
  return pids;
}

/** The postmaster's pid recorded in the embedded database's postmaster.pid, if there is one. */
export async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether nothing listens on 127.0.0.1:`port` (we could listen on it ourselves). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Polls until `check` holds or `timeoutMs` passed; resolves with whether it held. */
export async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
