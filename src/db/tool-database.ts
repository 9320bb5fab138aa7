import type { Logger } from '../lib/logger.js';
import { embeddedDatabaseExists, runningEmbeddedDatabase, startEmbeddedDatabase } from './embedded.js';

/** The database an operations command works on, and how it got to it. */
export interface ToolDatabase {
  url: string;
  /** `url`: DATABASE_URL; `running`: the embedded PostgreSQL of a running Tsunagi; `started`: started by this command (and stopped by `close`). */
  mode: 'url' | 'running' | 'started';
  /** `running`: the process that runs that embedded PostgreSQL (the Tsunagi), or the PostgreSQL itself when its parent is unknown. */
  runningPid?: number;
  close(): Promise<void>;
}

export interface OpenToolDatabaseOptions {
  url: string | undefined;
  dataDir: string;
  logger: Logger;
  /** With no embedded database in DATA_DIR yet: create one (restore onto a new machine) or answer undefined (doctor, backup). */
  createIfMissing: boolean;
}

/**
 * DATABASE_URL when set. Otherwise the embedded database under DATA_DIR: the one a running Tsunagi
 * serves (joined as one more client), else started for this command and stopped by `close()`. While a
 * command holds it, a Tsunagi starting on the same DATA_DIR refuses to start (it names the command's
 * process), and starts normally after.
 */
export async function openToolDatabase(options: OpenToolDatabaseOptions): Promise<ToolDatabase | undefined> {
  if (options.url) return { url: options.url, mode: 'url', close: async () => {} };
  const running = await runningEmbeddedDatabase(options.dataDir);
  if (running) return { url: running.url, mode: 'running', runningPid: running.owner ?? running.postmaster, close: async () => {} };
  if (!options.createIfMissing && !(await embeddedDatabaseExists(options.dataDir))) return undefined;
  const embedded = await startEmbeddedDatabase(options.dataDir, options.logger);
  return { url: embedded.url, mode: 'started', close: () => embedded.stop() };
}
