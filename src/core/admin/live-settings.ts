import { errorCode } from '../../lib/errors.js';
import type { Core } from '../deps.js';
import type { SettingsSource } from './settings-source.js';
import type { StoredSetting } from '../ports/store.js';
import type { CoreSettings } from '../settings.js';
import { mayAdminister } from './authorize.js';

/** A setting as the App Home shows it. */
export interface SettingLine {
  name: string;
  /** The text in force. */
  text: string;
  /** Where it comes from: an admin's change, the environment, or the built-in default. */
  from: 'admin' | 'environment' | 'default';
  /** The environment's text (what applies without an admin's change); undefined when unset. */
  environmentText: string | undefined;
  defaultText: string;
  changedBy: string | null;
  changedAt: Date | null;
}

export type SettingChangeOutcome =
  /** Stored, audit-logged and in force in this process (the other replicas follow within their refresh interval). */
  | { outcome: 'changed'; old: string; new: string }
  /** It already was so: nothing stored, nothing logged. */
  | { outcome: 'unchanged' }
  /** Not an admin (audit-logged). */
  | { outcome: 'refused' }
  | { outcome: 'not_editable' }
  /** The configuration refuses the value (the reasons, as a wrong environment variable gets them): nothing stored. */
  | { outcome: 'invalid'; problems: string[] }
  /** Other changes kept coming in between: nothing stored; trying again works. */
  | { outcome: 'busy' };

export interface LiveSettings {
  /** Reads the stored settings and puts them in force (at start, before anything reads core.settings). */
  load(): Promise<void>;
  /** Puts settings changed by another replica in force, when the stored revision moved; true when it did. */
  refresh(): Promise<boolean>;
  /** An admin changes one setting (`value`) or takes it back to the environment's (null). The admin check is made here. */
  change(request: { userId: string; name: string; value: string | null }): Promise<SettingChangeOutcome>;
  /** The editable settings as they are in force. */
  lines(): SettingLine[];
  /** Stored settings not in force because this release's configuration refuses them (left by another release). */
  ignored(): readonly string[];
}

/** How many times a change is tried again when other changes land between reading and storing. */
const CHANGE_ATTEMPTS = 3;

/**
 * The office's settings in force in this process: the environment with the settings admins stored
 * (App Home) laid over it, checked by the same parsing as the environment at start (SettingsSource).
 *
 * In force means `core.settings` is that object: the core reads it when it uses a value, so replacing
 * it is enough for everything that reads at use time. What was derived from the settings once (the
 * digest's queue scheduler) is derived again by `afterChange`. This process applies a change at once;
 * every replica also compares the stored revision (one primary-key read) every few seconds
 * (`refresh`, run by a maintenance timer) and applies what another replica stored.
 */
export function createLiveSettings(core: Core, source: SettingsSource, options: { afterChange(): Promise<void> }): LiveSettings {
  let revision: number | undefined;
  let stored: StoredSetting[] = [];
  let ignored: string[] = [];
  // Loads and applies run one at a time, in order: an older snapshot never replaces a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined); // the caller gets the error; the next run does not inherit it
    return run;
  };

  const editable = new Set(source.editable);
  const effective = (name: string, value: string | null | undefined): string => value ?? source.environmentText(name) ?? source.defaultText(name);

  /**
   * The settings `overrides` make. A stored value this release refuses (another release stored it) is
   * left out, so one bad row cannot stop the rest; `candidate` (a value being changed) is never left
   * out: its problems are the answer.
   */
  const settle = (
    overrides: Record<string, string>,
    candidate?: string,
  ): { ok: true; settings: CoreSettings; left: string[] } | { ok: false; problems: string[] } => {
    let current = overrides;
    const left: string[] = [];
    for (;;) {
      const evaluation = source.evaluate(current);
      if (evaluation.ok) return { ok: true, settings: evaluation.settings, left };
      const mine = evaluation.problems.filter((p) => p.setting === candidate);
      if (mine.length > 0) return { ok: false, problems: mine.map((p) => p.message) };
      const bad = new Set(evaluation.problems.map((p) => p.setting).filter((name) => Object.hasOwn(current, name)));
      // Without stored values the environment is what was checked at start: it cannot be refused now.
      if (bad.size === 0) throw new Error(`the configuration refuses the environment: ${evaluation.problems.map((p) => p.setting).join(', ')}`);
      left.push(...bad);
      current = Object.fromEntries(Object.entries(current).filter(([name]) => !bad.has(name)));
    }
  };

  const overridesOf = (settings: readonly StoredSetting[]) => Object.fromEntries(settings.filter((s) => editable.has(s.name)).map((s) => [s.name, s.value]));

  const apply = (snapshot: { revision: number; settings: StoredSetting[] }) => {
    const result = settle(overridesOf(snapshot.settings));
    if (!result.ok) throw new Error('unreachable: no candidate to refuse');
    const unknown = snapshot.settings.filter((s) => !editable.has(s.name)).map((s) => s.name);
    ignored = [...unknown, ...result.left];
    if (ignored.length > 0) {
      core.logger.warn({ settings: ignored }, 'stored settings this release does not take are not in force; change them in the App Home');
    }
    core.settings = result.settings;
    stored = snapshot.settings;
    revision = snapshot.revision;
  };

  const afterChange = async () => {
    try {
      await options.afterChange();
    } catch (error) {
      // The settings are in force; what is derived from them is derived again by the maintenance timer.
      core.logger.warn({ code: errorCode(error) }, 'settings changed; re-deriving the schedules failed and is tried again by the maintenance timer');
    }
  };

  /** Puts the stored settings in force when their revision moved; true when it did. */
  const reloadIfMoved = () =>
    serially(async () => {
      const now = await core.store.settings.revision();
      if (now === revision) return false;
      apply(await core.store.settings.snapshot());
      return true;
    });
  /** Derives again what was computed from the settings, from those in force when it runs (in turn with the loads). */
  const derive = () => serially(afterChange);

  return {
    load: () =>
      serially(async () => {
        apply(await core.store.settings.snapshot());
      }),

    async refresh() {
      const changed = await reloadIfMoved();
      if (changed) await derive();
      return changed;
    },

    async change({ userId, name, value }) {
      if (!(await mayAdminister(core, userId, { via: 'setting form', setting: name }))) return { outcome: 'refused' };
      if (!editable.has(name)) return { outcome: 'not_editable' };
      const text = value === null ? null : value.trim();
      for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
        const snapshot = await core.store.settings.snapshot();
        const before = snapshot.settings.find((s) => s.name === name)?.value ?? null;
        if (before === text) return { outcome: 'unchanged' };
        const overrides = overridesOf(snapshot.settings.filter((s) => s.name !== name));
        if (text !== null) overrides[name] = text;
        const checked = settle(overrides, name);
        if (!checked.ok) return { outcome: 'invalid', problems: checked.problems };
        const old = effective(name, before);
        const next = effective(name, text);
        const changed = await core.store.settings.change({
          name,
          value: text,
          by: userId,
          at: core.clock.now(),
          expectedRevision: snapshot.revision,
          audit: {
            actorType: 'slack_user',
            actorId: userId,
            action: 'settings.changed',
            details: { setting: name, old, new: next, from: text === null ? 'environment' : 'admin' },
          },
        });
        if (changed === undefined) continue; // another change landed first: read again and check again
        // In force before the answer; the schedules follow without holding the form (Slack waits 3 s for
        // it, and the queue store may be slow): afterChange never rejects, and the timer re-derives too.
        if (await reloadIfMoved()) void derive();
        return { outcome: 'changed', old, new: next };
      }
      return { outcome: 'busy' };
    },

    lines() {
      return source.editable.map((name) => {
        const row = editable.has(name) && !ignored.includes(name) ? stored.find((s) => s.name === name) : undefined;
        const environmentText = source.environmentText(name);
        return {
          name,
          text: effective(name, row?.value),
          from: row ? 'admin' : environmentText !== undefined ? 'environment' : 'default',
          environmentText,
          defaultText: source.defaultText(name),
          changedBy: row?.changedBy ?? null,
          changedAt: row?.changedAt ?? null,
        };
      });
    },

    ignored: () => ignored,
  };
}
