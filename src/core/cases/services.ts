/**
 * The services an office provides, with the words staff type for them. The monitoring interval is
 * the default for the person's 個別支援計画 review (welfare.md: A型/B型 6 months, 移行 3, 定着 3 [K]);
 * the municipality may set another per person.
 */
export interface Service {
  key: 'A型' | 'B型' | '移行' | '定着';
  nameJa: string;
  nameEn: string;
  aliases: readonly string[];
  defaultMonitoringMonths: number;
}

export const SERVICES: readonly Service[] = [
  {
    key: 'A型',
    nameJa: '就労継続支援A型',
    nameEn: 'Continuous employment support A',
    aliases: ['a', 'a型', '就労継続支援a型', '継続a'],
    defaultMonitoringMonths: 6,
  },
  {
    key: 'B型',
    nameJa: '就労継続支援B型',
    nameEn: 'Continuous employment support B',
    aliases: ['b', 'b型', '就労継続支援b型', '継続b'],
    defaultMonitoringMonths: 6,
  },
  {
    key: '移行',
    nameJa: '就労移行支援',
    nameEn: 'Employment transition support',
    aliases: ['移行', '就労移行', '就労移行支援', 'transition'],
    defaultMonitoringMonths: 3,
  },
  {
    key: '定着',
    nameJa: '就労定着支援',
    nameEn: 'Employment retention support',
    aliases: ['定着', '就労定着', '就労定着支援', 'retention'],
    defaultMonitoringMonths: 3,
  },
];

export function findService(input: string): Service | undefined {
  const k = input.normalize('NFKC').trim().toLowerCase();
  return SERVICES.find((s) => s.key.toLowerCase() === k || s.aliases.includes(k));
}

export function serviceByKey(key: string | null | undefined): Service | undefined {
  return SERVICES.find((s) => s.key === key);
}
