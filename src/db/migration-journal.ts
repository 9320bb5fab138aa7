import fs from 'node:fs/promises';
import path from 'node:path';
import type postgres from 'postgres';
import { MIGRATIONS_FOLDER } from './migrate.js';

/** A pool, or one connection inside a transaction. */
type Queryable = postgres.Sql | postgres.TransactionSql;

/** One migration the code ships (drizzle/meta/_journal.json): its tag and the time drizzle records for it. */
export interface JournalEntry {
  idx: number;
  tag: string;
  /** drizzle's `folderMillis`: what `drizzle.__drizzle_migrations.created_at` holds once it is applied. */
  when: number;
}

/** The migrations of this version of the code, oldest first. */
export async function readMigrationJournal(folder: string = MIGRATIONS_FOLDER): Promise<JournalEntry[]> {
  const journal = JSON.parse(await fs.readFile(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.map(({ idx, tag, when }) => ({ idx, tag, when })).sort((a, b) => a.when - b.when);
}

/** What `drizzle.__drizzle_migrations` says was applied (created_at of each, oldest first); [] for a database never migrated. */
export async function appliedMigrations(sql: Queryable): Promise<number[]> {
  const [exists] = await sql<{ found: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as found`;
  if (!exists?.found) return [];
  const rows = await sql<{ created_at: string }[]>`select created_at::text from drizzle.__drizzle_migrations order by created_at`;
  return rows.map((r) => Number(r.created_at));
}

export interface MigrationState {
  /** Migrations of the code the database has. */
  applied: JournalEntry[];
  /** Migrations of the code the database does not have yet (applied at the next start). */
  pending: JournalEntry[];
  /** Migrations the database has that this code does not know (it was used by a newer Tsunagi). */
  unknown: number;
}

/** Compares the database's applied migrations with the code's, as drizzle's migrator does (by time). */
export function migrationState(journal: JournalEntry[], applied: number[]): MigrationState {
  const last = applied.length ? Math.max(...applied) : -Infinity;
  const known = new Set(journal.map((e) => e.when));
  return {
    applied: journal.filter((e) => e.when <= last),
    pending: journal.filter((e) => e.when > last),
    unknown: applied.filter((when) => !known.has(when)).length,
  };
}
