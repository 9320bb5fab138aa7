import type { types } from '@slack/bolt';
import type { ThreadView } from '../../../core/ports/views.js';
import type { StaffText } from '../../text/staff-text.js';
import { contextBlock, inertUsername, link, md, messageText, sectionBlock, sectionBlocks, type Mrkdwn } from '../../mrkdwn.js';
import { ACTIONS, button, SECTION_MAX, type SlackPost } from '../post.js';
import { senderIcon, senderLabel } from '../sender.js';

/** A message from LINE as it appears in the case thread: who wrote it, what, and the 返信 button. */
export function renderLineMessage(view: Extract<ThreadView, { kind: 'line_message' }>, text: StaffText): SlackPost {
  const { message, sender } = view;
  const who = senderLabel(sender);
  const header = contextBlock(md`${senderIcon(sender)} *${who}* · LINE`);
  const body: types.KnownBlock[] = [];
  let fallback: Mrkdwn;
  switch (message.kind) {
    case 'sticker': {
      const sticker = message.details?.sticker;
      const keywords = sticker ? sticker.keywords.slice(0, 3).join('・') : '';
      const plainLabel = `[${text.sticker}${keywords ? `: ${keywords}` : ''}]`;
      const label = md`${plainLabel}`;
      // alt_text is plain text: nothing in it is parsed.
      if (sticker?.imageUrl) body.push({ type: 'image', image_url: sticker.imageUrl, alt_text: plainLabel.slice(0, 2000) });
      body.push(contextBlock(label));
      fallback = label;
      break;
    }
    case 'location': {
      const location = message.details?.location;
      const title = location?.title ?? text.location;
      const address = location?.address ?? '';
      const map = `https://www.google.com/maps/search/?api=1&query=${Number(location?.latitude)},${Number(location?.longitude)}`;
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
    blocks: [header, ...body, { type: 'actions', elements: [button(ACTIONS.reply, text.replyButton, String(view.messageId))] }],
    username: inertUsername(who),
    ...(sender.pictureUrl ? { iconUrl: sender.pictureUrl } : {}),
  };
}
