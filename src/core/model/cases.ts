/**
 * One service user (利用者) = one case = one thread where staff work together. `label` is what staff
 * choose to show (initials or a nickname); full names and diagnoses are never stored.
 */
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Case {
  id: number;
  /** Shown everywhere instead of names: C-0001. */
  code: string;
  label: string;
  /** A key of SERVICES (A型, B型, 移行, 定着), or null. */
  service: string | null;
  status: CaseStatus;
  slackTeamId: string | null;
  /** Where the case's thread is: its channel, and the ts of its root message (null until posted). */
  slackChannelId: string;
  slackThreadTs: string | null;
  responsibleUserId: string;
  supervisorUserId: string | null;
  monitoringIntervalMonths: number | null;
  certificateExpiresOn: string | null;
  placementDate: string | null;
  employer: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** Where a case's thread is, once its root message is posted. */
export interface ThreadPlace {
  channel: string;
  threadTs: string;
}

export function threadOf(c: Pick<Case, 'slackChannelId' | 'slackThreadTs'>): ThreadPlace | undefined {
  return c.slackThreadTs ? { channel: c.slackChannelId, threadTs: c.slackThreadTs } : undefined;
}
