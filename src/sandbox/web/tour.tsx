import { useEffect } from 'preact/hooks';
import { useLang, useT } from './i18n.js';
import { useUi, type Ui } from './ui.js';

interface Step {
  ja: { title: string; body: string };
  en: { title: string; body: string };
  /** A command to put into the Slack composer. */
  command?: (ui: Ui) => string;
  /** What to point at. */
  target?: string;
}

const caseCodes = (ui: Ui): string[] =>
  ui.snapshot.slack.messages
    .map((m) => (m.metadata?.event_type === 'tsunagi_case' ? String(m.metadata.event_payload.code ?? '') : ''))
    .filter(Boolean)
    .sort();
const newestCase = (ui: Ui) => caseCodes(ui).at(-1) ?? 'C-0001';
const tomorrow = (ui: Ui) => new Intl.DateTimeFormat('sv-SE', { timeZone: ui.snapshot.clock.timeZone }).format(new Date(ui.now + 86_400_000));

export const TOUR: Step[] = [
  {
    ja: {
      title: '1. ケースを開く',
      body: '支援チームのチャンネルで /case new を実行します。ケースのルートメッセージ（C-0004 など）が投稿され、そのスレッドがこの利用者のケーススレッドになります。表示名はイニシャルやニックネームで十分です。',
    },
    en: {
      title: '1. Open a case',
      body: "Run /case new in the team channel. The bot posts the case's root message (C-0004…); its thread becomes this person's case thread. A nickname is enough as the label.",
    },
    command: () => '/case new ユウ B型',
    target: '[data-testid=channel-composer]',
  },
  {
    ja: {
      title: '2. LINE に招待する',
      body: '/case invite で 1 回限りの招待コードを発行します。コードと友だち追加リンクはあなたにだけ表示され、QR コードは Tsunagi アプリの DM に届きます。',
    },
    en: {
      title: '2. Invite on LINE',
      body: 'Run /case invite for a one-time code. The code and the add-friend link are shown to you only; the QR code arrives by DM from the Tsunagi app.',
    },
    command: (ui) => `/case invite ${newestCase(ui)} 本人`,
    target: '[data-testid=channel-composer]',
  },
  {
    ja: {
      title: '3. 同意して連携する',
      body: '右の LINE 側で「＋ 電話を追加」から人物を選び（または はる の電話）、招待リンクを押すか「Slack の QR コードを読み取る」で友だち追加します。コードが入力欄に入るので送信し、説明を読んで「同意する」。ケーススレッドに参加が伝えられます。',
    },
    en: {
      title: '3. Link with consent',
      body: "On the LINE side, add a phone (or take Haru's), then click the invite link or scan the QR code from Slack. Send the code that appears, read the explanation and press 同意する (agree). The case thread is told who joined.",
    },
    target: '.ln-app',
  },
  {
    ja: {
      title: '4. LINE → Slack',
      body: '電話からメッセージ、スタンプ、写真、位置情報を送ってみてください。1〜2 秒でケーススレッドに、誰からかが分かる形で届きます（写真は Slack にコピーされます）。',
    },
    en: {
      title: '4. LINE to Slack',
      body: 'Send a message, a sticker, a photo or a place from the phone. It reaches the case thread within a second or two, labelled with who sent it (photos are copied into Slack).',
    },
    target: '.ln-composer',
  },
  {
    ja: {
      title: '5. 返信する（意図したときだけ）',
      body: 'スレッドでの会話は社内にとどまります。LINE に送るのは、届いたメッセージの「返信」ボタン（またはメッセージの ⋮ →「LINEに送信」）から開く画面で送信したときだけです。届くと ✅ が付きます。',
    },
    en: {
      title: '5. Reply, only on purpose',
      body: 'Talk in the thread stays internal. Only the 返信 (reply) button under a relayed message, or ⋮ → LINEに送信 on a message, sends to LINE, after a confirmation screen. ✅ shows it arrived.',
    },
    target: '[data-testid=slack-thread]',
  },
  {
    ja: {
      title: '6. 記録する',
      body: 'メッセージの ⋮ →「記録する」で、そのメッセージを元に支援記録（分類、接触方法、F-SOAIP、次の対応）を作れます。/update でも記録できます。記録はカードとしてスレッドに残ります。',
    },
    en: {
      title: '6. Record',
      body: 'On any message, ⋮ → 記録する (record) opens the record form filled with it (category, contact kind, F-SOAIP, next step). /update works too. The record becomes a card in the thread.',
    },
    command: (ui) => `/update ${newestCase(ui)} 体調 面談。本人「最近よく眠れている」`,
    target: '[data-testid=channel-composer]',
  },
  {
    ja: {
      title: '7. 訪問を予定する',
      body: '/visit で訪問の予定を入れると、前営業日 17:00 と 1 時間前に担当者へ知らせます（DM とケーススレッド）。週末や祝日はずらします。',
    },
    en: {
      title: '7. Schedule a visit',
      body: '/visit schedules a visit; the assignee is pinged the business day before at 17:00 and an hour before (by DM and in the case thread), moved off weekends and holidays.',
    },
    command: (ui) => `/visit ${newestCase(ui)} ${tomorrow(ui)} 14:00 家庭訪問`,
    target: '[data-testid=channel-composer]',
  },
  {
    ja: {
      title: '8. 時計を進めて、届くのを見る',
      body: '上の「次のリマインダーへ」でデモの時計を進めます。リマインダーは本物と同じ経路で発火し、DM とスレッドに届きます。「完了」「1日延期」「担当変更」も押せます。翌朝 8:30 には朝のまとめも届きます。',
    },
    en: {
      title: '8. Move the clock and see it fire',
      body: 'Press "Next reminder" at the top to move the demo clock. Reminders fire through their real path into DMs and the thread; try 完了 (done), 1日延期 (postpone) or 担当変更 (reassign). The morning digest arrives at 8:30.',
    },
    target: '[data-testid=clock-next]',
  },
];

/** The guided tour: one step at a time, pointing at where to act; commands go into the composer with one click. */
export function Tour({ step, setStep }: { step: number; setStep: (n: number | null) => void }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const s = TOUR[step]!;
  useEffect(() => {
    const el = s.target ? document.querySelector(s.target) : null;
    el?.classList.add('tour-focus');
    return () => el?.classList.remove('tour-focus');
  }, [step, ui.snapshot]);
  const command = s.command?.(ui);
  const team = ui.snapshot.slack.channels.find((c) => !c.isIm && c.members.includes(ui.snapshot.slack.botUserId) && c.members.includes(ui.me));
  return (
    <div class="tour" role="dialog" aria-label={t.tourTitle} data-testid="tour">
      <div class="tour-head">
        <b>{(lang === 'ja' ? s.ja : s.en).title}</b>
        <span>
          {step + 1} / {TOUR.length}
        </span>
        <button type="button" aria-label={t.close} onClick={() => setStep(null)}>
          ✕
        </button>
      </div>
      <p>{(lang === 'ja' ? s.ja : s.en).body}</p>
      {command ? (
        <div class="tour-command">
          <code>{command}</code>
          <button
            type="button"
            onClick={() => ui.set({ composerFill: { text: command, at: Date.now() }, ...(team ? { channel: team.id, threadTs: null } : {}) })}
          >
            {t.insert}
          </button>
        </div>
      ) : null}
      <div class="tour-nav">
        <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
          {t.back}
        </button>
        {step < TOUR.length - 1 ? (
          <button type="button" class="tour-next" onClick={() => setStep(step + 1)}>
            {t.next}
          </button>
        ) : (
          <button type="button" class="tour-next" onClick={() => setStep(null)}>
            {t.close}
          </button>
        )}
      </div>
    </div>
  );
}
