import { once } from 'node:events';
import fs from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import postgres from 'postgres';
import { appliedMigrations, readMigrationJournal } from '../migration-journal.js';
import {
  ARCHIVE_END,
  ARCHIVE_MAGIC,
  ARCHIVE_VERSION,
  quoteIdent,
  quoteQualified,
  TABLE_END,
  tableHeader,
  type ArchiveManifest,
  type ArchiveTable,
} from './archive-format.js';
import { appTables, foreignKeys, parentsFirst, sequenceStates } from './catalog.js';

/** Writes `chunk`, waiting when the stream asks to (a large table never piles up in memory). */
async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * A consistent logical backup of the database at `url` into `file` (see archive-format.ts): one
 * repeatable-read, read-only transaction sees every table at the same moment, so it can run while
 * Tsunagi works. Written to `file.partial` (mode 0600) and renamed when complete: a file with the
 * final name is always whole. Returns its manifest.
 */
export async function writeBackup(url: string, file: string, now: () => Date = () => new Date()): Promise<ArchiveManifest> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'tsunagi-backup' } });
  const partial = `${file}.partial`;
  const handle = await fs.open(partial, 'w', 0o600);
  const out = handle.createWriteStream();
  const gzip = createGzip();
  gzip.pipe(out);
  const closed = once(out, 'close');
  try {
    const manifest = await sql.begin('isolation level repeatable read read only', async (tx) => {
      const tables = await appTables(tx);
      const byName = new Map(tables.map((t) => [t.name, t]));
      const order = parentsFirst([...byName.keys()], await foreignKeys(tx));
      const archived: ArchiveTable[] = [];
      for (const name of order) {
        const [count] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${quoteQualified(name)}`);
        archived.push({ name, columns: byName.get(name)!.columns, rows: Number(count!.n) });
      }
      const applied = await appliedMigrations(tx);
      const journal = await readMigrationJournal();
      const last = applied.at(-1) ?? null;
      const m: ArchiveManifest = {
        createdAt: now().toISOString(),
        schema: { migrations: applied.length, lastMigrationAt: last, lastMigrationTag: journal.find((e) => e.when === last)?.tag ?? null },
        tables: archived,
        // Read after the counts: sequences only grow, so every id in this snapshot is below them.
        sequences: await sequenceStates(tx),
      };
      await write(gzip, `${ARCHIVE_MAGIC} ${ARCHIVE_VERSION}\n${JSON.stringify(m)}\n`);
      for (const table of archived) {
        await write(gzip, `${tableHeader(table)}\n`);
        const columns = table.columns.map(quoteIdent).join(', ');
        const rows = await tx.unsafe(`copy ${quoteQualified(table.name)} (${columns}) to stdout`).readable();
        for await (const chunk of rows) await write(gzip, chunk as Buffer);
        await write(gzip, `${TABLE_END}\n`);
      }
      await write(gzip, `${ARCHIVE_END}\n`);
      return m;
    });
    gzip.end();
    await closed;
    // On the disk before the rename makes it the backup. The stream closed its handle: fsync through a new
    // one (it flushes the file, whichever descriptor wrote it).
    const written = await fs.open(partial, 'r');
    try {
      await written.sync();
    } finally {
      await written.close();
    }
    await fs.rename(partial, file);
    return manifest;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
