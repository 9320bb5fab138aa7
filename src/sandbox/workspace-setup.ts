import type { SlackWorkspace } from './slack-standin/workspace.js';

/** The demo office's staff in Slack, and its channels (the bot is invited to the two team channels). */
export const STAFF = {
  sato: { id: 'U0SATO', name: 'sato', realName: '佐藤 美咲', title: '就労支援員', color: '#3b82f6' },
  suzuki: { id: 'U0SUZUKI', name: 'suzuki', realName: '鈴木 健一', title: 'サービス管理責任者', color: '#16a34a' },
  tanaka: { id: 'U0TANAKA', name: 'tanaka', realName: '田中 由紀', title: '就労定着支援員', color: '#db2777' },
} as const;

export const CHANNELS = {
  team: { id: 'C0SHIEN', name: '支援チーム', topic: 'A型・移行のケーススレッド' },
  retention: { id: 'C0TEICHAKU', name: '定着支援', topic: '就職後の定着支援' },
  chat: { id: 'C0ZATSUDAN', name: '雑談', topic: 'なんでも' },
} as const;

/** Users and channels of a new workspace (only when it has none yet). */
export function setUpWorkspace(ws: SlackWorkspace): void {
  if (ws.state.users.length > 0) return;
  const bot = ws.state.botUserId;
  ws.state.users.push(...Object.values(STAFF).map((u) => ({ ...u, isBot: false })), {
    id: bot,
    name: 'tsunagi',
    realName: 'Tsunagi',
    title: 'アプリ',
    isBot: true,
    color: '#2c5f5d',
  });
  const created = Math.floor(ws.clock() / 1000) - 90 * 86_400;
  const staff = Object.values(STAFF).map((u) => u.id);
  ws.state.channels.push(
    { ...CHANNELS.team, isIm: false, isPrivate: false, members: [...staff, bot], created },
    { ...CHANNELS.retention, isIm: false, isPrivate: false, members: [...staff, bot], created },
    { ...CHANNELS.chat, isIm: false, isPrivate: false, members: staff, created },
  );
  ws.changed();
}
