/** The bench's side of the load generator: starts it as a child process and runs open-loop sends through it. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratorMessage, RunRequest, RunResult } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface LoadGenerator {
  pid: number;
  run(request: Omit<RunRequest, 'type' | 'id'>): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(path.join(HERE, 'generator.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void }>();
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.on('message', (message: GeneratorMessage) => {
    if (message.type === 'ready') return ready();
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'result') waiter.resolve(message);
    else waiter.reject(new Error(`load generator: ${message.error}`));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const w of pending.values()) w.reject(new Error('the load generator exited'));
    pending.clear();
  });
  await Promise.race([isReady, exited.then(() => Promise.reject(new Error('the load generator did not start')))]);
  let nextId = 1;
  return {
    pid: child.pid as number,
    run(request) {
      const id = nextId++;
      return new Promise<RunResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...request, type: 'run', id });
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'exit' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
