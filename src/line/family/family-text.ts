import type { LocalTime } from '../../core/office/schedule.js';
import type { EmergencyGuidanceOverride } from '../../core/urgent/list-file.js';

/**
 * What users, families and outside professionals read on LINE: plain, polite Japanese.
 * Being explicit about what is shared with whom and where it is stored is part of the product
 * (welfare.md: consent before sharing 要配慮個人情報; data kept in the office's own database).
 */
export const familyText = {
  welcome: [
    '友だち追加ありがとうございます。',
    'こちらは事業所の支援スタッフと連絡をとるためのLINEアカウントです。',
    '担当スタッフからお渡しした「招待コード」（例: AB12-CD34）を、このトークに送ってください。',
  ].join('\n'),
  welcomeBack: 'おかえりなさい。これまでどおり、このトークのメッセージは担当スタッフに届きます。',
  notLinked: [
    'このアカウントは、事業所と利用者さま・ご家族・関係機関の方との連絡用です。',
    'まだ連携が済んでいないため、このメッセージは担当スタッフには届いていません。',
    '担当スタッフからお渡しした招待コード（例: AB12-CD34）を送ってください。お急ぎの場合は、事業所へお電話ください。',
  ].join('\n'),
  wrongCode: (remaining: number) =>
    [
      '招待コードを確認できませんでした。',
      'コードをもう一度ご確認のうえ、送ってください（コードは1回限り・発行から一定期間のみ有効です）。',
      remaining > 0 ? `あと${remaining}回まで入力できます。` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  tooManyAttempts:
    '招待コードの入力が続けて確認できなかったため、しばらく受け付けを止めています。1時間ほどたってから、もう一度お試しください。わからない場合は担当スタッフにお尋ねください。',
  /**
   * What is shared with whom. `outside`: the organisations outside the office that can read the case
   * channel (Slack Connect), by name; `unnamed` counts those whose name Slack would not give.
   */
  consentExplanation: (roleWord: string, outside?: { names: string[]; unnamed: number }) =>
    [
      `${roleWord}として、事業所の支援チームとつながる前に、次の内容をご確認ください。`,
      '',
      '・このトークに送られたメッセージ、写真、動画、ファイル、位置情報は、事業所の支援スタッフ（担当チームの連絡ツール）に共有されます。',
      ...(outside ? sharedOutsideLines(outside) : []),
      '・スタッフからの返信は、このトークに届きます。スタッフ同士の相談内容は送られません。',
      '・共有された内容は、支援記録として事業所のデータベースに保存されます。',
      outside
        ? '・上記の組織のほかに共有することになった場合は、あらためて同意をいただきます。'
        : '・あらためて同意をいただかない限り、事業所の外の方には共有しません。',
      '・いつでも「解除」と送ると、連携をやめられます。',
      '',
      '上記に同意いただける場合は「同意する」を押してください。',
    ].join('\n'),
  consentQuestion: '上記の内容に同意しますか？',
  agree: '同意する',
  disagree: '同意しない',
  consentThanks: 'ありがとうございます。連携が完了しました。これからのメッセージは担当スタッフに届きます。連携をやめたいときは「解除」と送ってください。',
  consentDeclined: '承知しました。メッセージは共有されません。あとで連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  consentPending: '連携の確認がまだ済んでいないため、メッセージは担当スタッフに届いていません。内容をご確認のうえ「同意する」を押してください。',
  consentAlreadyAnswered: 'この確認にはすでにお答えいただいています。',
  consentChanged: '共有先が変わったため、あらためて内容のご確認をお願いします。',
  sentBeforeConsent:
    '連携に同意いただく前（または連携を解除されたあと）に送られたメッセージは、担当スタッフには届いていません。お手数ですが、必要な内容はもう一度送ってください。',
  codeAlreadyUsed: 'この招待コードはすでに使われています。あらためて連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  linkEnded: 'この連携は終了しています。あらためて連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  linkingUnavailable:
    '申し訳ありません。事業所の設定により、現在このLINEでの連携はお受けできません。担当スタッフにはお知らせしましたので、ご用件は事業所へ直接ご連絡ください。',
  withdrawn: '連携を解除しました。これからのメッセージは担当スタッフに共有されません。再び連携をご希望の場合は、担当スタッフにお尋ねください。',
  nothingToWithdraw: '現在、連携しているものはありません。',
  whichCase: 'どなたについてのご連絡ですか？下のボタンから選んでください。',
  caseChosen: (label: string) => `「${label}」さんについてのご連絡として、担当スタッフに届けました。しばらくの間はこの選択のまま届きます。`,
  caseClosed: 'このご連絡先は現在受け付けを終了しています。お急ぎの場合は、事業所へお電話ください。',
  withdrawWord: '解除',
  /**
   * The automatic answer to a message that arrives outside office hours (at most once per period).
   * `opening`: when staff will read it (core/office nextOpening); undefined: "the next business day".
   * `wording`: the office's guidance wording (URGENT_WORDS_FILE), whose `outOfHoursNote` replaces the
   * "if it is urgent" line.
   */
  outOfHours: (opening: LocalTime | undefined, wording?: EmergencyGuidanceOverride) =>
    [
      'ご連絡ありがとうございます。メッセージは事業所に届いています。',
      `ただいま営業時間外のため、${opening ? `${openingWords(opening)}以降に` : '次の営業日に'}担当スタッフが確認します。`,
      wording?.outOfHoursNote ?? DEFAULT_EMERGENCY_GUIDANCE.outOfHoursNote,
    ].join('\n'),
  /**
   * The office's emergency guidance, sent instead of the out-of-hours answer when a message looks
   * urgent: numbers to call now, and when staff will read the message. The office may change every
   * part through `wording` (URGENT_WORDS_FILE, key "guidance"); what it leaves out stays as below.
   */
  emergencyGuidance: (opening: LocalTime | undefined, wording?: EmergencyGuidanceOverride) => {
    const g = { ...DEFAULT_EMERGENCY_GUIDANCE, ...wording };
    return [
      g.intro,
      `ただいま営業時間外のため、担当スタッフは${opening ? `${openingWords(opening)}以降に` : '次の営業日に'}このメッセージを確認します。`,
      ...g.sections.flatMap((section) => [
        '',
        `【${section.heading}】`,
        ...section.contacts.map((c) => `・${c.name}：${c.number}${c.note ? `（${c.note}）` : ''}`),
      ]),
      '',
      g.closing,
    ].join('\n');
  },
  roleWords: { 本人: 'ご本人', 家族: 'ご家族', 関係機関: '関係機関の方' } as Record<string, string>,
};

/** The consent text's lines for a case channel shared with organisations outside the office. */
function sharedOutsideLines(outside: { names: string[]; unnamed: number }): string[] {
  const { names, unnamed } = outside;
  if (names.length === 0) {
    return [
      `・この連絡ツールは、事業所の外の組織（${Math.max(unnamed, 1)}団体）とも共有されています。メッセージは、その組織の方にも見えます。組織の名前は担当スタッフにお尋ねください。`,
    ];
  }
  return [
    `・この連絡ツールは、事業所の外の次の組織とも共有されています。メッセージは、これらの組織の方にも見えます：${names.join('、')}${unnamed > 0 ? `（ほかに名前を確認できない組織が${unnamed}団体あります）` : ''}`,
  ];
}

export interface EmergencyContact {
  name: string;
  number: string;
  note?: string;
}

export interface EmergencyGuidanceWording {
  intro: string;
  sections: ReadonlyArray<{ heading: string; contacts: readonly EmergencyContact[] }>;
  closing: string;
  outOfHoursNote: string;
}

/**
 * The default emergency guidance. The numbers and their sources (docs/urgent-words.md lists them too):
 * - 119 救急: 消防の救急車（総務省消防庁「救急車の適時・適切な利用」）.
 * - 110 警察: 事件・事故、身の危険（警察庁「110番」）.
 * - 0570-064-556 こころの健康相談統一ダイヤル: 厚生労働省が設定した全国共通番号。電話をかけた地域の都道府県・
 *   政令指定都市の公的な相談窓口につながる（ナビダイヤル、受付日時は地域ごと）。mhlw.go.jp
 *   「こころの健康相談統一ダイヤル」; 令和8年度予算案にフリーダイヤル導入の計画があるため、番号は事業所が確認して変えられる。
 * - 0120-279-338 よりそいホットライン: 一般社団法人 社会的包摂サポートセンター（厚生労働省の補助事業
 *   「寄り添い型相談支援事業」）、24時間・無料。岩手・宮城・福島からは 0120-279-226。since2011.net/yorisoi
 * An office changes any of it in its URGENT_WORDS_FILE ("guidance"), e.g. to add its own emergency phone or #7119.
 */
export const DEFAULT_EMERGENCY_GUIDANCE: EmergencyGuidanceWording = {
  intro: 'メッセージを受け取りました。送ってくださって、ありがとうございます。',
  sections: [
    {
      heading: '命の危険があるとき・身の危険を感じるとき',
      contacts: [
        { name: '救急車（大きなけが・急な病気）', number: '119' },
        { name: '警察（事件・身の危険）', number: '110' },
      ],
    },
    {
      heading: 'つらい気持ちを、いま誰かに聞いてほしいとき',
      contacts: [
        { name: 'こころの健康相談統一ダイヤル', number: '0570-064-556', note: 'お住まいの地域の公的な相談窓口につながります。受付時間は地域によって違います' },
        { name: 'よりそいホットライン', number: '0120-279-338', note: '24時間・無料。岩手・宮城・福島からは 0120-279-226' },
      ],
    },
  ],
  closing: 'ひとりで抱えこまず、ためらわずに電話してください。',
  outOfHoursNote: 'お急ぎの場合、命に関わるときは119（救急）、身の危険を感じるときは110（警察）に電話してください。',
};

const WEEKDAY_JA = ['月', '火', '水', '木', '金', '土', '日'];

/** 「5月7日（木）9時」「5月7日（木）9時30分」 */
export function openingWords(t: LocalTime): string {
  return `${t.month}月${t.day}日（${WEEKDAY_JA[t.weekday - 1] ?? ''}）${t.hour}時${t.minute ? `${t.minute}分` : ''}`;
}
