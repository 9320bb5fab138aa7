import type { SlackMessageRecord } from '../../shared/slack-types.js';
import { blocksError, bool, fail, ok, str, type SlackArgs, type SlackMethod } from './method.js';
import { renderMessage } from './render.js';

const TEXT_MAX = 40_000;

const metadataOf = (args: SlackArgs): SlackMessageRecord['metadata'] | undefined => {
  const m = args.metadata as { event_type?: unknown; event_payload?: unknown } | undefined;
  if (!m || typeof m.event_type !== 'string') return undefined;
  return {
    event_type: m.event_type,
    event_payload: (typeof m.event_payload === 'object' && m.event_payload !== null ? m.event_payload : {}) as Record<string, unknown>,
  };
};

export const chatMethods: Record<string, SlackMethod> = {
  'chat.postMessage': ({ ws, origin }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    if (!ws.isMember(channel, ws.state.botUserId)) return fail('not_in_channel');
    const text = str(args, 'text');
    if (!text && args.blocks === undefined && args.attachments === undefined) return fail('no_text');
    if (args.blocks !== undefined && blocksError(args.blocks)) return fail('invalid_blocks');
    const threadTs = str(args, 'thread_ts');
    if (threadTs && !ws.liveMessage(channel.id, threadTs)) return fail('thread_not_found');
    const m = ws.post({
      channel: channel.id,
      threadTs,
      user: ws.state.botUserId,
      botId: ws.state.botId,
      text: (text ?? '').slice(0, TEXT_MAX),
      blocks: args.blocks as unknown[] | undefined,
      attachments: args.attachments as unknown[] | undefined,
      metadata: metadataOf(args),
      username: str(args, 'username'),
      iconUrl: str(args, 'icon_url'),
      iconEmoji: str(args, 'icon_emoji'),
      replyBroadcast: args.reply_broadcast === undefined ? undefined : bool(args, 'reply_broadcast'),
    });
    return ok({ channel: channel.id, ts: m.ts, message: renderMessage(ws, m, origin) });
  },

  'chat.postEphemeral': ({ ws }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    const user = str(args, 'user');
    if (!channel) return fail('channel_not_found');
    if (!user || !ws.user(user) || !ws.isMember(channel, user)) return fail('user_not_in_channel');
    if (!str(args, 'text') && args.blocks === undefined) return fail('no_text');
    if (args.blocks !== undefined && blocksError(args.blocks)) return fail('invalid_blocks');
    const e = ws.postEphemeral({
      channel: channel.id,
      user,
      threadTs: str(args, 'thread_ts'),
      text: str(args, 'text') ?? '',
      blocks: args.blocks as unknown[] | undefined,
      from: 'bot',
    });
    return ok({ message_ts: e.ts });
  },

  'chat.update': ({ ws, origin }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    const m = ws.liveMessage(channel.id, str(args, 'ts'));
    if (!m) return fail('message_not_found');
    if (m.user !== ws.state.botUserId) return fail('cant_update_message');
    if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) return fail('no_text');
    if (args.blocks !== undefined && blocksError(args.blocks)) return fail('invalid_blocks');
    // Fields left out keep their value, as in Slack.
    if (args.text !== undefined) m.text = String(args.text).slice(0, TEXT_MAX);
    if (args.blocks !== undefined) m.blocks = args.blocks as unknown[];
    if (args.attachments !== undefined) m.attachments = args.attachments as unknown[];
    const metadata = metadataOf(args);
    if (metadata) m.metadata = metadata;
    m.edited = ws.nextTs();
    ws.changed();
    return ok({ channel: channel.id, ts: m.ts, text: m.text, message: renderMessage(ws, m, origin) });
  },

  'chat.delete': ({ ws }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    const m = ws.liveMessage(channel.id, str(args, 'ts'));
    if (!m) return fail('message_not_found');
    if (m.user !== ws.state.botUserId) return fail('cant_delete_message');
    m.deleted = true;
    ws.changed();
    return ok({ channel: channel.id, ts: m.ts });
  },

  'chat.getPermalink': ({ ws }, args) => {
    const channel = ws.channel(str(args, 'channel'));
    if (!channel) return fail('channel_not_found');
    const m = ws.liveMessage(channel.id, str(args, 'message_ts'));
    if (!m) return fail('message_not_found');
    const thread = m.threadTs ? `?thread_ts=${m.threadTs}&cid=${channel.id}` : '';
    return ok({ channel: channel.id, permalink: `https://${ws.state.team.domain}.slack.com/archives/${channel.id}/p${m.ts.replace('.', '')}${thread}` });
  },
};
