import { fail, ok, paginate, str, type SlackArgs, type SlackMethod } from './method.js';
import { renderMessage } from './render.js';

/** `oldest` / `latest` bounds of history and replies (exclusive unless `inclusive`). */
function inRange(args: SlackArgs): (ts: string) => boolean {
  const oldest = Number(str(args, 'oldest') ?? '0');
  const latest = Number(str(args, 'latest') ?? 'Infinity');
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  return (ts) => {
    const n = Number(ts);
    return inclusive ? n >= oldest && n <= latest : n > oldest && n < latest;
  };
}

export const conversationsMethods: Record<string, SlackMethod> = {
  'conversations.open': ({ ws }, args) => {
    const channelId = str(args, 'channel');
    if (channelId) {
      const channel = ws.channel(channelId);
      return channel?.isIm ? ok({ channel: { id: channel.id } }) : fail('channel_not_found');
    }
    const users = str(args, 'users')
      ?.split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (!users || users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 1) return fail('not_allowed_token_type'); // group DMs need a user token
    const user = ws.user(users[0]);
    if (!user || user.isBot) return fail('user_not_found');
    const existed = ws.state.channels.some((c) => c.isIm && c.imUser === user.id);
    const im = ws.imWith(user.id);
    if (!existed) ws.changed();
    return ok({ channel: { id: im.id }, ...(existed ? { already_open: true } : {}) });
  },

  'conversations.members': ({ ws }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    const page = paginate(channel.members, args, 100);
    return ok({ members: page.items, response_metadata: { next_cursor: page.nextCursor } });
  },

  'conversations.info': ({ ws }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    return ok({
      channel: {
        id: channel.id,
        name: channel.isIm ? undefined : channel.name,
        is_channel: !channel.isIm && !channel.isPrivate,
        is_group: !channel.isIm && channel.isPrivate,
        is_im: channel.isIm,
        is_private: channel.isPrivate,
        is_archived: false,
        is_member: ws.isMember(channel, ws.state.botUserId),
        created: channel.created,
        ...(channel.isIm ? { user: channel.imUser } : { topic: { value: channel.topic }, num_members: channel.members.length }),
      },
    });
  },

  'conversations.history': ({ ws, origin }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    if (!ws.isMember(channel, ws.state.botUserId)) return fail('not_in_channel');
    const range = inRange(args);
    const topLevel = ws.state.messages
      .filter((m) => m.channel === channel.id && !m.deleted && (m.threadTs === undefined || m.replyBroadcast) && range(m.ts))
      .reverse();
    const page = paginate(topLevel, args, 100, 999);
    return ok({
      messages: page.items.map((m) => renderMessage(ws, m, origin)),
      has_more: page.nextCursor !== '',
      pin_count: 0,
      response_metadata: { next_cursor: page.nextCursor },
    });
  },

  'conversations.replies': ({ ws, origin }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    if (!ws.isMember(channel, ws.state.botUserId)) return fail('not_in_channel');
    const found = ws.message(channel.id, str(args, 'ts'));
    if (!found) return fail('thread_not_found');
    const rootTs = found.threadTs ?? found.ts;
    const root = ws.message(channel.id, rootTs);
    const range = inRange(args);
    // As on Slack: the parent first, always; replies filtered by oldest/latest.
    const replies = ws.state.messages.filter((m) => m.channel === channel.id && m.threadTs === rootTs && !m.deleted && range(m.ts));
    const thread = [...(root && !root.deleted ? [root] : []), ...replies];
    const page = paginate(thread, args, 1000);
    return ok({
      messages: page.items.map((m) => renderMessage(ws, m, origin)),
      has_more: page.nextCursor !== '',
      response_metadata: { next_cursor: page.nextCursor },
    });
  },
};
