import { randomBytes } from 'node:crypto';
import { MEDIA_SAMPLES, PLACES, STICKERS } from '../shared/catalog.js';
import type { LineChatItem, LineMessageObject, LinePhone } from '../shared/line-types.js';
import { lineSignature } from '../signing.js';
import type { LineAccount } from './account.js';

/** Where the channel's webhook goes (the Webhook URL and channel secret of the LINE Developers console). */
export interface LineWebhookEndpoint {
  url: string;
  channelSecret: string;
}

export class PhoneError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export type PhoneMessage =
  { type: 'text'; text: string } | { type: 'sticker'; stickerId: string } | { type: 'media'; sampleId: string } | { type: 'location'; placeId: string };

const WEBHOOK_TIMEOUT_MS = 10_000;

/** A webhook event id as LINE makes them (a ULID). */
const webhookEventId = () => `01${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26);

/**
 * What people do on their phones, turned into the signed webhooks LINE sends: follow (add friend),
 * unfollow (block), messages, postbacks (template buttons, quick replies), unsend.
 */
export class LinePhones {
  constructor(
    private readonly account: LineAccount,
    private readonly webhook: () => LineWebhookEndpoint | undefined,
    private readonly onDeliveryProblem: (status: number) => void = () => {},
  ) {}

  addPhone(o: { displayName: string; persona: string; color: string }): LinePhone {
    const phone: LinePhone = {
      userId: `U${randomBytes(16).toString('hex')}`,
      displayName: o.displayName.slice(0, 20) || 'LINE',
      persona: o.persona.slice(0, 40),
      color: o.color,
      friendship: 'none',
      everFollowed: false,
    };
    this.account.state.phones.push(phone);
    this.account.state.chats[phone.userId] = [];
    this.account.changed();
    return phone;
  }

  removePhone(userId: string): void {
    this.account.state.phones = this.account.state.phones.filter((p) => p.userId !== userId);
    this.account.changed();
  }

  /** Adds the office as a friend (first time, or after a block: `isUnblocked`). */
  async follow(userId: string): Promise<void> {
    const phone = this.require(userId);
    if (phone.friendship === 'friend') return;
    const isUnblocked = phone.friendship === 'blocked';
    phone.friendship = 'friend';
    phone.everFollowed = true;
    this.account.changed();
    await this.send(phone, { type: 'follow', replyToken: this.account.newReplyToken(userId), follow: { isUnblocked } });
  }

  /** Blocks the office account. The unfollow event carries no reply token. */
  async block(userId: string): Promise<void> {
    const phone = this.require(userId);
    if (phone.friendship !== 'friend') return;
    phone.friendship = 'blocked';
    this.account.changed();
    await this.send(phone, { type: 'unfollow' });
  }

  async sendMessage(userId: string, input: PhoneMessage): Promise<LineChatItem> {
    const phone = this.requireFriend(userId);
    const id = this.account.nextMessageId();
    const quoteToken = randomBytes(20).toString('base64url');
    let message: LineMessageObject;
    switch (input.type) {
      case 'text': {
        const text = input.text.trim() ? input.text : '';
        if (!text) throw new PhoneError('empty_text');
        message = { id, type: 'text', quoteToken, text: text.slice(0, 5000) };
        break;
      }
      case 'sticker': {
        const sticker = STICKERS.find((s) => s.stickerId === input.stickerId);
        if (!sticker) throw new PhoneError('unknown_sticker');
        message = {
          id,
          type: 'sticker',
          quoteToken,
          packageId: sticker.packageId,
          stickerId: sticker.stickerId,
          stickerResourceType: 'STATIC',
          keywords: sticker.keywords,
        };
        break;
      }
      case 'media': {
        const sample = MEDIA_SAMPLES.find((s) => s.id === input.sampleId);
        const bytes = sample ? this.account.samples.read(sample.file) : undefined;
        if (!sample || !bytes) throw new PhoneError('unknown_sample');
        this.account.state.contents[id] = { sample: sample.file, contentType: sample.contentType };
        message =
          sample.kind === 'image'
            ? { id, type: 'image', quoteToken, contentProvider: { type: 'line' } }
            : { id, type: 'file', fileName: sample.file, fileSize: bytes.length };
        break;
      }
      case 'location': {
        const place = PLACES.find((p) => p.id === input.placeId);
        if (!place) throw new PhoneError('unknown_place');
        message = { id, type: 'location', title: place.title, address: place.address, latitude: place.latitude, longitude: place.longitude };
        break;
      }
    }
    const item: LineChatItem = { id, from: 'user', at: this.account.clock(), message };
    this.account.chat(userId).push(item);
    this.account.changed();
    await this.send(phone, { type: 'message', replyToken: this.account.newReplyToken(userId), message });
    return item;
  }

  /**
   * A tap on an action of a bot message (template button, quick reply, flex button): a postback (its
   * displayText shown as the person's message), a message action (sent as text), or a URI (opened, nothing sent).
   */
  async tapAction(userId: string, action: Record<string, unknown>): Promise<void> {
    const phone = this.requireFriend(userId);
    if (action.type === 'message' && typeof action.text === 'string') {
      await this.sendMessage(userId, { type: 'text', text: action.text });
      return;
    }
    if (action.type !== 'postback' && action.type !== 'datetimepicker') return;
    const display = typeof action.displayText === 'string' ? action.displayText : typeof action.text === 'string' ? action.text : undefined;
    if (display) {
      const id = this.account.nextMessageId();
      this.account.chat(userId).push({ id, from: 'user', at: this.account.clock(), message: { type: 'text', text: display } });
      this.account.changed();
    }
    await this.send(phone, { type: 'postback', replyToken: this.account.newReplyToken(userId), postback: { data: String(action.data ?? '') } });
  }

  /** Long press → 送信取消 on one of the person's own messages. */
  async unsend(userId: string, messageId: string): Promise<void> {
    const phone = this.requireFriend(userId);
    const item = this.account.chat(userId).find((m) => m.id === messageId && m.from === 'user');
    if (!item || item.unsent) throw new PhoneError('message_not_found');
    item.unsent = true;
    delete this.account.state.contents[messageId];
    this.account.changed();
    await this.send(phone, { type: 'unsend', unsend: { messageId } });
  }

  private require(userId: string): LinePhone {
    const phone = this.account.phone(userId);
    if (!phone) throw new PhoneError('phone_not_found');
    return phone;
  }

  private requireFriend(userId: string): LinePhone {
    const phone = this.require(userId);
    if (phone.friendship !== 'friend') throw new PhoneError('not_a_friend');
    return phone;
  }

  /** One signed webhook request with one event, as LINE sends them to the channel's Webhook URL. */
  private async send(phone: LinePhone, event: Record<string, unknown>): Promise<void> {
    const endpoint = this.webhook();
    if (!endpoint) return;
    const body = JSON.stringify({
      destination: this.account.state.bot.userId,
      events: [
        {
          ...event,
          mode: 'active',
          timestamp: this.account.clock(),
          source: { type: 'user', userId: phone.userId },
          webhookEventId: webhookEventId(),
          deliveryContext: { isRedelivery: false },
        },
      ],
    });
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'LineBotWebhook/2.0',
          'x-line-signature': lineSignature(endpoint.channelSecret, body),
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      if (res.status !== 200) this.onDeliveryProblem(res.status);
    } catch {
      // LINE records a failed delivery (visible in the console's statistics) and, without redelivery, drops the event.
      this.onDeliveryProblem(0);
    }
  }
}
