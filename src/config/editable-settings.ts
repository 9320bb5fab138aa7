/**
 * The office's settings an admin may change in Slack's App Home (stored in the database, laid over the
 * environment: the environment variable becomes the default). Each entry is named by its environment
 * variable; its value is validated exactly as that variable is at start (`overlaySettings` in env.ts).
 * The Home shows them in this order, grouped by `group`.
 *
 * Only settings the core reads at use time belong here (`core.settings`, replaced when a setting
 * changes): a setting read once at start would look changed in the Home and change nothing.
 */
export type EditableSettingGroup = 'office' | 'reminders' | 'escalation' | 'urgent';

export interface EditableSetting {
  /** The environment variable's name (also the stored setting's name). */
  env: string;
  /** What staff read, Japanese and English. */
  ja: string;
  en: string;
  /** How to write it (shown in the form). */
  helpJa: string;
  helpEn: string;
  /** The built-in default's text: what applies when neither the environment nor the Home sets it (a test keeps it equal to env.ts). */
  builtIn: string;
  /** How the form asks for it: free text, one Slack member, or several. */
  input: 'text' | 'user' | 'users';
  group: EditableSettingGroup;
}

// ---- office hours, reminders, digest and escalation (issue 13's App Home) -----------------------
const OFFICE_AND_REMINDERS: EditableSetting[] = [
  {
    env: 'OFFICE_HOURS',
    ja: '営業時間',
    en: 'Office hours',
    helpJa:
      '例: mon-fri 09:00-18:00, sat 09:00-12:00（「月-金 9:00-18:00、土 9:00-12:00」も可）。昼休みは「mon-fri 09:00-12:00 13:00-18:00」。祝日と休業日は時間にかかわらず休みです。',
    helpEn:
      'E.g. mon-fri 09:00-18:00, sat 09:00-12:00 (a lunch break: mon-fri 09:00-12:00 13:00-18:00). Public holidays and closed days are closed whatever this says.',
    builtIn: 'mon-fri 09:00-18:00',
    input: 'text',
    group: 'office',
  },
  {
    env: 'OFFICE_CLOSED_DAYS',
    ja: '休業日（土日・祝日のほか）',
    en: 'Closed days (besides weekends and public holidays)',
    helpJa: '月-日（MM-DD）をカンマ区切りで。例: 12-29,12-30,12-31,01-02,01-03。空にすると土日・祝日だけが休みです。',
    helpEn: 'Month-day (MM-DD) separated by commas, e.g. 12-29,12-30,12-31,01-02,01-03. Empty: only weekends and public holidays.',
    builtIn: '12-29,12-30,12-31,01-02,01-03',
    input: 'text',
    group: 'office',
  },
  {
    env: 'OFFICE_START',
    ja: '始業時刻（日付だけの予定のお知らせ時刻）',
    en: 'Opening time (when reminders of all-day items go out)',
    helpJa: '例: 09:00。これから登録するリマインダーに使われます。',
    helpEn: 'E.g. 09:00. Used for reminders scheduled from now on.',
    builtIn: '09:00',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'VISIT_REMINDER_DAY_BEFORE_AT',
    ja: '訪問: 前営業日のお知らせ時刻',
    en: 'Visits: reminder time on the business day before',
    helpJa: '例: 17:00。これから登録する訪問に使われます。',
    helpEn: 'E.g. 17:00. Used for visits scheduled from now on.',
    builtIn: '17:00',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'VISIT_REMINDER_HOURS_BEFORE',
    ja: '訪問: 何時間前にもお知らせ',
    en: 'Visits: hours before for a second reminder',
    helpJa: '0〜48 の整数（0: 直前のお知らせなし）。これから登録する訪問に使われます。',
    helpEn: 'A whole number from 0 to 48 (0: none). Used for visits scheduled from now on.',
    builtIn: '1',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'MONITORING_REMINDER_DAYS_BEFORE',
    ja: 'モニタリング: 何日前にお知らせ',
    en: 'Plan monitoring: days before to remind',
    helpJa: '日数をカンマ区切りで。例: 14,3（0 は当日）。これから登録する予定に使われます。',
    helpEn: 'Days separated by commas, e.g. 14,3 (0: on the day). Used for reminders scheduled from now on.',
    builtIn: '14,3',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'MILESTONE_REMINDER_DAYS_BEFORE',
    ja: '就職後の節目: 何日前にお知らせ',
    en: 'Placement milestones: days before to remind',
    helpJa: '日数をカンマ区切りで。例: 7,0。これから登録する予定に使われます。',
    helpEn: 'Days separated by commas, e.g. 7,0. Used for reminders scheduled from now on.',
    builtIn: '7,0',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'TASK_REMINDER_DAYS_BEFORE',
    ja: 'その他のリマインダー: 何日前にお知らせ',
    en: 'Other reminders: days before to remind',
    helpJa: '日数をカンマ区切りで。例: 0（当日）。これから登録する予定に使われます。',
    helpEn: 'Days separated by commas, e.g. 0 (on the day). Used for reminders scheduled from now on.',
    builtIn: '0',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'DIGEST_TIME',
    ja: '朝のまとめを送る時刻',
    en: 'Morning digest time',
    helpJa: '例: 08:30（営業日のみ）。',
    helpEn: 'E.g. 08:30 (business days only).',
    builtIn: '08:30',
    input: 'text',
    group: 'reminders',
  },
  {
    env: 'REMINDER_ESCALATE_AFTER_MINUTES',
    ja: '未対応のお知らせをエスカレーションするまでの分数',
    en: 'Minutes before an unacknowledged reminder escalates',
    helpJa: '分数。例: 1440（24時間）。',
    helpEn: 'Minutes, e.g. 1440 (24 hours).',
    builtIn: '1440',
    input: 'text',
    group: 'escalation',
  },
  {
    env: 'ESCALATION_USER_ID',
    ja: 'エスカレーション先（ケースにサビ管が設定されていないとき）',
    en: 'Escalations go to (when a case has no supervisor)',
    helpJa: 'サービス管理責任者を選んでください。「環境変数の値に戻す」で元の設定に戻ります。',
    helpEn: 'Choose the service manager. "Back to the environment\'s value" restores the original setting.',
    builtIn: '',
    input: 'user',
    group: 'escalation',
  },
];

// ---- urgent messages and out-of-hours answers (issue 12) ----------------------------------------
const URGENT: EditableSetting[] = [
  {
    env: 'URGENT_ALERTS',
    ja: '緊急の可能性があるメッセージの通知（🚨・DM・エスカレーション）',
    en: 'Urgent-message alerts (🚨, DMs, escalation)',
    helpJa: 'on または off。off にすると、言葉の一覧に当たったメッセージも通常どおり届くだけになります（緊急時の連絡先の案内も送りません）。',
    helpEn: 'on or off. Off: flagged messages are relayed like any other (no emergency guidance either).',
    builtIn: 'on',
    input: 'text',
    group: 'urgent',
  },
  {
    env: 'URGENT_ESCALATE_AFTER_MINUTES',
    ja: '「対応します」が押されないときにエスカレーションするまでの分数',
    en: 'Minutes before an urgent message nobody took escalates',
    helpJa: '分数。例: 10。',
    helpEn: 'Minutes, e.g. 10.',
    builtIn: '10',
    input: 'text',
    group: 'urgent',
  },
  {
    env: 'URGENT_ONCALL_USER_IDS',
    ja: '緊急時のエスカレーション先（当番。エスカレーション先の設定に加えて）',
    en: 'On-call people an urgent escalation also goes to (besides the escalation user)',
    helpJa: '当番の人を選んでください（複数可）。',
    helpEn: 'Choose the people on call (several allowed).',
    builtIn: '',
    input: 'users',
    group: 'urgent',
  },
  {
    env: 'AFTER_HOURS_REPLY_PERIOD_HOURS',
    ja: '営業時間外の自動応答を同じ人に送る間隔（時間）',
    en: 'Hours between out-of-hours answers to the same person',
    helpJa: '時間数。例: 12（12時間に1回まで）。0 にすると営業時間外のお知らせを送りません。緊急の可能性があるメッセージへの案内は毎回送ります。',
    helpEn: 'Hours, e.g. 12 (at most once in 12 hours); 0: no out-of-hours answer. The emergency guidance is sent for every urgent message.',
    builtIn: '12',
    input: 'text',
    group: 'urgent',
  },
];

// ---- LINE sending (issue 12) ----------------------------------------------------------------------
const LINE_SENDING: EditableSetting[] = [
  {
    env: 'LINE_READ_RECEIPTS',
    ja: 'LINE の既読（スタッフが返信・記録・✅したとき）',
    en: 'LINE read receipts (when staff reply, record or ✅)',
    helpJa: 'true: スタッフが返信・記録する・✅ をしたとき、相手の LINE に「既読」をつけます。false: つけません。',
    helpEn: "true: the person's messages show as read on LINE once staff reply, record one or add ✅. false: never.",
    builtIn: 'true',
    input: 'text',
    group: 'office',
  },
];

/** Every setting the App Home lets an admin change, in the order shown. */
export const EDITABLE_SETTINGS: readonly EditableSetting[] = [...OFFICE_AND_REMINDERS, ...URGENT, ...LINE_SENDING];

export function editableSetting(env: string): EditableSetting | undefined {
  return EDITABLE_SETTINGS.find((s) => s.env === env);
}
