import type { types } from '@slack/bolt';
import type { ContactRow } from '../../db/schema/contacts.js';
import type { MessageRow } from '../../db/schema/messages.js';
import type { StaffText } from '../../i18n/staff-text.js';
import { escapeSlackText } from '../../relay/slack-escape.js';
import { splitText } from '../../relay/split-text.js';
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

const sections = (escaped: string): types.KnownBlock[] =>
  splitText(escaped, SECTION_MAX).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));

/** A message from LINE as it appears in the case thread: who wrote it, what, and the 返信 button. */
export function lineMessagePost(message: MessageRow, contact: ContactRow, text: StaffText): ThreadPost {
  const who = senderLabel(contact);
  const header: types.KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `${senderIcon(contact)} *${escapeSlackText(who)}* · LINE` }] };
  const body: types.KnownBlock[] = [];
  let fallback = '';
  const meta = message.meta as Record<string, unknown>;
  switch (message.kind) {
    case 'text': {
      const escaped = escapeSlackText(message.body ?? '');
      body.push(...sections(escaped));
      fallback = escaped;
      break;
    }
    case 'sticker': {
      const keywords = Array.isArray(meta.keywords) ? (meta.keywords as string[]).slice(0, 3).join('・') : '';
      const label = `[${text.sticker}${keywords ? `: ${escapeSlackText(keywords)}` : ''}]`;
      if (typeof meta.imageUrl === 'string') body.push({ type: 'image', image_url: meta.imageUrl, alt_text: label });
      body.push({ type: 'context', elements: [{ type: 'mrkdwn', text: label }] });
      fallback = label;
      break;
    }
    case 'location': {
      const title = escapeSlackText(String(meta.title ?? text.location));
      const address = escapeSlackText(String(meta.address ?? ''));
      const map = `https://www.google.com/maps/search/?api=1&query=${Number(meta.latitude)},${Number(meta.longitude)}`;
      body.push({ type: 'section', text: { type: 'mrkdwn', text: `📍 *${title}*\n${address}\n<${map}|${text.mapLink}>` } });
      fallback = `📍 ${title} ${address}`;
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
              : text.sentFile(escapeSlackText(String(message.attachments[0]?.fileName ?? '')));
      body.push({ type: 'section', text: { type: 'mrkdwn', text: `${icon} ${what}` } });
      fallback = `${icon} ${what}`;
      break;
    }
    default:
      body.push(...sections(escapeSlackText(message.body ?? '')));
      fallback = escapeSlackText(message.body ?? '');
  }
  return {
    text: `${who}: ${fallback}`.slice(0, 3000),
    blocks: [
      header,
      ...body,
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: REPLY_ACTION_ID, text: { type: 'plain_text', text: text.replyButton }, value: String(message.id) }],
      },
    ],
    username: `${who}`.slice(0, 80),
    ...(contact.pictureUrl ? { iconUrl: contact.pictureUrl } : {}),
  };
}

/** The bot's own notice in the thread (joined, withdrew, blocked, a failed delivery...). */
export function notePost(body: string, options: { retryMessageId?: number; retryLabel?: string } = {}): ThreadPost {
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: body } }];
  if (options.retryMessageId !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: RETRY_ACTION_ID, text: { type: 'plain_text', text: options.retryLabel ?? 'Retry' }, value: String(options.retryMessageId) }],
    });
  }
  return { text: body, blocks };
}

/** The thread's copy of what staff sent to LINE with the 返信 button. */
export function sentCopyPost(message: MessageRow, contact: ContactRow, staffUserId: string, text: StaffText): ThreadPost {
  const head = text.sentCopy(escapeSlackText(senderLabel(contact)), staffUserId);
  const quoted = escapeSlackText(message.body ?? '')
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return { text: `${head}\n${quoted}`.slice(0, 3000), blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: head }] }, ...sections(quoted)] };
}
