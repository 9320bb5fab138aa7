/** What `npm run line:webhook` says (Japanese; English with STAFF_LANGUAGE=en). Fixes it shares with the doctor come from doctor/text.ts. */
export interface LineWebhookText {
  fixLabel: string;
  noPublicUrl: string;
  setting(url: string): string;
  set(url: string): string;
  refused(url: string, status: number, message: string): string;
  refusedFix: string;
  tokenBad(status: number): string;
  unreachable(error: string): string;
  unreachableAfterSet(error: string): string;
  testing: string;
  inactive: string;
  done: string;
  notDone: string;
}

export const lineWebhookText: Record<'ja' | 'en', LineWebhookText> = {
  ja: {
    fixLabel: '直し方',
    noPublicUrl:
      'PUBLIC_URL が設定されていません。.env に PUBLIC_URL=https://（Slack と LINE から届く公開アドレス）を設定してから、もう一度 npm run line:webhook を実行してください。',
    setting: (url) => `LINE の Webhook URL を ${url} に設定します…`,
    set: (url) => `✓ LINE の Webhook URL を ${url} に設定しました`,
    refused: (url, status, message) => `✗ LINE が ${url} を受け付けませんでした（HTTP ${status}${message ? `: ${message}` : ''}）`,
    refusedFix: 'Webhook URL は https:// で始まる 500 文字以内のアドレスである必要があります。PUBLIC_URL を確認してください。',
    tokenBad: (status) => `✗ LINE がトークンを受け付けません（HTTP ${status}）。何も変更していません`,
    unreachable: (error) => `✗ LINE に接続できません（${error}）。何も変更していません`,
    unreachableAfterSet: (error) => `✗ Webhook URL の設定後、LINE に接続できなくなりました（${error}）`,
    testing: 'LINE から接続テストを送ります…',
    inactive: '✗ LINE の「Webhook の利用」がオフです。オンにするまで LINE のメッセージは Tsunagi に届きません',
    done: '完了しました。LINE のメッセージは Tsunagi に届きます。',
    notDone: '上の ✗ を直してから、もう一度 npm run line:webhook を実行してください（npm run doctor で全体も確認できます）。',
  },
  en: {
    fixLabel: 'fix',
    noPublicUrl: 'PUBLIC_URL is not set. Set PUBLIC_URL=https://(the public address Slack and LINE reach) in .env, then run npm run line:webhook again.',
    setting: (url) => `Setting LINE's webhook URL to ${url}…`,
    set: (url) => `✓ LINE's webhook URL is now ${url}`,
    refused: (url, status, message) => `✗ LINE refused ${url} (HTTP ${status}${message ? `: ${message}` : ''})`,
    refusedFix: 'A webhook URL must start with https:// and be at most 500 characters. Check PUBLIC_URL.',
    tokenBad: (status) => `✗ LINE does not accept the token (HTTP ${status}). Nothing was changed`,
    unreachable: (error) => `✗ Cannot reach LINE (${error}). Nothing was changed`,
    unreachableAfterSet: (error) => `✗ LINE stopped answering after the webhook URL was set (${error})`,
    testing: 'Asking LINE for a test call…',
    inactive: '✗ "Use webhook" is off at LINE: until it is on, LINE messages do not reach Tsunagi',
    done: 'Done: LINE messages reach Tsunagi.',
    notDone: 'Fix the ✗ above, then run npm run line:webhook again (npm run doctor checks everything).',
  },
};
