import QRCode from 'qrcode';
import type { DirectMessenger } from '../../core/ports/slack-side.js';
import { RetryableError } from '../../lib/errors.js';
import { slackText } from '../mrkdwn.js';
import { renderDmView } from '../render/dm/index.js';
import type { RenderOptions } from '../render/thread/index.js';
import { postOnce, type PostOnceOptions } from './post-once.js';
import { unpacedCall, type SlackCaller } from './slack-call.js';

/** Direct messages to staff (core/ports/slack-side.ts): reminder pings and digests posted once, exports and QR codes as files. */
export function createDirectMessenger(s: SlackCaller, render: RenderOptions, o: PostOnceOptions): DirectMessenger {
  const client = s.client;
  const openDm = async (userId: string): Promise<string> => {
    const dm = await unpacedCall('the DM', () => client.conversations.open({ users: userId }));
    const channel = dm.channel?.id;
    if (!channel) throw new RetryableError('slack_no_dm', 'Slack did not open a DM');
    return channel;
  };
  return {
    async post(userId, view, tag, record) {
      const channel = await openDm(userId);
      const ts = await postOnce(s, { channel }, renderDmView(view, render), tag, record, o);
      return { channel, ts };
    },

    async sendFiles(userId, files, comment) {
      const channel = await openDm(userId);
      await unpacedCall('the files', () =>
        client.filesUploadV2({
          channel_id: channel,
          initial_comment: renderDmView(comment, render).text,
          file_uploads: files.map((f) => ({ file: f.body as Buffer, filename: f.name, title: f.title ?? f.name })),
        }),
      );
    },

    async sendInviteQr(userId, caseCode, link) {
      const png = await QRCode.toBuffer(link, { type: 'png', width: 480, margin: 2, errorCorrectionLevel: 'M' });
      const channel = await openDm(userId);
      await unpacedCall('the QR code', () =>
        client.filesUploadV2({
          channel_id: channel,
          file: png,
          filename: `invite-${caseCode}.png`,
          title: `${caseCode} LINE`,
          initial_comment: slackText(render.text.inviteQrComment(caseCode)),
        }),
      );
    },
  };
}
