/**
 * The Slack stand-in's state: what a workspace holds, as the page shows it and as it is kept on disk
 * between runs (the bot's rows refer to these channel ids and timestamps). Plain data, no functions.
 */

export interface SlackUser {
  id: string;
  /** The handle (`sato`). */
  name: string;
  /** Shown name (`佐藤 美咲`). */
  realName: string;
  /** Job title shown in the profile (`支援員`). */
  title: string;
  isBot: boolean;
  /** Avatar colour. */
  color: string;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** A direct message between the bot and `imUser`. */
  isIm: boolean;
  imUser?: string;
  isPrivate: boolean;
  members: string[];
  topic: string;
  created: number;
}

export interface SlackReaction {
  name: string;
  users: string[];
}

export interface SlackFileRecord {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  user: string;
  created: number;
  /** Bytes received at the upload URL. */
  uploaded: boolean;
  completed: boolean;
  deleted: boolean;
  channel?: string;
  threadTs?: string;
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  /** Replies only: the thread parent's ts. */
  threadTs?: string;
  /** Who posted: a person, or the bot user. */
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: string[];
  username?: string;
  iconUrl?: string;
  iconEmoji?: string;
  reactions: SlackReaction[];
  edited?: string;
  deleted?: boolean;
  replyBroadcast?: boolean;
}

/** "Only visible to you": an answer to one person, never stored by Slack beyond the session. */
export interface SlackEphemeralRecord {
  id: string;
  channel: string;
  user: string;
  threadTs?: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  /** What posted it: the bot through the API or a response_url, or Slack itself (e.g. an unknown command). */
  from: 'bot' | 'slack';
  /** The ephemeral was replaced (replace_original) or dismissed. */
  hidden?: boolean;
}

/** A modal on someone's screen (views.open / push / update). */
export interface SlackViewRecord {
  id: string;
  user: string;
  view: Record<string, unknown>;
  hash: string;
  /** The view it was pushed on (views.push), for the stack and `previous_view_id`. */
  previousViewId?: string;
  rootViewId: string;
  /** Errors from the last `response_action: errors`, by block_id. */
  errors?: Record<string, string>;
  open: boolean;
}

export interface SlackCommandHint {
  command: string;
  description: string;
  usageHint: string;
}

export interface SlackShortcutHint {
  name: string;
  callbackId: string;
  description: string;
}

export interface SlackWorkspaceState {
  team: { id: string; name: string; domain: string };
  botUserId: string;
  botId: string;
  appId: string;
  users: SlackUser[];
  channels: SlackChannel[];
  messages: SlackMessageRecord[];
  ephemerals: SlackEphemeralRecord[];
  views: SlackViewRecord[];
  files: SlackFileRecord[];
  counter: number;
}

/** What a person clicked or picked in a message or modal (Slack's action object without its timestamps). */
export interface SlackActionInput {
  blockId: string;
  actionId: string;
  type: string;
  value?: string;
  text?: string;
  style?: string;
  selectedOption?: { text: string; value: string };
  selectedDate?: string;
  selectedTime?: string;
  selectedUser?: string;
}
