import type { AuditEntry } from '../model/audit.js';
import type { Case } from '../model/cases.js';
import type { Contact, ContactRole, ContactStatus, Invite } from '../model/contacts.js';
import type { Attachment, IncomingLineMessage, Message, MessageDetails, Note, PushFailureReason } from '../model/messages.js';
import type { CaseRecord, RecordFields, RecordVersion } from '../model/records.js';
import type { NewReminder, PingKind, Reminder, ReminderPing } from '../model/reminders.js';
import type { UrgentAlert, UrgentDm, UrgentDmKind, UrgentGroupHit } from '../model/urgent.js';

/**
 * The repositories: everything the core keeps, behind interfaces it defines. PostgreSQL implements
 * them (src/db/); each method is one query or one transaction, safe to repeat where it says so.
 */
export interface Store {
  cases: CaseStore;
  contacts: ContactStore;
  invites: InviteStore;
  choices: CaseChoiceStore;
  messages: MessageStore;
  unsent: UnsentStore;
  records: RecordStore;
  reminders: ReminderStore;
  audit: AuditStore;
  secrets: SecretStore;
  inbound: InboundStore;
  retention: RetentionStore;
  settings: SettingStore;
  urgent: UrgentStore;
  quotaWarnings: QuotaWarningStore;
}

/** One admin's warning that the month's LINE quota passed a threshold ('' as `userId`: nobody was set to be warned). */
export interface QuotaWarning {
  month: string;
  threshold: number;
  userId: string;
  used: number;
  limit: number;
  startedAt: Date | null;
  noAnswerAt: Date | null;
}

/** The admins' warnings about LINE's monthly quota: each (month, threshold, admin) once. */
export interface QuotaWarningStore {
  /**
   * Inserts the warnings not there yet, claimed by this process at `at` (`sent`: recorded as done, with
   * nothing to send); the ones inserted now.
   */
  claim(rows: ReadonlyArray<Omit<QuotaWarning, 'startedAt' | 'noAnswerAt'>>, at: Date, sent: boolean): Promise<QuotaWarning[]>;
  /** Warnings of `month` still unsent whose claim is older than `staleBefore` (a process that stopped): claimed again at `at`. */
  reclaim(month: string, staleBefore: Date, at: Date): Promise<QuotaWarning[]>;
  update(w: Pick<QuotaWarning, 'month' | 'threshold' | 'userId'>, patch: { startedAt?: Date; noAnswerAt?: Date; sentAt?: Date }): Promise<void>;
}

export interface CaseStore {
  create(values: Pick<Case, 'label' | 'service' | 'slackChannelId' | 'slackTeamId' | 'responsibleUserId'>): Promise<Case>;
  setThread(caseId: number, threadTs: string): Promise<void>;
  /** Only for a case whose root message could not be posted (nothing refers to it yet). */
  delete(caseId: number): Promise<void>;
  byId(id: number): Promise<Case | undefined>;
  byCode(code: string): Promise<Case | undefined>;
  byThread(channelId: string, threadTs: string): Promise<Case | undefined>;
  byIds(ids: readonly number[]): Promise<Case[]>;
  inChannel(channelId: string, includeClosed: boolean): Promise<Case[]>;
  /** Closes an open case; false when it was closed already. */
  close(caseId: number, at: Date): Promise<boolean>;
  update(id: number, values: Partial<Pick<Case, 'supervisorUserId' | 'monitoringIntervalMonths' | 'placementDate' | 'employer'>>): Promise<Case | undefined>;
}

export interface ContactStore {
  byId(id: number): Promise<Contact | undefined>;
  /** Every link of a LINE person, with its case (open cases only unless asked). */
  ofLineUser(
    lineUserId: string,
    options?: { statuses?: readonly ContactStatus[]; includeClosedCases?: boolean },
  ): Promise<Array<{ contact: Contact; case: Case }>>;
  ofCase(caseId: number, statuses?: readonly ContactStatus[]): Promise<Contact[]>;
  /**
   * Links (or re-links) a LINE person to a case through an invite, waiting for consent. A contact this
   * invite already linked is left as it is (a retried job must not undo what happened since).
   */
  linkByInvite(
    values: Pick<Contact, 'caseId' | 'lineUserId' | 'role' | 'relation' | 'displayName' | 'pictureUrl'> & { inviteId: number },
  ): Promise<{ contact: Contact; linked: boolean }>;
  /** Moves a contact to `status` if it is in one of `from`; the updated row, or undefined if it was not. */
  transition(
    contactId: number,
    from: readonly ContactStatus[],
    status: ContactStatus,
    extra?: Partial<Pick<Contact, 'consentGivenAt' | 'consentWithdrawnAt'>>,
  ): Promise<Contact | undefined>;
}

/** What a code presented by a LINE person turned out to be. */
export type Redemption =
  /** Unused and unexpired, now used by this event; or already used by this very event (a retried job). */
  | { outcome: 'redeemed'; invite: Invite }
  /** Used earlier by this same person, through another event (they sent their code again). */
  | { outcome: 'used_by_sender'; invite: Invite }
  /** No such code, expired, or used by someone else. */
  | { outcome: 'invalid' };

export interface InviteStore {
  create(values: { caseId: number; codeHash: string; role: ContactRole; relation: string | null; createdBy: string; expiresAt: Date }): Promise<Invite>;
  /** Marks the invite under one of `codeHashes` used by this event, if unused and unexpired (single use under races). */
  redeem(codeHashes: readonly string[], by: { lineUserId: string; inboundEventId: number }, now: Date): Promise<Redemption>;
  recordAttempt(lineUserId: string, success: boolean, at: Date): Promise<void>;
  failedAttemptsSince(lineUserId: string, since: Date): Promise<number>;
}

/** A message held until its sender (linked to several cases) says which case it is about. */
export interface HeldMessage {
  id: number;
  inboundEventId: number;
  message: IncomingLineMessage;
}

export interface CaseChoiceStore {
  current(lineUserId: string, now: Date): Promise<number | undefined>;
  remember(lineUserId: string, caseId: number, expiresAt: Date): Promise<void>;
  hold(lineUserId: string, inboundEventId: number, message: IncomingLineMessage): Promise<void>;
  held(lineUserId: string): Promise<HeldMessage[]>;
  release(id: number): Promise<void>;
  /** Lets go of a held message its sender withdrew; true when one was held. */
  dropHeld(lineUserId: string, lineMessageId: string): Promise<boolean>;
}

export type NewMessage = Pick<Message, 'caseId' | 'direction' | 'kind' | 'idempotencyKey'> &
  Partial<
    Pick<
      Message,
      | 'body'
      | 'attachments'
      | 'details'
      | 'note'
      | 'contactId'
      | 'slackUserId'
      | 'inboundEventId'
      | 'lineMessageId'
      | 'lineSentAt'
      | 'markAsReadToken'
      | 'slackChannelId'
      | 'slackTs'
      | 'sourceSlackTs'
    >
  >;

export interface MessageStore {
  /** Stores a message as its case's next; idempotent on `idempotencyKey`. */
  insert(values: NewMessage): Promise<{ message: Message; created: boolean }>;
  byId(id: number): Promise<Message | undefined>;
  byLineId(lineMessageId: string): Promise<Message[]>;
  bySlackTs(channelId: string, ts: string): Promise<Message | undefined>;
  /** What a case's thread still owes, in case order: posts, files still to copy, withdrawals to put right. */
  owedInThread(caseId: number): Promise<Message[]>;
  /** Cases whose thread owes something not touched since `before` (its job may be lost). */
  casesOwingThreadPosts(before: Date, limit?: number): Promise<number[]>;
  /** Staff messages to LINE still waiting for their push, not touched since `before`. */
  pushesOwed(before: Date, limit?: number): Promise<number[]>;
  /** Records whose card shows an older version, not touched since `before`. */
  cardsOwed(before: Date, limit?: number): Promise<Array<{ recordId: number; version: number }>>;
  postStarted(id: number, at: Date): Promise<void>;
  postGotNoAnswer(id: number, at: Date): Promise<void>;
  /**
   * Records the post's ts (and, for a card, the version it shows); the row as it is now (it may have
   * been withdrawn meanwhile). With `shownAt`, a message into the thread without files to copy is
   * marked shown in full by the same write, unless withdrawn.
   */
  recordPost(id: number, place: { channel: string; ts: string }, cardVersion?: number, shownAt?: Date): Promise<Message | undefined>;
  /** Records the files copied so far, unless the sender withdrew the message meanwhile (then false). */
  updateAttachments(id: number, attachments: Attachment[]): Promise<boolean>;
  /** Marks a relayed message shown in full, unless withdrawn meanwhile (then false). */
  markShown(id: number, at: Date): Promise<boolean>;
  /** Gives up posting a message (said in the thread): its failure count after this one. */
  markPostFailed(id: number, code: string): Promise<number>;
  /** A message whose thread post failed for good is owed again (再送する); true when it was failed. */
  reopenPost(id: number): Promise<boolean>;
  /** The sender withdrew it: text and files gone, the thread to put right. The row, or undefined when withdrawn already. */
  withdraw(id: number): Promise<Message | undefined>;
  /** The thread was put right after a withdrawal (or could not be). */
  withdrawalSettled(id: number, state: 'done' | 'failed'): Promise<void>;
  /** A card's version shown, or a card Slack refused for good (not offered again by the sweep). */
  setCardVersion(id: number, version: number): Promise<void>;
  /** For staff → LINE: requests LINE accepted so far. */
  pushProgress(id: number, requestsDone: number): Promise<void>;
  /** For staff → LINE: delivered; the row as it is now (its thread copy may be posted already). */
  markDelivered(id: number, at: Date): Promise<Message | undefined>;
  /** For staff → LINE: failed for good; the failure count after this one, or undefined when it was not pending. */
  markPushFailed(id: number, reason: PushFailureReason): Promise<number | undefined>;
  /** A failed push is pending again (再送する); true when it was failed. */
  reopenPush(id: number): Promise<boolean>;
  /** A case's messages exchanged with LINE (both directions), in time order, optionally within [from, to). */
  conversation(caseId: number, range?: { from?: Date; to?: Date }): Promise<Message[]>;
  /**
   * A contact's latest LINE message in a case (up to `upToId` when given) with a markAsReadToken and
   * not marked read yet.
   */
  latestUnread(caseId: number, contactId: number, upToId?: number): Promise<Message | undefined>;
  /** The contact's LINE messages in the case up to `upToId` are marked read on LINE (those not marked yet); how many. */
  markRead(caseId: number, contactId: number, upToId: number, at: Date): Promise<number>;
  /** Whether some message already records this Slack file (a file found in the thread belongs to no one else). */
  fileRecorded(fileId: string): Promise<boolean>;
}

/** LINE message ids their senders withdrew (unsend), whether or not the message was stored yet. Ids only. */
export interface UnsentStore {
  record(lineMessageId: string): Promise<void>;
  has(lineMessageId: string): Promise<boolean>;
}

export interface RecordStore {
  /** Stores a record and its first version; idempotent on `idempotencyKey`. */
  create(
    values: Pick<CaseRecord, 'caseId' | 'authorUserId' | 'category' | 'occurredAt' | 'body' | 'idempotencyKey'> &
      Partial<Pick<CaseRecord, 'contactKind' | 'place' | 'attendees' | 'fsoaip' | 'nextStep' | 'nextStepDate' | 'sourceMessageId' | 'sourceSlackTs'>>,
  ): Promise<{ record: CaseRecord; created: boolean }>;
  /** Saves an edit as the next version if the record is still at `expectedVersion`. */
  edit(id: number, expectedVersion: number, fields: RecordFields, editedBy: string): Promise<CaseRecord | undefined>;
  byId(id: number): Promise<CaseRecord | undefined>;
  setCard(id: number, cardMessageId: number): Promise<void>;
  latest(caseId: number, limit: number): Promise<CaseRecord[]>;
  ofCase(caseId: number, range?: { from?: Date; to?: Date }): Promise<CaseRecord[]>;
  versions(id: number): Promise<RecordVersion[]>;
}

export type ReminderScope = { reminderId: number } | { caseId: number; rule?: string } | { sourceRecordId: number };

export interface ReminderStore {
  /** Stores a reminder; idempotent on `idempotencyKey`. */
  insert(values: NewReminder): Promise<{ reminder: Reminder; created: boolean }>;
  byId(id: number): Promise<Reminder | undefined>;
  update(id: number, values: Partial<Omit<Reminder, 'id' | 'caseId'>>): Promise<Reminder | undefined>;
  openOfCase(caseId: number, limit?: number): Promise<Reminder[]>;
  openDueBy(lastDay: string): Promise<Reminder[]>;
  /** Cancels the open reminders in `scope`; the ones it cancelled. */
  cancelOpen(scope: ReminderScope): Promise<Array<{ id: number; caseId: number }>>;
  /** Adds pings (one planned at the same moment is kept); the reminder's pending pings. */
  addPings(reminderId: number, pings: Array<{ kind: PingKind; label: string; fireAt: Date; shiftReason?: string | null }>): Promise<ReminderPing[]>;
  cancelPendingPings(reminderId: number, kinds?: PingKind[]): Promise<void>;
  ping(id: number): Promise<ReminderPing | undefined>;
  /** Takes a due ping for sending: one worker of any replica; a claim older than `staleAfterSec` may be taken over. */
  claimPing(id: number, staleAfterSec: number): Promise<ReminderPing | undefined>;
  updatePing(id: number, values: Partial<Omit<ReminderPing, 'id' | 'reminderId'>>): Promise<void>;
  pendingPings(limit?: number): Promise<ReminderPing[]>;
  pingsOf(reminderId: number): Promise<ReminderPing[]>;
  hasEscalation(reminderId: number): Promise<boolean>;
  /** Takes the day's digest for one person (new, or a stale claim to resume). */
  claimDigest(day: string, userId: string, staleAfterSec: number): Promise<{ resumed: boolean; claimedAt: Date } | undefined>;
  updateDigest(day: string, userId: string, values: { dmChannelId?: string; dmTs?: string; sentAt?: Date; startedAt?: Date; noAnswerAt?: Date }): Promise<void>;
  digest(day: string, userId: string): Promise<{ startedAt: Date | null; noAnswerAt: Date | null } | undefined>;
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
}

export interface SecretStore {
  /** The secret named `name`, made once by whichever replica asks first. */
  ensure(name: string, generate: () => string): Promise<string>;
}

/** The intake's stored events, as far as the core acts on them. */
export interface InboundStore {
  /** Reduces stored events that carried a withdrawn LINE message to ids and types. */
  forgetLineMessage(lineUserId: string, lineMessageId: string, inboundEventIds: readonly number[]): Promise<number[]>;
  /** A failed event is to be handled again (再送する); true when it was failed and still has its content. */
  requeueFailed(id: number): Promise<boolean>;
}

export interface RetentionStore {
  closedCasesDue(closedBefore: Date, limit?: number): Promise<Array<{ id: number; code: string }>>;
  deleteClosedCase(c: { id: number; code: string }, o: { closedBefore: Date; now: Date; retentionYears: number }): Promise<boolean>;
  deleteUnconsentedContacts(before: Date): Promise<number>;
  deleteStrandedHeldMessages(before: Date): Promise<number>;
  deleteExpiredCaseChoices(now: Date): Promise<number>;
  deleteInviteAttempts(before: Date): Promise<number>;
  deleteExpiredInvites(before: Date): Promise<number>;
  forgetUnlinkedAuditActors(before: Date): Promise<number>;
  scrubFailedInboundEvents(failedBefore: Date): Promise<number>;
  deleteOldInboundEvents(cutoffs: { processedBefore: Date; failedBefore: Date }): Promise<number>;
  deleteOldUnsent(before: Date): Promise<number>;
  /** The out-of-hours answers' period (after_hours_replies) of answers sent before `before`: the LINE ids go with them. */
  deleteAfterHoursAnswers(before: Date): Promise<number>;
}

/** A setting an admin changed in the App Home (named by its environment variable; the value is its text). */
export interface StoredSetting {
  name: string;
  value: string;
  changedBy: string | null;
  changedAt: Date;
}

export interface SettingStore {
  /** A number that grows with every change of the stored settings (0: none ever): cheap to ask often. */
  revision(): Promise<number>;
  /** The stored settings and the revision they are at, read together. */
  snapshot(): Promise<{ revision: number; settings: StoredSetting[] }>;
  /**
   * Stores (`value`) or removes (null) one setting, with its audit entry, in one transaction, if the
   * stored settings are still at `expectedRevision`; the new revision, or undefined when another change
   * came first (nothing stored then).
   */
  change(c: { name: string; value: string | null; by: string; at: Date; expectedRevision: number; audit: AuditEntry }): Promise<number | undefined>;
}

export type { MessageDetails, Note };

/** Urgent messages (model/urgent.ts) and the out-of-hours answers' period. */
export interface UrgentStore {
  /** Stores the alert of a relayed message; idempotent on the message (a retried event finds the first). */
  create(values: { caseId: number; messageId: number; groups: UrgentGroupHit[]; escalateAt: Date }): Promise<UrgentAlert>;
  byId(id: number): Promise<UrgentAlert | undefined>;
  byMessage(messageId: number): Promise<UrgentAlert | undefined>;
  markNotified(id: number, at: Date): Promise<void>;
  setNote(id: number, noteMessageId: number): Promise<void>;
  /** 対応します: the alert, now taken by `userId`, if nobody had taken it; undefined when someone had (read `byId` for who). */
  take(id: number, userId: string, at: Date): Promise<UrgentAlert | undefined>;
  /** Marks the escalation as happening, if nobody has taken the alert and it has not escalated; undefined otherwise. */
  claimEscalation(id: number, at: Date): Promise<UrgentAlert | undefined>;
  /** Alerts whose DMs to the case's staff are owed, and alerts neither taken nor escalated (their escalation is owed). */
  owed(limit?: number): Promise<{ notify: Array<{ id: number }>; escalate: Array<{ id: number; escalateAt: Date }> }>;
  /** The DM of an alert to one person (created when first asked for). */
  dm(alertId: number, kind: UrgentDmKind, userId: string): Promise<UrgentDm>;
  updateDm(id: number, values: Partial<Pick<UrgentDm, 'channelId' | 'ts' | 'startedAt' | 'noAnswerAt'>>): Promise<void>;
  /**
   * Claims the out-of-hours answer for a LINE person: true when none was sent in the `periodHours` before
   * `at`, or when this same event claimed it (its retry). One statement, so two messages at once answer once.
   */
  claimAfterHoursAnswer(lineUserId: string, eventKey: string, at: Date, periodHours: number): Promise<boolean>;
  /** Gives a claim back (its answer could not be sent), if `eventKey` still holds it. */
  releaseAfterHoursAnswer(lineUserId: string, eventKey: string): Promise<void>;
}
