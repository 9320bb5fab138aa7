/** Splits what was typed after a slash command into words (ASCII and full-width spaces). */
export function words(text: string): string[] {
  return text
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean)
    .map((w) => (/^<[@#!]/.test(w) ? w : decodeEntities(w)));
}

/** Commands with should_escape send &, < and > as entities: back to the characters typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A Slack user mentioned in a command (`<@U123|name>` when the command escapes, or a bare member ID). */
export function mentionedUser(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word) ?? /^([UW][A-Z0-9]{5,})$/.exec(word);
  return m?.[1];
}

/** Slack mrkdwn of a staff message → the plain text a LINE user should read. */
export function slackToPlain(text: string): string {
  return decodeEntities(
    text
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/<(https?:[^>]+)>/g, '$1')
      .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
      .replace(/<@[A-Z0-9]+\|([^>]+)>/g, '@$1')
      .replace(/<@[A-Z0-9]+>/g, '')
      .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/g, '')
      .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1'),
  )
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
