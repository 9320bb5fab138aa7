/**
 * PostgreSQL refuses two things JSON allows: the NUL character (`\u0000`) in jsonb (and in text), and
 * UTF-16 surrogates that are not part of a pair (`\ud800` alone). One of either in a webhook body
 * made the whole insert fail. Both become U+FFFD, the replacement character, as a decoder would show
 * them; everything else is left exactly as sent.
 */
// eslint-disable-next-line no-control-regex -- NUL is the very character PostgreSQL's jsonb refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const REPLACEMENT_CHARACTER = '\uFFFD';

export function jsonbSafeText(text: string): string {
  return text.replace(UNSTORABLE, REPLACEMENT_CHARACTER);
}

/** A copy of a parsed JSON value with every string, keys included, made storable. */
export function jsonbSafe(value: unknown): unknown {
  if (typeof value === 'string') return jsonbSafeText(value);
  if (Array.isArray(value)) return value.map(jsonbSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [jsonbSafeText(key), jsonbSafe(v)]));
  }
  return value;
}
