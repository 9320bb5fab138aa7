import { describe, expect, it } from 'vitest';
import { jsonbSafe, jsonbSafeText } from '../../../src/inbound/jsonb-safe.js';

describe('item 9: webhook payloads are made storable in jsonb', () => {
  it('replaces NUL and lone surrogates with U+FFFD, in keys and values at any depth, and keeps everything else', () => {
    const parsed = JSON.parse('{"a\\u0000b":{"list":["x\\u0000y",1,true,null,"\\ud800",{"k":"\\udc00z"}]},"ok":"絵文字😀と\\ud83d\\ude00"}') as unknown;
    expect(jsonbSafe(parsed)).toEqual({ 'a\uFFFDb': { list: ['x\uFFFDy', 1, true, null, '\uFFFD', { k: '\uFFFDz' }] }, ok: '絵文字😀と😀' });
    expect(jsonbSafeText('\ud83d')).toBe('\uFFFD');
    expect(jsonbSafeText('a\ude00\ud83d')).toBe('a\uFFFD\uFFFD');
    // What JSON.stringify then writes, PostgreSQL accepts: no \u0000, no unpaired surrogate escape.
    expect(JSON.stringify(jsonbSafe(parsed))).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i);
  });
});
