/**
 * The product as `npm start` runs it: `node --import tsx src/main.ts` in a child process of its own
 * (or, with `builtDir`, as the image runs it: `node dist/main.js` there), configured only through its environment, its log written to a file. Embedded mode: PostgreSQL
 * started by the product in a data directory the bench chose, queues on it. Services mode: a fresh
 * database on the machine's PostgreSQL and a fresh Redis key prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connect, embeddedServer } from './databases.js';
import { allProcesses, descendantsOf, procStat } from './proc.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-bench-token',
  SLACK_SIGNING_SECRET: 'bench-slack-signing-secret',
  LINE_CHANNEL_ACCESS_TOKEN: 'bench-line-token',
  LINE_CHANNEL_SECRET: 'bench-line-channel-secret',
} as const;

export type Mode = 'embedded' | 'services';

export interface ProductOptions {
  mode: Mode;
  /** Embedded: DATA_DIR (a fresh directory, or one a previous start of this bench used). */
  dataDir?: string;
  /** Services: DATABASE_URL, REDIS_URL and QUEUE_PREFIX. */
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  slackApiUrl: string;
  lineApiBaseUrl: string;
  lineDataApiBaseUrl: string;
  /** More settings (SLACK_CHANNEL_POST_INTERVAL_MS …). */
  env?: Record<string, string>;
  logFile: string;
  /** Writes a V8 CPU profile of the product's node into this directory when it exits. */
  cpuProfileDir?: string;
  /** A folder laid out as the image (buildProduct): the product runs from it as `node dist/main.js`. */
  builtDir?: string;
}

export interface Product {
  mode: Mode;
  pid: number;
  port: number;
  baseUrl: string;
  lineWebhookUrl: string;
  /** Spawned at (epoch ms), and milliseconds from then until /readyz answered 200. */
  spawnedAt: number;
  readyMs: number;
  /** The product's database, for the bench's reads (checks, statistics). */
  databaseUrl: string;
  sql: postgres.Sql;
  /** The embedded PostgreSQL's postmaster (embedded mode). */
  postmasterPid?: number;
  /** CPU (ms) of each PostgreSQL process serving the product: the embedded server's whole tree, or the machine's backends of the product's database. */
  postgresCpu(): Promise<Map<number, number>>;
  /** Pids of the PostgreSQL processes serving the product (as for postgresCpu). */
  postgresPids(): Promise<number[]>;
  log(): string;
  /** Stops it (SIGTERM); `exitedAt` is the epoch ms of its exit. */
  stop(): Promise<{ code: number | null; ms: number; exitedAt: number }>;
}

/**
 * Builds the product as the Dockerfile does, into `dir`: tsc's output in dist/, beside package.json,
 * the migrations (drizzle/) and the dependencies (a link to this checkout's node_modules).
 */
export async function buildProduct(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.copyFile(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  await fs.promises.cp(path.join(ROOT, 'drizzle'), path.join(dir, 'drizzle'), { recursive: true });
  await fs.promises.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'dist')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${output.slice(-3000)}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startProduct(o: ProductOptions, readyTimeoutMs = 300_000): Promise<Product> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...SECRETS,
    PORT: String(port),
    HOST: '127.0.0.1',
    SLACK_API_URL: o.slackApiUrl,
    LINE_API_BASE_URL: o.lineApiBaseUrl,
    LINE_DATA_API_BASE_URL: o.lineDataApiBaseUrl,
    ...(o.mode === 'embedded'
      ? { DATA_DIR: o.dataDir ?? '' }
      : { DATABASE_URL: o.databaseUrl ?? '', REDIS_URL: o.redisUrl ?? '', QUEUE_PREFIX: o.queuePrefix ?? '' }),
    ...o.env,
    // For outside profilers (perf's JIT map: BENCH_PRODUCT_NODE_OPTIONS=--perf-basic-prof).
    ...(process.env.BENCH_PRODUCT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PRODUCT_NODE_OPTIONS } : {}),
  };
  const logFd = fs.openSync(o.logFile, 'a');
  const profile = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
  const spawnedAt = Date.now();
  const entry = o.builtDir ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...entry], {
    cwd: o.builtDir ?? ROOT,
    env,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const exited = new Promise<{ code: number | null }>((resolve) => child.once('exit', (code) => resolve({ code })));
  let done = false;
  let exitedAt: number | undefined;
  void exited.then(() => {
    done = true;
    exitedAt = Date.now();
  });
  const log = () => fs.readFileSync(o.logFile, 'utf8');
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = spawnedAt + readyTimeoutMs;
  for (;;) {
    if (done) throw new Error(`the product exited before it was ready; its log:\n${log().slice(-3000)}`);
    const res = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the product was not ready within ${readyTimeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = Date.now() - spawnedAt;

  let databaseUrl = o.databaseUrl ?? '';
  let postmasterPid: number | undefined;
  if (o.mode === 'embedded') {
    const server = await embeddedServer(o.dataDir ?? '');
    databaseUrl = server.url;
    postmasterPid = server.pid;
  }
  const sql = connect(databaseUrl, 3);
  const databaseName = new URL(databaseUrl).pathname.slice(1);

  const postgresPids = async (): Promise<number[]> => {
    if (postmasterPid !== undefined) {
      const all = await allProcesses();
      return [postmasterPid, ...descendantsOf(postmasterPid, all).map((p) => p.pid)];
    }
    const rows = await sql<Array<{ pid: number }>>`
      select pid from pg_stat_activity where datname = ${databaseName} and pid <> pg_backend_pid() and coalesce(application_name, '') <> 'tsunagi-bench'`;
    return rows.map((r) => r.pid);
  };

  return {
    mode: o.mode,
    pid: child.pid as number,
    port,
    baseUrl,
    lineWebhookUrl: `${baseUrl}/line/webhook`,
    spawnedAt,
    readyMs,
    databaseUrl,
    sql,
    postmasterPid,
    postgresPids,
    async postgresCpu() {
      const result = new Map<number, number>();
      for (const pid of await postgresPids()) {
        const stat = await procStat(pid);
        // The postmaster's reaped children (backends that ended) count too.
        if (stat) result.set(pid, stat.cpuMs + (pid === postmasterPid ? stat.childrenCpuMs : 0));
      }
      return result;
    },
    log,
    async stop() {
      await sql.end({ timeout: 2 }).catch(() => undefined);
      const started = Date.now();
      if (!done) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const { code } = await exited;
      clearTimeout(timer);
      return { code, ms: Date.now() - started, exitedAt: exitedAt ?? Date.now() };
    },
  };
}
