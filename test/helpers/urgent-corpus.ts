import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileUrgentList, DEFAULT_URGENT_LIST, findUrgent, type UrgentHit, type UrgentList } from '../../src/core/urgent/index.js';

/**
 * The urgent-expression list measured on the two corpora in test/fixtures/urgent/: how many ordinary
 * messages it flags (false positives) and how many crisis-like messages it misses.
 * `node --import tsx test/helpers/urgent-corpus.ts` prints the figures and the lines behind them.
 */
export const ORDINARY_CORPUS = fileURLToPath(new URL('../fixtures/urgent/ordinary-messages.txt', import.meta.url));
export const CRISIS_CORPUS = fileURLToPath(new URL('../fixtures/urgent/crisis-messages.txt', import.meta.url));
/** Written after the list was settled and never used to change it: the fairer estimate. */
export const ORDINARY_HOLDOUT = fileURLToPath(new URL('../fixtures/urgent/ordinary-messages-holdout.txt', import.meta.url));
export const CRISIS_HOLDOUT = fileURLToPath(new URL('../fixtures/urgent/crisis-messages-holdout.txt', import.meta.url));

/** The messages of a corpus file: one a line; # comments and blank lines skipped. */
export function readCorpus(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export interface CorpusResult {
  size: number;
  flagged: Array<{ text: string; hits: UrgentHit[] }>;
  missed: string[];
  /** flagged / size for the ordinary corpus, missed / size for the crisis corpus. */
  rate: number;
}

export function measure(messages: readonly string[], list: UrgentList, kind: 'ordinary' | 'crisis'): CorpusResult {
  const flagged: CorpusResult['flagged'] = [];
  const missed: string[] = [];
  for (const text of messages) {
    const result = findUrgent(text, list);
    if (result.matched) flagged.push({ text, hits: result.hits });
    else missed.push(text);
  }
  const wrong = kind === 'ordinary' ? flagged.length : missed.length;
  return { size: messages.length, flagged, missed, rate: messages.length === 0 ? 0 : wrong / messages.length };
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

export function corpusReport(list: UrgentList = compileUrgentList(DEFAULT_URGENT_LIST)): string {
  const hitText = (hits: UrgentHit[]) => hits.map((h) => `${h.group}/${h.expression}`).join(', ');
  const section = (title: string, ordinaryFile: string, crisisFile: string) => {
    const ordinary = measure(readCorpus(ordinaryFile), list, 'ordinary');
    const crisis = measure(readCorpus(crisisFile), list, 'crisis');
    return [
      `${title}`,
      `  false positives: ${ordinary.flagged.length} of ${ordinary.size} ordinary messages (${percent(ordinary.rate)})`,
      ...ordinary.flagged.map((f) => `    flagged  ${f.text}  [${hitText(f.hits)}]`),
      `  misses: ${crisis.missed.length} of ${crisis.size} crisis-like messages (${percent(crisis.rate)})`,
      ...crisis.missed.map((m) => `    missed   ${m}`),
    ];
  };
  return [
    ...section('Corpora the list was written with (test/fixtures/urgent/*-messages.txt):', ORDINARY_CORPUS, CRISIS_CORPUS),
    ...section('Held-out corpora, never used to change the list (*-holdout.txt):', ORDINARY_HOLDOUT, CRISIS_HOLDOUT),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  process.stdout.write(`${corpusReport()}\n`);
}
