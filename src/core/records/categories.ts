/**
 * Record categories: the welfare vocabulary (welfare.md, "Record vocabulary"), each with the short
 * words staff type in `/update` (Japanese and English). Keys are stored; names are shown.
 */
export interface Category {
  key: string;
  ja: string;
  en: string;
  aliases: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
  { key: 'health', ja: '体調・メンタル', en: 'Health & mental', aliases: ['体調', 'メンタル', '体調・メンタル', 'health', 'mental'] },
  { key: 'medication', ja: '服薬・通院', en: 'Medication & clinic', aliases: ['服薬', '通院', '服薬・通院', 'medication', 'meds', 'clinic'] },
  { key: 'sleep', ja: '睡眠・生活リズム', en: 'Sleep & routine', aliases: ['睡眠', '生活リズム', '睡眠・生活リズム', 'sleep', 'routine'] },
  { key: 'attendance', ja: '出勤・通所', en: 'Attendance', aliases: ['出勤', '通所', '欠勤', '遅刻', '早退', '出勤・通所', 'attendance', 'absence'] },
  { key: 'work', ja: '作業・業務遂行', en: 'Work performance', aliases: ['作業', '業務', '作業・業務遂行', 'work', 'task'] },
  { key: 'relations', ja: '対人関係', en: 'Relationships', aliases: ['対人', '対人関係', 'relations', 'social'] },
  { key: 'living', ja: '生活（住居・食事）', en: 'Daily living', aliases: ['生活', '住居', '食事', 'living', 'housing'] },
  { key: 'money', ja: '金銭', en: 'Money', aliases: ['金銭', 'お金', 'money'] },
  { key: 'family', ja: '家族', en: 'Family', aliases: ['家族', 'family'] },
  { key: 'employer', ja: '職場・企業連絡', en: 'Workplace & employer', aliases: ['職場', '企業', '職場・企業連絡', 'employer', 'workplace'] },
  { key: 'job_search', ja: '就職活動', en: 'Job search', aliases: ['就活', '就職活動', 'jobsearch', 'job'] },
  { key: 'agencies', ja: '関係機関連携', en: 'Agency coordination', aliases: ['連携', '関係機関', '関係機関連携', 'agencies', 'coordination'] },
  { key: 'procedures', ja: '手続・期限', en: 'Procedures & deadlines', aliases: ['手続', '手続き', '期限', '手続・期限', 'procedures', 'paperwork'] },
  { key: 'emergency', ja: '緊急対応・事故', en: 'Emergency & incident', aliases: ['緊急', '事故', '緊急対応', '緊急対応・事故', 'emergency', 'incident'] },
  { key: 'abuse', ja: '虐待の疑い', en: 'Suspected abuse', aliases: ['虐待', '虐待の疑い', 'abuse'] },
  { key: 'complaint', ja: '苦情', en: 'Complaint', aliases: ['苦情', 'complaint'] },
  { key: 'other', ja: 'その他', en: 'Other', aliases: ['その他', 'other'] },
];

const byAlias = new Map<string, Category>();
for (const c of CATEGORIES) for (const a of [...c.aliases, c.key]) byAlias.set(a.normalize('NFKC').toLowerCase(), c);

/** The category a staff member meant (full-width and case ignored), or undefined. */
export function findCategory(input: string): Category | undefined {
  return byAlias.get(input.normalize('NFKC').toLowerCase().trim());
}

export function categoryByKey(key: string | null | undefined): Category | undefined {
  return CATEGORIES.find((c) => c.key === key);
}

/** How staff contacted or met the person (welfare.md contact kinds). */
export const CONTACT_KINDS = [
  '面談',
  '電話',
  '家庭訪問',
  '職場訪問',
  '通院同行',
  'ハローワーク同行',
  '面接同行',
  '同行',
  '来所',
  'オンライン',
  '会議',
  'LINE',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_EN: Record<ContactKind, string> = {
  面談: 'Interview',
  電話: 'Phone',
  家庭訪問: 'Home visit',
  職場訪問: 'Workplace visit',
  通院同行: 'Clinic escort',
  ハローワーク同行: 'Hello Work escort',
  面接同行: 'Job interview escort',
  同行: 'Escort',
  来所: 'Office visit',
  オンライン: 'Online',
  会議: 'Meeting',
  LINE: 'LINE',
};

export { FSOAIP, type Fsoaip, type FsoaipKey } from '../model/records.js';
