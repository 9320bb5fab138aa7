import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileUrgentList,
  DEFAULT_EXPRESSIONS,
  DEFAULT_GROUPS,
  DEFAULT_URGENT_LIST,
  findUrgent,
  parseUrgentFile,
  UrgentListError,
  UrgentWordsFileError,
} from '../../../../src/core/urgent/index.js';

const FILE = '/etc/tsunagi/urgent-words.json';

function parse(json: unknown) {
  return parseUrgentFile(FILE, typeof json === 'string' ? json : JSON.stringify(json), DEFAULT_URGENT_LIST);
}

function problemsOf(json: unknown): string[] {
  try {
    parse(json);
  } catch (error) {
    if (error instanceof UrgentWordsFileError) return [...error.problems];
    throw error;
  }
  throw new Error('expected an UrgentWordsFileError');
}

describe('the default list', () => {
  it('compiles, and every group and expression says why it is there', () => {
    const list = compileUrgentList(DEFAULT_URGENT_LIST);
    expect(list.groups.map((g) => g.id)).toEqual(['self-harm', 'emergency', 'violence', 'missing']);
    for (const g of DEFAULT_GROUPS) expect(g.why.length, g.id).toBeGreaterThan(20);
    for (const e of DEFAULT_EXPRESSIONS) expect(e.why.length, e.id).toBeGreaterThan(20);
    expect(list.expressions.length).toBe(DEFAULT_EXPRESSIONS.length);
  });

  it('cites the abuse-reporting duty and the suicide-prevention signs', () => {
    const why = (id: string) => DEFAULT_GROUPS.find((g) => g.id === id)?.why ?? '';
    expect(why('violence')).toMatch(/障害者虐待防止法.*第16条/);
    expect(why('self-harm')).toMatch(/自殺対策白書/);
  });

  it('refuses forms that fold to almost nothing', () => {
    const bad = { groups: DEFAULT_GROUPS, expressions: [{ id: 'x', group: 'emergency', forms: ['ー', 'あ'], why: 'test' }] };
    expect(() => compileUrgentList(bad)).toThrow(UrgentListError);
    try {
      compileUrgentList(bad);
    } catch (error) {
      expect((error as UrgentListError).problems).toEqual([
        expect.stringMatching(/the form "ー" keeps fewer than 2 letters/),
        expect.stringMatching(/the form "あ" keeps fewer than 2 letters/),
      ]);
    }
  });
});

describe('the office file (URGENT_WORDS_FILE)', () => {
  it('an empty object is the defaults', () => {
    const { list, guidance } = parse({});
    expect(list).toEqual(compileUrgentList(DEFAULT_URGENT_LIST));
    expect(guidance).toBeUndefined();
  });

  it('adds forms to a default expression, adds new expressions and groups, removes defaults', () => {
    const { list } = parse({
      groups: { money: { label: '金銭トラブル', labelEn: 'Money trouble', why: '詐欺・悪質商法の被害は早く止めるほど取り戻せる', recordCategory: 'money' } },
      add: [
        { id: 'shinitai', forms: ['しにたひ'] },
        { id: 'sagi', group: 'money', forms: ['詐欺', 'だまされた'], why: '消費者被害' },
      ],
      remove: ['keisatsu'],
    });
    expect(findUrgent('しにたひ', list).hits).toEqual([{ group: 'self-harm', expression: 'shinitai' }]);
    expect(findUrgent('死にたい', list).hits).toEqual([{ group: 'self-harm', expression: 'shinitai' }]);
    expect(findUrgent('ダマサレタかも', list).hits).toEqual([{ group: 'money', expression: 'sagi' }]);
    expect(findUrgent('警察に行きます', list).matched).toBe(false);
    expect(list.groups.find((g) => g.id === 'money')).toMatchObject({ label: { ja: '金銭トラブル', en: 'Money trouble' }, recordCategory: 'money' });
  });

  it('rewords a group, and switches a whole group off', () => {
    const { list } = parse({ groups: { violence: { label: '暴力' }, missing: { enabled: false } } });
    expect(list.groups.find((g) => g.id === 'violence')?.label).toEqual({ ja: '暴力', en: 'Violence or abuse' });
    expect(findUrgent('帰ってこない', list).matched).toBe(false);
    expect(findUrgent('殴られた', list).matched).toBe(true);
  });

  it('adds exceptions to a default expression', () => {
    const { list } = parse({ add: [{ id: 'keisatsu', forms: ['けいさつしょ'], except: ['警察署で免許'] }] });
    expect(findUrgent('警察署で免許の更新', list).matched).toBe(false);
    expect(findUrgent('警察を呼んだ', list).matched).toBe(true);
  });

  it('carries the emergency guidance wording', () => {
    const guidance = {
      intro: 'メッセージは届いています。',
      sections: [{ heading: '急ぐとき', contacts: [{ name: '救急安心センター', number: '#7119', note: '救急車を呼ぶか迷うとき' }] }],
    };
    expect(parse({ guidance }).guidance).toEqual(guidance);
  });

  it('accepts a byte-order mark', () => {
    expect(parse('\uFEFF{"remove": ["jiko"]}').list.expressions.some((e) => e.id === 'jiko')).toBe(false);
  });

  it('names every problem with where it is, and points at the documentation', () => {
    const problems = problemsOf({
      remvoe: ['jiko'],
      add: [
        { id: 'Bad Id', forms: [] },
        { id: 'newone', forms: ['あいう'] },
        { id: 'shinitai', group: 'violence', forms: ['x'] },
      ],
      remove: ['no-such-id', 'missing'],
      groups: { brandnew: { labelEn: 'x' } },
      guidance: { sections: [{ heading: 'h', contacts: [{ name: 'n', number: 'call me' }] }] },
    });
    const text = problems.join('\n');
    expect(text).toMatch(/remvoe/);
    expect(text).toMatch(/add\[0\]\.id: id may hold lower-case letters/);
    expect(text).toMatch(/add\[0\]\.forms: forms needs at least one form/);
    expect(text).toMatch(/guidance\.sections\[0\]\.contacts\[0\]\.number: number must be a telephone number/);

    // The file's shape is right once those are fixed; then the merge names its own problems.
    const mergeProblems = problemsOf({
      add: [
        { id: 'newone', forms: ['あいう'] },
        { id: 'shinitai', group: 'violence', forms: ['x'] },
        { id: 'nogroup', group: 'nowhere', forms: ['かきく'], why: 'w' },
      ],
      remove: ['no-such-id', 'missing'],
      groups: { brandnew: { labelEn: 'x' } },
    });
    expect(mergeProblems).toEqual([
      expect.stringMatching(/^groups\.brandnew: a new group needs "label" and "why"/),
      expect.stringMatching(/^remove\[0\]: there is no expression "no-such-id"/),
      expect.stringMatching(/^remove\[1\]: "missing" is a group; to switch a whole group off write "groups": \{ "missing": \{ "enabled": false \} \}/),
      expect.stringMatching(/^add\[0\]: "newone" is a new expression; it needs "group" and "why"/),
      expect.stringMatching(/^add\[1\]: "shinitai" belongs to the group "self-harm"/),
      expect.stringMatching(/^add\[2\]: there is no group "nowhere"/),
    ]);
  });

  it('says where JSON is broken, in a message that names the file and the documentation', () => {
    try {
      parse('{ "remove": ["jiko",] }');
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(UrgentWordsFileError);
      expect((error as Error).message).toMatch(/urgent-words file \/etc\/tsunagi\/urgent-words.json cannot be used/);
      expect((error as Error).message).toMatch(/not valid JSON/);
      expect((error as Error).message).toMatch(/docs\/urgent-words.md/);
    }
  });

  it('refuses a form that would flag everything, and a form both removed and added', () => {
    expect(problemsOf({ add: [{ id: 'shinitai', forms: ['・し・'] }] })).toEqual([expect.stringMatching(/the form "・し・" keeps fewer than 2 letters/)]);
    expect(problemsOf({ add: [{ id: 'jiko', forms: ['事故った'] }], remove: ['jiko'] })).toEqual([
      expect.stringMatching(/add\[0\]: "jiko" is also in "remove"/),
    ]);
  });

  it('accepts the example of docs/urgent-words.md as it is written there', () => {
    const doc = fs.readFileSync(path.resolve('docs/urgent-words.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const { list, guidance } = parse(example as string);
    expect(findUrgent('詐欺にあった', list).hits).toEqual([{ group: 'money', expression: 'sagi' }]);
    expect(findUrgent('帰ってこない', list).matched).toBe(false);
    expect(guidance?.sections?.[0]?.contacts.map((c) => c.number)).toEqual(['119', '#7119', '090-0000-0000']);
  });
});
