import { ConfigError, loadConfig } from './config/env.js';
import { AppError, errorMessage } from './lib/errors.js';
import { createLogger } from './lib/logger.js';
import { startTsunagi } from './app.js';

/** `npm start`: read the configuration, start everything, stop cleanly on SIGTERM/SIGINT. */
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
  const logger = createLogger(config.logLevel);
  let app;
  try {
    app = await startTsunagi(config, logger);
  } catch (error) {
    const message = errorMessage(error);
    logger.fatal({ code: error instanceof AppError ? error.code : undefined, err: message }, 'tsunagi could not start');
    process.stderr.write(`Tsunagi could not start: ${message}\n`);
    process.exit(1);
  }

  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 1000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: errorMessage(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
