import type { types } from '@slack/bolt';
import type { ContactRow } from '../../db/schema/contacts.js';
import type { MessageRow } from '../../db/schema/messages.js';
import type { StaffText } from '../../i18n/staff-text.js';
import {
  contextBlock,
  inertUsername,
  joinMrkdwn,
  link,
  md,
  messageText,
  mrkdwnFromStore,
  sectionBlock,
  sectionBlocks,
  type Mrkdwn,
} from '../mrkdwn.js';
import { senderIcon, senderLabel } from './sender-label.js';

export const REPLY_ACTION_ID = 'relay.reply';
export const RETRY_ACTION_ID = 'relay.retry';
/** Section text is limited to 3,000 characters; escaped text can grow, so stay well below. */
const SECTION_MAX = 2500;

export interface ThreadPost {
  text: string;
  blocks: types.KnownBlock[];
  username?: string;
  iconUrl?: string;
}

/** A message from LINE as it appears in the case thread: who wrote it, what, and the 返信 button. */
export function lineMessagePost(message: MessageRow, contact: ContactRow, text: StaffText): ThreadPost {
  const who = senderLabel(contact);
  const header = contextBlock(md`${senderIcon(contact)} *${who}* · LINE`);
  const body: types.KnownBlock[] = [];
  let fallback: Mrkdwn;
  const meta = message.meta as Record<string, unknown>;
  switch (message.kind) {
    case 'sticker': {
      const keywords = Array.isArray(meta.keywords) ? (meta.keywords as string[]).slice(0, 3).join('・') : '';
      const plainLabel = `[${text.sticker}${keywords ? `: ${keywords}` : ''}]`;
      const label = md`${plainLabel}`;
      // alt_text is plain text: nothing in it is parsed.
      if (typeof meta.imageUrl === 'string') body.push({ type: 'image', image_url: meta.imageUrl, alt_text: plainLabel.slice(0, 2000) });
      body.push(contextBlock(label));
      fallback = label;
      break;
    }
    case 'location': {
      const title = String(meta.title ?? text.location);
      const address = String(meta.address ?? '');
      const map = `https://www.google.com/maps/search/?api=1&query=${Number(meta.latitude)},${Number(meta.longitude)}`;
      body.push(sectionBlock(md`📍 *${title}*\n${address}\n${link(map, text.mapLink)}`));
      fallback = md`📍 ${title} ${address}`;
      break;
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'file': {
      const icon = { image: '📷', video: '🎬', audio: '🎤', file: '📎' }[message.kind];
      const what =
        message.kind === 'image'
          ? text.sentImage
          : message.kind === 'video'
            ? text.sentVideo
            : message.kind === 'audio'
              ? text.sentAudio
              : text.sentFile(String(message.attachments[0]?.fileName ?? ''));
      fallback = md`${icon} ${what}`;
      body.push(sectionBlock(fallback));
      break;
    }
    default: {
      // Text, and anything else with a body: shown as typed.
      fallback = md`${message.body ?? ''}`;
      body.push(...sectionBlocks(fallback, SECTION_MAX));
    }
  }
  return {
    text: messageText(md`${who}: ${fallback}`),
    blocks: [
      header,
      ...body,
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: REPLY_ACTION_ID, text: { type: 'plain_text', text: text.replyButton }, value: String(message.id) }],
      },
    ],
    username: inertUsername(who),
    ...(contact.pictureUrl ? { iconUrl: contact.pictureUrl } : {}),
  };
}

/**
 * The bot's own notice in the thread (joined, withdrew, blocked, a failed delivery...). `storedBody`
 * is a note's body as postNotice stored it: Slack text rendered from Mrkdwn when the notice was made.
 */
export function notePost(storedBody: string, options: { retryMessageId?: number; retryLabel?: string } = {}): ThreadPost {
  const body = mrkdwnFromStore(storedBody);
  const blocks: types.KnownBlock[] = [sectionBlock(body)];
  if (options.retryMessageId !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: RETRY_ACTION_ID, text: { type: 'plain_text', text: options.retryLabel ?? 'Retry' }, value: String(options.retryMessageId) }],
    });
  }
  return { text: messageText(body), blocks };
}

/** The thread's copy of what staff sent to LINE with the 返信 button. */
export function sentCopyPost(message: MessageRow, contact: ContactRow, staffUserId: string, text: StaffText): ThreadPost {
  const head = text.sentCopy(senderLabel(contact), staffUserId);
  const quoted = joinMrkdwn((message.body ?? '').split('\n').map((line) => md`>${line}`));
  return { text: messageText(md`${head}\n${quoted}`), blocks: [contextBlock(head), ...sectionBlocks(quoted, SECTION_MAX)] };
}
