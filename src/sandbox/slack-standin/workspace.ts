import type {
  SlackChannel,
  SlackEphemeralRecord,
  SlackFileRecord,
  SlackMessageRecord,
  SlackUser,
  SlackViewRecord,
  SlackWorkspaceState,
} from '../shared/slack-types.js';

/** Where uploaded file bytes live (a folder for the demo, memory for tests). */
export interface FileBytes {
  get(id: string): Buffer | undefined;
  put(id: string, bytes: Buffer): void;
}

export class MemoryFileBytes implements FileBytes {
  private readonly files = new Map<string, Buffer>();
  get(id: string): Buffer | undefined {
    return this.files.get(id);
  }
  put(id: string, bytes: Buffer): void {
    this.files.set(id, bytes);
  }
}

/** One Web API call as the bot made it, and how it was answered. */
export interface SlackApiCall {
  method: string;
  ok: boolean;
  error?: string;
  at: number;
}

/** Where a response_url posts to: the channel (and thread) of what the person did, and the message they acted on. */
export interface ResponseTarget {
  channel: string;
  user: string;
  threadTs?: string;
  /** The message a button was on (replace_original / delete_original). */
  source?: { ts: string; ephemeralId?: string };
  uses: number;
  /** Real time: Slack's response URLs work 5 times within 30 minutes. */
  createdAt: number;
}

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
/** A trigger_id is good for one views.open within 3 seconds. */
export const TRIGGER_TTL_MS = 3000;

export function emptyWorkspace(): SlackWorkspaceState {
  return {
    team: { id: 'T0DEMO', name: 'つなぎ就労支援センター', domain: 'tsunagi-demo' },
    botUserId: 'U0TSUNAGI',
    botId: 'B0TSUNAGI',
    appId: 'A0TSUNAGI',
    users: [],
    channels: [],
    messages: [],
    ephemerals: [],
    views: [],
    files: [],
    counter: 0,
  };
}

/**
 * A Slack workspace in memory: users, channels, messages and threads, ephemerals, modals, files.
 * The Web API (web-api.ts) and the people on the page (interactions.ts) both act on it. The clock
 * gives message timestamps (the demo's clock, so the bot's "since" searches agree with it).
 */
export class SlackWorkspace {
  readonly calls: SlackApiCall[] = [];
  readonly responseTargets = new Map<string, ResponseTarget>();
  readonly triggers = new Map<string, { user: string; createdAt: number; used: boolean }>();
  private readonly listeners = new Set<() => void>();
  private lastTsMicros = 0;

  constructor(
    public state: SlackWorkspaceState,
    readonly clock: () => number,
    readonly bytes: FileBytes,
    /** Real time, for expiries Slack measures in real seconds (trigger ids, response URLs). */
    readonly realNow: () => number = Date.now,
  ) {}

  // ---- change notification ----------------------------------------------------------------------

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  // ---- ids --------------------------------------------------------------------------------------

  nextId(prefix: string): string {
    this.state.counter += 1;
    return `${prefix}${String(this.state.counter).padStart(6, '0')}`;
  }

  /** A message timestamp from the clock (`seconds.micros`), unique and increasing within a second. */
  nextTs(): string {
    let micros = this.clock() * 1000;
    const taken = new Set(this.state.messages.map((m) => m.ts));
    if (Math.floor(micros) <= this.lastTsMicros && Math.floor(micros / 1e6) === Math.floor(this.lastTsMicros / 1e6)) micros = this.lastTsMicros + 1;
    let ts = formatTs(Math.floor(micros));
    while (taken.has(ts)) {
      micros = Math.floor(micros) + 1;
      ts = formatTs(micros);
    }
    this.lastTsMicros = Math.floor(micros);
    return ts;
  }

  // ---- lookups ----------------------------------------------------------------------------------

  user(id: string | undefined): SlackUser | undefined {
    return id ? this.state.users.find((u) => u.id === id) : undefined;
  }

  channel(id: string | undefined): SlackChannel | undefined {
    return id ? this.state.channels.find((c) => c.id === id) : undefined;
  }

  message(channel: string | undefined, ts: string | undefined): SlackMessageRecord | undefined {
    if (!channel || !ts) return undefined;
    return this.state.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  liveMessage(channel: string | undefined, ts: string | undefined): SlackMessageRecord | undefined {
    const m = this.message(channel, ts);
    return m && !m.deleted ? m : undefined;
  }

  file(id: string | undefined): SlackFileRecord | undefined {
    return id ? this.state.files.find((f) => f.id === id) : undefined;
  }

  view(id: string | undefined): SlackViewRecord | undefined {
    return id ? this.state.views.find((v) => v.id === id) : undefined;
  }

  /** The modals open on a person's screen, bottom first. */
  openViews(user: string): SlackViewRecord[] {
    return this.state.views.filter((v) => v.user === user && v.open);
  }

  isMember(channel: SlackChannel, user: string): boolean {
    return channel.members.includes(user);
  }

  /** The DM between the bot and a person (created on first use, as conversations.open does). */
  imWith(user: string): SlackChannel {
    const found = this.state.channels.find((c) => c.isIm && c.imUser === user);
    if (found) return found;
    const im: SlackChannel = {
      id: this.nextId('D'),
      name: user,
      isIm: true,
      imUser: user,
      isPrivate: true,
      members: [user, this.state.botUserId],
      topic: '',
      created: Math.floor(this.clock() / 1000),
    };
    this.state.channels.push(im);
    return im;
  }

  // ---- changes ----------------------------------------------------------------------------------

  post(message: Omit<SlackMessageRecord, 'ts' | 'reactions'>): SlackMessageRecord {
    // A reply to a reply belongs to the parent's thread.
    const parent = message.threadTs ? this.message(message.channel, message.threadTs) : undefined;
    const threadTs = parent?.threadTs ?? message.threadTs;
    const stored: SlackMessageRecord = { ...dropUndefined(message), ...(threadTs ? { threadTs } : {}), ts: this.nextTs(), reactions: [] };
    this.state.messages.push(stored);
    this.changed();
    return stored;
  }

  postEphemeral(e: Omit<SlackEphemeralRecord, 'id' | 'ts'>): SlackEphemeralRecord {
    const stored: SlackEphemeralRecord = { ...dropUndefined(e), id: this.nextId('E'), ts: this.nextTs() };
    this.state.ephemerals.push(stored);
    this.changed();
    return stored;
  }

  /** A response_url for what `user` did in `channel`. */
  responseUrl(origin: string, target: Omit<ResponseTarget, 'uses' | 'createdAt'>): string {
    const id = this.nextId('R');
    this.responseTargets.set(id, { ...target, uses: 0, createdAt: this.realNow() });
    return `${origin}/response/${id}`;
  }

  /** A trigger_id that lets the bot open one modal on `user`'s screen within 3 seconds. */
  triggerId(user: string): string {
    const id = `${this.state.counter + 1}.${Math.floor(this.realNow() / 1000)}.${this.nextId('').padStart(8, '0')}`;
    this.triggers.set(id, { user, createdAt: this.realNow(), used: false });
    return id;
  }

  recordCall(call: SlackApiCall): void {
    this.calls.push(call);
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }
}

function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1e6);
  return `${seconds}.${String(micros - seconds * 1e6).padStart(6, '0')}`;
}

export function dropUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
