import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBackupToolConfig, type BackupToolConfig } from '../config/env.js';
import { RestoreRefusedError, restoreBackup } from '../db/backup/restore-backup.js';
import { runningEmbeddedDatabase } from '../db/embedded.js';
import { openToolDatabase } from '../db/tool-database.js';
import { errorMessage } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { createQueueBackend } from '../queues/backend.js';
import { QUEUE_NAMES } from '../queues/jobs.js';
import { createQueues } from '../queues/queues.js';
import { backupText, contentsLines } from './backup-text.js';
import { toolConfig } from './tool-config.js';

/**
 * `npm run restore -- <file> [--replace]`: puts a backup made by `npm run backup` into Tsunagi's
 * database (DATABASE_URL, or the embedded one under DATA_DIR, created if there is none yet) while
 * Tsunagi is stopped. A database that holds data is refused unless --replace. Afterwards the queues
 * are emptied; Tsunagi rebuilds them from the restored tables when it starts.
 */
async function main(): Promise<number> {
  const config = toolConfig(loadBackupToolConfig);
  if (typeof config === 'number') return config;
  const t = backupText[config.language];
  let parsed;
  try {
    parsed = parseArgs({ options: { replace: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    console.error(`${errorMessage(error)}\n${t.usageRestore}`);
    return 64;
  }
  const [given] = parsed.positionals;
  if (!given || parsed.positionals.length > 1) {
    console.error(t.usageRestore);
    return 64;
  }
  const file = path.resolve(given);
  // Missing or unreadable, the answer is the same: the file named cannot be restored from (said below).
  const readable = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!readable) {
    console.error(t.noFile(file));
    return 1;
  }
  const logger = createLogger('silent');
  let tool;
  try {
    if (!config.database.url) {
      const running = await runningEmbeddedDatabase(config.database.dataDir);
      if (running) {
        console.error(t.running(running.owner ?? running.postmaster));
        return 1;
      }
    }
    tool = await openToolDatabase({ url: config.database.url, dataDir: config.database.dataDir, logger, createIfMissing: true });
  } catch (error) {
    console.error(t.failed(errorMessage(error)));
    return 1;
  }
  try {
    const { manifest, replaced } = await restoreBackup(tool!.url, file, { replace: parsed.values.replace });
    await emptyRedisQueues(config, tool!.url);
    console.log(t.restoreDone(file, manifest.createdAt));
    for (const line of contentsLines(t, manifest)) console.log(line);
    if (replaced) console.log(t.replaced);
    console.log(t.queuesEmptied);
    console.log(t.next);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefusedError) {
      const r = t.refused;
      console.error(
        error.code === 'not_empty'
          ? r.not_empty(error.details.tables ?? [])
          : error.code === 'in_use'
            ? r.in_use(error.details.sessions ?? 0)
            : error.code === 'newer_backup'
              ? r.newer_backup(error.details.tag ?? '?')
              : r.newer_database,
      );
      return 1;
    }
    console.error(t.failed(errorMessage(error)));
    return 1;
  } finally {
    await tool!.close();
  }
}

/**
 * With Redis, its queues still hold jobs of the database that was there before: they go (Tsunagi
 * re-derives every job from the restored tables at start). Queues on PostgreSQL were emptied with it.
 */
async function emptyRedisQueues(config: BackupToolConfig, databaseUrl: string): Promise<void> {
  if (!config.queue.redisUrl) return;
  const backend = createQueueBackend({ redisUrl: config.queue.redisUrl, databaseUrl, prefix: config.queue.prefix, logger: createLogger('silent') });
  const queues = createQueues(backend);
  try {
    for (const name of QUEUE_NAMES) await queues.raw(name).obliterate({ force: true });
  } finally {
    await queues.close();
    await backend.close();
  }
}

process.exitCode = await main();
