import { audit } from '../../db/queries/audit.js';
import { findMessageByLineId, updateMessage } from '../../db/queries/messages.js';
import { contextBlock, messageText } from '../../slack/mrkdwn.js';
import type { LineHandlerContext } from '../event-types.js';

/**
 * Unsend: the sender withdrew a message. Its stored text and files are deleted, and its copy in the
 * thread is replaced by a note (LINE's guideline: retracted messages must not be used).
 */
export async function onUnsend(h: LineHandlerContext): Promise<void> {
  const { app, userId } = h;
  const lineMessageId = h.event.unsend?.messageId;
  if (!lineMessageId) return;
  for (const message of await findMessageByLineId(app.db, lineMessageId)) {
    if (message.direction !== 'line_to_slack') continue;
    const notice = app.text.withdrawnMessage;
    if (message.slackTs && message.slackChannelId) {
      await app.slack.chat.update({
        channel: message.slackChannelId,
        ts: message.slackTs,
        text: messageText(notice),
        blocks: [contextBlock(notice)],
      });
      for (const file of message.attachments) {
        if (file.slackFileId && file.slackFileId !== 'uploaded') {
          await app.slack.files.delete({ file: file.slackFileId }).catch(() => undefined);
        }
      }
    }
    await updateMessage(app.db, message.id, {
      body: null,
      attachments: [],
      meta: { withdrawn: true, ...(message.slackTs ? {} : { threadPost: 'failed' }) },
      deliveryStatus: 'withdrawn',
    });
    await audit(app.db, { actorType: 'line_user', actorId: userId, action: 'message.withdrawn', caseId: message.caseId, details: { messageId: message.id } });
  }
}
