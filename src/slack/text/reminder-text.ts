import { md, mention } from '../mrkdwn.js';

/**
 * Staff-facing text of reminders (commands, pings, escalations, the digest), Japanese and English.
 * Case codes and labels only. Slack texts with parameters are `md` templates (values escaped);
 * `visitTitle` is a reminder's stored title and stays a plain string.
 */
const ja = {
  atDueTime: '期限',
  escalationLabel: 'エスカレーション',
  ping: (label: string, code: string, caseLabel: string, title: string, due: string) =>
    md`⏰ *${code}* ${caseLabel} — ${title}\n期限: ${due}（${label}のお知らせ）`,
  escalation: (code: string, caseLabel: string, title: string, due: string, assignee: string) =>
    md`🚨 *${code}* ${caseLabel} — ${title}\n期限: ${due}。担当 ${mention(assignee)} の確認がまだありません（エスカレーション）。`,
  assignee: (user: string) => md`担当: ${mention(user)}`,
  basis: (citation: string) => md`根拠: ${citation}`,
  done: '完了',
  postponeDay: '1日延期',
  postponeWeek: '1週間延期',
  reassign: '担当変更',
  doneBy: (user: string, title: string) => md`✅ ${mention(user)} が完了にしました: ${title}`,
  postponed: (user: string, title: string, due: string) => md`⏩ ${mention(user)} が延期しました: ${title} → ${due}`,
  reassigned: (by: string, to: string, title: string) => md`👤 ${mention(by)} が担当を ${mention(to)} に変更しました: ${title}`,
  alreadyClosed: 'このリマインダーはすでに完了または取り消し済みです。',
  reassignTitle: '担当変更',
  reassignLabel: '新しい担当',
  reassignSubmit: '変更',
  cancel: 'キャンセル',
  nextMonitoring: (code: string, due: string) => md`次のモニタリング（${code}）を ${due} に登録しました。`,
  // Commands
  visitUsage: '`/visit <ケース> <日付> <時刻> [職場訪問|家庭訪問|通院同行|ハローワーク同行|訪問看護] [@担当]` 例: `/visit C-0001 12/10 14:00 職場訪問`',
  monitoringUsage: '`/monitoring <ケース> <次回の日付> [間隔の月数]` 例: `/monitoring C-0001 2027-05-20 6`',
  placementUsage: '`/placement <ケース> <就職日> [就職先]` 例: `/placement C-0001 2026-12-01 〇〇株式会社`',
  remindUsage: '`/case remind <ケース> <日付> [時刻] <内容>` 例: `/case remind C-0001 12/15 10:00 受給者証の更新書類を確認`',
  reminderUsage: '`/case reminder <番号> cancel|done|assign @担当|date <日付> [時刻]`（番号は `/case show` に表示）',
  supervisorUsage: '`/case supervisor <ケース> @サビ管` エスカレーション先を設定',
  badDate: (input: string) => md`日付「${input}」が読めません。\`2026-12-10\`、\`12/10\`、\`12月10日\` のように入力してください。`,
  badTime: (input: string) => md`時刻「${input}」が読めません。\`14:00\` または \`14時\` のように入力してください。`,
  missingDate: (usage: string) => md`日付を指定してください。${usage}`,
  missingTime: (usage: string) => md`時刻を指定してください。${usage}`,
  missingText: (usage: string) => md`内容を入力してください。${usage}`,
  pastDate: (date: string) => md`${date} はすでに過ぎています。これからの日時を指定してください。`,
  badInterval: (input: string) => md`間隔「${input}」は1〜24の月数で指定してください。`,
  badUser: (input: string) => md`「${input}」はSlackのメンバーではありません。\`@名前\` で指定してください。`,
  visitTypes: ['職場訪問', '家庭訪問', '通院同行', 'ハローワーク同行', '訪問看護'] as readonly string[],
  visitTitle: (type: string) => `${type}`,
  visitCreated: (code: string, title: string, due: string, assignee: string) =>
    md`${code} の「${title}」を ${due} に登録しました（担当 ${mention(assignee)}）。前営業日と直前にお知らせします。`,
  monitoringTitle: 'モニタリング（個別支援計画の見直し）',
  monitoringCreated: (code: string, due: string, months: number) => md`${code} の次回モニタリングを ${due} に登録しました（${months}か月ごと）。`,
  placementCreated: (code: string, count: number, milestone: string) => md`${code} の就職後の予定を ${count} 件登録しました。6か月の定着日: ${milestone}`,
  remindCreated: (code: string, due: string) => md`${code} のリマインダーを ${due} に登録しました。`,
  supervisorSet: (code: string, user: string) => md`${code} のエスカレーション先を ${mention(user)} にしました。`,
  reminderNotFound: (n: string) => md`リマインダー ${n} は見つかりません。\`/case show\` で番号を確認してください。`,
  reminderCancelled: (n: number) => md`リマインダー R${n} を取り消しました。`,
  reminderDone: (n: number) => md`リマインダー R${n} を完了にしました。`,
  reminderAssigned: (n: number, user: string) => md`リマインダー R${n} の担当を ${mention(user)} にしました。`,
  reminderMoved: (n: number, due: string) => md`リマインダー R${n} を ${due} に変更しました。`,
  // /case show
  header: '予定・リマインダー',
  none: '登録されている予定はありません。',
  line: (n: number, due: string, title: string, assignee: string, note: string | null) =>
    md`• R${n} ${due} ${title}（${mention(assignee)}）${note ? ` — ${note}` : ''}`,
  // Digest
  digestTitle: (day: string) => md`☀️ *${day} のリマインダー*`,
  digestOverdue: '期限切れ',
  digestToday: '今日',
  digestWeek: '今週（7日以内）',
  digestLine: (code: string, caseLabel: string, title: string, due: string) => md`• *${code}* ${caseLabel} — ${title}（${due}）`,
};

export type ReminderText = typeof ja;

const en: ReminderText = {
  atDueTime: 'due time',
  escalationLabel: 'escalation',
  ping: (label: string, code: string, caseLabel: string, title: string, due: string) =>
    md`⏰ *${code}* ${caseLabel} — ${title}\nDue: ${due} (${label} reminder)`,
  escalation: (code: string, caseLabel: string, title: string, due: string, assignee: string) =>
    md`🚨 *${code}* ${caseLabel} — ${title}\nDue: ${due}. ${mention(assignee)} has not acknowledged it yet (escalation).`,
  assignee: (user: string) => md`Assignee: ${mention(user)}`,
  basis: (citation: string) => md`Basis: ${citation}`,
  done: 'Done',
  postponeDay: 'Postpone 1 day',
  postponeWeek: 'Postpone 1 week',
  reassign: 'Reassign',
  doneBy: (user: string, title: string) => md`✅ ${mention(user)} marked done: ${title}`,
  postponed: (user: string, title: string, due: string) => md`⏩ ${mention(user)} postponed: ${title} → ${due}`,
  reassigned: (by: string, to: string, title: string) => md`👤 ${mention(by)} reassigned to ${mention(to)}: ${title}`,
  alreadyClosed: 'This reminder is already done or cancelled.',
  reassignTitle: 'Reassign',
  reassignLabel: 'New assignee',
  reassignSubmit: 'Reassign',
  cancel: 'Cancel',
  nextMonitoring: (code: string, due: string) => md`Next monitoring of ${code} scheduled for ${due}.`,
  visitUsage: '`/visit <case> <date> <time> [職場訪問|家庭訪問|通院同行|ハローワーク同行|訪問看護] [@assignee]` e.g. `/visit C-0001 12/10 14:00 職場訪問`',
  monitoringUsage: '`/monitoring <case> <next date> [interval months]` e.g. `/monitoring C-0001 2027-05-20 6`',
  placementUsage: '`/placement <case> <placement date> [employer]` e.g. `/placement C-0001 2026-12-01 Example Ltd.`',
  remindUsage: '`/case remind <case> <date> [time] <text>` e.g. `/case remind C-0001 12/15 10:00 check the certificate renewal`',
  reminderUsage: '`/case reminder <number> cancel|done|assign @user|date <date> [time]` (numbers are shown by `/case show`)',
  supervisorUsage: '`/case supervisor <case> @user` sets who gets escalations',
  badDate: (input: string) => md`Cannot read the date "${input}". Use \`2026-12-10\`, \`12/10\` or \`12月10日\`.`,
  badTime: (input: string) => md`Cannot read the time "${input}". Use \`14:00\` or \`14時\`.`,
  missingDate: (usage: string) => md`Give a date. ${usage}`,
  missingTime: (usage: string) => md`Give a time. ${usage}`,
  missingText: (usage: string) => md`Add what is due. ${usage}`,
  pastDate: (date: string) => md`${date} is in the past. Give a date and time ahead.`,
  badInterval: (input: string) => md`The interval "${input}" must be a number of months from 1 to 24.`,
  badUser: (input: string) => md`"${input}" is not a Slack member. Mention them as \`@name\`.`,
  visitTypes: ['職場訪問', '家庭訪問', '通院同行', 'ハローワーク同行', '訪問看護'],
  visitTitle: (type: string) => `${type}`,
  visitCreated: (code: string, title: string, due: string, assignee: string) =>
    md`Scheduled "${title}" for ${code} on ${due} (assignee ${mention(assignee)}). Reminders go out the business day before and shortly before.`,
  monitoringTitle: 'Monitoring (support plan review)',
  monitoringCreated: (code: string, due: string, months: number) => md`Next monitoring of ${code} scheduled for ${due} (every ${months} months).`,
  placementCreated: (code: string, count: number, milestone: string) =>
    md`Scheduled ${count} follow-ups after the placement for ${code}. Six-month retention date: ${milestone}`,
  remindCreated: (code: string, due: string) => md`Reminder for ${code} set for ${due}.`,
  supervisorSet: (code: string, user: string) => md`Escalations for ${code} now go to ${mention(user)}.`,
  reminderNotFound: (n: string) => md`Reminder ${n} not found. See \`/case show\` for numbers.`,
  reminderCancelled: (n: number) => md`Cancelled reminder R${n}.`,
  reminderDone: (n: number) => md`Marked reminder R${n} done.`,
  reminderAssigned: (n: number, user: string) => md`Reminder R${n} is now assigned to ${mention(user)}.`,
  reminderMoved: (n: number, due: string) => md`Reminder R${n} moved to ${due}.`,
  header: 'Schedule and reminders',
  none: 'Nothing scheduled.',
  line: (n: number, due: string, title: string, assignee: string, note: string | null) =>
    md`• R${n} ${due} ${title} (${mention(assignee)})${note ? ` — ${note}` : ''}`,
  digestTitle: (day: string) => md`☀️ *Reminders for ${day}*`,
  digestOverdue: 'Overdue',
  digestToday: 'Today',
  digestWeek: 'This week (next 7 days)',
  digestLine: (code: string, caseLabel: string, title: string, due: string) => md`• *${code}* ${caseLabel} — ${title} (${due})`,
};

export const reminderText = { ja, en };
