/**
 * A fake Slack Web API for tests: point a WebClient at it with `slackApiUrl: fake.url`.
 *
 * It keeps what the app did (messages, ephemerals, views, reactions, files, response_url posts)
 * and can misbehave on demand: queued faults per method (`fail`), per-channel rate limits (`rateLimit`).
 * Every answer is HTTP 200 `{ ok: true, ... }` or `{ ok: false, error }` unless a fault or a rate limit applies.
 *
 * Besides the Web API (`/api/<method>`) it serves a `response_url` endpoint (`/response/<id>`, see
 * `responseUrl()`) and the upload URLs of the files v2 flow (`/upload/F<n>`). Faults for those are
 * queued under the pseudo-methods `'response_url'` and `'upload'`.
 *
 * The workspace is team `T1` ("Test"). A channel can be shared with other organisations through Slack
 * Connect (`shareChannel`): `conversations.info` then shows Slack's shared flags and team ids, and
 * `team.info` names those teams.
 *
 * As Slack does, every Web API answer to an accepted token carries the scopes granted to it in the
 * `x-oauth-scopes` header (default: every scope the app's manifest asks for; `setGrantedScopes`), and
 * `conversations.info` says whether the bot is in the channel (`is_member`, from `setMembers`). Any token
 * is accepted unless `setToken` names the only valid one (others answer `invalid_auth`).
 */
import type { ServerResponse } from 'node:http';
import { BOT_SCOPES } from '../../src/slack/app-manifest.js';
import { clearArray, dropConnection, FakeHttpServer, FaultQueue, parseJson, sendBytes, sendJson, waitFor, type FakeRequest } from './http-fake.js';

/** A fault, consumed by one call of the method it was queued for. */
export interface Fault {
  /** 500 (or any non-429 status) → that status with `{ ok: false, error: 'internal_error' }`; 429 → rate limited. */
  status?: number;
  /** Slack-level error: HTTP 200 `{ ok: false, error }` (or the error code of a `status` answer). */
  error?: string;
  /** Retry-After seconds of a 429 answer (default 1). */
  retryAfter?: number;
  /** Waits this long before answering (then answers normally unless other fields say otherwise). */
  delayMs?: number;
  /** Destroys the socket without answering (after the delay). */
  drop?: boolean;
  /** Performs the method, then fails as described (500 unless `drop`/`status`/`error`): "Slack did it but we never heard back". */
  applyThenFail?: boolean;
}

export type SlackArgs = Record<string, unknown>;

export interface SlackCall {
  method: string;
  args: SlackArgs;
  at: number;
}

export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface SlackFileRef {
  id: string;
  title: string;
  name: string;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  /** Set on replies only (normalised to the thread parent's ts). */
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
  username?: string;
  icon_url?: string;
  icon_emoji?: string;
  reply_broadcast?: boolean;
  user: 'UBOT';
  bot_id: 'BBOT';
  /** Reaction names added by the bot, in order. */
  reactions: string[];
  deleted?: boolean;
  edited?: boolean;
  files?: SlackFileRef[];
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  message_ts: string;
}

export interface SlackView {
  id: string;
  trigger_id?: string;
  /** views.publish only: the user whose App Home this is. */
  user?: string;
  view: Record<string, unknown>;
  hash: string;
}

export interface SlackResponsePost {
  /** `/response/<id>` */
  path: string;
  body: unknown;
  at: number;
}

export interface SlackFile {
  id: string;
  filename: string;
  title?: string;
  /** `length` announced in files.getUploadURLExternal. */
  length?: number;
  bytes: Buffer;
  /** True once bytes were POSTed to the upload URL. */
  uploaded: boolean;
  /** Content-Type of the POST to the upload URL (a raw body, or multipart/form-data). */
  uploadContentType?: string;
  channel?: string;
  thread_ts?: string;
  completed: boolean;
  deleted?: boolean;
}

export interface SlackUserProfile {
  real_name?: string;
  display_name?: string;
  /** The workspace's admins and owners (users.info's flags; default false). */
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** Guests: multi-channel (restricted) and single-channel (ultra restricted). */
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  /** The person's own workspace (default T1, the app's; another for a Slack Connect partner). */
  team_id?: string;
}

/** A workspace as `team.info` describes it. */
export interface SlackTeam {
  id: string;
  name: string;
  domain?: string;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

type Answer = Record<string, unknown>;
type NewMessage = Omit<SlackMessage, 'ts' | 'user' | 'bot_id' | 'reactions'>;
type MethodHandler = (args: SlackArgs) => Answer;

/** What a route decided to answer, before faults get a say. */
interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const BOT = { user: 'UBOT', bot_id: 'BBOT' } as const;
/** The workspace the app is installed in (auth.test's team_id). */
const HOME_TEAM: SlackTeam = { id: 'T1', name: 'Test', domain: 'test' };
const JSON_FIELDS = ['blocks', 'metadata', 'view', 'attachments'] as const;

const ok = (extra: Answer = {}): Answer => ({ ok: true, ...extra });
const slackError = (error: string): Answer => ({ ok: false, error });

/** A string argument (numbers are accepted too, as JSON bodies may carry them); '' counts as missing. */
function str(args: SlackArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Drops keys whose value is undefined, so answers look like Slack's. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Slack's `limit`/`cursor` pagination over an in-memory list (cursor = offset). */
function paginate<T>(items: T[], args: SlackArgs, defaultLimit: number): { items: T[]; next_cursor: string } {
  const offset = Number(str(args, 'cursor') ?? 0) || 0;
  const limit = Number(str(args, 'limit') ?? 0) || defaultLimit;
  const end = offset + limit;
  return { items: items.slice(offset, end), next_cursor: end < items.length ? String(end) : '' };
}

/** Light block validation with Slack's real limits: ≤ 50 blocks in a message (100 in a modal or Home), section text ≤ 3000, header text ≤ 150. */
function blocksError(blocks: unknown, max = 50): string | undefined {
  if (!Array.isArray(blocks) || blocks.length > max) return 'invalid_blocks';
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null || typeof (block as { type?: unknown }).type !== 'string') return 'invalid_blocks';
    const { type, text } = block as { type: string; text?: { text?: unknown } };
    const length = typeof text?.text === 'string' ? text.text.length : 0;
    if ((type === 'section' && length > 3000) || (type === 'header' && length > 150)) return 'invalid_blocks';
  }
  return undefined;
}

/** Per-channel token bucket. */
class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class FakeSlack {
  /** Every Web API request (faulted and rate-limited ones included), in arrival order. */
  readonly calls: SlackCall[] = [];
  /** Every message posted (deleted ones included, flagged). */
  readonly messages: SlackMessage[] = [];
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views: SlackView[] = [];
  /** POSTs to `responseUrl()` URLs. */
  readonly responses: SlackResponsePost[] = [];
  /** Files of the upload v2 flow. */
  readonly files: SlackFile[] = [];
  /** Requests answered 429 by `rateLimit` buckets. */
  rateLimited = 0;

  private readonly faults = new FaultQueue<Fault>();
  private readonly standingFaults: Array<{ method: string; match: (args: SlackArgs) => boolean; fault: Fault }> = [];
  private readonly limits = new Map<string, RateLimit>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly members = new Map<string, string[]>();
  private readonly users = new Map<string, SlackUserProfile | null>();
  /** Channel → the other organisations' team ids it is shared with (Slack Connect). */
  private readonly sharedWith = new Map<string, string[]>();
  private readonly teams = new Map<string, SlackTeam>([[HOME_TEAM.id, HOME_TEAM]]);
  private token: string | undefined;
  private grantedScopes: string[] = Object.keys(BOT_SCOPES);
  private counter = 0;
  private readonly methods: Record<string, MethodHandler>;

  private constructor(
    private readonly http: FakeHttpServer,
    /** Slack's clock, for message timestamps (tests that move the app's clock move Slack's with it). */
    private readonly clock: () => number,
  ) {
    this.methods = this.buildMethods();
  }

  /** @internal use startFakeSlack() */
  static async start(clock: () => number = Date.now): Promise<FakeSlack> {
    // eslint-disable-next-line prefer-const -- assigned after the server it answers for has started
    let fake: FakeSlack | undefined;
    const http = await FakeHttpServer.start((req, res) => fake!.handle(req, res));
    fake = new FakeSlack(http, clock);
    return fake;
  }

  /** `http://127.0.0.1:PORT/api/` — the WebClient's `slackApiUrl`. */
  get url(): string {
    return `${this.http.origin}/api/`;
  }

  /** A response_url served by this fake; POSTs to it land in `responses`. */
  responseUrl(id = `R${this.next()}`): string {
    return `${this.http.origin}/response/${id}`;
  }

  // ---- queries ------------------------------------------------------------------------------

  /** Non-deleted messages of a channel, top-level and replies, in post order. */
  channelMessages(channel: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.deleted);
  }

  /** Non-deleted replies of a thread, in order, without the parent. */
  threadReplies(channel: string, thread_ts: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === thread_ts && !m.deleted);
  }

  /** The message with that ts (deleted ones included). */
  message(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The channel id conversations.open returns for a user. */
  dmChannelId(user: string): string {
    return `D${user}`;
  }

  /** Non-deleted messages posted to the DM opened with `user`. */
  dmMessages(user: string): SlackMessage[] {
    return this.channelMessages(this.dmChannelId(user));
  }

  /** Calls of one method, in order. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- configuration ------------------------------------------------------------------------

  /** Queues faults for `method` (or `'response_url'` / `'upload'`), consumed one per call, in order. */
  fail(method: string, ...faults: Fault[]): void {
    this.faults.push(method, faults);
  }

  /**
   * Fails every call of `method` whose arguments `match` accepts (one message Slack keeps refusing while
   * others pass), until the returned function is called. Takes precedence over queued faults.
   */
  failMatching(method: string, match: (args: SlackArgs) => boolean, fault: Fault): () => void {
    const rule = { method, match, fault };
    this.standingFaults.push(rule);
    return () => {
      const i = this.standingFaults.indexOf(rule);
      if (i >= 0) this.standingFaults.splice(i, 1);
    };
  }

  /** Faults queued for `method` and not yet consumed. */
  pendingFaults(method: string): number {
    return this.faults.pending(method);
  }

  /** A token bucket per channel for `method`; when empty the call answers 429 (Retry-After: 1) and is not performed. */
  rateLimit(method: string, limit: RateLimit): void {
    this.limits.set(method, limit);
  }

  /** The only bot token Slack accepts (others answer `invalid_auth`); undefined (the default): any token. */
  setToken(token: string | undefined): void {
    this.token = token;
  }

  /** The scopes the installed app was granted (the `x-oauth-scopes` header). Default: every scope of the manifest. */
  setGrantedScopes(scopes: string[]): void {
    this.grantedScopes = [...scopes];
  }

  /** conversations.members of `channel` (default `['U_STAFF', 'UBOT']`); conversations.info's `is_member` says whether UBOT is among them. */
  setMembers(channel: string, userIds: string[]): void {
    this.members.set(channel, [...userIds]);
  }

  /** users.info of `id`; `null` makes it `user_not_found`. Default: names equal to the id, a member (not an admin) of team T1. */
  setUser(id: string, profile: SlackUserProfile | null): void {
    this.users.set(id, profile);
  }

  /**
   * Shares `channel` through Slack Connect with these organisations (an empty list ends the sharing):
   * `conversations.info` shows `is_shared`/`is_ext_shared` and their ids in `shared_team_ids` and
   * `connected_team_ids`, and `team.info` answers with their names.
   */
  shareChannel(channel: string, teams: SlackTeam[]): void {
    for (const team of teams) this.teams.set(team.id, team);
    if (teams.length === 0) this.sharedWith.delete(channel);
    else
      this.sharedWith.set(
        channel,
        teams.map((team) => team.id),
      );
  }

  /** Clears everything recorded and configured (faults, limits, members, users, sharing). ts values keep increasing. */
  reset(): void {
    for (const list of [this.calls, this.messages, this.ephemerals, this.views, this.responses, this.files]) clearArray(list);
    this.rateLimited = 0;
    this.faults.clear();
    clearArray(this.standingFaults);
    this.limits.clear();
    this.buckets.clear();
    this.members.clear();
    this.users.clear();
    this.sharedWith.clear();
    this.teams.clear();
    this.teams.set(HOME_TEAM.id, HOME_TEAM);
    this.token = undefined;
    this.grantedScopes = Object.keys(BOT_SCOPES);
  }

  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return waitFor(predicate, timeoutMs);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private next(): number {
    return ++this.counter;
  }

  private lastTsMicros = 0;

  /**
   * Unique, increasing Slack timestamps from the real clock (seconds.microseconds), as Slack's are:
   * the app's `oldest`/`latest` filters compare them with the time it started a post.
   */
  private nextTs(): string {
    this.next();
    const micros = Math.max(this.clock() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private async handle(req: FakeRequest, res: ServerResponse): Promise<void> {
    const path = req.url.pathname;
    if (path.startsWith('/api/')) return this.handleApi(path.slice('/api/'.length), req, res);
    if (path.startsWith('/response/')) {
      const body = parseJson(req.body) ?? req.body.toString('utf8');
      return this.serve(res, 'response_url', () => {
        this.responses.push({ path, body, at: Date.now() });
        return { status: 200, json: { ok: true } };
      });
    }
    if (path.startsWith('/upload/')) {
      const bytes = await uploadedBytes(req);
      const contentType =
        String(req.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim() ?? '';
      return this.serve(res, 'upload', () => this.receiveUpload(path.slice('/upload/'.length), bytes, contentType));
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(method: string, req: FakeRequest, res: ServerResponse): Promise<void> {
    const args = await parseArgs(req);
    this.calls.push({ method, args, at: Date.now() });
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (\S+)/.exec(auth)?.[1] ?? str(args, 'token');
    if (!token) return sendJson(res, 200, slackError('not_authed'));
    if (this.token !== undefined && token !== this.token) return sendJson(res, 200, slackError('invalid_auth'));
    const standing = this.standingFaults.find((r) => r.method === method && r.match(args))?.fault;
    const scopes = { 'x-oauth-scopes': this.grantedScopes.join(',') };
    return this.serve(
      res,
      method,
      () => {
        if (!this.takeToken(method, str(args, 'channel') ?? '')) {
          this.rateLimited++;
          return { status: 429, json: slackError('ratelimited'), headers: { 'retry-after': '1' } };
        }
        const handler = this.methods[method];
        return { status: 200, json: handler ? handler(args) : slackError('unknown_method'), headers: scopes };
      },
      standing,
    );
  }

  /** Applies the queued fault (if any) around `perform`, then writes the reply. */
  private async serve(res: ServerResponse, faultKey: string, perform: () => Reply, standing?: Fault): Promise<void> {
    const fault = standing ?? this.faults.take(faultKey);
    if (fault?.delayMs) await this.http.delay(fault.delayMs);
    const failing = fault !== undefined && (fault.drop || fault.status !== undefined || fault.error !== undefined);
    if (fault && failing && !fault.applyThenFail) return answerFault(res, fault);
    const reply = perform();
    if (fault?.applyThenFail && reply.status === 200) return answerFault(res, fault);
    if (reply.json !== undefined) sendJson(res, reply.status, reply.json, reply.headers);
    else sendBytes(res, reply.status, reply.text ?? '', 'text/plain; charset=utf-8', reply.headers);
  }

  private takeToken(method: string, channel: string): boolean {
    const limit = this.limits.get(method);
    if (!limit) return true;
    const key = `${method}\u0000${channel}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(limit)));
    return bucket.take();
  }

  private receiveUpload(id: string, bytes: Buffer, contentType: string): Reply {
    const file = this.files.find((f) => f.id === id);
    if (!file) return { status: 404, text: 'Not Found' };
    file.bytes = bytes;
    file.uploadContentType = contentType;
    file.uploaded = true;
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  // ---- Web API methods ----------------------------------------------------------------------

  /** A stored message as Slack's API renders it. */
  private render(m: SlackMessage): Answer {
    const replies = m.thread_ts === undefined ? this.threadReplies(m.channel, m.ts) : [];
    const thread =
      m.thread_ts !== undefined
        ? { thread_ts: m.thread_ts }
        : replies.length > 0
          ? { thread_ts: m.ts, reply_count: replies.length, latest_reply: replies[replies.length - 1]!.ts }
          : {};
    return compact({
      type: 'message',
      ...BOT,
      ts: m.ts,
      ...thread,
      text: m.text,
      blocks: m.blocks,
      attachments: m.attachments,
      metadata: m.metadata,
      username: m.username,
      icons: m.icon_url || m.icon_emoji ? compact({ image_48: m.icon_url, emoji: m.icon_emoji }) : undefined,
      reactions: m.reactions.length > 0 ? m.reactions.map((name) => ({ name, users: [BOT.user], count: 1 })) : undefined,
      edited: m.edited ? { user: BOT.user, ts: m.ts } : undefined,
      files: m.files,
    });
  }

  /** The live (non-deleted) message, or undefined. */
  private live(channel: string | undefined, ts: string | undefined): SlackMessage | undefined {
    if (!channel || !ts) return undefined;
    const m = this.message(channel, ts);
    return m && !m.deleted ? m : undefined;
  }

  private post(message: NewMessage): SlackMessage {
    // A reply to a reply belongs to the parent's thread.
    const parent = message.thread_ts ? this.message(message.channel, message.thread_ts) : undefined;
    const thread_ts = parent?.thread_ts ?? message.thread_ts;
    const stored: SlackMessage = { ...compact({ ...message, thread_ts }), ts: this.nextTs(), ...BOT, reactions: [] };
    this.messages.push(stored);
    return stored;
  }

  private openView(args: SlackArgs): Answer {
    const trigger_id = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
    const view = args.view;
    if (!trigger_id || typeof view !== 'object' || view === null) return slackError('invalid_arguments');
    const modal = view as { type?: unknown; blocks?: unknown };
    if (modal.type !== 'modal' || blocksError(modal.blocks ?? [], 100)) return slackError('invalid_arguments');
    const stored: SlackView = { id: `V${this.next()}`, trigger_id, view: view as Record<string, unknown>, hash: `h${this.next()}` };
    this.views.push(stored);
    return ok({ view: renderView(stored) });
  }

  private buildMethods(): Record<string, MethodHandler> {
    return {
      'auth.test': () => ok({ url: 'https://test.slack.com/', team: 'Test', user: 'tsunagi', team_id: 'T1', user_id: BOT.user, bot_id: BOT.bot_id }),

      'chat.postMessage': (args) => {
        const channel = str(args, 'channel');
        if (!channel) return slackError('channel_not_found');
        if (!str(args, 'text') && args.blocks === undefined && args.attachments === undefined) return slackError('no_text');
        if (args.blocks !== undefined && blocksError(args.blocks)) return slackError('invalid_blocks');
        const m = this.post({
          channel,
          thread_ts: str(args, 'thread_ts'),
          text: str(args, 'text') ?? '',
          blocks: args.blocks as unknown[] | undefined,
          attachments: args.attachments as unknown[] | undefined,
          metadata: args.metadata as SlackMetadata | undefined,
          username: str(args, 'username'),
          icon_url: str(args, 'icon_url'),
          icon_emoji: str(args, 'icon_emoji'),
          reply_broadcast: args.reply_broadcast === undefined ? undefined : truthy(args.reply_broadcast),
        });
        return ok({ channel, ts: m.ts, message: this.render(m) });
      },

      'chat.postEphemeral': (args) => {
        const channel = str(args, 'channel');
        const user = str(args, 'user');
        if (!channel) return slackError('channel_not_found');
        if (!user) return slackError('user_not_in_channel');
        if (!str(args, 'text') && args.blocks === undefined) return slackError('no_text');
        const message_ts = this.nextTs();
        const ephemeral: SlackEphemeral = {
          channel,
          user,
          text: str(args, 'text') ?? '',
          blocks: args.blocks as unknown[] | undefined,
          thread_ts: str(args, 'thread_ts'),
          message_ts,
        };
        this.ephemerals.push(compact(ephemeral));
        return ok({ message_ts });
      },

      'chat.update': (args) => {
        const m = this.live(str(args, 'channel'), str(args, 'ts'));
        if (!m) return slackError('message_not_found');
        if (args.blocks !== undefined && blocksError(args.blocks)) return slackError('invalid_blocks');
        // Fields left out keep their previous value, as in Slack.
        if (args.text !== undefined) m.text = String(args.text);
        if (args.blocks !== undefined) m.blocks = args.blocks as unknown[];
        if (args.attachments !== undefined) m.attachments = args.attachments as unknown[];
        if (args.metadata !== undefined) m.metadata = args.metadata as SlackMetadata;
        m.edited = true;
        return ok({ channel: m.channel, ts: m.ts, text: m.text, message: this.render(m) });
      },

      'chat.delete': (args) => {
        const m = this.live(str(args, 'channel'), str(args, 'ts'));
        if (!m) return slackError('message_not_found');
        m.deleted = true;
        return ok({ channel: m.channel, ts: m.ts });
      },

      'chat.getPermalink': (args) => {
        const m = this.live(str(args, 'channel'), str(args, 'message_ts'));
        if (!m) return slackError('message_not_found');
        return ok({ channel: m.channel, permalink: `https://test.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}` });
      },

      'reactions.add': (args) => {
        const m = this.live(str(args, 'channel'), str(args, 'timestamp'));
        const name = str(args, 'name');
        if (!m) return slackError('message_not_found');
        if (!name) return slackError('invalid_name');
        if (m.reactions.includes(name)) return slackError('already_reacted');
        m.reactions.push(name);
        return ok();
      },

      'reactions.remove': (args) => {
        const m = this.live(str(args, 'channel'), str(args, 'timestamp'));
        const name = str(args, 'name');
        if (!m) return slackError('message_not_found');
        if (!name || !m.reactions.includes(name)) return slackError('no_reaction');
        m.reactions.splice(m.reactions.indexOf(name), 1);
        return ok();
      },

      'views.open': (args) => this.openView(args),
      'views.push': (args) => this.openView(args),

      'views.update': (args) => {
        const id = str(args, 'view_id');
        const externalId = str(args, 'external_id');
        const stored = this.views.find((v) => (id ? v.id === id : externalId !== undefined && v.view.external_id === externalId));
        if (!stored) return slackError('not_found');
        const hash = str(args, 'hash');
        if (hash && hash !== stored.hash) return slackError('hash_conflict');
        if (typeof args.view !== 'object' || args.view === null) return slackError('invalid_arguments');
        stored.view = args.view as Record<string, unknown>;
        stored.hash = `h${this.next()}`;
        return ok({ view: renderView(stored) });
      },

      'views.publish': (args) => {
        const user = str(args, 'user_id');
        if (!user || typeof args.view !== 'object' || args.view === null) return slackError('invalid_arguments');
        // As Slack: only a Home tab view is published, with at most 100 blocks.
        const home = args.view as { type?: unknown; blocks?: unknown };
        if (home.type !== 'home' || blocksError(home.blocks ?? [], 100)) return slackError('invalid_arguments');
        if (this.users.get(user) === null) return slackError('user_not_found');
        let stored = this.views.find((v) => v.user === user);
        if (!stored) this.views.push((stored = { id: `V${this.next()}`, user, view: {}, hash: '' }));
        stored.view = args.view as Record<string, unknown>;
        stored.hash = `h${this.next()}`;
        return ok({ view: renderView(stored) });
      },

      'conversations.open': (args) => {
        const channel = str(args, 'channel');
        const users = str(args, 'users');
        if (channel) return ok({ channel: { id: channel } });
        if (!users) return slackError('users_list_not_supplied');
        return ok({ channel: { id: `D${users.split(',').join('')}` } });
      },

      'conversations.members': (args) => {
        const channel = str(args, 'channel');
        if (!channel) return slackError('channel_not_found');
        const page = paginate(this.members.get(channel) ?? ['U_STAFF', BOT.user], args, 100);
        return ok({ members: page.items, response_metadata: { next_cursor: page.next_cursor } });
      },

      'conversations.info': (args) => {
        const id = str(args, 'channel');
        if (!id) return slackError('channel_not_found');
        const external = this.sharedWith.get(id) ?? [];
        const shared = external.length > 0;
        return ok({
          channel: {
            id,
            name: `team-${id}`,
            is_channel: !id.startsWith('D'),
            is_member: (this.members.get(id) ?? ['U_STAFF', BOT.user]).includes(BOT.user),
            is_im: id.startsWith('D'),
            is_private: false,
            is_archived: false,
            // As Slack answers: is_ext_shared implies is_shared; shared_team_ids holds every team in the
            // channel (the home team first), connected_team_ids the other organisations.
            is_shared: shared,
            is_ext_shared: shared,
            is_org_shared: false,
            is_pending_ext_shared: false,
            pending_shared: [],
            pending_connected_team_ids: [],
            context_team_id: HOME_TEAM.id,
            conversation_host_id: HOME_TEAM.id,
            shared_team_ids: [HOME_TEAM.id, ...external],
            ...(shared ? { connected_team_ids: [...external] } : {}),
          },
        });
      },

      'team.info': (args) => {
        const id = str(args, 'team') ?? HOME_TEAM.id;
        const team = this.teams.get(id);
        if (!team) return slackError('team_not_found');
        const domain = team.domain ?? team.id.toLowerCase();
        return ok({ team: { id: team.id, name: team.name, domain, email_domain: '', icon: { image_default: true } } });
      },

      'conversations.replies': (args) => {
        const channel = str(args, 'channel');
        const found = channel ? this.message(channel, str(args, 'ts') ?? '') : undefined;
        if (!channel || !found) return slackError('thread_not_found');
        const rootTs = found.thread_ts ?? found.ts;
        const root = this.message(channel, rootTs);
        // As on Slack: the parent first, always; replies filtered by oldest/latest (exclusive unless `inclusive`).
        const oldest = Number(str(args, 'oldest') ?? '0');
        const latest = Number(str(args, 'latest') ?? 'Infinity');
        const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
        const inRange = (ts: string) => {
          const n = Number(ts);
          return inclusive ? n >= oldest && n <= latest : n > oldest && n < latest;
        };
        const replies = this.threadReplies(channel, rootTs).filter((m) => inRange(m.ts));
        const thread = [...(root && !root.deleted ? [root] : []), ...replies];
        const page = paginate(thread, args, 1000);
        return ok({
          messages: page.items.map((m) => this.render(m)),
          has_more: page.next_cursor !== '',
          response_metadata: { next_cursor: page.next_cursor },
        });
      },

      'conversations.history': (args) => {
        const channel = str(args, 'channel');
        if (!channel) return slackError('channel_not_found');
        const oldest = Number(str(args, 'oldest') ?? '0');
        const latest = Number(str(args, 'latest') ?? 'Infinity');
        const topLevel = this.channelMessages(channel)
          .filter((m) => m.thread_ts === undefined && Number(m.ts) > oldest && Number(m.ts) < latest)
          .reverse();
        const page = paginate(topLevel, args, 100);
        return ok({
          messages: page.items.map((m) => this.render(m)),
          has_more: page.next_cursor !== '',
          response_metadata: { next_cursor: page.next_cursor },
        });
      },

      'users.info': (args) => {
        const id = str(args, 'user');
        const profile = id ? this.users.get(id) : null;
        if (!id || profile === null) return slackError('user_not_found');
        const real_name = profile?.real_name ?? id;
        const display_name = profile?.display_name ?? id;
        // As Slack answers users.info: the person's team, the role flags (false when not set) and the account's state.
        return ok({
          user: {
            id,
            team_id: profile?.team_id ?? HOME_TEAM.id,
            name: id,
            deleted: profile?.deleted ?? false,
            real_name,
            profile: { display_name, real_name },
            tz: 'Asia/Tokyo',
            locale: 'ja-JP',
            is_admin: profile?.is_admin ?? false,
            is_owner: profile?.is_owner ?? false,
            is_primary_owner: profile?.is_primary_owner ?? false,
            is_restricted: profile?.is_restricted ?? false,
            is_ultra_restricted: profile?.is_ultra_restricted ?? false,
            is_bot: profile?.is_bot ?? false,
            is_app_user: false,
          },
        });
      },

      'files.getUploadURLExternal': (args) => {
        const filename = str(args, 'filename');
        const length = Number(str(args, 'length'));
        if (!filename || !Number.isFinite(length)) return slackError('invalid_arguments');
        const id = `F${this.next()}`;
        this.files.push({ id, filename, length, bytes: Buffer.alloc(0), uploaded: false, completed: false });
        return ok({ upload_url: `${this.http.origin}/upload/${id}`, file_id: id });
      },

      'files.completeUploadExternal': (args) => {
        const raw = typeof args.files === 'string' ? parseJson(Buffer.from(args.files)) : args.files;
        if (!Array.isArray(raw) || raw.length === 0) return slackError('invalid_arguments');
        const entries = raw as Array<{ id?: string; title?: string }>;
        const files = entries.map((e) => this.files.find((f) => f.id === e.id && f.uploaded && !f.deleted));
        if (files.some((f) => f === undefined)) return slackError('file_not_found');
        const channel = str(args, 'channel_id') ?? str(args, 'channels')?.split(',')[0];
        const thread_ts = str(args, 'thread_ts');
        const refs = (files as SlackFile[]).map((f, i) => {
          f.title = entries[i]!.title ?? f.filename;
          f.completed = true;
          Object.assign(f, compact({ channel, thread_ts }));
          return { id: f.id, title: f.title, name: f.filename };
        });
        if (channel) {
          this.post({ channel, thread_ts, text: str(args, 'initial_comment') ?? '', files: refs });
        }
        return ok({ files: refs.map(({ id, title }) => ({ id, title })) });
      },

      'files.delete': (args) => {
        const file = this.files.find((f) => f.id === str(args, 'file'));
        if (!file) return slackError('file_not_found');
        if (file.deleted) return slackError('file_deleted');
        file.deleted = true;
        return ok();
      },

      'files.info': (args) => {
        const file = this.files.find((f) => f.id === str(args, 'file'));
        if (!file) return slackError('file_not_found');
        if (file.deleted) return slackError('file_deleted');
        return ok({
          file: { id: file.id, name: file.filename, title: file.title ?? file.filename, size: file.bytes.length, channels: file.channel ? [file.channel] : [] },
        });
      },
    };
  }
}

function renderView(v: SlackView): Answer {
  return { ...v.view, id: v.id, team_id: 'T1', hash: v.hash, bot_id: BOT.bot_id };
}

function answerFault(res: ServerResponse, fault: Fault): void {
  if (fault.drop) return dropConnection(res);
  if (fault.status === 429) {
    return sendJson(res, 429, slackError('ratelimited'), { 'retry-after': String(fault.retryAfter ?? 1) });
  }
  if (fault.status !== undefined) return sendJson(res, fault.status, slackError(fault.error ?? 'internal_error'));
  if (fault.error !== undefined) return sendJson(res, 200, slackError(fault.error));
  sendJson(res, 500, slackError('internal_error')); // applyThenFail alone
}

/** Web API arguments from the query string and a form, JSON or multipart body; JSON-valued form fields parsed. */
async function parseArgs(req: FakeRequest): Promise<SlackArgs> {
  const args: SlackArgs = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const body = parseJson(req.body);
    if (typeof body === 'object' && body !== null) Object.assign(args, body);
  } else if (type.includes('multipart/form-data')) {
    const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
    for (const [key, value] of form) args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  } else if (req.body.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(req.body.toString('utf8'))));
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value === 'string') {
      const parsed = parseJson(Buffer.from(value));
      if (parsed !== undefined) args[key] = parsed;
    }
  }
  return args;
}

/** Bytes sent to an upload URL: the first file of a multipart body (what WebClient sends), else the raw body. */
async function uploadedBytes(req: FakeRequest): Promise<Buffer> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('multipart/form-data')) return req.body;
  const form = await new Response(req.body, { headers: { 'content-type': type } }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return req.body;
}

/** Starts a fake Slack Web API on 127.0.0.1 (free port). */
export function startFakeSlack(options: { clock?: () => number } = {}): Promise<FakeSlack> {
  return FakeSlack.start(options.clock);
}
