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
  consentExplanation: (roleWord: string) =>
    [
      `${roleWord}として、事業所の支援チームとつながる前に、次の内容をご確認ください。`,
      '',
      '・このトークに送られたメッセージ、写真、動画、ファイル、位置情報は、事業所の支援スタッフ（担当チームの連絡ツール）に共有されます。',
      '・スタッフからの返信は、このトークに届きます。スタッフ同士の相談内容は送られません。',
      '・共有された内容は、支援記録として事業所のデータベースに保存されます。',
      '・あらためて同意をいただかない限り、事業所の外の方には共有しません。',
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
  withdrawn: '連携を解除しました。これからのメッセージは担当スタッフに共有されません。再び連携をご希望の場合は、担当スタッフにお尋ねください。',
  nothingToWithdraw: '現在、連携しているものはありません。',
  whichCase: 'どなたについてのご連絡ですか？下のボタンから選んでください。',
  caseChosen: (label: string) => `「${label}」さんについてのご連絡として、担当スタッフに届けました。しばらくの間はこの選択のまま届きます。`,
  caseClosed: 'このご連絡先は現在受け付けを終了しています。お急ぎの場合は、事業所へお電話ください。',
  withdrawWord: '解除',
  roleWords: { 本人: 'ご本人', 家族: 'ご家族', 関係機関: '関係機関の方' } as Record<string, string>,
};

/** Words that withdraw consent when sent alone. */
export const WITHDRAW_WORDS = ['解除', '連携解除', 'かいじょ', '退会'];
