import type { Core } from '../deps.js';

/**
 * Words the reminders store with what they make (a ping's label, a plan review's title), in the
 * office's staff language: they are shown later as they were stored.
 */
const labels = {
  ja: { atDueTime: '期限', escalation: 'エスカレーション', monitoringTitle: 'モニタリング（個別支援計画の見直し）' },
  en: { atDueTime: 'due time', escalation: 'escalation', monitoringTitle: 'Monitoring (support plan review)' },
} as const;

export const reminderLabels = (core: Pick<Core, 'settings'>) => labels[core.settings.staffLanguage];
