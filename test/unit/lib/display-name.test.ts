import { describe, expect, it } from 'vitest';
import { cleanDisplayName } from '../../../src/lib/display-name.js';

describe('cleanDisplayName', () => {
  it('strips bidirectional controls and zero-width characters', () => {
    expect(cleanDisplayName('山田\u202Eknab\u200B花子\u2066')).toBe('山田knab花子');
    expect(cleanDisplayName('\u200E\u200F\u061C\u2067\u2068\u2069\u202A\u202B\u202C\u202D\uFEFF\u2060名前')).toBe('名前');
  });

  it('turns line breaks and other control characters into a space', () => {
    expect(cleanDisplayName('母\n⚠️ 管理者からのお知らせ')).toBe('母 ⚠️ 管理者からのお知らせ');
    expect(cleanDisplayName('a\t\u0000\u0085\u2028b')).toBe('a b');
  });

  it('keeps emoji sequences and ordinary Japanese names as they are', () => {
    expect(cleanDisplayName('👨‍👩‍👧 山田　花子')).toBe('👨‍👩‍👧 山田　花子');
    expect(cleanDisplayName('❤️‍🔥 さくら')).toBe('❤️‍🔥 さくら');
  });

  it('gives null for nothing left, and caps the length in characters', () => {
    expect(cleanDisplayName('\u200B\u202E')).toBeNull();
    expect(cleanDisplayName(null)).toBeNull();
    expect(cleanDisplayName('😀'.repeat(200), 20)).toBe('😀'.repeat(20));
  });
});
