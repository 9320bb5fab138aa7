import type { CoreSettings } from '../settings.js';

/** A value the configuration refuses for a setting, with the reason (the words a wrong environment variable gets). */
export interface SettingProblem {
  setting: string;
  message: string;
}

export type SettingsEvaluation = { ok: true; settings: CoreSettings } | { ok: false; problems: SettingProblem[] };

/**
 * The environment's settings and the parsing they go through at start (config/env.ts), so that the
 * core can lay the settings admins stored over them and check a new value the same way.
 */
export interface SettingsSource {
  /** The settings an admin may change (named by their environment variables), in the order they are shown. */
  readonly editable: readonly string[];
  /** The environment's text of a setting; undefined when the environment leaves it unset. */
  environmentText(name: string): string | undefined;
  /** The built-in default's text (what applies when neither the environment nor an admin sets it). */
  defaultText(name: string): string;
  /** The settings the environment with `overrides` laid over it makes, checked exactly as at start; or every problem, by setting. */
  evaluate(overrides: Readonly<Record<string, string>>): SettingsEvaluation;
}
