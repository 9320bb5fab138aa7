/** Splits what was typed after a slash command into words (ASCII and full-width spaces). */
export function words(text: string): string[] {
  return text.trim().split(/[\s\u3000]+/).filter(Boolean);
}

/** Slack mrkdwn of a staff message → the plain text a LINE user should read. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<@[A-Z0-9]+\|([^>]+)>/g, '@$1')
    .replace(/<@[A-Z0-9]+>/g, '')
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/g, '')
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
