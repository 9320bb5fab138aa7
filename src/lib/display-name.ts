/** Bidirectional controls, zero-width and other invisible format characters (Unicode category Cf). */
const FORMAT_CHARS = /\p{Cf}/gu;
/** A zero-width joiner between two pictographs holds an emoji together (👨‍👩‍👧): that one stays. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;
const KEEP = '\u0000keep-zwj\u0000';
/** Control characters (line breaks, tabs, C0 and C1) and line or paragraph separators. */
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * A name someone else chose (a LINE display name, a relation, a case label), made safe to show among
 * our own words: no bidirectional overrides that reorder what follows, no invisible characters that
 * disguise it, no line breaks that fake a line of ours. Applied when a name is stored and again
 * when it is shown (names stored earlier). Null or empty stays null.
 */
export function cleanDisplayName(name: string | null | undefined, max = 100): string | null {
  if (!name) return null;
  const cleaned = name.replace(BREAKS, ' ').replace(EMOJI_JOINER, KEEP).replace(FORMAT_CHARS, '').replaceAll(KEEP, '\u200D').replace(/ {2,}/g, ' ').trim();
  return cleaned ? Array.from(cleaned).slice(0, max).join('') : null;
}
