import { EDITABLE_SETTINGS, editableSetting } from '../config/editable-settings.js';
import { overlaySettings, type Config } from '../config/env.js';
import type { SettingsSource } from '../core/admin/settings-source.js';
import { coreSettings } from './core-settings.js';

/**
 * The core's view of the environment's settings (core/admin/settings-source.ts): the editable ones
 * (config/editable-settings.ts), their texts in the environment, and the parsing of config/env.ts with
 * stored values laid over the environment, turned into the core's settings as at start.
 */
export function settingsSource(config: Config): SettingsSource {
  return {
    editable: EDITABLE_SETTINGS.map((s) => s.env),
    environmentText: (name) => config.environment[name],
    defaultText: (name) => editableSetting(name)?.builtIn ?? '',
    evaluate(overrides) {
      const result = overlaySettings(config.environment, overrides);
      return result.ok ? { ok: true, settings: coreSettings(result.config) } : { ok: false, problems: result.problems };
    },
  };
}
