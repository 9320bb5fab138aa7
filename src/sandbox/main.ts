import { ConfigError, DemoRefusedError, loadDemoConfig } from '../config/env.js';
import { AppError, errorMessage } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { SandboxRefusedError, startSandbox } from './sandbox.js';

/** A second signal within this time is the same request (see `shutdown`). */
const REPEAT_WINDOW_MS = 2000;

/** `npm run demo`: the whole bot with stand-ins of Slack and LINE, in a browser. */
async function main(): Promise<void> {
  let demo;
  try {
    demo = loadDemoConfig();
  } catch (error) {
    if (error instanceof DemoRefusedError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(demo.logLevel === 'info' ? 'warn' : demo.logLevel);
  const started = Date.now();
  process.stdout.write(`Tsunagi demo: starting (data in ${demo.demoDir}, bot log in ${demo.demoDir}/logs/tsunagi.log)…\n`);
  let sandbox;
  try {
    sandbox = await startSandbox({ demo, logger });
  } catch (error) {
    const message = errorMessage(error);
    logger.fatal({ code: error instanceof AppError ? error.code : undefined, err: message }, 'the demo could not start');
    process.stderr.write(`The demo could not start: ${message}\n`);
    process.exit(error instanceof SandboxRefusedError ? 78 : 1);
  }
  process.stdout.write(
    `\n  Tsunagi デモ / demo:  ${sandbox.url}\n\n  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl+C stops it, the data stays in ${demo.demoDir})\n`,
  );

  // Ctrl-C in a terminal reaches node twice: from the terminal and again from npm, which forwards it
  // to its script. A repeat within this window is that same request; a later one forces the exit.
  let stopRequestedAt: number | undefined;
  const shutdown = () => {
    if (stopRequestedAt !== undefined) {
      if (Date.now() - stopRequestedAt < REPEAT_WINDOW_MS) return;
      process.stdout.write('Tsunagi demo: asked again, exiting now.\n');
      process.exit(1);
    }
    stopRequestedAt = Date.now();
    process.stdout.write('\nTsunagi demo: stopping…\n');
    sandbox.stop().then(
      () => {
        process.stdout.write(`Tsunagi demo: stopped. The data stays in ${demo.demoDir} (npm run demo again to go on).\n`);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err: errorMessage(err) }, 'the demo did not stop cleanly');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, shutdown);
}

void main();
