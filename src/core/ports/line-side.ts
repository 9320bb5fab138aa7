import type { ContactRole } from '../model/contacts.js';
import type { MediaKind, PushFailureReason } from '../model/messages.js';
import type { EmergencyGuidanceOverride } from '../urgent/list-file.js';

/** A local date and time in the office's time zone (core/office localTime): when staff will read a message. */
export interface OpeningTime {
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

/**
 * What the core says to people on LINE, as typed values: the LINE adapter words them (plain, polite
 * Japanese) and builds the templates and quick replies.
 */
export type FamilyMessage =
  | { type: 'welcome' }
  | { type: 'welcome_back' }
  | { type: 'not_linked' }
  | { type: 'wrong_code'; remaining: number }
  | { type: 'too_many_attempts' }
  | { type: 'code_already_used' }
  | { type: 'link_ended' }
  | { type: 'linking_unavailable' }
  /** What is shared with whom, then 同意する / 同意しない (postbacks carry the contact and the sharing tag). */
  | { type: 'consent_prompt'; contactId: number; role: ContactRole; outside: { names: string[]; unnamed: number } | null; tag: string }
  | { type: 'consent_pending' }
  | { type: 'consent_changed' }
  | { type: 'consent_thanks' }
  | { type: 'consent_declined' }
  | { type: 'consent_already_answered' }
  | { type: 'sent_before_consent' }
  | { type: 'withdrawn' }
  | { type: 'nothing_to_withdraw' }
  | { type: 'which_case'; cases: Array<{ id: number; label: string }> }
  | { type: 'case_chosen'; label: string }
  | { type: 'case_closed' }
  /** Outside office hours: the message reached the office, staff read it from `opening` (null: the next business day). */
  | { type: 'out_of_hours'; opening: OpeningTime | null; wording: EmergencyGuidanceOverride | null }
  /** Outside office hours, to a message that looks urgent: numbers to call now, and when staff read it. */
  | { type: 'emergency_guidance'; opening: OpeningTime | null; wording: EmergencyGuidanceOverride | null };

/** A LINE person the bot answers: by the event's reply token while fresh, else by push. */
export interface LinePerson {
  userId: string;
  replyToken?: string | undefined;
  /** When the event that brought the reply token happened (LINE's timestamp): an old token is not tried. */
  eventAt?: Date | undefined;
}

/** The channel's messages this month as LINE counts them, and its monthly limit (null: the plan has none). */
export interface MonthlyQuota {
  used: number;
  limit: number | null;
}

/** How marking as read went: LINE took it, or refused the token for good (too old, or the channel does not allow it). */
export type MarkReadOutcome = 'marked' | 'refused';

export type PushOutcome = { ok: true } | { ok: false; reason: PushFailureReason; retryable: boolean };

/** Content of a LINE message, streamed (never read whole), or why it cannot be. */
export type LineContent =
  | { ok: true; stream: NodeJS.ReadableStream & { destroy(): void; destroyed: boolean }; length: number; contentType: string | undefined }
  | { ok: false; reason: 'gone' | 'transcoding_failed' | 'too_large'; length?: number };

export interface LineMessenger {
  /**
   * Answers a person: with the reply token while it works (free), else by push with a retry key made
   * from `key`, so a retried job never says it twice. `attempt` > 1: a refused token was most likely
   * used by the earlier attempt, and nothing more is sent.
   */
  answer(to: LinePerson, messages: FamilyMessage[], key: string, attempt: number): Promise<void>;
  /** The words of answers as the person reads them (shown in the case thread under an automatic answer). */
  wording(messages: FamilyMessage[]): string;
  /**
   * Pushes staff texts (split as LINE needs: 5,000 UTF-16 units a message, 5 messages a request),
   * each request with a retry key made from `key` and its index, from request `from` on. Resolves
   * with the number of requests accepted so far, or the failure.
   */
  pushTexts(to: string, text: string, key: string, from: number, accepted: (done: number) => Promise<void>): Promise<PushOutcome>;
  /**
   * This month's use of the monthly message quota. A reading younger than `maxAgeMs` is answered
   * from memory (LINE is not asked on every push). Rejects when LINE does not answer.
   */
  monthlyQuota(maxAgeMs: number): Promise<MonthlyQuota>;
  /**
   * Marks the person's message of `markAsReadToken`, and their earlier ones, as read on LINE (既読).
   * Rejects with a retryable error when LINE did not answer or failed (5xx).
   */
  markAsRead(markAsReadToken: string): Promise<MarkReadOutcome>;
  /** Shows the loading animation in the person's chat for up to `seconds` (5..60). Never rejects: an animation is not worth a failure. */
  showLoading(userId: string, seconds: number): Promise<void>;
  /** The display name and picture, or nulls when LINE will not say (not a friend). */
  profile(userId: string): Promise<{ displayName: string | null; pictureUrl: string | null }>;
  /** The link that adds the office as a friend and fills in the code. */
  addFriendUrl(code: string): Promise<string>;
  /** A message's content (video and audio after LINE's transcoding), limited to `maxBytes`. */
  openContent(lineMessageId: string, kind: MediaKind, maxBytes: number): Promise<LineContent>;
  /** A file name for content LINE sends without one. */
  mediaFileName(kind: MediaKind, lineMessageId: string, contentType: string | undefined): string;
}
