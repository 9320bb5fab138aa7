/** A LINE account linked to a case: the user, a family member, or an outside professional. */
export const CONTACT_ROLES = ['本人', '家族', '関係機関'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_STATUSES = ['pending_consent', 'active', 'declined', 'withdrawn', 'blocked', 'unlinked'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/**
 * Messages are relayed only while `status` is `active`, and only messages sent at or after
 * `consentGivenAt` (LINE's event times: the agreeing postback's, the message's).
 */
export interface Contact {
  id: number;
  caseId: number;
  lineUserId: string;
  role: ContactRole;
  /** 母, 父, 訪問看護, 相談支援専門員 ... free text chosen by staff. */
  relation: string | null;
  displayName: string | null;
  pictureUrl: string | null;
  status: ContactStatus;
  consentGivenAt: Date | null;
  consentWithdrawnAt: Date | null;
  /** The invite whose redemption last (re)linked this contact. */
  inviteId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One-time link codes: only a hash is stored; single use, with an expiry. */
export interface Invite {
  id: number;
  caseId: number;
  codeHash: string;
  role: ContactRole;
  relation: string | null;
  createdBy: string;
  expiresAt: Date;
  usedAt: Date | null;
  usedByLineUserId: string | null;
  usedByInboundEventId: number | null;
  createdAt: Date;
}
