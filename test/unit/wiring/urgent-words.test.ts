import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUrgent, UrgentWordsFileError } from '../../../src/core/urgent/index.js';
import { createLogger } from '../../../src/lib/logger.js';
import { openUrgentSettings } from '../../../src/wiring/urgent-words.js';

/** The log lines written, parsed. */
class Logs extends Writable {
  readonly entries: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.entries.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  warnings(): Array<Record<string, unknown>> {
    return this.entries.filter((e) => e.level === 40);
  }
}

let dir: string;
let file: string;
let logs: Logs;
let tick = 0;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagi-urgent-'));
  file = path.join(dir, 'urgent-words.json');
  logs = new Logs();
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Writes the file as an editor would, with a modification time that surely differs from the last one. */
async function write(content: unknown): Promise<void> {
  await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  tick += 1;
  const when = new Date(Date.UTC(2026, 0, 1, 0, 0, tick));
  await fs.utimes(file, when, when);
}

const open = () => openUrgentSettings({ file, logger: createLogger('info', logs) });

describe('the urgent-words file is read again when it changes, without a restart', () => {
  it('uses the defaults when no file is set', async () => {
    const source = await openUrgentSettings({ file: undefined, logger: createLogger('info', logs) });
    expect(findUrgent('死にたい', (await source.current()).list).matched).toBe(true);
    expect((await source.current()).guidance).toBeUndefined();
  });

  it('picks up an edited file on the next use', async () => {
    await write({ remove: ['keisatsu'] });
    const source = await open();
    expect(findUrgent('警察', (await source.current()).list).matched).toBe(false);

    await write({ add: [{ id: 'sagi-kaiwa', group: 'violence', forms: ['詐欺'], why: '消費者被害' }] });
    const now = (await source.current()).list;
    expect(findUrgent('警察', now).matched).toBe(true);
    expect(findUrgent('詐欺にあった', now).hits).toEqual([{ group: 'violence', expression: 'sagi-kaiwa' }]);
    expect(logs.entries.filter((e) => e.msg === 'urgent-words file changed; the new list is in force')).toHaveLength(1);
  });

  it('keeps the last good list, and warns once, when the file becomes invalid; takes the fixed file', async () => {
    await write({ remove: ['keisatsu'] });
    const source = await open();

    await write('{ "remove": ["keisatsu",] }');
    for (let i = 0; i < 3; i++) expect(findUrgent('警察', (await source.current()).list).matched).toBe(false);
    expect(logs.warnings()).toHaveLength(1);
    expect(logs.warnings()[0]).toMatchObject({ file, msg: 'urgent-words file is invalid; the last good list stays in force' });
    expect(String((logs.warnings()[0]?.problems as string[])[0])).toMatch(/not valid JSON/);

    await write({ remove: ['keisatsu', 'jiko'] });
    const fixed = (await source.current()).list;
    expect(findUrgent('事故にあった', fixed).matched).toBe(false);
    expect(logs.warnings()).toHaveLength(1);
  });

  it('keeps the last good list when the file is deleted, and reads it again when it is back', async () => {
    await write({ remove: ['keisatsu'] });
    const source = await open();
    await fs.rm(file);
    expect(findUrgent('警察', (await source.current()).list).matched).toBe(false);
    expect(findUrgent('警察', (await source.current()).list).matched).toBe(false);
    expect(logs.warnings()).toEqual([expect.objectContaining({ msg: 'urgent-words file cannot be read; the last good list stays in force' })]);

    await write({});
    expect(findUrgent('警察', (await source.current()).list).matched).toBe(true);
  });

  it('shares one look at the file among messages arriving together', async () => {
    await write({});
    const source = await open();
    await write({ remove: ['jiko'] });
    const lists = await Promise.all(Array.from({ length: 5 }, () => source.current()));
    for (const settings of lists) expect(settings).toBe(lists[0]);
    expect(logs.entries.filter((e) => e.msg === 'urgent-words file changed; the new list is in force')).toHaveLength(1);
  });

  it('carries the guidance wording of the file', async () => {
    await write({ guidance: { outOfHoursNote: '急ぐときは事業所の緊急携帯 090-0000-0000 へ' } });
    const source = await open();
    expect((await source.current()).guidance).toEqual({ outOfHoursNote: '急ぐときは事業所の緊急携帯 090-0000-0000 へ' });
  });

  it('stops the start when the file is missing or invalid, naming the file and every problem', async () => {
    await expect(open()).rejects.toThrow(UrgentWordsFileError);
    await expect(open()).rejects.toThrow(/cannot read the file .*create it \(an empty list is \{\}\) or unset URGENT_WORDS_FILE/);
    await write({ remove: ['nope'], add: [{ id: 'x' }] });
    await expect(open()).rejects.toThrow(/add\[0\]\.forms/);
  });
});
