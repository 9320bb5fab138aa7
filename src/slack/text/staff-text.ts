import { adminText } from './admin-text.js';
import { linkingText } from './linking-text.js';
import { joinMrkdwn, link, md, mention, type Mrkdwn } from '../mrkdwn.js';
import { recordText } from './record-text.js';
import { reminderText } from './reminder-text.js';
import { retentionText } from './retention-text.js';
import { urgentText } from './urgent-text.js';

/**
 * Everything staff read in Slack, in Japanese (default) and English (STAFF_LANGUAGE=en).
 * Notices show case codes and labels, never diagnoses.
 *
 * Texts with parameters are `md` templates (src/slack/mrkdwn.ts): they take raw values (names,
 * labels, relations, titles, what was typed) and escape them; member ids become mentions through
 * `mention`. Texts without parameters are plain strings, escaped where they are shown.
 */
export type StaffLanguage = 'ja' | 'en';

const ja = {
  caseHelp: [
    '*/case の使い方*',
    '`/case new <表示名> [サービス]` ケースを作成（このチャンネルにケーススレッドを作ります）。サービス: A型, B型, 移行, 定着',
    '`/case invite <ケース> <本人|家族|関係機関> [続柄・所属]` LINE連携用の招待コードを発行',
    '`/case show <ケース>` ケースの状態と連携中のLINEアカウント',
    '`/case list` このチャンネルのケース一覧',
    '`/case unlink <ケース> <連絡先番号>` LINE連携を解除',
    '`/case close <ケース>` ケースを終了（LINEの中継も止まります）',
    '`/case export <ケース> [開始日] [終了日]` 連絡と記録の履歴を CSV（Excel用）と Markdown でDMに送る',
    '`/update <ケース> <分類> <内容>` 記録（引数なしなら入力画面）。スレッドのメッセージからはショートカット「記録する」',
    '`/case remind <ケース> <日付> [時刻] <内容>` リマインダー。`/visit` 訪問、`/monitoring` モニタリング、`/placement` 就職後の予定',
    '`/case reminder <番号> cancel|done|assign @担当|date <日付> [時刻]` リマインダーの取消・完了・担当変更・日時変更',
    '`/case supervisor <ケース> @サビ管` 未対応リマインダーのエスカレーション先',
    '`/case help` この説明',
    'ケースはコード（例: `C-0001`）で指定します。表示名にはイニシャルやニックネームを使い、氏名や診断名は入れないでください。',
  ].join('\n'),
  unknownSubcommand: (sub: string) => md`「${sub}」というサブコマンドはありません。\`/case help\` で使い方を確認できます。`,
  missingLabel: '表示名を指定してください。例: `/case new 山田T B型`',
  unknownService: (input: string) => md`サービス「${input}」が分かりません。A型, B型, 移行, 定着 のいずれかを指定してください。`,
  missingCase: (usage: string) => md`ケースを指定してください。例: \`${usage}\``,
  badCaseCode: (input: string) => md`「${input}」はケースコードではありません。\`C-0001\` のように指定してください。`,
  caseNotFound: (code: string) => md`ケース ${code} は見つかりません。\`/case list\` で一覧を確認できます。`,
  caseClosed: (code: string) => md`ケース ${code} は終了しています。`,
  notChannelMember: (code: string) => md`ケース ${code} のチャンネルのメンバーではないため、この操作はできません。`,
  caseRootText: (code: string, label: string) => md`📁 ${code} ${label}`,
  caseRootBody: (code: string, label: string, service: string | undefined, responsible: string) =>
    md`*${code}* ${label}${service ? `（${service}）` : ''}\n担当: ${mention(responsible)}`,
  caseRootNote:
    'このスレッドがケーススレッドです。連携したLINEからのメッセージはここに届きます。スレッド内の会話はLINEには送られません（送るときは「返信」ボタンか「LINEに送信」ショートカットを使います）。',
  caseCreated: (code: string) => md`ケース ${code} を作成しました。`,
  botNotInChannel: 'ボットがこのチャンネルに参加していないため投稿できません。`/invite @tsunagi` で招待してから、もう一度実行してください。',
  slackFailed: (reason: string) => md`Slackへの投稿に失敗しました（${reason}）。少し待ってからもう一度実行してください。`,
  missingRole: '役割を指定してください: 本人, 家族, 関係機関。例: `/case invite C-0001 家族 母`',
  unknownRole: (input: string) => md`役割「${input}」が分かりません。本人, 家族, 関係機関 のいずれかを指定してください。`,
  inviteIssued: (code: string, caseCode: string, role: string, relation: string | null, expires: string) =>
    md`*${caseCode}* の招待コード（${role}${relation ? `・${relation}` : ''}）: *${code}*
有効期限: ${expires}（1回限り）
相手の方に、事業所のLINE公式アカウントを友だち追加して、このコードを送ってもらってください。同意が得られるまで、メッセージはこのスレッドに届きません。`,
  inviteLinkLine: (url: string) => md`友だち追加とコード入力を一度に: ${link(url)}`,
  inviteQrComment: (caseCode: string) => md`${caseCode} の招待用QRコードです（読み取るとLINEでコードが入力された状態になります）。`,
  caseShow: (code: string, label: string, service: string | undefined, status: string, responsible: string) =>
    md`*${code}* ${label}${service ? `（${service}）` : ''} — ${status === 'open' ? '対応中' : '終了'}\n担当: ${mention(responsible)}`,
  contactsHeader: 'LINE連携',
  noContacts: 'LINE連携はまだありません。`/case invite` で招待できます。',
  contactLine: (n: number, role: string, relation: string | null, name: string | null, status: string) =>
    md`${n}. ${role}${relation ? `（${relation}）` : ''} ${name ?? ''} — ${status}`,
  contactStatus: {
    pending_consent: '同意待ち',
    active: '連携中（同意済み）',
    declined: '同意しない',
    withdrawn: '本人が解除',
    blocked: 'ブロック中',
    unlinked: '解除済み',
  } as Record<string, string>,
  caseList: (lines: Mrkdwn[]): Mrkdwn | string =>
    lines.length ? md`*このチャンネルのケース*\n${joinMrkdwn(lines)}` : 'このチャンネルにはまだケースがありません。`/case new` で作成できます。',
  caseListLine: (code: string, label: string, service: string | null, responsible: string) =>
    md`• *${code}* ${label}${service ? `（${service}）` : ''} ${mention(responsible)}`,
  caseClosedNow: (code: string) => md`ケース ${code} を終了しました。LINEとの中継は止まります。`,
  caseClosedNotice: (user: string) => md`🔒 ${mention(user)} がこのケースを終了しました。LINEとの中継は止まりました。`,
  unlinkUsage: '解除する連絡先の番号を指定してください（`/case show` に表示される番号）。例: `/case unlink C-0001 2`',
  contactNotFound: (n: string) => md`連絡先 ${n} はこのケースにありません。`,
  unlinked: (who: string) => md`${who} のLINE連携を解除しました。`,
  // Thread notices
  joinedNotice: (who: string) => md`🔗 ${who} がLINEで連携しました（共有に同意済み）。`,
  declinedNotice: (who: string) => md`${who} は共有に同意しませんでした。メッセージは中継されません。`,
  withdrawnNotice: (who: string) => md`${who} がLINE連携を解除しました。今後のメッセージは中継されません。`,
  unlinkedNotice: (who: string, user: string) => md`${mention(user)} が ${who} のLINE連携を解除しました。`,
  blockedNotice: (who: string) => md`⚠️ ${who} が事業所のLINEアカウントをブロックしました。LINEへの送信はできません。`,
  unblockedNotice: (who: string) => md`${who} が事業所のLINEアカウントのブロックを解除しました。`,
  withdrawnMessage: '（送信者がこのメッセージを取り消しました）',
  unknownContact: '（削除された連携）',
  // Relay
  replyButton: '返信',
  sticker: 'スタンプ',
  location: '位置情報',
  mapLink: '地図で開く',
  sentImage: '画像を送信しました',
  sentVideo: '動画を送信しました',
  sentAudio: '音声を送信しました',
  sentFile: (name: string) => md`ファイル「${name}」を送信しました`,
  mediaUnavailable: 'LINEからファイルを取得できませんでした（保存期間が過ぎたか、変換に失敗しました）。',
  mediaTooLarge: (size: string, max: string) =>
    md`LINEで送られたファイルが大きすぎるため（${size}、上限 ${max}）、ここにはコピーしていません。LINEのトークで確認してください。`,
  threadPostFailed: (reason: string) => md`LINEからのメッセージをこのスレッドに表示できませんでした（${reason}）。「再送する」でもう一度表示します。`,
  lineEventFailed: 'LINEから届いたメッセージ（またはイベント）を処理できませんでした。内容はここには表示しません。「再送する」でもう一度処理します。',
  // Reply modal / shortcut
  replyModalTitle: 'LINEに返信',
  sendModalTitle: 'LINEに送信',
  modalSubmit: '送信',
  modalCancel: 'キャンセル',
  recipientLabel: '送信先',
  textLabel: '本文',
  sendConfirm: '次の内容をLINEに送信します。送信先を確認してください。',
  noActiveContacts: (code: string) => md`ケース ${code} には送信できるLINE連携（同意済み）がありません。`,
  notACaseThread: 'このメッセージはケーススレッドにありません。ケーススレッド内のメッセージで使ってください。',
  notAStaffMessage: 'ボットや連携先のメッセージはLINEに送信できません。スタッフのメッセージで使ってください。',
  emptyText: '本文を入力してください。',
  longMessage: (chars: number, parts: number) =>
    md`長いメッセージ（${chars.toLocaleString('ja-JP')}文字）のため、編集せずにそのまま送ります。LINEでは${parts}通に分かれて届きます。`,
  sourceMessageGone: '元のメッセージが見つかりません（削除された可能性があります）。送信しませんでした。',
  sentCopy: (to: string, user: string) => md`↩️ ${mention(user)} → ${to}`,
  deliveryFailed: (reason: string) => md`⚠️ LINEに送信できませんでした: ${reason}`,
  retryButton: '再送する',
  quotaReachedAdvice:
    'できること: 急ぎの連絡は電話など LINE 以外の方法で。管理者が LINE Official Account Manager でプランを変更すると上限が上がり、そのあと「再送する」でこのメッセージを送れます。プランを変えない場合は、来月1日から再び送信できます（そのときに「再送する」）。',
  failureReasons: {
    blocked: '相手が事業所のLINEアカウントをブロックしています',
    quota: '今月のLINE送信数の上限に達しました（LINE公式アカウントのプランを確認してください）',
    inactive: '相手のLINE連携が有効ではありません（同意待ち・解除済み）',
    invalid: 'LINEが内容を受け付けませんでした',
    other: 'LINEとの通信に失敗しました',
  } as Record<string, string>,
  retryQueued: '再送を受け付けました。',
  internalError: '処理中にエラーが発生しました。少し待ってからもう一度お試しください。続く場合は管理者に連絡してください。',
  records: recordText.ja,
  reminders: reminderText.ja,
  linking: linkingText.ja,
  retention: retentionText.ja,
  urgent: urgentText.ja,
  admin: adminText.ja,
};

export type StaffText = typeof ja;

const en: StaffText = {
  ...ja,
  caseHelp: [
    '*/case usage*',
    '`/case new <label> [service]` create a case (its thread is created in this channel). Services: A型, B型, 移行, 定着',
    '`/case invite <case> <本人|家族|関係機関> [relation]` issue a one-time LINE link code',
    '`/case show <case>` the case and its linked LINE accounts',
    '`/case list` the cases of this channel',
    '`/case unlink <case> <contact number>` unlink a LINE account',
    '`/case close <case>` close the case (stops relaying)',
    '`/case export <case> [from] [to]` the timeline of messages and records as CSV (for Excel) and Markdown, by DM',
    '`/update <case> <category> <text>` record an update (no arguments: a form); on a thread message use the 記録する shortcut',
    '`/case remind <case> <date> [time] <text>` a reminder; `/visit` visits, `/monitoring` plan reviews, `/placement` the plan after a job placement',
    '`/case reminder <number> cancel|done|assign @user|date <date> [time]` cancel, complete, reassign or move a reminder',
    '`/case supervisor <case> @user` who gets escalations',
    '`/case help` this help',
    'Refer to cases by code (e.g. `C-0001`). Use initials or a nickname as the label, never full names or diagnoses.',
  ].join('\n'),
  unknownSubcommand: (sub: string) => md`There is no subcommand "${sub}". See \`/case help\`.`,
  missingLabel: 'Give a label. Example: `/case new YT B型`',
  unknownService: (input: string) => md`Unknown service "${input}". Use one of A型, B型, 移行, 定着.`,
  missingCase: (usage: string) => md`Give a case. Example: \`${usage}\``,
  badCaseCode: (input: string) => md`"${input}" is not a case code. Use the form \`C-0001\`.`,
  caseNotFound: (code: string) => md`Case ${code} was not found. See \`/case list\`.`,
  caseClosed: (code: string) => md`Case ${code} is closed.`,
  notChannelMember: (code: string) => md`You are not a member of the channel of case ${code}.`,
  caseRootBody: (code: string, label: string, service: string | undefined, responsible: string) =>
    md`*${code}* ${label}${service ? ` (${service})` : ''}\nResponsible: ${mention(responsible)}`,
  caseRootNote:
    'This is the case thread. Messages from linked LINE accounts arrive here. Talk in the thread stays internal (use the 返信 button or the "LINEに送信" shortcut to send to LINE).',
  caseCreated: (code: string) => md`Case ${code} created.`,
  botNotInChannel: 'The bot is not in this channel. Invite it with `/invite @tsunagi` and try again.',
  slackFailed: (reason: string) => md`Posting to Slack failed (${reason}). Please try again shortly.`,
  missingRole: 'Give a role: 本人, 家族 or 関係機関. Example: `/case invite C-0001 家族 母`',
  unknownRole: (input: string) => md`Unknown role "${input}". Use 本人, 家族 or 関係機関.`,
  inviteIssued: (code: string, caseCode: string, role: string, relation: string | null, expires: string) =>
    md`Link code for *${caseCode}* (${role}${relation ? `, ${relation}` : ''}): *${code}*
Valid until ${expires}, single use.
Ask the person to add the office's LINE account as a friend and send this code. Nothing reaches this thread before they agree.`,
  inviteLinkLine: (url: string) => md`Add friend and enter the code in one step: ${link(url)}`,
  inviteQrComment: (caseCode: string) => md`QR code for the ${caseCode} invitation (scanning it opens LINE with the code filled in).`,
  caseShow: (code: string, label: string, service: string | undefined, status: string, responsible: string) =>
    md`*${code}* ${label}${service ? ` (${service})` : ''} — ${status}\nResponsible: ${mention(responsible)}`,
  contactsHeader: 'LINE links',
  noContacts: 'No LINE links yet. Use `/case invite`.',
  contactStatus: {
    pending_consent: 'waiting for consent',
    active: 'linked (consented)',
    declined: 'declined',
    withdrawn: 'withdrawn by the person',
    blocked: 'blocked the account',
    unlinked: 'unlinked',
  },
  caseList: (lines: Mrkdwn[]): Mrkdwn | string =>
    lines.length ? md`*Cases in this channel*\n${joinMrkdwn(lines)}` : 'No cases in this channel yet. Create one with `/case new`.',
  caseListLine: (code: string, label: string, service: string | null, responsible: string) =>
    md`• *${code}* ${label}${service ? ` (${service})` : ''} ${mention(responsible)}`,
  caseClosedNow: (code: string) => md`Case ${code} closed. Relaying has stopped.`,
  caseClosedNotice: (user: string) => md`🔒 ${mention(user)} closed this case. Relaying has stopped.`,
  unlinkUsage: 'Give the number of the contact to unlink (shown by `/case show`). Example: `/case unlink C-0001 2`',
  contactNotFound: (n: string) => md`Contact ${n} is not part of this case.`,
  unlinked: (who: string) => md`Unlinked ${who}.`,
  joinedNotice: (who: string) => md`🔗 ${who} linked their LINE account (consent given).`,
  declinedNotice: (who: string) => md`${who} did not agree to sharing. Their messages will not be relayed.`,
  withdrawnNotice: (who: string) => md`${who} withdrew the LINE link. Their messages will no longer be relayed.`,
  unlinkedNotice: (who: string, user: string) => md`${mention(user)} unlinked ${who}.`,
  blockedNotice: (who: string) => md`⚠️ ${who} blocked the office's LINE account. Messages to them cannot be sent.`,
  unblockedNotice: (who: string) => md`${who} unblocked the office's LINE account.`,
  withdrawnMessage: '(the sender withdrew this message)',
  unknownContact: '(a link since deleted)',
  sticker: 'Sticker',
  location: 'Location',
  mapLink: 'Open map',
  sentImage: 'sent an image',
  sentVideo: 'sent a video',
  sentAudio: 'sent an audio message',
  sentFile: (name: string) => md`sent the file "${name}"`,
  mediaUnavailable: 'The file could not be fetched from LINE (expired or failed to convert).',
  mediaTooLarge: (size: string, max: string) => md`A file sent on LINE is too large to copy here (${size}, limit ${max}). Please look at it in the LINE chat.`,
  threadPostFailed: (reason: string) => md`A LINE message could not be shown in this thread (${reason}). Press Retry to show it again.`,
  lineEventFailed: 'A message (or event) from LINE could not be processed. Its content is not shown here. Press Retry to process it again.',
  replyModalTitle: 'Reply on LINE',
  sendModalTitle: 'Send to LINE',
  modalSubmit: 'Send',
  modalCancel: 'Cancel',
  recipientLabel: 'To',
  textLabel: 'Message',
  sendConfirm: 'This will be sent to LINE. Check the recipient.',
  noActiveContacts: (code: string) => md`Case ${code} has no consented LINE link to send to.`,
  notACaseThread: 'This message is not in a case thread.',
  notAStaffMessage: "Bot and relayed messages can't be sent to LINE. Use it on a staff message.",
  emptyText: 'Enter a message.',
  longMessage: (chars: number, parts: number) =>
    md`This message is long (${chars.toLocaleString('en')} characters), so it is sent as it is, without editing. It arrives on LINE as ${parts} messages.`,
  sourceMessageGone: 'The original message was not found (it may have been deleted). Nothing was sent.',
  deliveryFailed: (reason: string) => md`⚠️ Not delivered to LINE: ${reason}`,
  retryButton: 'Retry',
  quotaReachedAdvice:
    'What you can do: reach the person another way (by phone) if it is urgent. An admin can raise the limit by changing the plan in LINE Official Account Manager; then press Retry to send this message. Without a plan change, sending works again from the 1st of next month (press Retry then).',
  failureReasons: {
    blocked: "the person blocked the office's LINE account",
    quota: "this month's LINE message quota is used up (check the LINE Official Account plan)",
    inactive: 'the LINE link is not active (consent pending or withdrawn)',
    invalid: 'LINE refused the content',
    other: 'communication with LINE failed',
  },
  retryQueued: 'Retry queued.',
  internalError: 'Something went wrong. Please try again shortly; if it persists, tell your administrator.',
  records: recordText.en,
  reminders: reminderText.en,
  linking: linkingText.en,
  retention: retentionText.en,
  urgent: urgentText.en,
  admin: adminText.en,
};

export const staffText: Record<StaffLanguage, StaffText> = { ja, en };
