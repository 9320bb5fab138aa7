/**
 * The fake Slack and LINE APIs of the tests (test/fakes), in the bench's process, and what the bench
 * watches in the fake Slack: every relayed post (recognised by its token) and every reminder DM, with
 * the moment it was posted (its ts, which the fake takes from the clock).
 */
import { startFakeLine, type FakeLine } from '../test/fakes/line-api.js';
import { startFakeSlack, type FakeSlack, type SlackMessage } from '../test/fakes/slack-api.js';
import { TOKEN_PATTERN } from './load/protocol.js';

export interface ObservedPost {
  token: string;
  channel: string;
  threadTs: string | undefined;
  /** Epoch ms (the post's ts). */
  at: number;
}

export interface ObservedPing {
  pingId: number;
  channel: string;
  at: number;
}

/** Reads the fake Slack's messages as they are appended (a cursor, never a rescan). */
export class PostWatcher {
  private cursor = 0;
  readonly posts: ObservedPost[] = [];
  readonly byToken = new Map<string, ObservedPost[]>();
  readonly pings: ObservedPing[] = [];

  constructor(private readonly slack: FakeSlack) {}

  /** Takes in the messages posted since the last call. */
  poll(): void {
    const messages = this.slack.messages;
    for (; this.cursor < messages.length; this.cursor++) this.take(messages[this.cursor] as SlackMessage);
  }

  private take(m: SlackMessage): void {
    const at = Number(m.ts) * 1000;
    const meta = m.metadata;
    if (meta?.event_type === 'tsunagi_ping' && m.channel.startsWith('D')) {
      this.pings.push({ pingId: Number(meta.event_payload.ping_id), channel: m.channel, at });
      return;
    }
    const token = TOKEN_PATTERN.exec(m.text)?.[1];
    if (!token) return;
    const post = { token, channel: m.channel, threadTs: m.thread_ts, at };
    this.posts.push(post);
    const list = this.byToken.get(token);
    if (list) list.push(post);
    else this.byToken.set(token, [post]);
  }

  /** Resolves once `done()` holds (polling every 20 ms) or `timeoutMs` passed; with whether it held. */
  async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.poll();
      if (done()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export interface Fakes {
  slack: FakeSlack;
  line: FakeLine;
  watcher: PostWatcher;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const [slack, line] = await Promise.all([startFakeSlack(), startFakeLine()]);
  return {
    slack,
    line,
    watcher: new PostWatcher(slack),
    async close() {
      await Promise.allSettled([slack.close(), line.close()]);
    },
  };
}
