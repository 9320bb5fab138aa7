/**
 * Where the product's node spent its time, from a V8 CPU profile (node --cpu-prof): self time by
 * function and by where the code lives (a package under node_modules, a folder of src/, node's own
 * internals, garbage collection).
 */
import fs from 'node:fs/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  /** Percent of the busy time (idle excluded). */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** The part of the profile summarised (epoch ms), when a window was given. */
  window?: { from: number; to: number };
  wallMs: number;
  busyMs: number;
  byPlace: ProfileShare[];
  byFunction: ProfileShare[];
  /** For the heaviest functions without code of their own (native, node internals): who called them, by the first frame in a package or in src/. */
  callers: Array<{ name: string; callers: ProfileShare[] }>;
}

/** Whether a place is application or library code (not V8, not node's internals). */
const isCodePlace = (place: string) => place.startsWith('pkg:') || place.startsWith('src/');

/** Where a frame's code lives: `pkg:<name>`, `src/<folder>`, `node:<module>`, or V8's own entries. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  const src = /\/src\/([^/]+)/.exec(url);
  if (src) return `src/${src[1]?.replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

/**
 * Self time by place and function. With `window` (epoch ms) and the epoch at which the profile ended
 * (the process's exit), only the samples taken inside the window count.
 */
export async function summarizeCpuProfile(
  file: string,
  o: { top?: number; window?: { from: number; to: number }; endedAt?: number } = {},
): Promise<ProfileSummary> {
  const top = o.top ?? 25;
  const profile = JSON.parse(await fs.readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times are microseconds on the profiler's clock; its end is the process's exit.
  const toEpoch = (us: number) => (o.endedAt ?? 0) - (profile.endTime - us) / 1000;
  const inWindow = o.window && o.endedAt ? (us: number) => toEpoch(us) >= o.window!.from && toEpoch(us) <= o.window!.to : () => true;
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (!inWindow(t)) continue;
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  }
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  const callersOf = new Map<string, Map<string, number>>();
  let busy = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += ms;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''} [${place}]`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    if (!isCodePlace(place)) {
      // The first caller up the stack that is application or library code.
      let up = parent.get(id);
      while (up !== undefined && !isCodePlace(placeOf(byId.get(up)?.callFrame.url ?? '', byId.get(up)?.callFrame.functionName ?? ''))) up = parent.get(up);
      const frame = up !== undefined ? byId.get(up)?.callFrame : undefined;
      const caller = frame
        ? `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1} [${placeOf(frame.url, frame.functionName)}]`
        : '(no code caller)';
      const m = callersOf.get(fn) ?? new Map<string, number>();
      m.set(caller, (m.get(caller) ?? 0) + ms);
      callersOf.set(fn, m);
    }
  }
  const shares = (m: Map<string, number>, n = top) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, percent: busy > 0 ? (100 * ms) / busy : 0 }));
  const byFunction = shares(functions);
  return {
    file,
    ...(o.window && o.endedAt ? { window: o.window } : {}),
    wallMs: o.window && o.endedAt ? o.window.to - o.window.from : (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    byPlace: shares(places),
    byFunction,
    callers: byFunction
      .filter((f) => callersOf.has(f.name))
      .slice(0, 6)
      .map((f) => ({ name: f.name, callers: shares(callersOf.get(f.name) as Map<string, number>, 4) })),
  };
}

/**
 * The profile of the product's main thread among those `--cpu-prof` wrote into `dir`: one per thread
 * (the module loader's hooks run on a thread of their own), named CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile,
 * the main thread being thread 0.
 */
export async function mainThreadProfile(dir: string): Promise<string | undefined> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return files.length ? path.join(dir, files.sort().at(-1) as string) : undefined;
}
