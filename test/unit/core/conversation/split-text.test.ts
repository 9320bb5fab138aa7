import { describe, expect, it } from 'vitest';
import { chunk, splitText } from '../../../../src/core/conversation/split-text.js';

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('こんにちは', 5000)).toEqual(['こんにちは']);
    expect(splitText('', 5000)).toEqual(['']);
  });
  it('cuts a long text into pieces within the limit that join back to the original', () => {
    const text = 'あ'.repeat(12_345);
    const pieces = splitText(text, 5000);
    expect(pieces.map((p) => p.length)).toEqual([5000, 5000, 2345]);
    expect(pieces.join('')).toBe(text);
  });
  it('prefers a line break near the end of the window', () => {
    const text = `${'a'.repeat(7)}\n${'b'.repeat(5)}`;
    expect(splitText(text, 10)).toEqual([`${'a'.repeat(7)}\n`, 'b'.repeat(5)]);
  });
  it('never splits a surrogate pair (an emoji counts 2 units)', () => {
    const text = `${'x'.repeat(9)}😀${'y'.repeat(3)}`;
    const pieces = splitText(text, 10);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(pieces[0]).toBe('x'.repeat(9));
    expect(pieces[1]?.startsWith('😀')).toBe(true);
  });
});

describe('chunk', () => {
  it('groups into batches of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5, 6, 7], 5)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7],
    ]);
    expect(chunk([], 5)).toEqual([]);
  });
});
