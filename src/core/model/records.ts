/** F-SOAIP (welfare.md): focus, the person's words, observation, assessment, intervention, plan. */
export const FSOAIP = ['f', 's', 'o', 'a', 'i', 'p'] as const;
export type FsoaipKey = (typeof FSOAIP)[number];
export type Fsoaip = Partial<Record<FsoaipKey, string>>;

/**
 * A structured record (支援記録) of something that happened in a case: dated, categorised, with who,
 * where and how. The current version is here; every version is kept (RecordVersion).
 */
export interface CaseRecord {
  id: number;
  caseId: number;
  authorUserId: string;
  /** A key of CATEGORIES (core/records/categories.ts). */
  category: string;
  contactKind: string | null;
  occurredAt: Date;
  place: string | null;
  attendees: string | null;
  body: string;
  fsoaip: Fsoaip;
  nextStep: string | null;
  /** The office's calendar day of the next step; it becomes a reminder. */
  nextStepDate: string | null;
  /** The thread message this record was made from (記録する), if any. */
  sourceMessageId: number | null;
  sourceSlackTs: string | null;
  /** The card in the case thread (a note message, posted in order with the relay). */
  cardMessageId: number | null;
  version: number;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecordVersion {
  id: number;
  recordId: number;
  version: number;
  snapshot: Record<string, unknown>;
  editedBy: string;
  editedAt: Date;
}

/** What an edit may change. */
export type RecordFields = Pick<
  CaseRecord,
  'category' | 'contactKind' | 'occurredAt' | 'place' | 'attendees' | 'body' | 'fsoaip' | 'nextStep' | 'nextStepDate'
>;
