import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileUrgentList, DEFAULT_EXPRESSIONS, DEFAULT_URGENT_LIST } from '../../../../src/core/urgent/index.js';
import {
  corpusReport,
  CRISIS_CORPUS,
  CRISIS_HOLDOUT,
  measure,
  ORDINARY_CORPUS,
  ORDINARY_HOLDOUT,
  percent,
  readCorpus,
} from '../../../helpers/urgent-corpus.js';

/**
 * The default list on made-up ordinary and crisis-like messages (test/fixtures/urgent/). The rates are
 * printed (also by `node --import tsx test/helpers/urgent-corpus.ts`) and documented in
 * docs/urgent-words.md; the bounds below catch a change to the list that makes them clearly worse.
 */
const list = compileUrgentList(DEFAULT_URGENT_LIST);

describe('the default list on the corpora', () => {
  it('prints the false-positive and miss rates', () => {
    const report = corpusReport(list);
    process.stdout.write(`\n${report}\n`);
    expect(report).toMatch(/false positives: \d+ of \d+ ordinary messages/);
  });

  it('flags few of at least 200 ordinary messages (false-positive rate)', () => {
    const ordinary = measure(readCorpus(ORDINARY_CORPUS), list, 'ordinary');
    expect(ordinary.size).toBeGreaterThanOrEqual(200);
    expect(ordinary.rate, percent(ordinary.rate)).toBeLessThanOrEqual(0.02);
    const holdout = measure(readCorpus(ORDINARY_HOLDOUT), list, 'ordinary');
    expect(holdout.size).toBeGreaterThanOrEqual(90);
    expect(holdout.rate, percent(holdout.rate)).toBeLessThanOrEqual(0.03);
  });

  it('misses few crisis-like messages, and says which (miss rate)', () => {
    const crisis = measure(readCorpus(CRISIS_CORPUS), list, 'crisis');
    expect(crisis.size).toBeGreaterThanOrEqual(100);
    expect(crisis.rate, crisis.missed.join(' / ')).toBeLessThanOrEqual(0.1);
    const holdout = measure(readCorpus(CRISIS_HOLDOUT), list, 'crisis');
    expect(holdout.size).toBeGreaterThanOrEqual(40);
    expect(holdout.rate, holdout.missed.join(' / ')).toBeLessThanOrEqual(0.2);
  });

  it('finds every direct expression of the crisis corpus (only the indirect section may be missed)', () => {
    const text = readCorpus(CRISIS_CORPUS);
    const indirectFrom = text.indexOf('もう疲れた。ぜんぶ疲れた');
    expect(indirectFrom).toBeGreaterThan(0);
    const direct = measure(text.slice(0, indirectFrom), list, 'crisis');
    // One known miss outside that section: a farewell, which no word of the list can tell from a thank-you.
    expect(direct.missed).toEqual(['今までありがとう。さようなら']);
  });
});

describe('docs/urgent-words.md', () => {
  const doc = fs.readFileSync(path.resolve('docs/urgent-words.md'), 'utf8');

  it('lists every default expression by id', () => {
    for (const e of DEFAULT_EXPRESSIONS) expect(doc, e.id).toContain(`\`${e.id}\``);
  });

  it('states the figures the corpora give now (update its table when the list changes)', () => {
    for (const [file, kind] of [
      [ORDINARY_CORPUS, 'ordinary'],
      [CRISIS_CORPUS, 'crisis'],
      [ORDINARY_HOLDOUT, 'ordinary'],
      [CRISIS_HOLDOUT, 'crisis'],
    ] as const) {
      const r = measure(readCorpus(file), list, kind);
      const wrong = kind === 'ordinary' ? `${r.flagged.length} flagged` : `${r.missed.length} missed`;
      expect(doc, path.basename(file)).toMatch(new RegExp(`\\| ${r.size} \\| \\*\\*${wrong}: [^|]*${percent(r.rate).replace('.', '\\.')}`));
    }
  });
});
