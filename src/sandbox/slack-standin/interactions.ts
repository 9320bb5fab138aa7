import { randomBytes } from 'node:crypto';
import type { SlackActionInput, SlackMessageRecord, SlackViewRecord } from '../shared/slack-types.js';
import { asPayloadForm, deliverToApp, type Delivery, type SlackAppEndpoint } from './deliver.js';
import type { SlackAppManifest } from './manifest.js';
import { renderMessage, renderView } from './methods/render.js';
import type { SlackWorkspace } from './workspace.js';

/** What a person clicked or picked, as the page reports it. */
export type ActionInput = SlackActionInput;

export type ActionContainer = { type: 'message'; channel: string; ts: string; ephemeralId?: string } | { type: 'view'; viewId: string };

/** Input values of a modal in Slack's `view.state.values` shape: block_id → action_id → value object. */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export class SlackPersonError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const escapeEntities = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What people do in the Slack client, turned into what Slack sends the app: message events, slash
 * commands, block actions, message shortcuts, view submissions, each signed with the app's signing
 * secret, and what Slack does with the app's answers (ephemeral errors, response_action).
 */
export class SlackPeople {
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ws: SlackWorkspace,
    private readonly manifest: SlackAppManifest,
    private readonly app: () => SlackAppEndpoint | undefined,
    /** The stand-in API's origin (response URLs point there). */
    private readonly origin: () => string,
    private readonly onDeliveryProblem: (what: string, delivery: Delivery) => void = () => {},
  ) {}

  close(): void {
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
  }

  /** A person posts a message in a channel or thread; the app hears it if it is in the channel and subscribed. */
  async postMessage(user: string, channelId: string, text: string, threadTs?: string): Promise<SlackMessageRecord> {
    const channel = this.requireChannel(channelId, user);
    if (!text.trim()) throw new SlackPersonError('no_text');
    const m = this.ws.post({ channel: channel.id, threadTs, user, text: this.encodeMentions(escapeEntities(text), false) });
    const subscribed = channel.isIm
      ? this.manifest.botEvents.includes('message.im')
      : this.manifest.botEvents.includes(channel.isPrivate ? 'message.groups' : 'message.channels');
    if (subscribed && this.ws.isMember(channel, this.ws.state.botUserId)) {
      const event = {
        type: 'message',
        channel: channel.id,
        user,
        text: m.text,
        ts: m.ts,
        event_ts: m.ts,
        channel_type: channel.isIm ? 'im' : channel.isPrivate ? 'group' : 'channel',
        team: this.ws.state.team.id,
        ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: this.ws.message(channel.id, m.threadTs)?.user } : {}),
        blocks: [
          { type: 'rich_text', block_id: randomBytes(3).toString('hex'), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] },
        ],
      };
      this.sendEvent(event, 0);
    }
    return m;
  }

  /**
   * A slash command typed in a channel (or a thread: Slack does not tell the app which thread, but shows
   * the answer there). Unknown commands are answered by Slack itself.
   */
  async runCommand(user: string, channelId: string, line: string, threadTs?: string): Promise<void> {
    const channel = this.requireChannel(channelId, user);
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
    const command = this.manifest.commands.find((c) => c.command === match?.[1]);
    if (!match || !command) {
      this.ws.postEphemeral({
        channel: channel.id,
        user,
        threadTs,
        text: `${match?.[1] ?? line}`,
        from: 'slack',
        blocks: [{ type: 'sandbox_notice', notice: 'unknown_command', command: match?.[1] ?? line }],
      });
      return;
    }
    const person = this.ws.user(user)!;
    const text = command.shouldEscape ? this.encodeMentions(escapeEntities(match[2] ?? ''), true) : (match[2] ?? '');
    const form = new URLSearchParams({
      token: 'verification-token-deprecated',
      team_id: this.ws.state.team.id,
      team_domain: this.ws.state.team.domain,
      channel_id: channel.id,
      channel_name: channel.isIm ? 'directmessage' : channel.name,
      user_id: user,
      user_name: person.name,
      command: command.command,
      text,
      api_app_id: this.ws.state.appId,
      is_enterprise_install: 'false',
      response_url: this.ws.responseUrl(this.origin(), { channel: channel.id, user, ...(threadTs ? { threadTs } : {}) }),
      trigger_id: this.ws.triggerId(user),
    }).toString();
    const answer = await this.deliver(form, 'application/x-www-form-urlencoded');
    if (answer.failed || answer.status !== 200) {
      this.ws.postEphemeral({
        channel: channel.id,
        user,
        threadTs,
        text: command.command,
        from: 'slack',
        blocks: [{ type: 'sandbox_notice', notice: 'dispatch_failed', command: command.command, detail: answer.failed ?? String(answer.status) }],
      });
      this.onDeliveryProblem(command.command, answer);
      return;
    }
    // An app may answer in the acknowledgement itself: shown to the invoker like a response_url post.
    const immediate = parseAnswer(answer);
    if (immediate && (typeof immediate.text === 'string' || Array.isArray(immediate.blocks))) {
      const body = immediate as { text?: string; blocks?: unknown[]; response_type?: string };
      if (body.response_type === 'in_channel')
        this.ws.post({ channel: channel.id, threadTs, user: this.ws.state.botUserId, botId: this.ws.state.botId, text: body.text ?? '', blocks: body.blocks });
      else this.ws.postEphemeral({ channel: channel.id, user, threadTs, text: body.text ?? '', blocks: body.blocks, from: 'bot' });
    }
  }

  /** A click, pick or date choice in a message or a modal (block_actions). */
  async act(user: string, container: ActionContainer, action: ActionInput, viewValues?: ViewStateValues): Promise<void> {
    const person = this.ws.user(user);
    if (!person) throw new SlackPersonError('user_not_found');
    const actionObject = {
      type: action.type,
      action_id: action.actionId,
      block_id: action.blockId,
      ...(action.text !== undefined ? { text: { type: 'plain_text', text: action.text, emoji: true } } : {}),
      ...(action.value !== undefined ? { value: action.value } : {}),
      ...(action.style ? { style: action.style } : {}),
      ...(action.selectedOption
        ? { selected_option: { text: { type: 'plain_text', text: action.selectedOption.text, emoji: true }, value: action.selectedOption.value } }
        : {}),
      ...(action.selectedDate !== undefined ? { selected_date: action.selectedDate } : {}),
      ...(action.selectedTime !== undefined ? { selected_time: action.selectedTime } : {}),
      ...(action.selectedUser !== undefined ? { selected_user: action.selectedUser } : {}),
      action_ts: (Date.now() / 1000).toFixed(6),
    };
    const base = {
      type: 'block_actions',
      user: { id: user, username: person.name, name: person.name, team_id: this.ws.state.team.id },
      api_app_id: this.ws.state.appId,
      token: 'verification-token-deprecated',
      trigger_id: this.ws.triggerId(user),
      team: { id: this.ws.state.team.id, domain: this.ws.state.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      actions: [actionObject],
    };
    let payload: Record<string, unknown>;
    if (container.type === 'view') {
      const view = this.ws.view(container.viewId);
      if (!view || !view.open || view.user !== user) throw new SlackPersonError('view_not_found');
      payload = { ...base, container: { type: 'view', view_id: view.id }, view: this.viewPayload(view, viewValues ?? {}), state: { values: viewValues ?? {} } };
    } else {
      const channel = this.requireChannel(container.channel, user);
      const ephemeral = container.ephemeralId ? this.ws.state.ephemerals.find((e) => e.id === container.ephemeralId && e.user === user) : undefined;
      const message = ephemeral ? undefined : this.ws.liveMessage(channel.id, container.ts);
      if (!ephemeral && !message) throw new SlackPersonError('message_not_found');
      const threadTs = ephemeral?.threadTs ?? message?.threadTs;
      payload = {
        ...base,
        container: {
          type: 'message',
          message_ts: container.ts,
          channel_id: channel.id,
          is_ephemeral: Boolean(ephemeral),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
        channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
        ...(message ? { message: renderMessage(this.ws, message, this.origin()) } : {}),
        state: { values: {} },
        response_url: this.ws.responseUrl(this.origin(), {
          channel: channel.id,
          user,
          ...(threadTs ? { threadTs } : {}),
          source: { ts: container.ts, ...(ephemeral ? { ephemeralId: ephemeral.id } : {}) },
        }),
      };
    }
    const answer = await this.deliver(asPayloadForm(payload), 'application/x-www-form-urlencoded');
    if (answer.failed || answer.status !== 200) this.onDeliveryProblem('block_actions', answer);
  }

  /** A message shortcut from a message's menu (message_action). */
  async shortcut(user: string, callbackId: string, channelId: string, ts: string): Promise<void> {
    const person = this.ws.user(user);
    const channel = this.requireChannel(channelId, user);
    const message = this.ws.liveMessage(channel.id, ts);
    if (!person || !message) throw new SlackPersonError('message_not_found');
    if (!this.manifest.shortcuts.some((s) => s.callbackId === callbackId)) throw new SlackPersonError('unknown_shortcut');
    const payload = {
      type: 'message_action',
      token: 'verification-token-deprecated',
      action_ts: (Date.now() / 1000).toFixed(6),
      team: { id: this.ws.state.team.id, domain: this.ws.state.team.domain },
      user: { id: user, name: person.name, team_id: this.ws.state.team.id },
      channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: this.ws.triggerId(user),
      response_url: this.ws.responseUrl(this.origin(), { channel: channel.id, user, ...(message.threadTs ? { threadTs: message.threadTs } : {}) }),
      message_ts: message.ts,
      message: renderMessage(this.ws, message, this.origin()),
    };
    const answer = await this.deliver(asPayloadForm(payload), 'application/x-www-form-urlencoded');
    if (answer.failed || answer.status !== 200) this.onDeliveryProblem('message_action', answer);
  }

  /** The modal's submit button: the app answers with nothing (close), errors, update, push or clear. */
  async submitView(user: string, viewId: string, values: ViewStateValues): Promise<'closed' | 'errors' | 'updated' | 'pushed' | 'failed'> {
    const view = this.ws.view(viewId);
    const person = this.ws.user(user);
    if (!view || !view.open || view.user !== user || !person) throw new SlackPersonError('view_not_found');
    const payload = {
      type: 'view_submission',
      team: { id: this.ws.state.team.id, domain: this.ws.state.team.domain },
      user: { id: user, username: person.name, name: person.name, team_id: this.ws.state.team.id },
      api_app_id: this.ws.state.appId,
      token: 'verification-token-deprecated',
      trigger_id: this.ws.triggerId(user),
      view: this.viewPayload(view, values),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const answer = await this.deliver(asPayloadForm(payload), 'application/x-www-form-urlencoded');
    if (answer.failed || answer.status !== 200) {
      view.errors = { __sandbox_connection: answer.failed ?? String(answer.status) };
      this.ws.changed();
      this.onDeliveryProblem('view_submission', answer);
      return 'failed';
    }
    const body = parseAnswer(answer) as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> } | undefined;
    switch (body?.response_action) {
      case 'errors':
        view.errors = body.errors ?? {};
        this.ws.changed();
        return 'errors';
      case 'update':
        if (body.view) {
          view.view = body.view;
          view.hash = `${Date.now()}.${this.ws.nextId('h')}`;
        }
        delete view.errors;
        this.ws.changed();
        return 'updated';
      case 'push':
        if (body.view) {
          const id = this.ws.nextId('V');
          this.ws.state.views.push({
            id,
            user,
            view: body.view,
            hash: `${Date.now()}.${this.ws.nextId('h')}`,
            previousViewId: view.id,
            rootViewId: view.rootViewId,
            open: true,
          });
        }
        this.ws.changed();
        return 'pushed';
      case 'clear':
        for (const v of this.ws.openViews(user)) v.open = false;
        this.ws.changed();
        return 'closed';
      default:
        view.open = false;
        this.ws.changed();
        return 'closed';
    }
  }

  /** The modal's close button (or ×): the app hears of it only if it asked to (notify_on_close). */
  async closeView(user: string, viewId: string, values: ViewStateValues = {}): Promise<void> {
    const view = this.ws.view(viewId);
    if (!view || view.user !== user) throw new SlackPersonError('view_not_found');
    const clearAll = view.view.clear_on_close === true;
    for (const v of clearAll ? this.ws.openViews(user) : [view]) v.open = false;
    this.ws.changed();
    if (view.view.notify_on_close === true) {
      const person = this.ws.user(user)!;
      const payload = {
        type: 'view_closed',
        team: { id: this.ws.state.team.id, domain: this.ws.state.team.domain },
        user: { id: user, username: person.name, name: person.name, team_id: this.ws.state.team.id },
        api_app_id: this.ws.state.appId,
        token: 'verification-token-deprecated',
        view: this.viewPayload(view, values),
        is_cleared: clearAll,
        is_enterprise_install: false,
      };
      await this.deliver(asPayloadForm(payload), 'application/x-www-form-urlencoded');
    }
  }

  /** `@handle` of a workspace member becomes a mention (`<@U…>`, with `|handle` when the command escapes). */
  encodeMentions(text: string, withName: boolean): string {
    return text.replace(/@([A-Za-z0-9._-]+)/g, (whole, handle: string) => {
      const user = this.ws.state.users.find((u) => u.name === handle);
      if (!user) return whole;
      return withName ? `<@${user.id}|${user.name}>` : `<@${user.id}>`;
    });
  }

  private viewPayload(view: SlackViewRecord, values: ViewStateValues): Record<string, unknown> {
    return { ...renderView(this.ws, view), state: { values }, app_installed_team_id: this.ws.state.team.id };
  }

  private requireChannel(channelId: string, user: string) {
    const channel = this.ws.channel(channelId);
    if (!channel) throw new SlackPersonError('channel_not_found');
    if (!this.ws.isMember(channel, user)) throw new SlackPersonError('not_in_channel');
    return channel;
  }

  private async deliver(body: string, type: 'application/json' | 'application/x-www-form-urlencoded', headers: Record<string, string> = {}): Promise<Delivery> {
    const app = this.app();
    if (!app) return { status: 0, body: '', contentType: '', failed: 'connection' };
    return deliverToApp(app, body, type, headers);
  }

  /** Events API: an answer other than 2xx within 3 s is retried three times (at once, after 1 and 5 minutes). */
  private sendEvent(event: Record<string, unknown>, attempt: number, eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`): void {
    const body = JSON.stringify({
      token: 'verification-token-deprecated',
      team_id: this.ws.state.team.id,
      api_app_id: this.ws.state.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.ws.state.team.id, user_id: this.ws.state.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(8).toString('hex')}`,
    });
    const retry = attempt > 0 ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_error' } : undefined;
    void this.deliver(body, 'application/json', retry).then((answer) => {
      if (!answer.failed && answer.status >= 200 && answer.status < 300) return;
      this.onDeliveryProblem('event_callback', answer);
      const delays = [0, 60_000, 300_000];
      const delay = delays[attempt];
      if (delay === undefined) return;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.sendEvent(event, attempt + 1, eventId);
      }, delay);
      timer.unref();
      this.retryTimers.add(timer);
    });
  }
}

function parseAnswer(answer: Delivery): Record<string, unknown> | undefined {
  if (!answer.body) return undefined;
  if (answer.contentType.includes('application/json')) {
    try {
      return JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return { text: answer.body };
}
