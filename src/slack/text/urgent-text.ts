import { channelLink, joinMrkdwn, md, mention, type Mrkdwn } from '../mrkdwn.js';

/**
 * Staff-facing text of urgent messages and automatic answers (issue #12), Japanese and English.
 * Privacy: what goes to a DM names the case code and label and the kind of expression found (the
 * group's label), never the message's text. Only the case thread, where the relayed message is,
 * shows what the automatic answer to the sender said.
 *
 * `groups`: the labels of the groups hit (the office may reword them in its URGENT_WORDS_FILE).
 * `at`: a time already formatted in the office's time zone.
 */
const list = (groups: readonly string[], sep: string): Mrkdwn => joinMrkdwn(groups, sep);

/** The text of an automatic answer, as a quote in the thread (each line escaped, then quoted). */
const quoted = (text: string): Mrkdwn =>
  joinMrkdwn(
    text.split('\n').map((line) => md`> ${line}`),
    '\n',
  );

const ja = {
  /** The thread block's header and the notification text of the 🚨 post. */
  urgentHeader: '🚨 緊急',
  urgentNotification: (code: string) => md`🚨 緊急: ${code} に緊急の可能性があるメッセージが届きました`,
  urgentBlock: (groups: readonly string[]) =>
    md`このメッセージには、緊急の可能性がある言葉が含まれています（${list(groups, '・')}）。すぐに内容を確認し、対応する人は「対応します」を押してください。`,
  /** Said under the block: how the flag was made. */
  urgentCaveat: '言葉の一覧による自動判定です。見落としや、緊急でないメッセージへの反応があります。',
  takeButton: '対応します',
  recordButton: '記録する（緊急）',
  taken: (user: string, at: string) => md`✋ ${mention(user)} が対応します（${at}）`,
  alreadyTaken: (user: string, at: string) => md`すでに ${mention(user)} が対応しています（${at}から）。`,
  /** Asks the responsible staff and supervisor in the thread. */
  callStaff: (users: readonly string[]) => md`${joinMrkdwn(users.map(mention), ' ')} 確認をお願いします。`,
  /** The DM to the responsible staff and supervisor: case code and label only, never the text. */
  dm: (code: string, label: string, groups: readonly string[]) =>
    md`🚨 *${code}* ${label} — LINEから緊急の可能性があるメッセージが届きました（${list(groups, '・')}）。ケーススレッドで内容を確認し、対応する場合は「対応します」を押してください。`,
  openThread: 'スレッドを開く',
  /** Under a DM: where the case thread is. */
  whereThread: (channel: string, code: string) => md`${channelLink(channel)} の ${code} のスレッド`,
  /** Nobody pressed 対応します in time: said in the thread, and the DM to those it escalates to. */
  escalated: (minutes: number, users: readonly string[]) =>
    md`⏫ ${minutes}分たっても「対応します」が押されなかったため、${joinMrkdwn(users.map(mention), ' ')} にエスカレーションしました。`,
  escalationDm: (code: string, label: string, minutes: number, groups: readonly string[]) =>
    md`🚨 *${code}* ${label} — 緊急の可能性があるメッセージ（${list(groups, '・')}）に、${minutes}分たっても対応する人がいません（エスカレーション）。ケーススレッドを確認してください。`,
  noEscalationTarget: (minutes: number) =>
    md`⚠️ ${minutes}分たっても「対応します」が押されていませんが、エスカレーション先（ESCALATION_USER_ID、当番の一覧）が設定されていません。`,
  /** What the sender was sent automatically, shown in the thread under their message. */
  autoAnswerKinds: { outOfHours: '営業時間外のお知らせ', emergency: '緊急時の連絡先の案内' } as Record<'outOfHours' | 'emergency', string>,
  autoAnswerSent: (kind: string, text: string) => md`🤖 送信者に自動応答を送りました（${kind}）:\n${quoted(text)}`,
  autoAnswerFailed: (kind: string, reason: string) => md`⚠️ 送信者への自動応答（${kind}）を送れませんでした: ${reason}。必要なら事業所から連絡してください。`,
};

export type UrgentText = typeof ja;

const en: UrgentText = {
  urgentHeader: '🚨 Urgent',
  urgentNotification: (code: string) => md`🚨 Urgent: a message that may be urgent arrived for ${code}`,
  urgentBlock: (groups: readonly string[]) =>
    md`This message contains words that may signal an emergency (${list(groups, ', ')}). Read it now; whoever takes it, press "対応します" (I'll handle it).`,
  urgentCaveat: 'Flagged automatically by a word list: it misses some urgent messages and flags some harmless ones.',
  takeButton: '対応します',
  recordButton: 'Record (緊急)',
  taken: (user: string, at: string) => md`✋ ${mention(user)} is handling it (${at})`,
  alreadyTaken: (user: string, at: string) => md`${mention(user)} is already handling it (since ${at}).`,
  callStaff: (users: readonly string[]) => md`${joinMrkdwn(users.map(mention), ' ')} please check.`,
  dm: (code: string, label: string, groups: readonly string[]) =>
    md`🚨 *${code}* ${label} — a LINE message that may be urgent arrived (${list(groups, ', ')}). Read it in the case thread and press "対応します" if you take it.`,
  openThread: 'Open thread',
  whereThread: (channel: string, code: string) => md`The thread of ${code} in ${channelLink(channel)}`,
  escalated: (minutes: number, users: readonly string[]) =>
    md`⏫ Nobody pressed "対応します" within ${minutes} minutes, so this was escalated to ${joinMrkdwn(users.map(mention), ' ')}.`,
  escalationDm: (code: string, label: string, minutes: number, groups: readonly string[]) =>
    md`🚨 *${code}* ${label} — nobody has taken a message that may be urgent (${list(groups, ', ')}) within ${minutes} minutes (escalation). Please check the case thread.`,
  noEscalationTarget: (minutes: number) =>
    md`⚠️ Nobody pressed "対応します" within ${minutes} minutes, and no escalation target (ESCALATION_USER_ID, on-call list) is set.`,
  autoAnswerKinds: { outOfHours: 'out-of-hours notice', emergency: 'emergency contacts' },
  autoAnswerSent: (kind: string, text: string) => md`🤖 An automatic answer was sent to the sender (${kind}):\n${quoted(text)}`,
  autoAnswerFailed: (kind: string, reason: string) =>
    md`⚠️ The automatic answer (${kind}) could not be sent to the sender: ${reason}. Contact them from the office if needed.`,
};

export const urgentText = { ja, en };
