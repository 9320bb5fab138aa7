/** Starts and stops the limit servers (limit-server.ts) as child processes. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface LimitServer {
  kind: 'bare' | 'durable';
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startLimitServer(kind: 'bare' | 'durable', secret: string, durableUrl?: string): Promise<LimitServer> {
  const child = fork(path.join(HERE, 'limit-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', BENCH_LINE_SECRET: secret, ...(kind === 'durable' && durableUrl ? { BENCH_DURABLE_URL: durableUrl } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await Promise.race([
    new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port))),
    exited.then(() => Promise.reject(new Error(`the ${kind} limit server exited before listening`))),
  ]);
  return {
    kind,
    url: `http://127.0.0.1:${port}/line/webhook`,
    pid: child.pid as number,
    async close() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    },
  };
}
