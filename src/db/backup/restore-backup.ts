import { once } from 'node:events';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { MIGRATION_LOCK_KEY, MIGRATIONS_FOLDER } from '../migrate.js';
import { appliedMigrations, readMigrationJournal } from '../migration-journal.js';
import { ARCHIVE_END, BackupFormatError, quoteIdent, quoteQualified, TABLE_END, tableHeader, type ArchiveManifest } from './archive-format.js';
import { APP_SCHEMA, appTables, foreignKeys, MIGRATIONS_TABLE, type Queryable } from './catalog.js';
import { ArchiveReader } from './read-archive.js';

/** Why a restore did not start; nothing was changed. `code` says which case, for the command's message. */
export class RestoreRefusedError extends Error {
  constructor(
    readonly code: 'not_empty' | 'in_use' | 'newer_backup' | 'newer_database',
    message: string,
    readonly details: { tables?: string[]; sessions?: number; tag?: string | null } = {},
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreOptions {
  /** Replace what the database holds (else a database with any row in it is refused). */
  replace: boolean;
}

export interface RestoreSummary {
  manifest: ArchiveManifest;
  /** Whether existing data was dropped first (--replace on a database that held some). */
  replaced: boolean;
}

/** The application names Tsunagi's connections carry (db/client.ts, app.ts, queues/backend.ts, db/migrate.ts). */
const TSUNAGI_SESSIONS = ['tsunagi', 'tsunagi-locks', 'tsunagi-queue', 'tsunagi-migrate'];
/** BullMQ's schema when the queues live in PostgreSQL: derived data, rebuilt by Tsunagi from the tables. */
const QUEUE_SCHEMA = 'bullmq';
const WRITE_CHUNK_BYTES = 256 * 1024;

/**
 * Restores a backup made by writeBackup into the database at `url`. It refuses while Tsunagi uses the
 * database, and a database holding any row unless `replace`. Then, in one transaction (so that a
 * damaged file or any error leaves the database as it was):
 * 1. with `replace`, drops the app's tables, drizzle's migrations record and BullMQ's queue schema
 *    (else only the queue schema: queue jobs are derived data, re-derived by Tsunagi at start);
 * 2. applies the code's migrations up to the backup's schema version, as drizzle's migrator does (the
 *    next start of Tsunagi applies the later ones), under the migrations' advisory lock;
 * 3. loads every table with COPY, parents first, checking each table's row count against the manifest;
 * 4. sets every sequence (ids, case codes) to where it was.
 */
export async function restoreBackup(url: string, file: string, options: RestoreOptions): Promise<RestoreSummary> {
  const reader = await ArchiveReader.open(file);
  const { manifest } = reader;
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'tsunagi-restore' } });
  try {
    const journal = await readMigrationJournal();
    const target = manifest.schema.lastMigrationAt;
    if (target !== null && !journal.some((e) => e.when === target)) {
      throw new RestoreRefusedError(
        'newer_backup',
        `This backup was made with a Tsunagi whose database schema this version does not know (its last migration: ${manifest.schema.lastMigrationTag ?? target}). Restore it with that version of Tsunagi or a newer one.`,
        { tag: manifest.schema.lastMigrationTag },
      );
    }

    const [{ sessions } = { sessions: 0 }] = await sql<{ sessions: number }[]>`
      select count(*)::int as sessions from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and application_name in ${sql(TSUNAGI_SESSIONS)}`;
    if (sessions > 0) {
      throw new RestoreRefusedError('in_use', `Tsunagi is using this database (${sessions} connection(s)). Stop Tsunagi, then restore.`, { sessions });
    }

    const withRows = await tablesWithRows(sql);
    const applied = await appliedMigrations(sql);
    const newerThanBackup = applied.some((when) => target === null || when > target);
    if (!options.replace && withRows.length > 0) {
      throw new RestoreRefusedError('not_empty', `The database already holds data (in ${withRows.join(', ')}).`, { tables: withRows });
    }
    if (!options.replace && newerThanBackup) {
      throw new RestoreRefusedError('newer_database', 'The database has a newer schema than the backup (a newer Tsunagi started on it).');
    }
    const replaced = options.replace && (withRows.length > 0 || applied.length > 0);

    await sql.begin(async (tx) => {
      // A Tsunagi starting meanwhile waits here for its own migrations, then finds the backup's version.
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
      if (options.replace) await dropAppObjects(tx);
      else await tx.unsafe(`drop schema if exists ${quoteIdent(QUEUE_SCHEMA)} cascade`);
      await migrateTo(tx, target);
      await loadTables(tx, reader, manifest);
      await setSequences(tx, manifest);
    });
    return { manifest, replaced };
  } finally {
    reader.close();
    await sql.end({ timeout: 5 });
  }
}

/** The app's tables (and drizzle's migrations record) that hold at least one row. */
async function tablesWithRows(sql: Queryable): Promise<string[]> {
  const found: string[] = [];
  for (const table of await appTables(sql)) {
    if (table.name === MIGRATIONS_TABLE) continue; // a migrated but empty database is empty
    const [row] = await sql.unsafe<{ any: boolean }[]>(`select exists (select 1 from ${quoteQualified(table.name)}) as any`);
    if (row?.any) found.push(table.name);
  }
  return found;
}

/** Everything of the app in the database: its schema's tables, views, sequences and types, drizzle's record, BullMQ's queues. */
async function dropAppObjects(tx: postgres.TransactionSql): Promise<void> {
  const relations = await tx<{ name: string; kind: string }[]>`
    select c.relname as name, c.relkind::text as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${APP_SCHEMA} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`;
  const keyword: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', S: 'sequence', f: 'foreign table' };
  // Views first, then tables (cascade takes their constraints and owned sequences), then what is left.
  for (const kinds of [['v', 'm'], ['r', 'p', 'f'], ['S']]) {
    for (const r of relations.filter((x) => kinds.includes(x.kind))) {
      await tx.unsafe(`drop ${keyword[r.kind]} if exists ${quoteIdent(APP_SCHEMA)}.${quoteIdent(r.name)} cascade`);
    }
  }
  const types = await tx<{ name: string }[]>`
    select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = ${APP_SCHEMA} and t.typtype in ('e', 'd', 'r')`;
  for (const t of types) await tx.unsafe(`drop type if exists ${quoteIdent(APP_SCHEMA)}.${quoteIdent(t.name)} cascade`);
  await tx.unsafe('drop schema if exists drizzle cascade');
  await tx.unsafe(`drop schema if exists ${quoteIdent(QUEUE_SCHEMA)} cascade`);
}

/**
 * Applies the code's migrations after the database's last one and up to the one drizzle recorded at
 * `lastMigrationAt`, the way drizzle's migrator does (its record table, each file's statements, a row
 * per migration), but inside the restore's transaction.
 */
async function migrateTo(tx: postgres.TransactionSql, lastMigrationAt: number | null): Promise<void> {
  await tx.unsafe('create schema if not exists drizzle');
  await tx.unsafe(`create table if not exists ${quoteQualified(MIGRATIONS_TABLE)} (id serial primary key, hash text not null, created_at bigint)`);
  if (lastMigrationAt === null) return;
  const [row] = await tx.unsafe<{ last: string | null }[]>(`select max(created_at)::text as last from ${quoteQualified(MIGRATIONS_TABLE)}`);
  const applied = row?.last === null || row?.last === undefined ? -Infinity : Number(row.last);
  for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })) {
    if (migration.folderMillis <= applied || migration.folderMillis > lastMigrationAt) continue;
    for (const statement of migration.sql) if (statement.trim() !== '') await tx.unsafe(statement);
    await tx.unsafe(`insert into ${quoteQualified(MIGRATIONS_TABLE)} (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
  }
}

/**
 * COPYs every table of the archive, in its order (parents first). A reference whose table comes later
 * in the file (a cycle of references) is dropped before and made again after, which checks it then.
 */
async function loadTables(tx: postgres.TransactionSql, reader: ArchiveReader, manifest: ArchiveManifest): Promise<void> {
  const present = new Map((await appTables(tx)).map((t) => [t.name, t]));
  for (const table of manifest.tables) {
    const here = present.get(table.name);
    const missing = table.columns.filter((c) => !here?.columns.includes(c));
    if (!here || missing.length > 0) {
      throw new BackupFormatError(
        `The backup's table ${table.name} does not match the database after migrating (${here ? `columns ${missing.join(', ')} missing` : 'no such table'}).`,
      );
    }
  }
  const position = new Map(manifest.tables.map((t, i) => [t.name, i]));
  const late = (await foreignKeys(tx)).filter(
    (k) => k.child !== k.parent && position.has(k.child) && position.has(k.parent) && position.get(k.parent)! > position.get(k.child)!,
  );
  for (const k of late) await tx.unsafe(`alter table ${quoteQualified(k.child)} drop constraint ${quoteIdent(k.constraint)}`);
  // The migrations just applied wrote their own record: the backup's replaces it (same migrations, its ids).
  await tx.unsafe(`delete from ${quoteQualified(MIGRATIONS_TABLE)}`);

  for (const table of manifest.tables) {
    const header = (await reader.nextLine())?.toString('utf8');
    if (header !== tableHeader(table))
      throw new BackupFormatError(
        `The backup is damaged: expected the rows of ${table.name}, found ${header === undefined ? 'the end of the file' : 'something else'}.`,
      );
    const columns = table.columns.map(quoteIdent).join(', ');
    const copy = await tx.unsafe(`copy ${quoteQualified(table.name)} (${columns}) from stdin`).writable();
    const finished = once(copy, 'finish');
    let pending: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      if (!copy.write(Buffer.concat(pending))) await once(copy, 'drain');
      pending = [];
      size = 0;
    };
    for (;;) {
      const line = await reader.nextLine();
      if (line === undefined) {
        copy.destroy();
        throw new BackupFormatError(`The backup is cut short in the rows of ${table.name}.`);
      }
      if (line.length === TABLE_END.length && line.toString('utf8') === TABLE_END) break;
      pending.push(line, NEWLINE);
      size += line.length + 1;
      if (size >= WRITE_CHUNK_BYTES) await flush();
    }
    await flush();
    copy.end();
    await finished;
    const [count] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${quoteQualified(table.name)}`);
    if (Number(count?.n) !== table.rows) {
      throw new BackupFormatError(`The backup's ${table.name} should hold ${table.rows} rows, ${count?.n} were loaded.`);
    }
  }
  if ((await reader.nextLine())?.toString('utf8') !== ARCHIVE_END) throw new BackupFormatError('The backup is cut short (its end mark is missing).');
  for (const k of late) await tx.unsafe(`alter table ${quoteQualified(k.child)} add constraint ${quoteIdent(k.constraint)} ${k.definition}`);
}

const NEWLINE = Buffer.from('\n');

/** Every sequence back where the backup found it (ids and case codes are never handed out twice). */
async function setSequences(tx: postgres.TransactionSql, manifest: ArchiveManifest): Promise<void> {
  for (const s of manifest.sequences) {
    const [exists] = await tx<{ found: boolean }[]>`select to_regclass(${quoteQualified(s.name)}) is not null as found`;
    if (!exists?.found) continue;
    await tx`select setval(${quoteQualified(s.name)}::regclass, ${s.lastValue ?? s.startValue}::bigint, ${s.lastValue !== null})`;
  }
}
