import { randomUUID } from 'node:crypto';
import type { LineAccountState, LineChatItem, LineMessageObject, LinePhone } from '../shared/line-types.js';

/** One Messaging API or data API request as the bot made it, and how it was answered. */
export interface LineApiCall {
  api: 'messaging' | 'data';
  /** The route as LINE's reference names it, e.g. `POST /v2/bot/message/push`; unknown paths as requested. */
  route: string;
  status: number;
  at: number;
}

/** Where a sample's bytes come from (the bundled samples folder). */
export interface SampleSource {
  read(name: string): Buffer | undefined;
}

export const REPLY_TOKEN_TTL_MS = 60_000;

export function emptyLineAccount(): LineAccountState {
  return {
    bot: { userId: `U${'7a5b'.repeat(8)}`, basicId: '@tsunagi-demo', displayName: 'つなぎ就労支援センター' },
    phones: [],
    chats: {},
    contents: {},
    counter: 0,
  };
}

/**
 * The office's LINE official account and the people who talk to it. The Messaging API (messaging-api.ts)
 * and the phones on the page (phones.ts) both act on it. Clock: the demo's (event and chat times).
 */
export class LineAccount {
  readonly calls: LineApiCall[] = [];
  /** Reply tokens handed out with webhook events (real time: they expire in seconds). */
  readonly replyTokens = new Map<string, { userId: string; at: number; used: boolean }>();
  /** Retry keys of accepted pushes (LINE keeps them 24 hours). */
  readonly retryKeys = new Map<string, { requestId: string; sentMessages: Array<{ id: string; quoteToken: string }>; at: number }>();
  private readonly listeners = new Set<() => void>();

  constructor(
    public state: LineAccountState,
    readonly clock: () => number,
    readonly samples: SampleSource,
    readonly realNow: () => number = Date.now,
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** LINE's message ids: 18 digits. */
  nextMessageId(): string {
    this.state.counter += 1;
    return `5${String(Math.floor(this.clock() / 1000) % 1e8).padStart(8, '0')}${String(this.state.counter).padStart(9, '0')}`;
  }

  phone(userId: string | undefined): LinePhone | undefined {
    return userId ? this.state.phones.find((p) => p.userId === userId) : undefined;
  }

  chat(userId: string): LineChatItem[] {
    return (this.state.chats[userId] ??= []);
  }

  /** Adds what the office account sent to a person's chat; returns LINE's sent-message ids. */
  deliverToPhone(userId: string, messages: LineMessageObject[], via: 'push' | 'reply'): Array<{ id: string; quoteToken: string }> {
    const sent = messages.map((message) => {
      const id = this.nextMessageId();
      this.chat(userId).push({ id, from: 'bot', at: this.clock(), message, via });
      return { id, quoteToken: `q${randomUUID().replace(/-/g, '')}` };
    });
    this.changed();
    return sent;
  }

  newReplyToken(userId: string): string {
    const token = randomUUID().replace(/-/g, '');
    this.replyTokens.set(token, { userId, at: this.realNow(), used: false });
    return token;
  }

  recordCall(call: LineApiCall): void {
    this.calls.push(call);
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }
}
