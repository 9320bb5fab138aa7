import type { DoctorConfig } from '../../config/env.js';
import { connectDatabase } from '../../db/client.js';
import { appliedMigrations, migrationState, readMigrationJournal } from '../../db/migration-journal.js';
import { openCaseChannels } from '../../db/queries/operations.js';
import { openToolDatabase, type ToolDatabase } from '../../db/tool-database.js';
import { errorMessage } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { fail, ok, skip, warn, type CheckLine } from './check.js';
import type { DoctorText } from './text.js';

export interface DatabaseResult {
  lines: CheckLine[];
  /** The Slack channels of open cases; undefined when the database could not be read. */
  channels: string[] | undefined;
}

/** The database answers, and its migrations are those of this code (or only behind: the next start applies them). */
export async function checkDatabase(c: DoctorConfig, t: DoctorText): Promise<DatabaseResult> {
  const { titles } = t;
  const embedded = !c.database.url;
  if (embedded && !c.database.dataDir)
    return { channels: undefined, lines: [skip(titles.database, t.skippedBecause.config), skip(titles.migrations, t.skippedBecause.config)] };
  const failed = (error: unknown): DatabaseResult => ({
    channels: undefined,
    lines: [fail(titles.database, t.database.failed(errorMessage(error)), t.database.failedFix(embedded)), skip(titles.migrations, t.skippedBecause.database)],
  });

  let tool: ToolDatabase | undefined;
  try {
    tool = await openToolDatabase({ url: c.database.url, dataDir: c.database.dataDir ?? '', logger: createLogger('silent'), createIfMissing: false });
  } catch (error) {
    return failed(error);
  }
  if (!tool) {
    return {
      channels: [],
      lines: [
        warn(titles.database, t.database.noEmbeddedYet(c.database.dataDir ?? ''), t.database.noEmbeddedYetFix),
        skip(titles.migrations, t.skippedBecause.database),
      ],
    };
  }
  const database = connectDatabase(tool.url, { max: 1 });
  try {
    await database.sql`select 1`.execute();
    const where =
      tool.mode === 'url'
        ? t.database.where.url(hostOf(tool.url))
        : tool.mode === 'running'
          ? t.database.where.running(tool.runningPid ?? 0)
          : t.database.where.started;
    const lines = [ok(titles.database, t.database.reachable(where))];

    const journal = await readMigrationJournal();
    const state = migrationState(journal, await appliedMigrations(database.sql));
    if (state.unknown > 0) lines.push(fail(titles.migrations, t.database.migrationsNewer(state.unknown), t.database.migrationsNewerFix));
    else if (state.applied.length === 0) lines.push(warn(titles.migrations, t.database.migrationsEmpty(journal.length), t.database.migrationsPendingFix));
    else if (state.pending.length > 0)
      lines.push(warn(titles.migrations, t.database.migrationsPending(state.pending.map((e) => e.tag)), t.database.migrationsPendingFix));
    else lines.push(ok(titles.migrations, t.database.migrationsCurrent(state.applied.length, state.applied.at(-1)!.tag)));

    const channels = state.applied.length === 0 ? [] : await openCaseChannels(database.db);
    return { lines, channels };
  } catch (error) {
    return failed(error);
  } finally {
    await database.close();
    await tool.close();
  }
}

/** host:port/database of a connection URL (never its user or password). */
function hostOf(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
