import { ConfigError, loadConfig } from './config/env.js';
import { startupText } from './wiring/startup-text.js';
import { AppError, errorMessage } from './lib/errors.js';
import { logDestination } from './wiring/log-destination.js';
import { createLogger, type Logger } from './lib/logger.js';
import { isAlive, parentOf } from './lib/process-info.js';
import { startTsunagi, type Tsunagi } from './app.js';

/** Signals that stop Tsunagi: a process manager (SIGTERM), Ctrl-C (SIGINT), a closed terminal (SIGHUP). */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
/**
 * A repeat within this time is the same request arriving twice: in a terminal, Ctrl-C reaches node
 * from the terminal and again from npm, which forwards it to its script. A later one forces the exit.
 */
const REPEAT_WINDOW_MS = 2000;
/** `npm start` passes this: stop when npm goes away without passing a signal on (e.g. npm was killed). */
const STOP_WITH_PARENT_FLAG = '--stop-with-parent';
const PARENT_CHECK_EVERY_MS = 1000;

/**
 * Errors of a database or Redis connection that the other side closed (PostgreSQL's admin, crash and
 * "cannot connect now" shutdowns; postgres.js's closed connections; sockets reset). While stopping, an
 * external database going away at the same moment must not turn a clean stop into a crash.
 */
const CONNECTION_ENDED = new Set([
  '57P01',
  '57P02',
  '57P03',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
]);

/** `npm start`: read the configuration, start everything, stop cleanly on a signal or when npm goes away. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // Synchronous: each line is written when it is logged. An asynchronous write still in flight when
  // the process exits is overtaken by the exit's final flush (lines out of order, e.g. "tsunagi
  // stopped" before the database's last line), and a crash could lose the last lines. A few lines
  // per event make the cost nothing.
  const logger = createLogger(config.logLevel, logDestination(config.logFormat));

  let app: Tsunagi | undefined;
  let stopRequested: { reason: string; at: number } | undefined;
  const stop = (exitCode: number) => {
    const stopped = app ? app.stop() : Promise.resolve();
    stopped.then(
      () => process.exit(exitCode),
      (err: unknown) => {
        logger.error({ err: errorMessage(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const requestStop = (reason: string) => {
    if (stopRequested) {
      if (Date.now() - stopRequested.at < REPEAT_WINDOW_MS) return;
      logger.warn({ reason }, 'second signal: exiting now');
      process.exit(1); // the embedded PostgreSQL is told to stop on exit (see db/embedded.ts)
    }
    stopRequested = { reason, at: Date.now() };
    logger.info({ reason }, 'shutting down');
    process.on('uncaughtException', (error) => connectionEndedWhileStopping(error, logger));
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 1000);
    force.unref();
    // While starting, the stop waits until the start is done (or failed and cleaned up after itself).
    if (app) stop(0);
  };
  // Listening before the start: a signal during the start must not kill the process with its
  // PostgreSQL (in a process group of its own) left running.
  for (const signal of STOP_SIGNALS) process.on(signal, () => requestStop(signal));
  if (process.argv.includes(STOP_WITH_PARENT_FLAG)) {
    watchParent((parentPid) => {
      if (stopRequested) return; // already stopping: the stop goes on (this is no reason to force it)
      logger.info({ parentPid }, 'the process that started tsunagi is gone; shutting down');
      requestStop('parent exited');
    });
  }

  try {
    app = await startTsunagi(config, logger);
  } catch (error) {
    const message = errorMessage(error);
    logger.fatal({ code: error instanceof AppError ? error.code : undefined, err: message }, 'tsunagi could not start');
    process.stderr.write(`Tsunagi could not start: ${message}\n`);
    process.exit(1);
  }
  const { host } = config.http;
  logger.info({ port: app.port, publicUrl: config.publicUrl }, startupText[config.staffLanguage]({ host, port: app.port, publicUrl: config.publicUrl }));
  if (stopRequested) stop(0);
}

/**
 * Checks every second that the process that started Tsunagi (npm) is still its parent. npm passes
 * SIGTERM and SIGINT on to its script, but when npm itself is killed (SIGKILL, a closed session), node
 * would keep running with its PostgreSQL, holding the port: it stops instead.
 */
function watchParent(onGone: (parentPid: number) => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    void parentOf(process.pid).then((now) => {
      const gone = now === undefined ? !isAlive(parent) : now !== parent;
      if (!gone) return;
      clearInterval(timer);
      onGone(parent);
    });
  }, PARENT_CHECK_EVERY_MS);
  timer.unref();
}

/**
 * Installed once stopping began: a connection the other side closed in the meantime (an error no
 * pool took, e.g. a client BullMQ let go of while closing) is expected then, and the stop goes on.
 * Anything else is a crash, reported as Node would (stack trace, exit 1).
 */
function connectionEndedWhileStopping(error: unknown, logger: Logger): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_ENDED.has(code)) {
    logger.info({ code }, 'a connection was closed by the other side while stopping');
    return;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

void main();
