import { describe, expect, it } from 'vitest';
import { compileUrgentList, DEFAULT_URGENT_LIST, findUrgent, foldText } from '../../../../src/core/urgent/index.js';

const list = compileUrgentList(DEFAULT_URGENT_LIST);

/** [text, the expression that must be found] — how people really type it on phones. */
const MUST_MATCH: ReadonlyArray<readonly [string, string]> = [
  // suicide and self-harm, with the variants folding must survive
  ['死にたい', 'shinitai'],
  ['しにたい', 'shinitai'],
  ['シニタイ', 'shinitai'],
  ['ｼﾆﾀｲ', 'shinitai'],
  ['死にたぃ', 'shinitai'],
  ['死にたぁい', 'shinitai'],
  ['し にたい', 'shinitai'],
  ['死に　たい', 'shinitai'],
  ['し・に・た・い', 'shinitai'],
  ['死🥲にたい', 'shinitai'],
  ['しにたーーい', 'shinitai'],
  ['しにた〜い', 'shinitai'],
  ['もう死にたくなってきた', 'shinitai'],
  ['死にたいとは思ってないけど', 'shinitai'], // a negation is flagged on purpose
  ['本人が「死にたい」と言っていました', 'shinitai'], // so is a quote
  ['タヒにたい', 'shinitai'],
  ['死にてぇ', 'shinitai'],
  ['shinitai', 'shinitai'],
  ['もう死ぬしかない', 'shinu'],
  ['死んだほうがまし', 'shinu'],
  ['消えたい', 'kietai'],
  ['キエタイ', 'kietai'],
  ['いなくなりたい', 'kietai'],
  ['生きてる意味ない', 'ikiru-imi'],
  ['楽になりたい', 'raku-ni'],
  ['自殺', 'jisatsu'],
  ['ｼﾞｻﾂしたい', 'jisatsu'],
  ['I want to die', 'jisatsu'],
  ['首吊ろうかな', 'kubi'],
  ['首をつる', 'kubi'],
  ['飛び降りたい', 'tobiori'],
  ['リスカした', 'jisho'],
  ['リストカット', 'jisho'],
  ['ODした', 'od'],
  ['ＯＤしちゃった', 'od'],
  ['ｏｄ', 'od'],
  ['オーバードーズ', 'od'],
  ['薬をまとめて飲んだ', 'od'],
  ['遺書を書いた', 'isho'],
  ['希死念慮あり', 'kishinenryo'],
  // emergencies
  ['救急車呼んだ', 'kyukyu'],
  ['キュウキュウシャ', 'kyukyu'],
  ['１１９番した', 'kyukyu'],
  ['119', 'kyukyu'],
  ['母が倒れた', 'taoreta'],
  ['意識がない', 'ishiki'],
  ['発作が止まらない', 'hossa'],
  ['けいれんしてる', 'hossa'],
  ['事故にあった', 'jiko'],
  ['ケガした', 'kega'],
  ['けがをしました', 'kega'],
  ['怪我', 'kega'],
  ['頭打った', 'kega'],
  ['たすけて', 'tasukete'],
  ['ﾀｽｹﾃ', 'tasukete'],
  ['助けてくれ', 'tasukete'],
  ['SOS', 'tasukete'],
  // violence and abuse
  ['殴られた', 'naguru'],
  ['ナグラレタ', 'naguru'],
  ['叩かれた', 'tataku'],
  ['暴力', 'boryoku'],
  ['ＤＶ', 'boryoku'],
  ['虐待', 'gyakutai'],
  ['無理やり触られた', 'gyakutai'],
  ['お金を取られた', 'okane-torareta'],
  ['警察呼んだ', 'keisatsu'],
  ['110番', 'keisatsu'],
  // running away, disappearance
  ['いなくなった', 'inakunatta'],
  ['イナクナッタ', 'inakunatta'],
  ['いなくなっちゃった', 'inakunatta'],
  ['帰ってこない', 'kaettekonai'],
  ['かえってこない', 'kaettekonai'],
  ['行方不明', 'yukuefumei'],
  ['家出した', 'yukuefumei'],
  ['連絡がつかない', 'renraku-tsukanai'],
];

/** Ordinary texts, several chosen because they hold a listed form inside another word. */
const MUST_NOT_MATCH: readonly string[] = [
  '今日は休みます',
  'おはようございます',
  '了解しました',
  'ありがとうございました',
  'good morning', // od inside a word
  'Thank you for your help!',
  'method', // od
  'アムロジピンOD錠に変わりました', // OD錠: a kind of tablet
  'ランソプラゾールＯＤ錠',
  'DVDを借りました', // DV inside DVD
  'おやつ代110円', // 110 is not 110番
  '時給1190円', // 119 inside 1190
  '11:19に着きます',
  'すぐ家出ます', // 家出ます: leaving home for work
  '8時に家出て駅に向かってます',
  'できるだけがんばります', // だけが holds けが
  'わけがわからない',
  '出かけがてら寄ります',
  '助けが必要な書類です',
  '先輩が助けてくれた', // someone helped
  '助けてもらいました',
  '死ぬほど眠い', // 死ぬほど: "very"
  '死ぬかと思った笑',
  '人身事故で電車が遅れています', // a delay, not the sender's accident
  '事故渋滞で遅れます',
  '救急箱の絆創膏を補充しました',
  '売上が頭打ちです',
  '殴り書きのメモですみません',
  '14にたいして',
  'しばらく様子を見ます',
  '薬は全部飲みました', // は, not を: the day's medicine taken as prescribed
  '共倒れにならないように',
];

describe('findUrgent: the default list on texts as people type them', () => {
  it.each(MUST_MATCH)('finds %s (%s)', (text, expression) => {
    const result = findUrgent(text, list);
    expect(result.matched).toBe(true);
    expect(result.hits.map((h) => h.expression)).toContain(expression);
  });

  it.each(MUST_NOT_MATCH.map((t) => [t]))('does not flag %s', (text) => {
    expect(findUrgent(text, list)).toEqual({ matched: false, hits: [] });
  });

  it('has at least 60 texts in the table', () => {
    expect(MUST_MATCH.length + MUST_NOT_MATCH.length).toBeGreaterThanOrEqual(60);
  });
});

describe('findUrgent: inputs beyond a text', () => {
  it("looks at each of a sticker's keywords on its own", () => {
    expect(findUrgent(['ありがとう', 'Thanks'], list).matched).toBe(false);
    expect(findUrgent(['かなしい', 'たすけて'], list).hits).toEqual([{ group: 'emergency', expression: 'tasukete' }]);
    // Keywords are not joined: 「し」 + 「にたい」 is not 死にたい.
    expect(findUrgent(['し', 'にたい'], list).matched).toBe(false);
  });

  it("takes an image's accompanying text like any text, and ignores what is empty", () => {
    expect(findUrgent(['', '家に帰ってこない'], list).hits).toEqual([{ group: 'missing', expression: 'kaettekonai' }]);
    expect(findUrgent([], list)).toEqual({ matched: false, hits: [] });
    expect(findUrgent('', list)).toEqual({ matched: false, hits: [] });
  });

  it('reports each expression once, in list order, with ids only (no text around the hit)', () => {
    const result = findUrgent(['死にたい。しにたい。警察も呼んだ', '死にたい'], list);
    expect(result.hits).toEqual([
      { group: 'self-harm', expression: 'shinitai' },
      { group: 'violence', expression: 'keisatsu' },
    ]);
    for (const hit of result.hits) expect(Object.keys(hit).sort()).toEqual(['expression', 'group']);
    expect(JSON.stringify(result)).not.toMatch(/死|警察/);
  });

  it('finds a form after an excepted occurrence of the same letters', () => {
    // The first けが is inside だけが, the second is an injury.
    expect(findUrgent('私だけがけがをした', list).hits).toEqual([{ group: 'emergency', expression: 'kega' }]);
    expect(findUrgent('OD錠を10錠ODした', list).hits).toEqual([{ group: 'self-harm', expression: 'od' }]);
  });
});

describe('foldText', () => {
  it('folds width, case, katakana, small kana, long vowels, spaces, punctuation and emoji', () => {
    expect(foldText('ｼﾆﾀｲ').text).toBe('しにたい');
    expect(foldText('ジサツ').text).toBe('じさつ');
    expect(foldText('ｼﾞｻﾂ').text).toBe('じさつ');
    expect(foldText('ＯＤ').text).toBe('od');
    expect(foldText('死にたぃ').text).toBe('死にたい');
    expect(foldText('死にたぁい').text).toBe('死にたい');
    expect(foldText('しにたーい！！').text).toBe('しにたい');
    expect(foldText('死に　たい 😢').text).toBe('死にたい');
    expect(foldText('キャッ').text).toBe('きやつ');
    expect(foldText('ファイル').text).toBe('ふあいる'); // ぁ after ふ (u) is a full あ, not a stretched vowel
  });

  it('keeps the word boundaries of Latin letters and digits', () => {
    const folded = foldText('I want to die');
    expect(folded.text).toBe('iwanttodie');
    expect([...folded.asciiRunStarts]).toEqual([0, 1, 5, 7]);
    expect([...folded.asciiRunEnds]).toEqual([1, 5, 7, 10]);
  });
});
