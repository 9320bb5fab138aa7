/**
 * What Tsunagi shows to Slack and what it asks Slack for: its name and bot user, its slash commands,
 * message shortcuts, the events it subscribes to, its App Home, the bot scopes with the Web API
 * methods that need them, and its settings. The one source: listeners register these names,
 * `npm run manifest` writes the Slack app manifest from them (slack/manifest-yaml.ts), and the
 * committed `slack-app-manifest.yml` is that output for the placeholder address
 * (test/integration/slack-manifest.test.ts and manifest-generated.test.ts compare them, and the Web
 * API calls in src/ with the scopes).
 */

/** The app as the workspace sees it (Basic Information, and the bot user's name). */
export const APP_IDENTITY = {
  name: 'Tsunagi',
  description: '利用者ごとのケーススレッドを LINE とつなぐ就労支援チーム向けボット',
  backgroundColor: '#2c5f5d',
  botDisplayName: 'tsunagi',
  alwaysOnline: true,
} as const;

/** The one path of Tsunagi's server that Slack sends everything to: commands, shortcuts, buttons and forms (and events, if any). */
export const SLACK_REQUEST_PATH = '/slack/events';

/** The address the committed manifest carries; `npm run manifest` puts PUBLIC_URL in its place. */
export const PLACEHOLDER_PUBLIC_URL = 'https://tsunagi.example.jp';

/** HTTP mode (Slack calls the public address; no Socket Mode), one workspace, a bot token that does not rotate. */
export const APP_SETTINGS = { orgDeployEnabled: false, socketModeEnabled: false, tokenRotationEnabled: false } as const;

export interface SlashCommandSpec {
  command: `/${string}`;
  description: string;
  usageHint: string;
  /** Slack turns @mentions and #channels into ids (`<@U…>`) in the command's text. */
  shouldEscape: boolean;
  /** Why it escapes (a comment in the manifest). */
  shouldEscapeWhy?: string;
}

export const SLASH_COMMANDS = {
  case: {
    command: '/case',
    description: 'ケースの作成・LINE招待・表示・終了・書き出し・リマインダー（/case help）',
    usageHint: 'new <表示名> [サービス] | invite <ケース> <本人|家族|関係機関> | show | list | close | unlink | export | remind | reminder | supervisor | help',
    shouldEscape: true,
    shouldEscapeWhy: 'mentions arrive as <@U…> (reminder assign, supervisor)',
  },
  update: {
    command: '/update',
    description: 'ケースの記録（引数なしで入力画面）',
    usageHint: '<ケース> <分類> <内容>  例: C-0001 体調 朝から頭痛があり午後早退',
    shouldEscape: false,
  },
  visit: {
    command: '/visit',
    description: '訪問・同行の予定（前営業日と直前にお知らせ）',
    usageHint: '<ケース> <日付> <時刻> [職場訪問|家庭訪問|通院同行|ハローワーク同行|訪問看護] [@担当]',
    shouldEscape: true,
    shouldEscapeWhy: '[@担当] arrives as <@U…>',
  },
  monitoring: {
    command: '/monitoring',
    description: '次回モニタリング（個別支援計画の見直し）',
    usageHint: '<ケース> <次回の日付> [間隔の月数]',
    shouldEscape: false,
  },
  placement: {
    command: '/placement',
    description: '就職の記録と就職後6か月の定着支援の予定',
    usageHint: '<ケース> <就職日> [就職先]',
    shouldEscape: false,
  },
} as const satisfies Record<string, SlashCommandSpec>;

export interface MessageShortcutSpec {
  callbackId: string;
  name: string;
  description: string;
}

export const MESSAGE_SHORTCUTS = {
  record: { callbackId: 'record_message', name: '記録する', description: 'このメッセージをもとにケースの記録を作ります' },
  sendToLine: { callbackId: 'send_to_line', name: 'LINEに送信', description: 'このメッセージをケースのLINE連携先に送ります（確認のあと）' },
} as const satisfies Record<string, MessageShortcutSpec>;

/**
 * Events API subscriptions (bot events): app_home_opened, to publish the admins' App Home, and
 * reaction_added, so that ✅ on a relayed LINE message marks it read on LINE. Staff's other work
 * reaches Tsunagi as commands, shortcuts, buttons and forms; nothing listens to messages.
 */
export const BOT_EVENTS: readonly string[] = ['app_home_opened', 'reaction_added'];
/** Why (a comment in the manifest). */
export const BOT_EVENTS_WHY =
  'app_home_opened publishes the App Home (admins: health and settings); reaction_added: ✅ on a LINE message marks it read on LINE. Nothing listens to messages.';

/** App Home: the Home tab is the admins' page (listeners/admin/); the Messages tab shows the bot's DMs (reminder pings, digests, exports, invite QR codes); nobody reads what is typed there. */
export const APP_HOME = {
  homeTabEnabled: true,
  messagesTabEnabled: true,
  messagesTabReadOnly: true,
  /** Why (comments in the manifest). */
  why: [
    "The Home tab: for admins, Tsunagi's health, queues, failed work and the office's settings.",
    'Reminder pings, digests, exports and invite QR codes arrive by DM, in the Messages tab.',
    'Read-only: nothing reads what is typed there.',
  ],
} as const;

export interface ScopeSpec {
  /** Why Tsunagi needs it (shown to the workspace admin who installs the app, through the manifest's comments). */
  why: string;
  /** Web API methods Tsunagi calls that this scope allows (a method may need one of several, by channel type). */
  methods: readonly string[];
}

export const BOT_SCOPES = {
  commands: { why: 'the slash commands and message shortcuts', methods: [] },
  'chat:write': {
    why: 'case roots, relayed messages, record cards, reminder pings and digests',
    methods: ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.delete'],
  },
  'chat:write.customize': { why: "the LINE sender's name and icon on relayed posts", methods: [] },
  'channels:history': {
    why: 'find a post again in a case thread of a public channel after a crash (never posted twice)',
    methods: ['conversations.history', 'conversations.replies'],
  },
  'groups:history': { why: 'the same in private channels', methods: ['conversations.history', 'conversations.replies'] },
  'im:history': { why: "find a ping's DM again after a crash (never sent twice)", methods: ['conversations.history', 'conversations.replies'] },
  'channels:read': { why: 'who may see a case: the members of its public channel', methods: ['conversations.members', 'conversations.info'] },
  'groups:read': { why: 'the same for private channels', methods: ['conversations.members', 'conversations.info'] },
  'im:write': { why: 'reminder pings, digests, exports and invite QR codes by DM', methods: ['conversations.open'] },
  'files:write': {
    why: 'copy LINE images, video, audio and files into the thread; exports and QR codes',
    methods: ['files.getUploadURLExternal', 'files.completeUploadExternal', 'files.delete'],
  },
  'reactions:write': { why: 'delivery marks on staff messages sent to LINE', methods: ['reactions.add', 'reactions.remove'] },
  'reactions:read': { why: '✅ on a LINE message in a case thread marks it read on LINE (the reaction_added event)', methods: [] },
  'users:read': { why: "staff members' names in the record form; who is a workspace admin (App Home settings)", methods: ['users.info'] },
  'team:read': { why: 'which workspace a channel or person belongs to (Slack Connect)', methods: ['team.info'] },
} as const satisfies Record<string, ScopeSpec>;

/** Web API methods that need no scope (a modal opens on a trigger id; auth.test checks the token). */
export const METHODS_WITHOUT_SCOPE: readonly string[] = ['auth.test', 'views.open', 'views.update', 'views.push', 'views.publish'];

/** WebClient helpers that call several Web API methods. */
export const CLIENT_HELPERS: Readonly<Record<string, readonly string[]>> = {
  filesUploadV2: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};
