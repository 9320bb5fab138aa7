import { joinMrkdwn, md, mention, type Mrkdwn } from '../mrkdwn.js';

/** What admins (and anyone opening the App Home) read: Japanese and English. Setting names come from config/editable-settings.ts. */
const ja = {
  homeTitle: 'Tsunagi 管理',
  notAdmin:
    'この画面は Tsunagi の管理者向けです。事業所の設定（営業時間、リマインダー、朝のまとめ、エスカレーション先など）を変更できるのは、ワークスペースの管理者・オーナーと、ADMIN_USER_IDS に登録された人だけです。\nケースの操作は各チャンネルで `/case help` をご覧ください。リマインダーやまとめは「メッセージ」タブに届きます。',
  updatedAt: (at: string) => md`${at} 時点`,
  unknown: '取得できませんでした',
  healthHeader: '稼働状況',
  healthNames: { database: 'データベース', queues: 'キュー' } as Record<string, string>,
  healthOk: (name: string, ms: number) => md`✅ ${name}: 応答あり（${ms} ms）`,
  healthFailed: (name: string) => md`❌ ${name}: 応答がありません`,
  lastWebhook: (platform: string, at: string | null) => md`${platform}から最後に受信: ${at ?? 'まだ受信していません'}`,
  quotaHeader: 'LINE の今月の送信数',
  quota: (used: number, limit: number | null) =>
    limit === null ? md`${used} 通（上限なし）` : md`${used} / ${limit} 通（${limit > 0 ? Math.floor((used / limit) * 100) : 100}%）`,
  quotaWarning: (threshold: number, used: number, limit: number) =>
    md`⚠️ LINE の今月の送信数が上限の ${threshold}% を超えました（${used} / ${limit} 通）。上限に達すると、スタッフから LINE への送信（返信・LINEに送信）が来月1日まで届かなくなります。急ぎの連絡は電話などでお願いします。送信数を増やすには、LINE Official Account Manager でプランを変更してください。`,
  quotaWarningsTo: (users: string[]) =>
    md`80%・95% の警告の送り先: ${joinMrkdwn(
      users.map((u) => mention(u)),
      ' ',
    )}`,
  quotaNobodyToWarn: '⚠️ 80%・95% の警告の送り先がありません（ADMIN_USER_IDS か ESCALATION_USER_ID を設定してください）。',
  backlogHeader: 'キュー',
  backlogLine: (queue: string, waiting: number, active: number, delayed: number, failed: number) =>
    md`\`${queue}\` 待ち ${waiting}・実行中 ${active}・予約 ${delayed}・失敗 ${failed}`,
  failuresHeader: (total: number) => `失敗した処理（${total}件）`,
  noFailures: '失敗したままの処理はありません。',
  failureKinds: {
    inbound_event: 'イベントの処理',
    thread_post: 'スレッドへの表示',
    line_push: 'LINE への送信',
  } as Record<string, string>,
  failureLine: (kind: string, where: string | null, at: string, reason: string | null) =>
    md`*${kind}*${where ? ` ${where}` : ''} — ${at}${reason ? `（${reason}）` : ''}`,
  failureNotRetryable: '内容が保存期間を過ぎたため、再試行できません。',
  moreFailures: (n: number) => `ほか ${n} 件（新しいものから表示しています）`,
  retryButton: '再試行',
  settingsHeader: '事業所の設定',
  settingsNote:
    '変更はすぐに反映されます（ほかのサーバーにも数秒で）。環境変数の値は既定値として残り、「環境変数の値に戻す」でいつでも戻せます。変更は監査ログに残ります。',
  groups: { office: '営業日・営業時間', reminders: 'リマインダーと朝のまとめ', escalation: 'エスカレーション', urgent: '緊急メッセージ' } as Record<
    string,
    string
  >,
  settingValue: (label: string, value: Mrkdwn) => md`*${label}*\n${value}`,
  code: (value: string) => (value === '' ? md`（なし）` : md`\`${value}\``),
  user: (userId: string) => (userId === '' ? md`（なし）` : mention(userId)),
  fromAdmin: (by: string | null, at: string | null) => md`管理画面で変更（${by ? mention(by) : '変更者不明'}${at ? `、${at}` : ''}）`,
  fromEnvironment: '環境変数の値',
  fromDefault: '既定値',
  editButton: '変更',
  ignoredSettings: (names: string) => md`⚠️ 保存されている設定のうち、このバージョンでは使えないため反映していないもの: ${names}。変更し直してください。`,
  modalTitle: '設定の変更',
  modalSubmit: '保存',
  modalCancel: 'キャンセル',
  valueLabel: (label: string) => `${label}`,
  environmentValue: (value: string | undefined, builtIn: string) =>
    value === undefined ? md`環境変数では未設定（既定値: \`${builtIn || 'なし'}\`）` : md`環境変数の値: \`${value || 'なし'}\``,
  resetLabel: '環境変数の値に戻す',
  resetOption: '保存した値を消して、環境変数（未設定なら既定値）に戻す',
  notAllowed: '設定を変更できるのは、ワークスペースの管理者・オーナーと ADMIN_USER_IDS に登録された人だけです。変更していません。',
  invalid: (problems: string) => `この値は使えません（変更していません）: ${problems}`,
  notEditable: 'この設定はここでは変更できません。変更していません。',
  busy: '同時にほかの変更がありました。もう一度「保存」を押してください。',
};

export type AdminText = typeof ja;

const en: AdminText = {
  homeTitle: 'Tsunagi admin',
  notAdmin:
    "This page is for Tsunagi's admins. The office's settings (office hours, reminders, the morning digest, who gets escalations…) can be changed only by the workspace's admins and owners and by the people listed in ADMIN_USER_IDS.\nFor cases, see `/case help` in a channel. Reminders and digests arrive in the Messages tab.",
  updatedAt: (at: string) => md`As of ${at}`,
  unknown: 'could not be read',
  healthHeader: 'Health',
  healthNames: { database: 'Database', queues: 'Queues' },
  healthOk: (name: string, ms: number) => md`✅ ${name}: answering (${ms} ms)`,
  healthFailed: (name: string) => md`❌ ${name}: not answering`,
  lastWebhook: (platform: string, at: string | null) => md`Last webhook from ${platform}: ${at ?? 'none yet'}`,
  quotaHeader: 'LINE messages this month',
  quota: (used: number, limit: number | null) =>
    limit === null ? md`${used} (no limit)` : md`${used} of ${limit} (${limit > 0 ? Math.floor((used / limit) * 100) : 100}%)`,
  quotaWarning: (threshold: number, used: number, limit: number) =>
    md`⚠️ This month's LINE messages passed ${threshold}% of the plan's limit (${used} of ${limit}). At the limit, what staff send to LINE (replies, Send to LINE) does not go out until the 1st of next month: reach people by phone if it is urgent. To send more, change the plan in LINE Official Account Manager.`,
  quotaWarningsTo: (users: string[]) =>
    md`Warnings at 80% and 95% go to: ${joinMrkdwn(
      users.map((u) => mention(u)),
      ' ',
    )}`,
  quotaNobodyToWarn: '⚠️ Nobody gets the warnings at 80% and 95% (set ADMIN_USER_IDS or ESCALATION_USER_ID).',
  backlogHeader: 'Queues',
  backlogLine: (queue: string, waiting: number, active: number, delayed: number, failed: number) =>
    md`\`${queue}\` waiting ${waiting} · active ${active} · delayed ${delayed} · failed ${failed}`,
  failuresHeader: (total: number) => `Failed work (${total})`,
  noFailures: 'Nothing has failed for good.',
  failureKinds: { inbound_event: 'Handling an event', thread_post: 'Showing in a thread', line_push: 'Sending to LINE' },
  failureLine: (kind: string, where: string | null, at: string, reason: string | null) =>
    md`*${kind}*${where ? ` ${where}` : ''} — ${at}${reason ? ` (${reason})` : ''}`,
  failureNotRetryable: 'Its content is past its retention time: it cannot be retried.',
  moreFailures: (n: number) => `and ${n} more (newest shown first)`,
  retryButton: 'Retry',
  settingsHeader: "The office's settings",
  settingsNote:
    'A change takes effect at once (on the other servers within seconds). The environment variables stay as the defaults: "Back to the environment\'s value" returns to them at any time. Changes are audit-logged.',
  groups: { office: 'Business days and hours', reminders: 'Reminders and the morning digest', escalation: 'Escalation', urgent: 'Urgent messages' },
  settingValue: (label: string, value: Mrkdwn) => md`*${label}*\n${value}`,
  code: (value: string) => (value === '' ? md`(none)` : md`\`${value}\``),
  user: (userId: string) => (userId === '' ? md`(none)` : mention(userId)),
  fromAdmin: (by: string | null, at: string | null) => md`changed here${by ? md` by ${mention(by)}` : ''}${at ? ` on ${at}` : ''}`,
  fromEnvironment: 'from the environment',
  fromDefault: 'the default',
  editButton: 'Change',
  ignoredSettings: (names: string) => md`⚠️ Stored settings this version cannot use, not in force: ${names}. Please change them again.`,
  modalTitle: 'Change a setting',
  modalSubmit: 'Save',
  modalCancel: 'Cancel',
  valueLabel: (label: string) => `${label}`,
  environmentValue: (value: string | undefined, builtIn: string) =>
    value === undefined ? md`Not set in the environment (default: \`${builtIn || 'none'}\`)` : md`The environment's value: \`${value || 'none'}\``,
  resetLabel: "Back to the environment's value",
  resetOption: 'Use the environment variable (or the default) again',
  notAllowed: "Only the workspace's admins and owners and the people in ADMIN_USER_IDS can change settings. Nothing was changed.",
  invalid: (problems: string) => `This value cannot be used (nothing was changed): ${problems}`,
  notEditable: 'This setting cannot be changed here. Nothing was changed.',
  busy: 'Another change came in at the same time. Please press Save again.',
};

export const adminText = { ja, en };
