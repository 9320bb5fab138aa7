import { parseJson } from '../../platform-http.js';
import type { SlackFileRecord } from '../../shared/slack-types.js';
import { fail, ok, str, type SlackMethod } from './method.js';
import { renderFile } from './render.js';

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  csv: 'text/csv',
  md: 'text/markdown',
  txt: 'text/plain',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
};

export const mimeOf = (name: string): string => MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** The files v2 flow: get an upload URL, POST the bytes there, then complete (which shares it). */
export const filesMethods: Record<string, SlackMethod> = {
  'files.getUploadURLExternal': ({ ws, origin }, args) => {
    const filename = str(args, 'filename');
    const length = Number(str(args, 'length'));
    if (!filename || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
    const id = ws.nextId('F');
    ws.state.files.push({
      id,
      name: filename,
      title: filename,
      mimetype: mimeOf(filename),
      size: length,
      user: ws.state.botUserId,
      created: Math.floor(ws.clock() / 1000),
      uploaded: false,
      completed: false,
      deleted: false,
    });
    return ok({ upload_url: `${origin}/upload/${id}`, file_id: id });
  },

  'files.completeUploadExternal': ({ ws }, args) => {
    const raw = typeof args.files === 'string' ? parseJson(args.files) : args.files;
    if (!Array.isArray(raw) || raw.length === 0) return fail('invalid_arguments');
    const entries = raw as Array<{ id?: string; title?: string }>;
    const files = entries.map((e) => ws.file(e.id));
    if (files.some((f) => !f || f.deleted)) return fail('file_not_found');
    if (files.some((f) => !f!.uploaded)) return fail('file_uploads_incomplete');
    const channelId = str(args, 'channel_id') ?? str(args, 'channels')?.split(',')[0];
    const channel = channelId ? ws.channel(channelId) : undefined;
    if (channelId && !channel) return fail('channel_not_found');
    if (channel && !ws.isMember(channel, ws.state.botUserId)) return fail('not_in_channel');
    const threadTs = str(args, 'thread_ts');
    (files as SlackFileRecord[]).forEach((f, i) => {
      f.title = entries[i]!.title ?? f.name;
      f.completed = true;
      if (channel) f.channel = channel.id;
      if (threadTs) f.threadTs = threadTs;
    });
    if (channel) {
      ws.post({
        channel: channel.id,
        threadTs,
        user: ws.state.botUserId,
        botId: ws.state.botId,
        text: str(args, 'initial_comment') ?? '',
        files: (files as SlackFileRecord[]).map((f) => f.id),
      });
    } else {
      ws.changed();
    }
    return ok({ files: (files as SlackFileRecord[]).map((f) => ({ id: f.id, title: f.title })) });
  },

  'files.info': ({ ws, origin }, args) => {
    const file = ws.file(str(args, 'file'));
    if (!file) return fail('file_not_found');
    if (file.deleted) return fail('file_deleted');
    return ok({ file: renderFile(file, origin), comments: [], response_metadata: { next_cursor: '' } });
  },

  'files.delete': ({ ws }, args) => {
    const file = ws.file(str(args, 'file'));
    if (!file) return fail('file_not_found');
    if (file.deleted) return fail('file_deleted');
    file.deleted = true;
    ws.changed();
    return ok();
  },
};
