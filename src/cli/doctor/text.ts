/**
 * What `npm run doctor` says, in Japanese (default) and English (STAFF_LANGUAGE=en): the name of each
 * check, what it found, and how to fix it. The reader is the office's administrator, not an engineer:
 * every fix says where to click or what to type.
 */

export interface DoctorText {
  heading: string;
  fixLabel: string;
  summaryOk: string;
  summary(failures: number, warnings: number): string;
  skippedBecause: { config: string; slackToken: string; lineToken: string; database: string; publicUrl: string; noEndpoint: string };
  titles: {
    config: string;
    publicUrl: string;
    slackToken: string;
    slackScopes: string;
    slackChannels: string;
    lineToken: string;
    lineWebhookUrl: string;
    lineWebhookActive: string;
    lineWebhookTest: string;
    lineQuota: string;
    database: string;
    migrations: string;
    queue: string;
    dataDir: string;
  };
  config: { ok: string; problems(count: number): string; fix(problems: string[]): string };
  publicUrl: { ok(url: string): string; unset: string; unsetFix: string; notHttps(url: string): string; notHttpsFix: string };
  unreachable(service: string, error: string): string;
  unreachableFix(service: string): string;
  slack: {
    tokenOk(team: string, user: string): string;
    tokenBad(error: string): string;
    tokenBadFix: string;
    scopesOk(count: number): string;
    scopesMissing(scopes: string[]): string;
    scopesMissingFix: string;
    scopesExtra(scopes: string[]): string;
    scopesExtraFix: string;
    scopesUnknown: string;
    channelsNone: string;
    channelsOk(count: number): string;
    channelsMissing(channels: string[]): string;
    channelsMissingFix: string;
  };
  line: {
    tokenOk(name: string, basicId: string): string;
    tokenBad(status: number): string;
    tokenBadFix: string;
    webhookUrlOk(url: string): string;
    webhookUrlUnset: string;
    webhookUrlUnsetFix: string;
    webhookUrlOther(actual: string, expected: string): string;
    webhookUrlOtherFix: string;
    webhookUrlUnchecked(actual: string): string;
    webhookActiveOk: string;
    webhookInactive: string;
    webhookInactiveFix: string;
    testOk(url: string, status: number): string;
    testFailed(url: string, reason: string, detail: string): string;
    testFix: { couldNotConnect: string; timeout: string; unauthorized: string; notFound: string; other: string };
    quotaUnlimited(used: number): string;
    quotaOk(left: number, limit: number): string;
    quotaLow(left: number, limit: number): string;
    quotaLowFix: string;
    quotaExhausted(limit: number): string;
    quotaExhaustedFix: string;
  };
  database: {
    reachable(where: string): string;
    where: { url(host: string): string; running(pid: number): string; started: string };
    noEmbeddedYet(dir: string): string;
    noEmbeddedYetFix: string;
    failed(error: string): string;
    failedFix(embedded: boolean): string;
    migrationsCurrent(count: number, last: string): string;
    migrationsEmpty(count: number): string;
    migrationsPending(tags: string[]): string;
    migrationsPendingFix: string;
    migrationsNewer(count: number): string;
    migrationsNewerFix: string;
  };
  queue: {
    postgres: string;
    ok: string;
    unreachable(error: string): string;
    unreachableFix: string;
    eviction(policy: string): string;
    evictionFix: string;
    noPersistence: string;
    snapshotsOnly: string;
    persistenceUnknown: string;
    persistenceFix: string;
  };
  dataDir: {
    ok(dir: string, free: string): string;
    notYet(dir: string): string;
    notWritable(dir: string, error: string): string;
    notWritableFix(dir: string): string;
    lowSpace(dir: string, free: string): string;
    lowSpaceFix: string;
    noSpace(dir: string, free: string): string;
  };
}

const list = (items: string[]) => items.join(', ');

export const ja: DoctorText = {
  heading: 'Tsunagi の設定を確認します',
  fixLabel: '直し方',
  summaryOk: 'すべて問題ありません。',
  summary: (failures, warnings) => `問題 ${failures} 件、注意 ${warnings} 件。✗ の行の「直し方」から順に対応し、もう一度 npm run doctor を実行してください。`,
  skippedBecause: {
    config: '設定の問題を先に直してください',
    slackToken: 'Slack トークンが使えないため確認できません',
    lineToken: 'LINE トークンが使えないため確認できません',
    database: 'データベースに接続できないため確認できません',
    publicUrl: 'PUBLIC_URL が未設定のため確認できません',
    noEndpoint: 'Webhook URL がないため確認できません',
  },
  titles: {
    config: '設定',
    publicUrl: '公開アドレス (PUBLIC_URL)',
    slackToken: 'Slack トークン',
    slackScopes: 'Slack の権限',
    slackChannels: 'ケースのチャンネル',
    lineToken: 'LINE トークン',
    lineWebhookUrl: 'LINE の Webhook URL',
    lineWebhookActive: 'LINE の Webhook の利用',
    lineWebhookTest: 'LINE からの接続テスト',
    lineQuota: 'LINE の今月の送信数',
    database: 'データベース',
    migrations: 'データベースの版',
    queue: 'キュー',
    dataDir: 'データフォルダ',
  },
  config: {
    ok: '問題ありません',
    problems: (count) => `${count} 件の問題があり、このままでは起動できません`,
    fix: (problems) => `.env（または環境変数）で次を直してください（各項目の説明は .env.example にあります）:\n${problems.map((p) => `- ${p}`).join('\n')}`,
  },
  publicUrl: {
    ok: (url) => url,
    unset: '未設定です（Slack と LINE が呼び出す公開 HTTPS アドレス）',
    unsetFix:
      '.env に PUBLIC_URL=https://（公開アドレス） を設定してください。お試しならトンネル（cloudflared / ngrok）のアドレスで構いません（README「実際のアカウントで試す」）。',
    notHttps: (url) => `${url} は https:// ではありません。Slack と LINE は HTTPS の URL しか呼び出しません`,
    notHttpsFix: 'HTTPS の入口（リバースプロキシかトンネル）を用意し、その https:// のアドレスを PUBLIC_URL にしてください（README「本番での運用」）。',
  },
  unreachable: (service, error) => `${service} に接続できません（${error}）`,
  unreachableFix: (service) => `このサーバーからインターネット（${service}）に出られるか、プロキシやファイアウォールの設定を確認してください。`,
  slack: {
    tokenOk: (team, user) => `有効です（ワークスペース「${team}」、ボット @${user}）`,
    tokenBad: (error) => `Slack がトークンを受け付けません（${error}）`,
    tokenBadFix:
      'api.slack.com/apps で Tsunagi のアプリを開き、OAuth & Permissions の Bot User OAuth Token（xoxb- で始まる）をコピーして .env の SLACK_BOT_TOKEN に貼り、Tsunagi を再起動してください。アプリを再インストールするとトークンが変わります。',
    scopesOk: (count) => `必要な ${count} 個の権限がすべてあります`,
    scopesMissing: (scopes) => `次の権限が足りません: ${list(scopes)}`,
    scopesMissingFix:
      'npm run -s manifest の出力を api.slack.com/apps > Tsunagi > App Manifest に貼って保存し、表示される「Reinstall to Workspace」でアプリを再インストールしてください（新しいトークンを SLACK_BOT_TOKEN に）。',
    scopesExtra: (scopes) => `必要のない権限もあります: ${list(scopes)}`,
    scopesExtraFix:
      '福祉の情報を扱うため、権限は必要なものだけにしてください。npm run -s manifest の出力を App Manifest に貼り、アプリを再インストールすると余分な権限が外れます。',
    scopesUnknown: 'Slack が付与済みの権限を返しませんでした（x-oauth-scopes がありません）',
    channelsNone: '開いているケースはまだありません',
    channelsOk: (count) => `開いているケースのある ${count} チャンネルすべてにボットが参加しています`,
    channelsMissing: (channels) => `ボットが参加していないチャンネルがあります: ${list(channels)}`,
    channelsMissingFix:
      'それぞれのチャンネルで /invite @tsunagi と入力してボットを招待してください。招待するまで、そのチャンネルのケーススレッドには LINE のメッセージが届きません。',
  },
  line: {
    tokenOk: (name, basicId) => `有効です（公式アカウント「${name}」${basicId}）`,
    tokenBad: (status) => `LINE がトークンを受け付けません（HTTP ${status}）`,
    tokenBadFix:
      'LINE Developers コンソールでチャネルを開き、Messaging API 設定の「チャネルアクセストークン（長期）」を発行して .env の LINE_CHANNEL_ACCESS_TOKEN に貼り、Tsunagi を再起動してください。',
    webhookUrlOk: (url) => `${url} に設定されています`,
    webhookUrlUnset: 'Webhook URL が設定されていません。LINE のメッセージが Tsunagi に届きません',
    webhookUrlUnsetFix: 'npm run line:webhook を実行してください（PUBLIC_URL/line/webhook を LINE に設定し、接続をテストします）。',
    webhookUrlOther: (actual, expected) => `${actual} を指しています（Tsunagi は ${expected}）`,
    webhookUrlOtherFix:
      'npm run line:webhook を実行して LINE の Webhook URL を Tsunagi のものに直してください。PUBLIC_URL が間違っている場合は先に .env を直してください。',
    webhookUrlUnchecked: (actual) => `${actual} に設定されています（PUBLIC_URL が未設定のため、Tsunagi のアドレスと照合していません）`,
    webhookActiveOk: 'オンです',
    webhookInactive: '「Webhook の利用」がオフです。LINE のメッセージが Tsunagi に届きません',
    webhookInactiveFix: 'LINE Developers コンソール > チャネル > Messaging API 設定 >「Webhook の利用」をオンにしてください。',
    testOk: (url, status) => `LINE から ${url} に届き、${status} で応答しました`,
    testFailed: (url, reason, detail) => `LINE から ${url} への送信が失敗しました（${reason}: ${detail}）`,
    testFix: {
      couldNotConnect:
        'LINE がこのアドレスに接続できません。Tsunagi が動いているか（npm start）、HTTPS の入口（リバースプロキシやトンネル）が PUBLIC_URL で外から届くか、証明書が有効かを確認してください。',
      timeout: 'Tsunagi の応答が遅すぎます。サーバーの負荷と Tsunagi のログを確認してください。',
      unauthorized:
        '署名が合いません。.env の LINE_CHANNEL_SECRET を LINE Developers コンソール > チャネル基本設定の「チャネルシークレット」と同じにして、Tsunagi を再起動してください。',
      notFound: 'そのパスに Tsunagi がいません。URL が /line/webhook で終わるか、リバースプロキシがそのまま Tsunagi に転送しているかを確認してください。',
      other: 'Tsunagi のログ（journalctl -u tsunagi、docker compose logs tsunagi など）でこの時刻のエラーを確認してください。',
    },
    quotaUnlimited: (used) => `上限のないプランです（今月 ${used} 通送信）`,
    quotaOk: (left, limit) => `今月はあと ${left} 通送れます（上限 ${limit} 通）`,
    quotaLow: (left, limit) => `今月はあと ${left} 通しか送れません（上限 ${limit} 通）`,
    quotaLowFix:
      '上限に達すると、スタッフの返信が LINE に届かなくなります（翌月 1 日に戻ります）。LINE Official Account Manager でプランを見直してください。LINE から届くメッセージは上限に関係なく受け取れます。',
    quotaExhausted: (limit) => `今月の上限（${limit} 通）に達しました。スタッフの返信は LINE に届きません`,
    quotaExhaustedFix:
      'LINE Official Account Manager > 設定 > 利用と請求 でプランを変更するか、翌月 1 日まで待ってください。送れなかった返信はスレッドに「再送する」ボタン付きで表示されます。',
  },
  database: {
    reachable: (where) => `接続できます（${where}）`,
    where: {
      url: (host) => `DATABASE_URL: ${host}`,
      running: (pid) => `組み込み PostgreSQL、動作中の Tsunagi のもの（プロセス ${pid}）`,
      started: '組み込み PostgreSQL、確認のために起動して停止しました',
    },
    noEmbeddedYet: (dir) => `組み込みデータベースはまだありません（${dir}）。初回の起動で作られます`,
    noEmbeddedYetFix:
      'npm start（または systemctl start tsunagi）で起動すると作られます。以前のデータがあるはずなら、DATA_DIR の場所が正しいか確認してください。',
    failed: (error) => `接続できません（${error}）`,
    failedFix: (embedded) =>
      embedded
        ? 'Tsunagi のログでデータベースのエラーを確認してください。DATA_DIR の中身（postgres フォルダと postgres-password）は消さないでください。'
        : 'DATABASE_URL のホスト名・ポート・ユーザー名・パスワード・データベース名と、PostgreSQL が動いているか（docker compose ps）を確認してください。',
    migrationsCurrent: (count, last) => `最新です（${count} 件のマイグレーション、最後は ${last}）`,
    migrationsEmpty: (count) => `空のデータベースです。次の起動で ${count} 件のマイグレーションが適用されます`,
    migrationsPending: (tags) => `未適用のマイグレーションがあります: ${list(tags)}`,
    migrationsPendingFix: '次の起動で自動的に適用されます。Tsunagi を再起動してください（更新の前には npm run backup を）。',
    migrationsNewer: (count) => `このデータベースには、このバージョンの Tsunagi が知らないマイグレーションが ${count} 件あります（新しい版で使われていました）`,
    migrationsNewerFix: '新しい版の Tsunagi に戻してください。古い版で動かすとデータが壊れるおそれがあります。',
  },
  queue: {
    postgres: 'Redis なし: キューは PostgreSQL 上にあります（1 台での運用向き）',
    ok: 'Redis に接続でき、永続化（appendonly yes）と maxmemory-policy noeviction が設定されています',
    unreachable: (error) => `Redis に接続できません（${error}）`,
    unreachableFix:
      'REDIS_URL のホスト名・ポート・パスワードと、Redis が動いているか（docker compose ps、systemctl status redis）を確認してください。Redis を使わないなら REDIS_URL を空にしてください。',
    eviction: (policy) => `maxmemory-policy が ${policy} です。メモリが足りなくなるとキューのジョブが消されます`,
    evictionFix: 'Redis の設定を maxmemory-policy noeviction にしてください（redis.conf、または redis-server --maxmemory-policy noeviction）。',
    noPersistence: '永続化がオフです。Redis を再起動するとキューの中身が消えます（データベースから作り直されますが、遅れが出ます）',
    snapshotsOnly: '永続化はスナップショット（RDB）だけです。最後のスナップショット以降のジョブは Redis の再起動で消えます',
    persistenceUnknown: 'AOF（appendonly）はオフです。スナップショットの設定は確認できませんでした',
    persistenceFix: 'Redis の設定を appendonly yes にしてください（redis.conf、または redis-server --appendonly yes）。',
  },
  dataDir: {
    ok: (dir, free) => `${dir} に書き込めます（空き ${free}）`,
    notYet: (dir) => `${dir} はまだありません。初回の起動で作られます`,
    notWritable: (dir, error) => `${dir} に書き込めません（${error}）`,
    notWritableFix: (dir) => `Tsunagi を動かすユーザーが ${dir} に書き込めるようにしてください（例: sudo chown -R tsunagi: ${dir}）。`,
    lowSpace: (dir, free) => `${dir} の空きが少なくなっています（${free}）`,
    lowSpaceFix:
      'ディスクを空けるか広げてください。空きがなくなると、データベースが止まり LINE のメッセージを受け取れなくなります。古いバックアップは別の場所に移してください。',
    noSpace: (dir, free) => `${dir} の空きがほとんどありません（${free}）`,
  },
};

export const en: DoctorText = {
  heading: 'Checking how Tsunagi is set up',
  fixLabel: 'fix',
  summaryOk: 'Everything is in order.',
  summary: (failures, warnings) =>
    `${failures} problem(s), ${warnings} warning(s). Work through the fixes of the ✗ lines first, then run npm run doctor again.`,
  skippedBecause: {
    config: 'fix the configuration first',
    slackToken: 'not checked: the Slack token does not work',
    lineToken: 'not checked: the LINE token does not work',
    database: 'not checked: the database cannot be reached',
    publicUrl: 'not checked: PUBLIC_URL is not set',
    noEndpoint: 'not checked: there is no webhook URL',
  },
  titles: {
    config: 'Configuration',
    publicUrl: 'Public address (PUBLIC_URL)',
    slackToken: 'Slack token',
    slackScopes: 'Slack scopes',
    slackChannels: 'Case channels',
    lineToken: 'LINE token',
    lineWebhookUrl: 'LINE webhook URL',
    lineWebhookActive: 'LINE "Use webhook"',
    lineWebhookTest: "LINE's test call",
    lineQuota: 'LINE messages this month',
    database: 'Database',
    migrations: 'Database schema',
    queue: 'Queues',
    dataDir: 'Data folder',
  },
  config: {
    ok: 'valid',
    problems: (count) => `${count} problem(s): Tsunagi would not start`,
    fix: (problems) => `Fix these in .env (or the environment); .env.example explains each setting:\n${problems.map((p) => `- ${p}`).join('\n')}`,
  },
  publicUrl: {
    ok: (url) => url,
    unset: 'not set (the public HTTPS address Slack and LINE call)',
    unsetFix:
      'Set PUBLIC_URL=https://(your public address) in .env. For a trial, a tunnel address (cloudflared, ngrok) will do (README, "Try it with your real accounts").',
    notHttps: (url) => `${url} is not https://: Slack and LINE call HTTPS URLs only`,
    notHttpsFix: 'Put an HTTPS entrance in front (a reverse proxy or a tunnel) and set PUBLIC_URL to its https:// address (README, "Running in production").',
  },
  unreachable: (service, error) => `cannot reach ${service} (${error})`,
  unreachableFix: (service) => `Check that this server can reach the internet (${service}): proxy and firewall settings.`,
  slack: {
    tokenOk: (team, user) => `valid (workspace "${team}", bot @${user})`,
    tokenBad: (error) => `Slack does not accept the token (${error})`,
    tokenBadFix:
      "Open Tsunagi's app at api.slack.com/apps, copy the Bot User OAuth Token (starts with xoxb-) from OAuth & Permissions into SLACK_BOT_TOKEN in .env, and restart Tsunagi. Reinstalling the app changes the token.",
    scopesOk: (count) => `all ${count} scopes it needs are granted`,
    scopesMissing: (scopes) => `missing scopes: ${list(scopes)}`,
    scopesMissingFix:
      'Paste the output of npm run -s manifest into api.slack.com/apps > Tsunagi > App Manifest, save, and reinstall the app when Slack asks (put the new token into SLACK_BOT_TOKEN).',
    scopesExtra: (scopes) => `scopes it does not need: ${list(scopes)}`,
    scopesExtraFix:
      'Tsunagi handles welfare data: grant only what it needs. Pasting the output of npm run -s manifest into App Manifest and reinstalling removes the others.',
    scopesUnknown: 'Slack did not say which scopes are granted (no x-oauth-scopes header)',
    channelsNone: 'no open cases yet',
    channelsOk: (count) => `the bot is in all ${count} channel(s) with open cases`,
    channelsMissing: (channels) => `the bot is not in these channels: ${list(channels)}`,
    channelsMissingFix: 'Type /invite @tsunagi in each of them. Until then, LINE messages cannot reach the case threads there.',
  },
  line: {
    tokenOk: (name, basicId) => `valid (official account "${name}" ${basicId})`,
    tokenBad: (status) => `LINE does not accept the token (HTTP ${status})`,
    tokenBadFix:
      'In the LINE Developers console, open the channel, issue a long-lived channel access token (Messaging API tab), put it into LINE_CHANNEL_ACCESS_TOKEN in .env, and restart Tsunagi.',
    webhookUrlOk: (url) => `set to ${url}`,
    webhookUrlUnset: 'no webhook URL is set: LINE messages do not reach Tsunagi',
    webhookUrlUnsetFix: 'Run npm run line:webhook (it sets PUBLIC_URL/line/webhook at LINE and tests it).',
    webhookUrlOther: (actual, expected) => `points to ${actual} (Tsunagi is at ${expected})`,
    webhookUrlOtherFix: "Run npm run line:webhook to point LINE's webhook URL at Tsunagi. If PUBLIC_URL itself is wrong, fix .env first.",
    webhookUrlUnchecked: (actual) => `set to ${actual} (not compared with Tsunagi's address: PUBLIC_URL is not set)`,
    webhookActiveOk: 'on',
    webhookInactive: '"Use webhook" is off: LINE messages do not reach Tsunagi',
    webhookInactiveFix: 'LINE Developers console > your channel > Messaging API > turn "Use webhook" on.',
    testOk: (url, status) => `LINE reached ${url}, which answered ${status}`,
    testFailed: (url, reason, detail) => `LINE could not deliver to ${url} (${reason}: ${detail})`,
    testFix: {
      couldNotConnect:
        'LINE cannot connect to this address. Check that Tsunagi is running (npm start), that the HTTPS entrance (reverse proxy or tunnel) is reachable from outside at PUBLIC_URL, and that its certificate is valid.',
      timeout: 'Tsunagi answered too slowly. Check the server load and Tsunagi’s log.',
      unauthorized:
        'The signature does not match. Make LINE_CHANNEL_SECRET in .env the channel secret of the LINE Developers console (Basic settings), and restart Tsunagi.',
      notFound: 'Tsunagi is not at that path. Check that the URL ends in /line/webhook and that the reverse proxy passes it to Tsunagi unchanged.',
      other: "Look for an error at this time in Tsunagi's log (journalctl -u tsunagi, docker compose logs tsunagi, ...).",
    },
    quotaUnlimited: (used) => `no monthly limit (${used} sent this month)`,
    quotaOk: (left, limit) => `${left} of ${limit} messages left this month`,
    quotaLow: (left, limit) => `only ${left} of ${limit} messages left this month`,
    quotaLowFix:
      'At the limit, staff replies no longer reach LINE (until the 1st of next month). Review the plan in LINE Official Account Manager. Messages from LINE keep arriving whatever the limit.',
    quotaExhausted: (limit) => `this month's limit (${limit}) is reached: staff replies do not reach LINE`,
    quotaExhaustedFix:
      'Change the plan in LINE Official Account Manager (Settings > Usage and billing), or wait until the 1st. Replies that could not be sent show in their thread with a resend button.',
  },
  database: {
    reachable: (where) => `reachable (${where})`,
    where: {
      url: (host) => `DATABASE_URL: ${host}`,
      running: (pid) => `embedded PostgreSQL of the running Tsunagi, process ${pid}`,
      started: 'embedded PostgreSQL, started for this check and stopped again',
    },
    noEmbeddedYet: (dir) => `no embedded database yet (${dir}): the first start creates it`,
    noEmbeddedYetFix:
      'Starting Tsunagi (npm start, or systemctl start tsunagi) creates it. If there should be data already, check that DATA_DIR points to the right folder.',
    failed: (error) => `cannot connect (${error})`,
    failedFix: (embedded) =>
      embedded
        ? "Look for the database error in Tsunagi's log. Never delete what is in DATA_DIR (the postgres folder and postgres-password)."
        : 'Check the host, port, user, password and database name in DATABASE_URL, and that PostgreSQL runs (docker compose ps).',
    migrationsCurrent: (count, last) => `up to date (${count} migrations, the last ${last})`,
    migrationsEmpty: (count) => `an empty database: the next start applies ${count} migrations`,
    migrationsPending: (tags) => `migrations not applied yet: ${list(tags)}`,
    migrationsPendingFix: 'The next start applies them. Restart Tsunagi (and run npm run backup before an upgrade).',
    migrationsNewer: (count) => `this database has ${count} migration(s) this version of Tsunagi does not know (a newer version used it)`,
    migrationsNewerFix: 'Go back to the newer version of Tsunagi. Running an older one on this database may damage data.',
  },
  queue: {
    postgres: 'no Redis: the queues live in PostgreSQL (fine for one machine)',
    ok: 'Redis answers, with persistence (appendonly yes) and maxmemory-policy noeviction',
    unreachable: (error) => `cannot reach Redis (${error})`,
    unreachableFix:
      'Check the host, port and password in REDIS_URL, and that Redis runs (docker compose ps, systemctl status redis). Without Redis, leave REDIS_URL empty.',
    eviction: (policy) => `maxmemory-policy is ${policy}: when memory runs short, Redis deletes queue jobs`,
    evictionFix: 'Set maxmemory-policy noeviction in Redis (redis.conf, or redis-server --maxmemory-policy noeviction).',
    noPersistence: 'no persistence: a Redis restart empties the queues (they are rebuilt from the database, with delays)',
    snapshotsOnly: 'snapshots (RDB) only: jobs since the last snapshot are lost when Redis restarts',
    persistenceUnknown: 'AOF (appendonly) is off; the snapshot settings could not be read',
    persistenceFix: 'Set appendonly yes in Redis (redis.conf, or redis-server --appendonly yes).',
  },
  dataDir: {
    ok: (dir, free) => `${dir} is writable (${free} free)`,
    notYet: (dir) => `${dir} does not exist yet: the first start creates it`,
    notWritable: (dir, error) => `cannot write to ${dir} (${error})`,
    notWritableFix: (dir) => `Let the user that runs Tsunagi write to ${dir} (e.g. sudo chown -R tsunagi: ${dir}).`,
    lowSpace: (dir, free) => `little space left where ${dir} is (${free})`,
    lowSpaceFix: 'Free or add disk space. When it runs out, the database stops and LINE messages can no longer be received. Move old backups elsewhere.',
    noSpace: (dir, free) => `almost no space left where ${dir} is (${free})`,
  },
};

export const doctorText = { ja, en } as const;
