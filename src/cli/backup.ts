import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBackupToolConfig } from '../config/env.js';
import { writeBackup } from '../db/backup/write-backup.js';
import { openToolDatabase } from '../db/tool-database.js';
import { errorMessage } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { backupText, contentsLines } from './backup-text.js';
import { formatBytes } from './doctor/check.js';
import { toolConfig } from './tool-config.js';

/** Names of the files `npm run backup` makes (what --keep may delete: nothing else). */
const BACKUP_NAME = /^tsunagi-\d{8}-\d{6}\.backup\.gz$/;

const stamp = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};

/**
 * `npm run backup [-- --out <file|folder>] [--keep <n>]`: a consistent backup of Tsunagi's database
 * (DATABASE_URL, or the embedded one, whether Tsunagi runs or not) into one compressed file, by
 * default DATA_DIR/backups/tsunagi-<date>-<time>.backup.gz. --keep n deletes all but the newest n
 * backups of that folder afterwards.
 */
async function main(): Promise<number> {
  const config = toolConfig(loadBackupToolConfig);
  if (typeof config === 'number') return config;
  const t = backupText[config.language];
  let args;
  try {
    args = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'string' } }, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${errorMessage(error)}\n${t.usageBackup}`);
    return 64;
  }
  const keep = args.keep === undefined ? undefined : Number(args.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
    console.error(t.usageBackup);
    return 64;
  }

  let file = path.join(config.database.dataDir, 'backups', `tsunagi-${stamp(new Date())}.backup.gz`);
  if (args.out) {
    const isDir =
      args.out.endsWith('/') ||
      (await fs.stat(args.out).then(
        (s) => s.isDirectory(),
        () => false,
      ));
    file = isDir ? path.join(args.out, path.basename(file)) : path.resolve(args.out);
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });

  const logger = createLogger('silent');
  let tool;
  try {
    tool = await openToolDatabase({ url: config.database.url, dataDir: config.database.dataDir, logger, createIfMissing: false });
  } catch (error) {
    console.error(t.failed(errorMessage(error)));
    return 1;
  }
  if (!tool) {
    console.error(t.noDatabase(config.database.dataDir));
    return 1;
  }
  try {
    const manifest = await writeBackup(tool.url, file);
    const size = (await fs.stat(file)).size;
    console.log(t.backupDone(file, formatBytes(size)));
    for (const line of contentsLines(t, manifest)) console.log(line);
    if (tool.mode === 'started') console.log(`  ${t.startedEmbedded}`);
    if (keep !== undefined) {
      const folder = path.dirname(file);
      const old = (await fs.readdir(folder))
        .filter((name) => BACKUP_NAME.test(name))
        .sort()
        .reverse()
        .slice(keep);
      for (const name of old) await fs.rm(path.join(folder, name));
      if (old.length > 0) console.log(t.removedOld(old));
    }
    console.log(t.keepWarning);
    return 0;
  } catch (error) {
    console.error(t.failed(errorMessage(error)));
    return 1;
  } finally {
    await tool.close();
  }
}

process.exitCode = await main();
