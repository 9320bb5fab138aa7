import { describe, expect, it } from 'vitest';
import { CATEGORIES, findCategory } from '../../../../src/core/records/categories.js';

describe('record categories', () => {
  it('finds categories by their short Japanese and English words', () => {
    expect(findCategory('体調')?.key).toBe('health');
    expect(findCategory('服薬')?.key).toBe('medication');
    expect(findCategory('早退')?.key).toBe('attendance');
    expect(findCategory('職場')?.key).toBe('employer');
    expect(findCategory('緊急')?.key).toBe('emergency');
    expect(findCategory('Health')?.key).toBe('health');
    expect(findCategory('ｍｏｎｅｙ')?.key).toBe('money');
    expect(findCategory('天気')).toBeUndefined();
  });

  it('has no alias that means two categories', () => {
    const seen = new Map<string, string>();
    for (const c of CATEGORIES) {
      for (const a of c.aliases) {
        expect(seen.get(a), `${a} is in ${seen.get(a)} and ${c.key}`).toBeUndefined();
        seen.set(a, c.key);
      }
    }
  });
});
