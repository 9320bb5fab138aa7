import { act } from '../api.js';
import type { Ui } from '../ui.js';
import type { BlockEnv, ElementAction } from './blockkit/env.js';

/** Slack's image proxy: the stand-in answers LINE's sticker images from the bundled ones, never the network. */
export const imageSrc = (url: string): string => (url.startsWith('/') ? url : `/image-proxy?url=${encodeURIComponent(url)}`);

/** Links: LINE's add-friend links open on the phone in hand; others open as usual. */
export function linkHandler(ui: Ui) {
  return (url: string, event: MouseEvent) => {
    if (/^https:\/\/line\.me\/R\//.test(url)) {
      event.preventDefault();
      ui.openLineLink(url);
    }
  };
}

/** The environment for a message's blocks: a click becomes block_actions from the message. */
export function messageEnv(ui: Ui, container: { channel: string; ts: string; ephemeralId?: string }): BlockEnv {
  return {
    users: ui.snapshot.slack.users,
    channels: ui.snapshot.slack.channels,
    onAction: (action: ElementAction) => void act('slack/action', { user: ui.me, container: { type: 'message', ...container }, action }),
    imageSrc,
    onLink: linkHandler(ui),
  };
}
