import fs from 'node:fs';
import type { SlackCommandHint, SlackShortcutHint } from '../shared/slack-types.js';

export interface SlackAppManifest {
  commands: Array<SlackCommandHint & { shouldEscape: boolean }>;
  shortcuts: SlackShortcutHint[];
  botEvents: string[];
}

export const MANIFEST_PATH = new URL('../../../slack-app-manifest.yml', import.meta.url);

const unquote = (v: string): string => {
  const value = v.replace(/\s+#.*$/, '').trim();
  return /^".*"$/.test(value) ? (JSON.parse(value) as string) : value;
};

/**
 * What Slack learns from the app's manifest and the stand-in needs: the slash commands (with their
 * hints and whether mentions are escaped), the message shortcuts, and the events the bot subscribes to.
 * Reads only the keys of the repository's own manifest (its shape is fixed by Slack's format).
 */
export function readManifest(text = fs.readFileSync(MANIFEST_PATH, 'utf8')): SlackAppManifest {
  const commands: SlackAppManifest['commands'] = [];
  const shortcuts: SlackShortcutHint[] = [];
  const botEvents: string[] = [];
  let section: 'commands' | 'shortcuts' | 'events' | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const key = /^(\s*)([a-z_]+):\s*(.*)$/.exec(line);
    if (key && !line.trim().startsWith('-')) {
      const [, , name, value] = key;
      if (name === 'slash_commands') section = 'commands';
      else if (name === 'shortcuts') section = 'shortcuts';
      else if (name === 'bot_events') section = 'events';
      else if (value === '' && !['display_information', 'features'].includes(name!) && (key[1]?.length ?? 0) <= 2) section = undefined;
      const last = section === 'commands' ? commands[commands.length - 1] : section === 'shortcuts' ? shortcuts[shortcuts.length - 1] : undefined;
      if (last && value !== '') {
        const v = unquote(value!);
        if (section === 'commands' && name === 'description') last.description = v;
        if (section === 'commands' && name === 'usage_hint') (last as SlackCommandHint).usageHint = v;
        if (section === 'commands' && name === 'should_escape') (last as { shouldEscape: boolean }).shouldEscape = v === 'true';
        if (section === 'shortcuts' && name === 'callback_id') (last as SlackShortcutHint).callbackId = v;
        if (section === 'shortcuts' && name === 'description') last.description = v;
      }
      continue;
    }
    const item = /^\s*-\s*(?:([a-z_]+):\s*)?(.*)$/.exec(line);
    if (!item) continue;
    const [, name, value] = item;
    if (section === 'commands' && name === 'command') commands.push({ command: unquote(value!), description: '', usageHint: '', shouldEscape: false });
    else if (section === 'shortcuts' && name === 'name') shortcuts.push({ name: unquote(value!), callbackId: '', description: '' });
    else if (section === 'events' && !name) botEvents.push(unquote(value!));
  }
  return { commands, shortcuts, botEvents };
}
