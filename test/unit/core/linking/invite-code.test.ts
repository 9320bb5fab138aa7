import { describe, expect, it } from 'vitest';
import { generateInviteCode, hashInviteCode, INVITE_ALPHABET, looksLikeInviteCode, normalizeInviteCode } from '../../../../src/core/linking/invite-code.js';

describe('invite codes', () => {
  it('are XXXX-XXXX from a 32-symbol alphabet without look-alikes (40 bits)', () => {
    expect(INVITE_ALPHABET).toHaveLength(32);
    for (const ch of 'ILOU') expect(INVITE_ALPHABET).not.toContain(ch);
    const codes = new Set(Array.from({ length: 2000 }, () => generateInviteCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(8 * Math.log2(INVITE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
  });

  it('accept what people type: lower case, full width, spaces, other dashes, O/I/L', () => {
    expect(normalizeInviteCode('AB3D-7KQR')).toBe('AB3D7KQR');
    expect(normalizeInviteCode('ab3d 7kqr')).toBe('AB3D7KQR');
    expect(normalizeInviteCode('ＡＢ３Ｄ－７ＫＱＲ')).toBe('AB3D7KQR');
    expect(normalizeInviteCode('AB3Dー7KQR')).toBe('AB3D7KQR');
    expect(normalizeInviteCode('OIL0-1111')).toBe('01101111');
  });

  it('reject what cannot be a code', () => {
    expect(normalizeInviteCode('AB3D-7KQ')).toBeUndefined();
    expect(normalizeInviteCode('AB3D-7KQU')).toBeUndefined();
    expect(normalizeInviteCode('こんにちは')).toBeUndefined();
    expect(looksLikeInviteCode('おはようございます')).toBe(false);
    expect(looksLikeInviteCode('ab3d-7kqr')).toBe(true);
  });

  it('are stored as a keyed hash that depends on the key', () => {
    const a = hashInviteCode('AB3D7KQR', 'k1');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('AB3D7KQR');
    expect(hashInviteCode('AB3D7KQR', 'k2')).not.toBe(a);
    expect(hashInviteCode('AB3D7KQR', 'k1')).toBe(a);
  });
});
