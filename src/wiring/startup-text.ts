/**
 * The one human line `npm start` writes once it is up: where it listens, and which addresses to give
 * Slack and LINE (or how to find them while PUBLIC_URL is unset). In the staff language, like the
 * doctor's lines, since the one reading it is the office's administrator.
 */
export interface StartupLineInput {
  host: string;
  port: number;
  publicUrl: string | undefined;
}

const listening = ({ host, port }: StartupLineInput) => `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;

export const startupText = {
  ja: (i: StartupLineInput): string =>
    i.publicUrl
      ? `Tsunagi は ${listening(i)} で待ち受けています。Slack アプリのリクエスト URL: ${i.publicUrl}/slack/events 、LINE の Webhook URL: ${i.publicUrl}/line/webhook （設定の確認は npm run doctor）`
      : `Tsunagi は ${listening(i)} で待ち受けています。Slack には <公開 HTTPS アドレス>/slack/events 、LINE には <公開 HTTPS アドレス>/line/webhook を設定します。PUBLIC_URL にその公開アドレスを設定すると、ここに正確な URL が表示され、npm run manifest と npm run line:webhook で設定できます。`,
  en: (i: StartupLineInput): string =>
    i.publicUrl
      ? `Tsunagi listens on ${listening(i)}. Slack request URL: ${i.publicUrl}/slack/events, LINE webhook URL: ${i.publicUrl}/line/webhook (check the setup with npm run doctor)`
      : `Tsunagi listens on ${listening(i)}. Slack needs <public HTTPS address>/slack/events and LINE <public HTTPS address>/line/webhook. Set PUBLIC_URL to that public address to see the exact URLs here and to set them up with npm run manifest and npm run line:webhook.`,
} as const;
