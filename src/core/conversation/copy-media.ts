import type { Core } from '../deps.js';
import type { ThreadPlace } from '../model/cases.js';
import type { Attachment, Message } from '../model/messages.js';
import { addNote } from '../notes/outbox.js';

/**
 * Copies a LINE message's files into its thread, streamed from LINE straight into Slack's upload
 * (never read whole into memory), recording each file once shared. The upload's file id is recorded
 * before the upload, so an upload an earlier attempt completed (the process died, or Slack's answer
 * was lost) is found in the thread, not shared twice. A file larger than MEDIA_MAX_BYTES, or one LINE
 * no longer has, is not copied: the thread says so. 'withdrawn': the sender withdrew the message
 * meanwhile (the caller puts the thread right).
 */
export async function copyMedia(core: Core, place: ThreadPlace, message: Message): Promise<'done' | 'withdrawn'> {
  const attachments: Attachment[] = [...message.attachments];
  const save = () => core.store.messages.updateAttachments(message.id, attachments);
  const max = core.settings.relay.mediaMaxBytes;
  for (const [i, attachment] of attachments.entries()) {
    if (attachment.slackFileId || attachment.unavailable || !attachment.lineMessageId) continue;
    if (attachment.uploadStartedAt) {
      const earlier = await findEarlierUpload(core, place, attachment, new Date(attachment.uploadStartedAt));
      if (earlier) {
        attachments[i] = { ...attachment, slackFileId: earlier };
        if (!(await save())) return 'withdrawn';
        continue;
      }
    }
    const notCopied = async (reason: 'too_large' | 'unavailable', size?: number): Promise<boolean> => {
      attachments[i] = { ...attachment, unavailable: true, ...(reason === 'too_large' ? { tooLarge: true } : {}), ...(size !== undefined ? { size } : {}) };
      if (!(await save())) return false;
      await addNote(
        core,
        message.caseId,
        {
          kind: 'notice',
          notice: {
            type: 'media_not_copied',
            messageId: message.id,
            reason,
            ...(size !== undefined ? { size } : {}),
            ...(reason === 'too_large' ? { max } : {}),
          },
        },
        `media:${message.id}:${i}`,
      );
      return true;
    };
    // LINE announces a file's size in the message: a file too large is not even fetched.
    if (attachment.size && attachment.size > max) {
      if (!(await notCopied('too_large', attachment.size))) return 'withdrawn';
      continue;
    }
    const content = await core.line.openContent(attachment.lineMessageId, attachment.kind, max);
    if (!content.ok) {
      if (!(await notCopied(content.reason === 'too_large' ? 'too_large' : 'unavailable', content.length))) return 'withdrawn';
      continue;
    }
    try {
      const name = attachment.fileName ?? core.line.mediaFileName(attachment.kind, attachment.lineMessageId, content.contentType);
      const upload = await core.thread.startUpload(name, content.length);
      attachments[i] = {
        ...attachment,
        fileName: name,
        size: content.length,
        ...(content.contentType ? { contentType: content.contentType } : {}),
        pendingFileId: upload.fileId,
        uploadStartedAt: core.clock.now().toISOString(),
      };
      if (!(await save())) return 'withdrawn';
      await core.thread.finishUpload(place, upload, { name, title: name, length: content.length, body: content.stream });
      attachments[i] = { ...(attachments[i] as Attachment), slackFileId: upload.fileId };
      if (!(await save())) return 'withdrawn';
    } finally {
      if (!content.stream.destroyed) content.stream.destroy();
    }
  }
  return 'done';
}

/**
 * The file an earlier attempt shared into the thread but never recorded: by the file id recorded
 * before its upload, or (uploads begun before ids were recorded) by name, if no other message has it.
 */
async function findEarlierUpload(core: Core, place: ThreadPlace, attachment: Attachment, since: Date): Promise<string | undefined> {
  const candidates = (await core.thread.filesSince(place, since))
    .filter((f) => (attachment.pendingFileId ? f.id === attachment.pendingFileId : f.name === attachment.fileName))
    .map((f) => f.id);
  for (const id of candidates) {
    if (!(await core.store.messages.fileRecorded(id))) return id;
  }
  return undefined;
}
