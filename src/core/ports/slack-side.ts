import type { ThreadPlace } from '../model/cases.js';
import type { CaseRootView, DmView, ThreadView } from './views.js';

/**
 * What the core needs from the chat where staff work (Slack): posting into case threads once, direct
 * messages to staff, and who is who. The Slack adapter implements these; the core never sees Block Kit.
 */

/**
 * The bookkeeping of a post that must happen once, kept in the database by the caller. An attempt
 * that started may have landed even when its answer was lost: the poster looks for it (by a tag in the
 * post's metadata) before posting again, after waiting a little when the attempt got no answer at all.
 */
export interface PostOnceRecord {
  startedAt: Date | null;
  noAnswerAt: Date | null;
  started(at: Date): Promise<void>;
  noAnswer(at: Date): Promise<void>;
}

/** The tag a post carries, by which a later attempt finds it. */
export type PostTag =
  | { type: 'message'; id: number }
  | { type: 'ping'; id: number }
  | { type: 'digest'; day: string }
  | { type: 'urgent_dm'; id: number }
  | { type: 'quota'; month: string; threshold: number };

/** A file on its way into a thread or a DM, streamed (never read whole into memory). */
export interface OutboundFile {
  name: string;
  title?: string;
  /** Known in advance (Slack's upload URL needs it). */
  length: number;
  body: NodeJS.ReadableStream | Buffer;
}

export interface ThreadPoster {
  /** Posts a case's root message in its channel; its thread is the case thread. Returns its ts. */
  postCaseRoot(channel: string, view: CaseRootView): Promise<string>;
  /** Posts the view into the thread once (see PostOnceRecord); returns the post's ts. */
  post(place: ThreadPlace, view: ThreadView, tag: PostTag, record: PostOnceRecord): Promise<string>;
  /** The post an earlier attempt made but never recorded, if any (same waiting rule as `post`). */
  findEarlier(place: ThreadPlace, tag: PostTag, record: PostOnceRecord): Promise<string | undefined>;
  /** Shows the current version of a note in its post; 'gone' when staff deleted the post. */
  update(place: ThreadPlace, ts: string, view: ThreadView): Promise<'updated' | 'gone'>;
  /** Replaces a post with the "withdrawn by its sender" note; a post staff deleted counts as done. */
  replaceWithWithdrawn(place: ThreadPlace, ts: string): Promise<void>;
  /** ✅ on a post: what staff sent reached LINE. Safe to repeat. */
  markDelivered(place: ThreadPlace, ts: string): Promise<void>;
  /** Starts an upload: the file id it will have, and where to send the bytes. */
  startUpload(name: string, length: number): Promise<{ fileId: string; uploadTo: string }>;
  /** Sends the bytes to where `startUpload` said, then shares the file into the thread. */
  finishUpload(place: ThreadPlace, upload: { fileId: string; uploadTo: string }, file: OutboundFile): Promise<void>;
  /** Files shared into the thread since `since` (an upload an earlier attempt completed). */
  filesSince(place: ThreadPlace, since: Date): Promise<Array<{ id: string; name: string }>>;
  /** Deletes a file; one already gone counts as done. */
  deleteFile(fileId: string): Promise<void>;
}

export interface DirectMessenger {
  /** Sends a view to a staff member's DM once (see PostOnceRecord); returns where it is. */
  post(userId: string, view: DmView, tag: PostTag, record: PostOnceRecord): Promise<{ channel: string; ts: string }>;
  /** Sends files to a staff member's DM, with a comment. */
  sendFiles(userId: string, files: OutboundFile[], comment: DmView): Promise<void>;
  /** Sends a staff member the add-friend link of an invite as a QR code (scanning it opens LINE with the code filled in). */
  sendInviteQr(userId: string, caseCode: string, link: string): Promise<void>;
}

/** A channel shared with other organisations (Slack Connect), and who they are. */
export interface ChannelSharing {
  shared: boolean;
  organisations: Array<{ teamId: string; name: string | null }>;
}

export interface Directory {
  /** Whether a staff member is a member of a channel now (no answer kept that could outlive a removal). */
  isMember(channel: string, userId: string): Promise<boolean>;
  /** Whether a channel is shared with other organisations, and with whom. */
  sharing(channel: string, teamId: string | null): Promise<ChannelSharing>;
  /** A staff member's display name (for exports and record forms; never logged). */
  staffName(userId: string): Promise<string>;
  /**
   * Whether a person is an admin or owner of the workspace the app is installed in, as Slack says now
   * (no answer kept): never a guest, a deactivated account, or someone of another organisation.
   */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
}
