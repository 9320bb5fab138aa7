import { md } from '../mrkdwn.js';

/** Staff-facing text about how long data is kept, Japanese and English. */
const ja = {
  deletionScheduled: (day: string, years: number) =>
    md`🗑 保存期間（終了から${years}年）が過ぎるため、このケースの記録・メッセージ・連携情報は ${day} 以降に削除されます。`,
};

export type RetentionText = typeof ja;

const en: RetentionText = {
  deletionScheduled: (day: string, years: number) =>
    md`🗑 Kept ${years} year${years === 1 ? '' : 's'} after closing: this case's records, messages and LINE links will be deleted on or after ${day}.`,
};

export const retentionText = { ja, en };
