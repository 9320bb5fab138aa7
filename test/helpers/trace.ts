import { expect } from 'vitest';
import { QUEUE_NAMES } from '../../src/queues/jobs.js';
import { runCaseCommand } from './journey.js';
import type { TestApp } from './test-app.js';

/** Every text-like column of every table in the test database (the app's tables and, on PostgreSQL queues, BullMQ's). */
async function textColumns(t: TestApp): Promise<Array<{ schema: string; table: string; column: string }>> {
  const rows = await t.database.sql<Array<{ table_schema: string; table_name: string; column_name: string }>>`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'jsonb', 'json', 'character varying')`;
  return rows.map((r) => ({ schema: r.table_schema, table: r.table_name, column: r.column_name }));
}

/** Where `needle` occurs in the database: `schema.table.column` of each hit. */
export async function databaseHits(t: TestApp, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { schema, table, column } of await textColumns(t)) {
    const ident = `"${schema}"."${table}"`;
    const col = `"${column}"`;
    const [row] = await t.database.sql.unsafe(`select count(*)::int as n from ${ident} where position($1 in ${col}::text) > 0`, [needle]);
    if (Number(row?.n) > 0) hits.push(`${schema}.${table}.${column}`);
  }
  return hits;
}

/** Where `needle` occurs in the data of the jobs the queues hold, in any state. */
export async function queueJobHits(t: TestApp, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const name of QUEUE_NAMES) {
    const jobs = await t.app.queues.raw(name).getJobs(['completed', 'failed', 'waiting', 'delayed', 'active', 'prioritized']);
    for (const job of jobs) if (job && JSON.stringify(job.data).includes(needle)) hits.push(`${name}:${job.id}`);
  }
  return hits;
}

/** Every job the queues hold carries ids only: numbers, under keys that name ids. */
export async function expectJobDataIdsOnly(t: TestApp): Promise<void> {
  for (const name of QUEUE_NAMES) {
    const jobs = await t.app.queues.raw(name).getJobs(['completed', 'failed', 'waiting', 'delayed', 'active', 'prioritized']);
    for (const job of jobs) {
      if (!job) continue;
      for (const [key, value] of Object.entries((job.data ?? {}) as Record<string, unknown>)) {
        expect(`${job.name}.${key}=${typeof value}`).toMatch(/Id=number$|version=number$/);
      }
    }
  }
}

/** Where `needle` shows in Slack: live messages (text, blocks, attachments) and files not deleted. */
export function slackHits(t: TestApp, needle: string): string[] {
  const hits: string[] = [];
  for (const m of t.slack.messages) {
    if (m.deleted) continue;
    if (JSON.stringify({ text: m.text, blocks: m.blocks, attachments: m.attachments, files: m.files }).includes(needle))
      hits.push(`message ${m.channel}/${m.ts}`);
  }
  for (const f of t.slack.files) {
    if (f.deleted) continue;
    if (f.bytes.includes(Buffer.from(needle)) || f.filename.includes(needle)) hits.push(`file ${f.id}`);
  }
  return hits;
}

/** Runs `/case export` and returns the text of the files (CSV, Markdown) it sent. */
export async function exportedText(t: TestApp, caseCode: string): Promise<string> {
  const before = t.slack.files.length;
  await runCaseCommand(t, `export ${caseCode}`);
  const files = await t.slack.waitFor(() => {
    const sent = t.slack.files.slice(before).filter((f) => f.completed);
    return sent.length >= 2 ? sent : undefined;
  });
  return files.map((f) => f.bytes.toString('utf8')).join('\n');
}

/** The text is nowhere: not in Slack, not in any table, not in queue job data, not in the export. */
export async function expectNoTrace(t: TestApp, needle: string, caseCode: string): Promise<void> {
  expect(slackHits(t, needle)).toEqual([]);
  expect(await databaseHits(t, needle)).toEqual([]);
  expect(await queueJobHits(t, needle)).toEqual([]);
  await expectJobDataIdsOnly(t);
  const exported = await exportedText(t, caseCode);
  expect(exported.length).toBeGreaterThan(0);
  expect(exported).not.toContain(needle);
}
