import type { CompiledExpression, UrgentList } from './list.js';
import { foldText, type FoldedText } from './normalize.js';

/**
 * Looks for urgent expressions in what a person sent: a text, a sticker's keywords, an image's
 * accompanying text. Each text is looked at on its own (a sticker's keywords are not joined together).
 *
 * What a word list can and cannot do (docs/urgent-words.md says the same, with the figures):
 * - It misses things. People in crisis often say it without any listed word (「もう疲れた」,
 *   「明日が来なければいいのに」, a farewell); a word list cannot read meaning, and a miss is silent.
 * - It flags harmless texts. Negations and quotes are flagged on purpose (「死にたいとは思っていません」,
 *   「本人が『消えたい』と言っていた」): telling them apart needs understanding a list does not have, and
 *   a look from a person costs less than a missed cry for help. Words with another meaning
 *   (免許の更新で警察署へ, 先週は発作なし) are flagged too.
 * So a hit means "a person should look now", never "this is an emergency", and no hit never means
 * "nothing is wrong".
 *
 * Hits carry the group and expression ids only, never the text around them, so that logs and audit
 * entries can hold them.
 */
export interface UrgentHit {
  group: string;
  expression: string;
}

export interface UrgentMatch {
  matched: boolean;
  hits: UrgentHit[];
}

export function findUrgent(input: string | readonly string[], list: UrgentList): UrgentMatch {
  const texts = (typeof input === 'string' ? [input] : input).filter((t): t is string => typeof t === 'string' && t !== '');
  const folded = texts.map(foldText);
  const hits: UrgentHit[] = [];
  for (const expression of list.expressions) {
    if (folded.some((text) => expressionOccurs(expression, text))) hits.push({ group: expression.group, expression: expression.id });
  }
  return { matched: hits.length > 0, hits };
}

function expressionOccurs(expression: CompiledExpression, text: FoldedText): boolean {
  return expression.forms.some((form) => formOccurs(form, expression.except, text));
}

const STARTS_ASCII = /^[a-z0-9]/;
const ENDS_ASCII = /[a-z0-9]$/;

/** Whether `form` occurs in `text` at least once where it counts (word boundaries, exceptions). */
function formOccurs(form: string, except: readonly string[], text: FoldedText): boolean {
  const s = text.text;
  const needsStart = STARTS_ASCII.test(form);
  const needsEnd = ENDS_ASCII.test(form);
  for (let at = s.indexOf(form); at !== -1; at = s.indexOf(form, at + 1)) {
    const end = at + form.length;
    // Latin letters and digits match whole words only: OD in "ODした", not in "good"; 119 not in "1190".
    if (needsStart && !text.asciiRunStarts.has(at)) continue;
    if (needsEnd && !text.asciiRunEnds.has(end)) continue;
    if (insideException(s, at, end, except)) continue;
    return true;
  }
  return false;
}

/** Whether the span [at, end) lies inside an occurrence of one of the exception words. */
function insideException(s: string, at: number, end: number, except: readonly string[]): boolean {
  for (const word of except) {
    for (let from = Math.max(0, end - word.length); from <= at; from++) {
      if (s.startsWith(word, from)) return true;
    }
  }
  return false;
}
