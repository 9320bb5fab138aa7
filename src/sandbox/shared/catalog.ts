/**
 * What the phones can send from the page: a small sticker set, bundled sample pictures and files,
 * a few places, and the personas offered when adding a phone. Sample bytes live in src/sandbox/samples/.
 */

export interface StickerSample {
  packageId: string;
  stickerId: string;
  /** LINE's keywords for the sticker (the bot shows them in Slack). */
  keywords: string[];
  /** Bundled picture (also served for LINE's sticker image URL, as Slack's image proxy would). */
  file: string;
}

export const STICKERS: StickerSample[] = [
  { packageId: '11537', stickerId: '52002734', keywords: ['ありがとう', 'Thanks'], file: 'sticker-thanks.svg' },
  { packageId: '11537', stickerId: '52002735', keywords: ['OK', 'りょうかい'], file: 'sticker-ok.svg' },
  { packageId: '11537', stickerId: '52002736', keywords: ['おつかれさま'], file: 'sticker-otsukare.svg' },
  { packageId: '11538', stickerId: '51626494', keywords: ['ごめんなさい', 'Sorry'], file: 'sticker-sorry.svg' },
  { packageId: '11538', stickerId: '51626495', keywords: ['おはよう', 'Good morning'], file: 'sticker-ohayo.svg' },
  { packageId: '11538', stickerId: '51626496', keywords: ['よろしく'], file: 'sticker-yoroshiku.svg' },
];

export interface MediaSample {
  id: string;
  kind: 'image' | 'file';
  file: string;
  contentType: string;
  /** Shown in the phone's picker. */
  labelJa: string;
  labelEn: string;
}

export const MEDIA_SAMPLES: MediaSample[] = [
  {
    id: 'medicine',
    kind: 'image',
    file: 'photo-medicine-calendar.png',
    contentType: 'image/png',
    labelJa: 'お薬カレンダーの写真',
    labelEn: 'Photo: medicine calendar',
  },
  { id: 'shift', kind: 'image', file: 'photo-work-shift.png', contentType: 'image/png', labelJa: '勤務シフト表の写真', labelEn: 'Photo: work shift table' },
  { id: 'certificate', kind: 'file', file: '診断書_写し.pdf', contentType: 'application/pdf', labelJa: '診断書の写し（PDF）', labelEn: "Doctor's note (PDF)" },
];

export interface PlaceSample {
  id: string;
  title: string;
  address: string;
  latitude: number;
  longitude: number;
}

export const PLACES: PlaceSample[] = [
  { id: 'station', title: 'JR横浜駅 中央改札', address: '神奈川県横浜市西区高島2丁目16-1', latitude: 35.46583, longitude: 139.62222 },
  { id: 'clinic', title: 'みなとメンタルクリニック', address: '神奈川県横浜市中区本町3丁目24', latitude: 35.44861, longitude: 139.63611 },
  { id: 'work', title: '株式会社みどり物流 港北センター', address: '神奈川県横浜市港北区新横浜2丁目5-14', latitude: 35.50778, longitude: 139.61722 },
];

export interface PersonaPreset {
  id: string;
  /** Who they are (shown on the phone's frame). */
  personaJa: string;
  personaEn: string;
  /** Their LINE display name. */
  displayName: string;
  color: string;
}

export const PERSONAS: PersonaPreset[] = [
  { id: 'haru', personaJa: '本人（ハルさん・A型）', personaEn: 'User (Haru, type A)', displayName: 'はる', color: '#f4a261' },
  { id: 'haru-mother', personaJa: '母（ハルさんの）', personaEn: "Haru's mother", displayName: '山田 和子', color: '#e76f51' },
  { id: 'ken', personaJa: '本人（ケンさん・移行）', personaEn: 'User (Ken, transition)', displayName: 'けん🍙', color: '#2a9d8f' },
  { id: 'nurse', personaJa: '訪問看護師', personaEn: 'Home-visit nurse', displayName: '中村 恵（訪問看護あおば）', color: '#457b9d' },
  { id: 'mina', personaJa: '本人（ミナさん・定着）', personaEn: 'User (Mina, retention)', displayName: 'ミナ', color: '#b5838d' },
  { id: 'employer', personaJa: '就職先の担当者', personaEn: 'Employer contact', displayName: '佐々木（みどり物流 人事）', color: '#6d6875' },
  { id: 'father', personaJa: '父', personaEn: 'Father', displayName: '田中 浩', color: '#588157' },
];
