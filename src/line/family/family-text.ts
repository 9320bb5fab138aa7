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
  consentDeclined:
    '承知しました。メッセージは共有されません。あとで連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  consentPending: '連携の確認がまだ済んでいないため、メッセージは担当スタッフに届いていません。内容をご確認のうえ「同意する」を押してください。',
  consentAlreadyAnswered: 'この確認にはすでにお答えいただいています。',
  consentChanged: '共有先が変わったため、あらためて内容のご確認をお願いします。',
  sentBeforeConsent:
    '連携に同意いただく前（または連携を解除されたあと）に送られたメッセージは、担当スタッフには届いていません。お手数ですが、必要な内容はもう一度送ってください。',
  codeAlreadyUsed:
    'この招待コードはすでに使われています。あらためて連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  linkEnded: 'この連携は終了しています。あらためて連携をご希望の場合は、担当スタッフに新しい招待コードをお尋ねください。',
  linkingUnavailable:
    '申し訳ありません。事業所の設定により、現在このLINEでの連携はお受けできません。担当スタッフにはお知らせしましたので、ご用件は事業所へ直接ご連絡ください。',
  withdrawn: '連携を解除しました。これからのメッセージは担当スタッフに共有されません。再び連携をご希望の場合は、担当スタッフにお尋ねください。',
  nothingToWithdraw: '現在、連携しているものはありません。',
  whichCase: 'どなたについてのご連絡ですか？下のボタンから選んでください。',
  caseChosen: (label: string) => `「${label}」さんについてのご連絡として、担当スタッフに届けました。しばらくの間はこの選択のまま届きます。`,
  caseClosed: 'このご連絡先は現在受け付けを終了しています。お急ぎの場合は、事業所へお電話ください。',
  withdrawWord: '解除',
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
