import { loadDatabaseToolConfig } from '../config/env.js';
import { runMigrations } from '../db/migrate.js';
import { errorMessage } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { toolConfig } from './tool-config.js';

/** `npm run db:migrate`: apply migrations to DATABASE_URL (the app also does this at every start). */
async function main(): Promise<number> {
  const config = toolConfig(loadDatabaseToolConfig, { problemsOnly: false });
  if (typeof config === 'number') return config;
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is not set. (Without it, `npm start` migrates its embedded database itself.)');
    return 78;
  }
  try {
    await runMigrations(config.databaseUrl, createLogger(config.logLevel));
    return 0;
  } catch (error) {
    console.error(`Migration failed: ${errorMessage(error)}`);
    return 1;
  }
}

process.exit(await main());
