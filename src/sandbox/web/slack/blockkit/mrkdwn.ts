/**
 * Slack's mrkdwn, parsed into a small tree the page renders (pure: no DOM, unit-tested).
 * Covers what Slack formats: *bold*, _italic_, ~strike~, `code`, ```preformatted```, > quotes,
 * <url|links>, <@U…> user mentions, <#C…|channel> mentions, <!here>/<!channel>/<!everyone>,
 * <!date^…^…|fallback>, :emoji: shortcodes and the &amp; &lt; &gt; entities.
 */

export type MrkdwnNode =
  | { t: 'text'; v: string }
  | { t: 'bold' | 'italic' | 'strike'; c: MrkdwnNode[] }
  | { t: 'code'; v: string }
  | { t: 'pre'; v: string }
  | { t: 'quote'; c: MrkdwnNode[] }
  | { t: 'link'; url: string; c: MrkdwnNode[] }
  | { t: 'user'; id: string; label?: string }
  | { t: 'channel'; id: string; label?: string }
  | { t: 'special'; v: string }
  | { t: 'emoji'; name: string; char?: string }
  | { t: 'br' };

const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  ballot_box_with_check: '☑️',
  x: '❌',
  warning: '⚠️',
  memo: '📝',
  bell: '🔔',
  calendar: '📅',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  alarm_clock: '⏰',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  rotating_light: '🚨',
  sos: '🆘',
  pushpin: '📌',
  round_pushpin: '📍',
  paperclip: '📎',
  file_folder: '📁',
  open_file_folder: '📂',
  page_facing_up: '📄',
  inbox_tray: '📥',
  outbox_tray: '📤',
  envelope: '✉️',
  email: '📧',
  iphone: '📱',
  phone: '☎️',
  telephone_receiver: '📞',
  speech_balloon: '💬',
  thought_balloon: '💭',
  link: '🔗',
  lock: '🔒',
  key: '🔑',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  family: '👪',
  hospital: '🏥',
  office: '🏢',
  house: '🏠',
  car: '🚗',
  arrow_right: '➡️',
  arrows_counterclockwise: '🔄',
  repeat: '🔁',
  information_source: 'ℹ️',
  question: '❓',
  exclamation: '❗',
  heavy_plus_sign: '➕',
  tada: '🎉',
  sparkles: '✨',
  star: '⭐',
  thumbsup: '👍',
  '+1': '👍',
  pray: '🙏',
  smile: '😄',
  slightly_smiling_face: '🙂',
  wave: '👋',
  eyes: '👀',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  large_blue_circle: '🔵',
  camera: '📷',
  camera_with_flash: '📸',
  movie_camera: '🎥',
  clapper: '🎬',
  microphone: '🎤',
  mag: '🔍',
  chart_with_upwards_trend: '📈',
  clipboard: '📋',
  pencil2: '✏️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  zzz: '💤',
  pill: '💊',
};

export function emojiChar(name: string): string | undefined {
  return EMOJI[name];
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const STYLE: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };
const WORDISH = /[A-Za-z0-9]/;

/** Parses mrkdwn text into nodes. */
export function parseMrkdwn(text: string): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  // Preformatted blocks first: nothing inside them is formatted.
  const parts = text.split(/```/);
  parts.forEach((part, i) => {
    const isPre = i % 2 === 1 && i < parts.length - 1;
    if (isPre) out.push({ t: 'pre', v: decode(part.replace(/^\n/, '').replace(/\n$/, '')) });
    else out.push(...parseLines(i % 2 === 1 ? '```' + part : part));
  });
  return out;
}

/** Lines: runs of `>` lines become quotes; the rest is inline text with line breaks. */
function parseLines(text: string): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  const lines = text.split('\n');
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length === 0) return;
    out.push({ t: 'quote', c: joinLines(quote.map((l) => parseInline(l))) });
    quote = [];
  };
  const plain: MrkdwnNode[][] = [];
  const flushPlain = () => {
    if (plain.length === 0) return;
    out.push(...joinLines(plain.splice(0)));
  };
  for (const line of lines) {
    const q = /^(?:&gt;|>)\s?(.*)$/.exec(line);
    if (q) {
      flushPlain();
      quote.push(q[1]!);
    } else {
      flushQuote();
      plain.push(parseInline(line));
    }
  }
  flushQuote();
  flushPlain();
  return out;
}

function joinLines(lines: MrkdwnNode[][]): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ t: 'br' });
    out.push(...line);
  });
  return out;
}

/** Inline formatting of one line. */
export function parseInline(line: string): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ t: 'text', v: decode(buffer) });
    buffer = '';
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '<') {
      const end = line.indexOf('>', i + 1);
      if (end > i) {
        const node = angle(line.slice(i + 1, end));
        if (node) {
          flush();
          out.push(node);
          i = end + 1;
          continue;
        }
      }
    }
    if (ch === 'h' && (i === 0 || !WORDISH.test(line[i - 1]!))) {
      // Slack links bare URLs in text.
      const url = /^https?:\/\/[^\s<>]+/.exec(line.slice(i))?.[0]?.replace(/[.,)、。]+$/, '');
      if (url) {
        flush();
        out.push({ t: 'link', url: decode(url), c: [{ t: 'text', v: decode(url) }] });
        i += url.length;
        continue;
      }
    }
    if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', v: decode(line.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (ch === ':') {
      const m = /^:([a-z0-9_+-]+):/.exec(line.slice(i));
      if (m) {
        flush();
        const char = EMOJI[m[1]!];
        out.push(char ? { t: 'emoji', name: m[1]!, char } : { t: 'emoji', name: m[1]! });
        i += m[0].length;
        continue;
      }
    }
    const style = STYLE[ch];
    if (style) {
      const before = i === 0 ? ' ' : line[i - 1]!;
      const after = line[i + 1];
      const opens = !WORDISH.test(before) && after !== undefined && after !== ' ' && after !== ch;
      if (opens) {
        const close = findClose(line, i + 1, ch);
        if (close > 0) {
          flush();
          out.push({ t: style, c: parseInline(line.slice(i + 1, close)) });
          i = close + 1;
          continue;
        }
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}

/** The closing marker: not after a space, and not followed by a letter or digit. */
function findClose(line: string, from: number, marker: string): number {
  for (let j = from + 1; j < line.length; j++) {
    if (line[j] !== marker) continue;
    const before = line[j - 1]!;
    const after = line[j + 1];
    if (before !== ' ' && (after === undefined || !WORDISH.test(after))) return j;
  }
  return -1;
}

/** `<…>`: links, mentions, specials; undefined when it is just a `<` in text. */
function angle(inner: string): MrkdwnNode | undefined {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) return label !== undefined ? { t: 'user', id: target.slice(1), label } : { t: 'user', id: target.slice(1) };
  if (target.startsWith('#')) return label !== undefined ? { t: 'channel', id: target.slice(1), label } : { t: 'channel', id: target.slice(1) };
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (name.startsWith('date^')) return { t: 'text', v: decode(label ?? name) };
    if (name.startsWith('subteam^')) return { t: 'special', v: label ?? 'group' };
    return { t: 'special', v: name };
  }
  if (/^(https?:\/\/|mailto:|tel:)/.test(target))
    return { t: 'link', url: decode(target), c: label !== undefined ? parseInline(label) : [{ t: 'text', v: decode(target.replace(/^mailto:/, '')) }] };
  return undefined;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Plain text of a node list (for fallbacks and tests). */
export function plainOf(nodes: MrkdwnNode[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
        case 'pre':
          return n.v;
        case 'br':
          return '\n';
        case 'emoji':
          return n.char ?? `:${n.name}:`;
        case 'user':
          return `@${n.label ?? n.id}`;
        case 'channel':
          return `#${n.label ?? n.id}`;
        case 'special':
          return `@${n.v}`;
        case 'link':
          return plainOf(n.c);
        default:
          return plainOf(n.c);
      }
    })
    .join('');
}
