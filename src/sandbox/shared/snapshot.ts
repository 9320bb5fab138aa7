import type { LineAccountState } from './line-types.js';
import type { SlackCommandHint, SlackShortcutHint, SlackWorkspaceState } from './slack-types.js';

/** What the page receives over its live stream: everything both sides show, and the demo's own status. */
export interface Snapshot {
  clock: {
    /** Demo-clock milliseconds when the snapshot was made (the page keeps it ticking). */
    now: number;
    offsetMs: number;
    /** When the next reminder ping is due, if any. */
    nextReminderAt: number | null;
    timeZone: string;
  };
  status: {
    /** Seeding the demo data (first start or after reset): the step running now. */
    seeding: string | null;
    resetting: boolean;
    problem: string | null;
  };
  slack: SlackWorkspaceState & { commands: SlackCommandHint[]; shortcuts: SlackShortcutHint[] };
  line: LineAccountState;
}

/** A page action's answer. */
export interface ActionAnswer {
  ok: boolean;
  error?: string;
}
