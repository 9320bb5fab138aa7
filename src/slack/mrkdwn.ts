import type { types } from '@slack/bolt';

/**
 * Slack text that is safe by construction. Anything a LINE user, a staff member or a case label
 * controls reaches Slack only through this module, and is escaped here (&, <, >): a display name
 * like `<!channel><https://e.x|銀行>` shows as typed and pings or disguises nothing.
 *
 * - `md` is a tagged template: its literal parts (written in our source) are trusted markup, every
 *   interpolated value is escaped unless it is a `Mrkdwn` this module made.
 * - The only markup that needs `<…>` is made here from checked parts: `mention` (a Slack member id),
 *   `link` (an http(s) URL the bot built). Bold and code are literal `*` and backticks in templates.
 * - Plain strings given where Slack text is expected (`slackText`, the block builders) are escaped:
 *   forgetting `md` shows text as typed, it never turns it into markup.
 */
class MrkdwnText {
  // A private field makes the type nominal: only this module can make one.
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  get text(): string {
    return this.#text;
  }
  toString(): string {
    return this.#text;
  }
}

/**
 * Slack's own escaping rule (docs.slack.dev/messaging/formatting-message-text#escaping): &, < and >.
 * The primitive of this module; everything else goes through `md`, `slackText` and the builders.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped Slack mrkdwn, made only by this module. */
export type Mrkdwn = MrkdwnText;
/** What may be shown as Slack text: our Mrkdwn as it is, anything else escaped. */
export type SlackTextInput = Mrkdwn | string | number;

/** The one place a value becomes Slack text: a Mrkdwn as it is, anything else escaped. */
export function slackText(value: SlackTextInput): string {
  return value instanceof MrkdwnText ? value.text : escapeSlackText(String(value));
}

/** A template whose interpolated values are escaped (unless they are Mrkdwn made here). */
export function md(strings: TemplateStringsArray, ...values: SlackTextInput[]): Mrkdwn {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += slackText(value) + (strings[i + 1] ?? '');
  });
  return new MrkdwnText(out);
}

/** A value as Slack text (escaped unless it is Mrkdwn already). */
export function asMrkdwn(value: SlackTextInput): Mrkdwn {
  return value instanceof MrkdwnText ? value : new MrkdwnText(slackText(value));
}

/** Slack member ids (U…, W… on Enterprise Grid): nothing in them can close the mention or start another. */
const SLACK_MEMBER_ID = /^[UW][A-Z0-9_]{1,40}$/;

/** `<@U…>` for a member id the bot holds (from Slack's payloads or a validated command argument). */
export function mention(userId: string): Mrkdwn {
  return SLACK_MEMBER_ID.test(userId) ? new MrkdwnText(`<@${userId}>`) : md`@${userId}`;
}

/** Slack channel ids (C…, G…): nothing in them can close the link. */
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{1,40}$/;

/** `<#C…>`, a link to a channel the bot holds the id of; anything else is shown as text. */
export function channelLink(channelId: string): Mrkdwn {
  return SLACK_CHANNEL_ID.test(channelId) ? new MrkdwnText(`<#${channelId}>`) : md`#${channelId}`;
}

/**
 * A link the bot built: http or https, with nothing in it that could end the link or start another
 * (no <, >, | or spaces); otherwise it is shown as text. The label is escaped.
 */
export function link(url: string, label?: SlackTextInput): Mrkdwn {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url)) return asMrkdwn(label ?? url);
  return new MrkdwnText(label === undefined ? `<${url}>` : `<${url}|${slackText(label)}>`);
}

/**
 * Slack text this module rendered earlier and the database kept: a notice's body, which only
 * postNotice writes, from a Mrkdwn. Nothing typed by anyone may come through here.
 */
export function mrkdwnFromStore(rendered: string): Mrkdwn {
  return new MrkdwnText(rendered);
}

/** Joins values (each escaped unless Mrkdwn) with a separator. */
export function joinMrkdwn(parts: readonly SlackTextInput[], separator: SlackTextInput = '\n'): Mrkdwn {
  const sep = slackText(separator);
  return new MrkdwnText(parts.map(slackText).join(sep));
}

/** The same text without bold markers (a notification's fallback shows `*` literally). */
export function withoutBold(value: Mrkdwn): Mrkdwn {
  return new MrkdwnText(value.text.replace(/\*/g, ''));
}

/**
 * Where text may be cut: not inside an entity (`&amp;`), a `<…>` token or a surrogate pair, so a cut
 * never shows half an entity nor opens a mention that the next piece closes.
 */
function safeCut(s: string, at: number): number {
  let cut = at;
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 5 && !s.slice(amp, cut).includes(';')) cut = amp;
  const open = s.lastIndexOf('<', cut - 1);
  if (open >= 0 && !s.slice(open, cut).includes('>')) cut = open;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : at;
}

/** At most `max` characters (UTF-16 units), cut where it is safe. */
export function truncateMrkdwn(value: SlackTextInput, max: number): Mrkdwn {
  const s = slackText(value);
  return new MrkdwnText(s.length <= max ? s : s.slice(0, safeCut(s, max)));
}

/** Pieces of at most `max` characters, preferring a line break, then 。 or a space; cut where it is safe. */
export function splitMrkdwn(value: SlackTextInput, max: number): Mrkdwn[] {
  if (max < 10) throw new RangeError('max must be at least 10');
  const pieces: Mrkdwn[] = [];
  let rest = slackText(value);
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('。'), window.lastIndexOf(' '));
    const cut = safeCut(rest, breakAt >= max / 2 ? breakAt + 1 : max);
    pieces.push(new MrkdwnText(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(new MrkdwnText(rest));
  return pieces;
}

// ---- Block Kit: the only place mrkdwn text objects are made ----------------------------------

/** Slack limits: a section's text 3,000 characters; a message's `text` is truncated past 40,000. */
const SECTION_TEXT_MAX = 3000;

/**
 * A mrkdwn text object. `verbatim` is always on: Slack must not pre-parse what people typed (bare
 * URLs into links, channel names, mentions); our own mentions and links are explicit `<…>` markup.
 */
export function mrkdwnObject(value: SlackTextInput): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(value, SECTION_TEXT_MAX).text, verbatim: true };
}

export function sectionBlock(value: SlackTextInput): types.SectionBlock {
  return { type: 'section', text: mrkdwnObject(value) };
}

/** Sections of at most `max` characters each (long texts split). */
export function sectionBlocks(value: SlackTextInput, max = 2500): types.SectionBlock[] {
  return splitMrkdwn(value, max).map((part) => sectionBlock(part));
}

export function contextBlock(...values: SlackTextInput[]): types.ContextBlock {
  return { type: 'context', elements: values.map((v) => mrkdwnObject(v)) };
}

/** A message's top-level `text` (the notification and fallback). */
export function messageText(value: SlackTextInput, max = SECTION_TEXT_MAX): string {
  return truncateMrkdwn(value, max).text;
}

/**
 * A post's `username` is shown as is, but must carry no markup either: angle brackets become their
 * full-width forms (＜＞), which read the same and mean nothing to Slack.
 */
export function inertUsername(name: string, max = 80): string {
  return name.replace(/</g, '＜').replace(/>/g, '＞').slice(0, max);
}

/** An answer only the clicking or typing person sees (a response_url post beside the original message). */
export function ephemeral(value: SlackTextInput): { response_type: 'ephemeral'; replace_original: false; text: string } {
  return { response_type: 'ephemeral', replace_original: false, text: slackText(value) };
}
