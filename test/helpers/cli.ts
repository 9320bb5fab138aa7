import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs an operations command as `npm run <name>` does (`node --import tsx src/cli/<file>.ts`), in its
 * own process with exactly `env` (plus PATH and HOME): what it printed and its exit code.
 */
export function runCli(file: string, env: Record<string, string>, args: string[] = [], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `src/cli/${file}.ts`, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}
