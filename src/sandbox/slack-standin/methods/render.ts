import type { SlackFileRecord, SlackMessageRecord, SlackViewRecord } from '../../shared/slack-types.js';
import { dropUndefined, type SlackWorkspace } from '../workspace.js';

/** A message as the Web API returns it (conversations.history / replies, chat.postMessage's `message`). */
export function renderMessage(ws: SlackWorkspace, m: SlackMessageRecord, origin: string): Record<string, unknown> {
  const replies = m.threadTs === undefined ? ws.state.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts && !r.deleted) : [];
  return dropUndefined({
    type: 'message',
    user: m.user,
    bot_id: m.botId,
    app_id: m.botId ? ws.state.appId : undefined,
    text: m.text,
    ts: m.ts,
    thread_ts: m.threadTs ?? (replies.length > 0 ? m.ts : undefined),
    reply_count: replies.length > 0 ? replies.length : undefined,
    latest_reply: replies.length > 0 ? replies[replies.length - 1]!.ts : undefined,
    blocks: m.blocks,
    attachments: m.attachments,
    metadata: m.metadata,
    username: m.username,
    icons: m.iconUrl || m.iconEmoji ? dropUndefined({ image_48: m.iconUrl, emoji: m.iconEmoji }) : undefined,
    reactions: m.reactions.length > 0 ? m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })) : undefined,
    edited: m.edited ? { user: m.user, ts: m.edited } : undefined,
    files: m.files
      ?.map((id) => ws.file(id))
      .filter((f): f is SlackFileRecord => f !== undefined)
      .map((f) => renderFile(f, origin)),
    team: ws.state.team.id,
  });
}

export function renderFile(f: SlackFileRecord, origin: string): Record<string, unknown> {
  return dropUndefined({
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.name.split('.').pop() ?? 'binary',
    user: f.user,
    size: f.size,
    url_private: `${origin}/files/${f.id}/${encodeURIComponent(f.name)}`,
    url_private_download: `${origin}/files/${f.id}/${encodeURIComponent(f.name)}?download=1`,
    channels: f.channel ? [f.channel] : [],
    is_public: false,
  });
}

/** A view as views.open / update / push return it. */
export function renderView(ws: SlackWorkspace, v: SlackViewRecord): Record<string, unknown> {
  return {
    ...v.view,
    id: v.id,
    team_id: ws.state.team.id,
    app_id: ws.state.appId,
    bot_id: ws.state.botId,
    hash: v.hash,
    root_view_id: v.rootViewId,
    previous_view_id: v.previousViewId ?? null,
    state: { values: {} },
    private_metadata: typeof v.view.private_metadata === 'string' ? v.view.private_metadata : '',
    callback_id: typeof v.view.callback_id === 'string' ? v.view.callback_id : '',
    external_id: typeof v.view.external_id === 'string' ? v.view.external_id : '',
  };
}
