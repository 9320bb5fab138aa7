import type { SlackActionInput, SlackChannel, SlackUser } from '../../../shared/slack-types.js';

/** A Block Kit text object. */
export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

export interface OptionObject {
  text: TextObject;
  value: string;
  description?: TextObject;
}

/** Any interactive element, as the app sent it. */
export type ElementObject = { type: string; action_id?: string } & Record<string, unknown>;

/** What a person did with an element (before the stand-in turns it into block_actions). */
export type ElementAction = SlackActionInput;

/** Everything blocks need to render and to act: who is who, and what happens on a click. */
export interface BlockEnv {
  users: SlackUser[];
  channels: SlackChannel[];
  /** A click or pick that Slack sends to the app at once (messages, and `actions` blocks in modals). */
  onAction(action: ElementAction): void;
  /** Modals only: the input values (view.state.values) and how an input changes them. */
  values?: Record<string, Record<string, Record<string, unknown>>>;
  setValue?(blockId: string, actionId: string, value: Record<string, unknown>): void;
  errors?: Record<string, string>;
  /** Slack shows images through its proxy. */
  imageSrc(url: string): string;
  onLink(url: string, event: MouseEvent): void;
}

export const textOf = (t: TextObject | string | undefined): string => (typeof t === 'string' ? t : (t?.text ?? ''));
