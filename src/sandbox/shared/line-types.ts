/**
 * The LINE stand-in's state: the office's official account and the phones of the people who talk
 * to it (each a LINE user with one chat), as the page shows them and as kept on disk between runs.
 */

export type LineMessageObject = { type: string } & Record<string, unknown>;

export interface LinePhone {
  /** LINE user id (`U` + 32 hex). */
  userId: string;
  displayName: string;
  /** Who this person is in the demo (本人, 母, 訪問看護師...), shown on the phone's frame. */
  persona: string;
  color: string;
  /** Friend of the office account; `blocked` after blocking it. */
  friendship: 'none' | 'friend' | 'blocked';
  /** Ever followed (a re-follow after a block carries `isUnblocked`). */
  everFollowed: boolean;
}

export interface LineChatItem {
  id: string;
  from: 'user' | 'bot';
  /** Demo-clock milliseconds. */
  at: number;
  message: LineMessageObject;
  /** Unsent by its sender (long press → 送信取消). */
  unsent?: boolean;
  /** Bot messages: pushed or replied (for the "no catch-all" record and the page's small print). */
  via?: 'push' | 'reply';
}

export interface LineContentRecord {
  /** A bundled sample file name under the samples folder. */
  sample: string;
  contentType: string;
}

export interface LineAccountState {
  bot: { userId: string; basicId: string; displayName: string; premiumId?: string };
  phones: LinePhone[];
  chats: Record<string, LineChatItem[]>;
  /** Message id → content served by the data API. */
  contents: Record<string, LineContentRecord>;
  counter: number;
}
