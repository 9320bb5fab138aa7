import type { ThreadPoster } from '../../core/ports/slack-side.js';
import { RetryableError } from '../../lib/errors.js';
import { contextBlock, messageText } from '../mrkdwn.js';
import { renderCaseRoot } from '../render/case-root.js';
import { renderThreadView, type RenderOptions } from '../render/thread/index.js';
import { scanSince } from './find-earlier.js';
import { findEarlierPost, postOnce, type PostOnceOptions } from './post-once.js';
import { pacedCall, slackErrorCode, unpacedCall, type SlackCaller } from './slack-call.js';
import { streamToUploadUrl } from './upload.js';

export const DELIVERED_REACTION = 'white_check_mark';

/**
 * Posts into case threads (core/ports/slack-side.ts): every post rendered by the registry, posted
 * once, paced per channel; Slack's errors sorted into permanent and retryable ones.
 */
export function createThreadPoster(s: SlackCaller, render: RenderOptions, o: PostOnceOptions & { apiTimeoutMs: number }): ThreadPoster {
  const client = s.client;
  return {
    async postCaseRoot(channel, view) {
      const post = renderCaseRoot(view, render);
      const res = await pacedCall(s, channel, 'the case’s root message', () =>
        client.chat.postMessage({
          channel,
          text: post.text,
          blocks: post.blocks,
          metadata: { event_type: 'tsunagi_case', event_payload: { case_id: view.caseId, code: view.code } },
        }),
      );
      if (!res.ts) throw new RetryableError('slack_no_ts', 'Slack answered without the post’s ts');
      return res.ts;
    },

    post: (place, view, tag, record) => postOnce(s, place, renderThreadView(view, render), tag, record, o),
    findEarlier: (place, tag, record) => findEarlierPost(s, place, tag, record, o),

    async update(place, ts, view) {
      const post = renderThreadView(view, render);
      try {
        await pacedCall(s, place.channel, 'the update', () => client.chat.update({ channel: place.channel, ts, text: post.text, blocks: post.blocks }));
        return 'updated';
      } catch (error) {
        if (slackErrorCode((error as { cause?: unknown }).cause) === 'message_not_found') return 'gone'; // staff deleted it
        throw error;
      }
    },

    async replaceWithWithdrawn(place, ts) {
      const notice = render.text.withdrawnMessage;
      try {
        await unpacedCall('the update', () => client.chat.update({ channel: place.channel, ts, text: messageText(notice), blocks: [contextBlock(notice)] }));
      } catch (error) {
        if (slackErrorCode((error as { cause?: unknown }).cause) === 'message_not_found') return; // staff deleted the copy: nothing left to replace
        throw error;
      }
    },

    async markDelivered(place, ts) {
      try {
        await client.reactions.add({ channel: place.channel, timestamp: ts, name: DELIVERED_REACTION });
      } catch (error) {
        if (slackErrorCode(error) === 'already_reacted') return;
        throw error;
      }
    },

    async startUpload(name, length) {
      const res = await unpacedCall('the upload', () => client.files.getUploadURLExternal({ filename: name, length }));
      if (!res.upload_url || !res.file_id) throw new RetryableError('slack_no_upload_url', 'Slack gave no upload URL');
      return { fileId: res.file_id, uploadTo: res.upload_url };
    },

    async finishUpload(place, upload, file) {
      await streamToUploadUrl(upload.uploadTo, file.body, file.length, o.apiTimeoutMs + Math.ceil(file.length / 100));
      await pacedCall(s, place.channel, 'the upload', () =>
        client.files.completeUploadExternal({
          files: [{ id: upload.fileId, title: file.title ?? file.name }],
          channel_id: place.channel,
          thread_ts: place.threadTs,
        }),
      );
    },

    async filesSince(place, since) {
      const found: Array<{ id: string; name: string }> = [];
      await scanSince(client, place, since, (m) => {
        for (const f of m.files ?? []) if (f.id) found.push({ id: f.id, name: f.name ?? '' });
        return undefined;
      });
      return found;
    },

    async deleteFile(fileId) {
      try {
        await unpacedCall('the file deletion', () => client.files.delete({ file: fileId }));
      } catch (error) {
        const code = slackErrorCode((error as { cause?: unknown }).cause);
        if (code === 'file_not_found' || code === 'file_deleted') return; // gone already
        throw error;
      }
    },
  };
}
