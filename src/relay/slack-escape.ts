/**
 * Text from LINE shown in Slack must never act as Slack markup: `<!channel>`, `<@U123>` and
 * `<https://x|label>` must show as typed and ping or disguise nothing. Slack's own rule: escape
 * &, < and > (docs.slack.dev/messaging/formatting-message-text#escaping). Mrkdwn emphasis is left
 * alone (harmless); `@channel` typed without brackets does not ping a bot's post (no link_names).
 * The primitive of src/slack/mrkdwn.ts, which every Slack text is built with: use that, not this.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
