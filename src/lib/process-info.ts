import fs from 'node:fs/promises';

/** Whether a process with this pid exists (signal 0 only checks; EPERM means it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A file of /proc/<pid>, or undefined when it cannot be read: the process is gone (ENOENT, ESRCH), there
 * is no /proc (not Linux), or it may not be read. Every caller reads "undefined" as "cannot tell" and
 * decides without it (main.ts falls back on signal 0; embedded.ts leaves a PostgreSQL it cannot place alone).
 */
async function procFile(pid: number, name: 'stat' | 'cmdline'): Promise<string | undefined> {
  try {
    return await fs.readFile(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The parent pid of `pid` now (Linux /proc; undefined where there is no /proc or the process is gone). */
export async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await procFile(pid, 'stat');
  // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
  const ppid = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** The command line of `pid` (Linux /proc; undefined where there is none or the process is gone). */
export async function commandLineOf(pid: number): Promise<string[] | undefined> {
  const raw = await procFile(pid, 'cmdline');
  return raw?.split('\0').filter(Boolean);
}
