/**
 * What Linux says about processes (/proc): CPU time, resident memory, process trees. Used to split
 * the cost of a relayed message between the product's node, its PostgreSQL and Redis.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux almost always). */
const TICKS_PER_SEC = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100; // getconf missing: Linux's USER_HZ is 100 on every common architecture
  }
})();

export interface ProcStat {
  pid: number;
  ppid: number;
  command: string;
  /** user + system CPU of the process itself (all its threads), ms. */
  cpuMs: number;
  /** user + system CPU of its children that ended and were waited for, ms. */
  childrenCpuMs: number;
}

/** Fields of /proc/<pid>/stat after the command (which may hold spaces and parentheses). */
function fieldsOf(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export async function procStat(pid: number): Promise<ProcStat | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const f = fieldsOf(stat);
  // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  const ticks = (i: number) => Number(f[i] ?? 0);
  return {
    pid,
    ppid: ticks(1),
    command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    cpuMs: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SEC,
    childrenCpuMs: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SEC,
  };
}

/** Every live process's stat (one pass over /proc). */
export async function allProcesses(): Promise<ProcStat[]> {
  const entries = (await fs.readdir('/proc')).filter((e) => /^\d+$/.test(e));
  const stats = await Promise.all(entries.map((e) => procStat(Number(e))));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

/** The live descendants of `pid` (children, grandchildren …). */
export function descendantsOf(pid: number, all: ProcStat[]): ProcStat[] {
  const found: ProcStat[] = [];
  const walk = (parent: number) => {
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p);
        walk(p.pid);
      }
    }
  };
  walk(pid);
  return found;
}

/**
 * CPU of a process tree: the root's own time, its reaped children's time, and the live descendants'
 * own time (a backend that ends moves from the last to the second: the sum stays right).
 */
export async function treeCpuMs(rootPid: number, all?: ProcStat[]): Promise<number> {
  const list = all ?? (await allProcesses());
  const root = list.find((p) => p.pid === rootPid);
  if (!root) return Number.NaN;
  return root.cpuMs + root.childrenCpuMs + descendantsOf(rootPid, list).reduce((s, p) => s + p.cpuMs + p.childrenCpuMs, 0);
}

export interface Memory {
  /** Resident set, MB. */
  rssMb: number;
  /** Peak resident set since the process started (VmHWM), MB. */
  peakRssMb: number;
}

export async function memoryOf(pid: number): Promise<Memory | undefined> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  if (!status) return undefined;
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Proportional set size (shared pages divided among their users), MB: the fair memory of a process. */
export async function pssMb(pid: number): Promise<number> {
  const rollup = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => undefined);
  const kb = Number(/^Pss:\s+(\d+) kB/m.exec(rollup ?? '')?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Pss of a process and all its live descendants, MB (a PostgreSQL server: postmaster and backends). */
export async function treePssMb(rootPid: number): Promise<number> {
  const all = await allProcesses();
  const pids = [rootPid, ...descendantsOf(rootPid, all).map((p) => p.pid)];
  const values = await Promise.all(pids.map(pssMb));
  return values.filter(Number.isFinite).reduce((s, v) => s + v, 0);
}

/** The 1, 5 and 15 minute load averages. */
export async function loadAverage(): Promise<[number, number, number]> {
  const text = await fs.readFile('/proc/loadavg', 'utf8');
  const [a, b, c] = text.split(' ').map(Number);
  return [a ?? Number.NaN, b ?? Number.NaN, c ?? Number.NaN];
}

/** Whole-machine CPU busy time (all cores, ms) from /proc/stat: how much else was running. */
export async function machineCpuMs(): Promise<{ busyMs: number; totalMs: number }> {
  const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((s, x) => s + x, 0);
  return { busyMs: ((total - idle) * 1000) / TICKS_PER_SEC, totalMs: (total * 1000) / TICKS_PER_SEC };
}
