import { chooseCase, receiveLineMessage } from '../../core/conversation/receive-message.js';
import { withdrawLineMessage } from '../../core/conversation/unsend.js';
import type { Core } from '../../core/deps.js';
import { answerConsent } from '../../core/linking/consent.js';
import { onFollow, onUnfollow } from '../../core/linking/follow.js';
import type { LineEventContext } from '../../core/linking/line-event.js';
import { normalizeLineMessage } from './normalize-message.js';

/** A LINE webhook event as stored (only the fields the handlers read are typed). */
export interface LineEvent {
  type: string;
  webhookEventId: string;
  mode?: string;
  timestamp?: number;
  replyToken?: string;
  source?: { type?: string; userId?: string };
  message?: Record<string, unknown> & { id?: string; type?: string };
  postback?: { data?: string };
  unsend?: { messageId?: string };
}

/** How each LINE event type becomes a call of the core. */
const handlers: Record<string, (core: Core, ev: LineEventContext, event: LineEvent) => Promise<void>> = {
  message: async (core, ev, event) => {
    const message = normalizeLineMessage(event, ev.at);
    if (!message) {
      ev.logger.warn({ type: event.message?.type }, 'unsupported LINE message type not relayed');
      return;
    }
    await receiveLineMessage(core, ev, message);
  },
  postback: async (core, ev, event) => {
    const data = new URLSearchParams(event.postback?.data ?? '');
    const consent = data.get('consent');
    const contactId = Number(data.get('contact'));
    // Questions asked before case channels were checked for sharing carry no tag: they said "not shared".
    if ((consent === 'yes' || consent === 'no') && Number.isInteger(contactId))
      return answerConsent(core, ev, contactId, consent === 'yes', data.get('s') ?? '0');
    const choose = Number(data.get('choose'));
    if (Number.isInteger(choose) && choose > 0) return chooseCase(core, ev, choose);
    ev.logger.warn('unknown LINE postback ignored');
  },
  follow: (core, ev) => onFollow(core, ev),
  unfollow: (core, ev) => onUnfollow(core, ev),
  unsend: async (core, ev, event) => {
    if (event.unsend?.messageId) await withdrawLineMessage(core, ev, event.unsend.messageId);
  },
};

/**
 * Whether an event has a handler here: a handled type, from a person (one-to-one chat). The webhook
 * stores only these, so what is kept and what is handled cannot drift apart.
 */
export function hasLineHandler(event: { type: string; source?: unknown }): boolean {
  const source = event.source as { type?: unknown; userId?: unknown } | undefined;
  return Object.hasOwn(handlers, event.type) && source?.type === 'user' && typeof source.userId === 'string';
}

/** The LINE person an event comes from (one-to-one chats only). */
export function lineSenderOf(event: LineEvent): string | undefined {
  return event.source?.type === 'user' ? event.source.userId : undefined;
}

/**
 * Handles one stored LINE event: the event becomes a call of the core, dated at LINE's own time of
 * the event. A message in standby mode (another channel answers) is left alone; a message its sender
 * already withdrew (the unsend was handled first) is not handled at all.
 */
export async function handleLineEvent(
  core: Core,
  event: LineEvent,
  job: { inboundEventId: number; attempt: number; logger: LineEventContext['logger'] },
): Promise<void> {
  const userId = lineSenderOf(event);
  const handler = handlers[event.type];
  if (!userId || !handler) {
    job.logger.info({ type: event.type, sourceType: event.source?.type }, 'line event not handled');
    return;
  }
  if (event.type === 'message' && event.mode === 'standby') return;
  if (event.type === 'message' && event.message?.id && (await core.store.unsent.has(event.message.id))) {
    job.logger.info({ inboundEventId: job.inboundEventId }, 'line message withdrawn before it was handled; dropped');
    return;
  }
  const at = typeof event.timestamp === 'number' && Number.isFinite(event.timestamp) ? new Date(event.timestamp) : core.clock.now();
  job.logger.debug({ type: event.type, inboundEventId: job.inboundEventId }, 'line event');
  await handler(core, { userId, replyToken: event.replyToken, at, inboundEventId: job.inboundEventId, attempt: job.attempt, logger: job.logger }, event);
}
