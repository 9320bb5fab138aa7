/**
 * Text as people really type it on phones, folded to one form before the urgent-expression list is
 * looked up in it. Both the messages and the list's expressions go through the same folding, so an
 * expression written once (死にたい) also finds シニタイ, ｼﾆﾀｲ, 死にたぃ, し に た い, 死に　たい, 死🥲にたい.
 *
 * Steps, in order:
 * 1. NFKC: full-width letters and digits (ＯＤ, １１９) become ASCII, half-width katakana (ｼﾆﾀｲ) full-width,
 *    a half-width voiced mark joins its kana (ｼﾞ → ジ).
 * 2. Lower case (OD, Od, od are one).
 * 3. Katakana → hiragana (シニタイ → しにたい).
 * 4. Everything that is not a letter or a digit is dropped: spaces (also the ideographic space),
 *    punctuation, symbols, emoji and their joiners and variation selectors, the long-vowel mark ー,
 *    wave dashes (しにたーい, しにた〜い → しにたい).
 * 5. Small kana: a small vowel that only stretches the vowel before it is dropped (死にたぁい → 死にたい);
 *    any other small kana becomes its full-size kana (死にたぃ → 死にたい, っ → つ, ゃ → や).
 *
 * Dropping separators joins words: that is what lets 「し に た い」 match, and it can also join the end of
 * one word to the start of the next. Latin letters and digits are the exception: they keep their word
 * boundaries (see `asciiRuns`), so OD is not found in "good" and 110 not in "1100".
 */
export interface FoldedText {
  /** The folded text: letters and digits only. */
  text: string;
  /** Where each run of Latin letters and digits starts and ends in `text` (runs are split by anything else). */
  asciiRunStarts: ReadonlySet<number>;
  asciiRunEnds: ReadonlySet<number>;
}

const SMALL_TO_FULL: Readonly<Record<string, string>> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

const SMALL_VOWEL: Readonly<Record<string, string>> = { ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o' };

/** The vowel each full-size hiragana ends in (ん and others have none). */
const VOWEL_OF: ReadonlyMap<string, string> = new Map(
  (
    [
      ['a', 'あかがさざただなはばぱまやらわ'],
      ['i', 'いきぎしじちぢにひびぴみり'],
      ['u', 'うくぐすずつづぬふぶぷむゆるゔ'],
      ['e', 'えけげせぜてでねへべぺめれ'],
      ['o', 'おこごそぞとどのほぼぽもよろを'],
    ] as const
  ).flatMap(([vowel, kana]) => [...kana].map((k) => [k, vowel] as const)),
);

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KATAKANA_TO_HIRAGANA = 0x60;
const LONG_VOWEL_MARK = 'ー';
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ASCII_ALNUM = /^[a-z0-9]$/;

function toHiragana(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp >= KATAKANA_FIRST && cp <= KATAKANA_LAST) return String.fromCodePoint(cp - KATAKANA_TO_HIRAGANA);
  if (ch === 'ヽ') return 'ゝ';
  if (ch === 'ヾ') return 'ゞ';
  return ch;
}

/** Folds a message (or an expression of the list) for matching. */
export function foldText(input: string): FoldedText {
  const source = input.normalize('NFKC').toLowerCase();
  let out = '';
  const starts = new Set<number>();
  const ends = new Set<number>();
  let inAsciiRun = false;
  let last = ''; // the last character kept in `out`

  for (const raw of source) {
    if (ASCII_ALNUM.test(raw)) {
      if (!inAsciiRun) starts.add(out.length);
      inAsciiRun = true;
      out += raw;
      last = raw;
      continue;
    }
    if (inAsciiRun) ends.add(out.length);
    inAsciiRun = false;

    const ch = toHiragana(raw);
    if (ch === LONG_VOWEL_MARK || !LETTER_OR_DIGIT.test(ch)) continue;
    const smallVowel = SMALL_VOWEL[ch];
    if (smallVowel !== undefined && VOWEL_OF.get(last) === smallVowel) continue; // たぁ → た (a stretched vowel)
    const full = SMALL_TO_FULL[ch] ?? ch;
    out += full;
    last = full;
  }
  if (inAsciiRun) ends.add(out.length);
  return { text: out, asciiRunStarts: starts, asciiRunEnds: ends };
}

/** The folded form of an expression of the list (its text only). */
export function foldExpression(form: string): string {
  return foldText(form).text;
}
