import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_HOME, BOT_EVENTS, BOT_SCOPES, CLIENT_HELPERS, MESSAGE_SHORTCUTS, METHODS_WITHOUT_SCOPE, SLASH_COMMANDS } from '../../src/slack/app-manifest.js';
import { subcommands } from '../../src/slack/listeners/commands/case-command.js';
import { messageShortcut, slashCommand } from '../fixtures/slack-payloads.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Manifest {
  display_information: { name: string; description?: string };
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint?: string; should_escape?: boolean }>;
    shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions?: { request_url?: string; bot_events?: string[] }; interactivity?: { is_enabled: boolean; request_url: string } };
}

/** The manifest as Slack reads it: YAML, every error and warning counted. */
async function readManifest(): Promise<Manifest> {
  const doc = parseDocument(await fs.readFile(path.join(ROOT, 'slack-app-manifest.yml'), 'utf8'), { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Manifest;
}

/** Every Web API method Slack's WebClient knows ('chat.postMessage' …): its namespaces are plain objects of functions. */
const WEB_API_METHODS = (() => {
  const methods = new Set<string>();
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(o)) {
      if (prefix && typeof value === 'function') methods.add(`${prefix}${key}`);
      else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
        walk(value as Record<string, unknown>, `${prefix}${key}.`);
    }
  };
  walk(new webApi.WebClient('xoxb-scan') as unknown as Record<string, unknown>, '');
  return methods;
})();

/**
 * Every Slack Web API method called in src/: `x.chat.postMessage(`, `client.views.open(`, helpers such
 * as `filesUploadV2(` (for the methods they call), and `apiCall('method'`. A call counts when the
 * path names a method of Slack's WebClient, whatever the receiver is called.
 */
async function webApiMethodsCalledIn(dir: string): Promise<Map<string, string[]>> {
  const isMethod = (dotted: string) => WEB_API_METHODS.has(dotted);
  const found = new Map<string, string[]>();
  const add = (method: string, file: string) => found.set(method, [...(found.get(method) ?? []), file]);
  for (const entry of await fs.readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.ts')) continue;
    const file = path.join(dir, entry);
    const source = await fs.readFile(file, 'utf8');
    for (const [, chain] of source.matchAll(/((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*)\s*\(/g)) {
      // `ctx.slack.chat.postMessage(`: the longest tail that is a WebClient method ('chat.postMessage').
      const parts = chain!.split('.');
      const method = parts.map((_, i) => parts.slice(i).join('.')).find((tail) => tail.includes('.') && isMethod(tail));
      if (method) add(method, entry);
    }
    for (const [, helper] of source.matchAll(/\.(\w+)\(/g)) {
      if (Object.hasOwn(CLIENT_HELPERS, helper!)) for (const method of CLIENT_HELPERS[helper!]!) add(method, entry);
    }
    for (const [, method] of source.matchAll(/apiCall\(\s*['"]([\w.]+)['"]/g)) add(method!, entry);
  }
  return found;
}

describe('the Slack app manifest', () => {
  it('item 13: slack-app-manifest.yml parses as YAML (the first Slack step of the README works)', async () => {
    const manifest = await readManifest();
    expect(manifest.display_information).toBeDefined();
    expect(manifest.features.slash_commands.length).toBeGreaterThan(0);
  });

  it('item 13: its commands, shortcuts, events and scopes are the ones the code registers; the Messages tab is on', async () => {
    const manifest = await readManifest();
    const byName = <T>(list: T[], key: (x: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));

    expect(byName(manifest.features.slash_commands, (c) => c.command).map(({ url, ...c }) => ({ ...c, url: new URL(url).pathname }))).toEqual(
      byName(Object.values(SLASH_COMMANDS), (c) => c.command).map((c) => ({
        command: c.command,
        url: '/slack/events',
        description: c.description,
        usage_hint: c.usageHint,
        should_escape: c.shouldEscape,
      })),
    );
    expect(byName(manifest.features.shortcuts, (s) => s.callback_id)).toEqual(
      byName(Object.values(MESSAGE_SHORTCUTS), (s) => s.callbackId).map((s) => ({
        name: s.name,
        type: 'message',
        callback_id: s.callbackId,
        description: s.description,
      })),
    );
    const events = manifest.settings.event_subscriptions?.bot_events ?? [];
    expect(events).toEqual([...BOT_EVENTS]);
    expect(events.filter((e) => e.startsWith('message'))).toEqual([]); // nothing listens to messages
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    expect(manifest.oauth_config.scopes.bot).toContain('team:read');
    expect(new URL(manifest.settings.interactivity!.request_url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity!.is_enabled).toBe(true);

    // Pings, digests and exports arrive by DM: the Messages tab of App Home shows them.
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: APP_HOME.homeTabEnabled,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: APP_HOME.messagesTabReadOnly,
    });
    expect(APP_HOME.messagesTabEnabled).toBe(true);
  });

  it('item 13: the /case usage hint names every /case subcommand', async () => {
    const manifest = await readManifest();
    const hint = manifest.features.slash_commands.find((c) => c.command === '/case')?.usage_hint ?? '';
    const words = new Set(hint.split(/[\s|[\]<>]+/));
    const missing = [...Object.keys(subcommands), 'help'].filter((sub) => !words.has(sub));
    expect(missing).toEqual([]);
  });

  it('item 13: every Web API method the code calls is allowed by a scope the manifest grants', async () => {
    const manifest = await readManifest();
    const granted = new Set(manifest.oauth_config.scopes.bot);
    const called = await webApiMethodsCalledIn(path.join(ROOT, 'src'));
    // The scan finds what it should (the relay posts with chat.postMessage, uploads with filesUploadV2, opens modals).
    expect([...called.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'files.completeUploadExternal', 'views.open']));
    const scopes = Object.entries(BOT_SCOPES) as Array<[string, { methods: readonly string[] }]>;
    const problems = [...called.entries()].flatMap(([method, files]) => {
      if (METHODS_WITHOUT_SCOPE.includes(method)) return [];
      const allowing = scopes.filter(([, s]) => s.methods.includes(method)).map(([scope]) => scope);
      if (allowing.length === 0) return [`${method} (${files.join(', ')}): no scope in src/slack/app-manifest.ts lists it`];
      const missing = allowing.filter((scope) => !granted.has(scope));
      return missing.length ? [`${method} (${files.join(', ')}): the manifest does not grant ${missing.join(', ')}`] : [];
    });
    expect(problems).toEqual([]);
    // The registry names real methods only (a typo would make a scope look unused, or a call look allowed).
    const unknown = scopes
      .flatMap(([, s]) => s.methods)
      .concat(METHODS_WITHOUT_SCOPE)
      .filter((m) => !WEB_API_METHODS.has(m));
    expect(unknown).toEqual([]);
  });

  describe('through the real server', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    /** Posts a signed form and resolves with what a listener posted to its response_url (undefined: none did). */
    const answerTo = async (form: (responseUrl: string) => string, waitMs: number) => {
      const id = randomUUID();
      const res = await t.postSlackForm(form(t.slack.responseUrl(id)));
      expect(res.status).toBe(200);
      const deadline = Date.now() + waitMs;
      for (;;) {
        const posted = t.slack.responses.find((r) => r.path.endsWith(`/${id}`));
        if (posted || Date.now() > deadline) return posted?.body as { text?: string } | undefined;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('item 13: every command and shortcut of the manifest is answered by a listener (not by the receiver for unknown requests)', async () => {
      const manifest = await readManifest();
      // The check means something: a command no listener knows gets Slack's 200 and nothing more.
      expect(await answerTo((responseUrl) => slashCommand({ command: '/not-registered', text: '', responseUrl }), 1500)).toBeUndefined();

      for (const { command } of manifest.features.slash_commands) {
        const answer = await answerTo((responseUrl) => slashCommand({ command, text: '', responseUrl }), 10_000);
        expect(answer?.text, command).toBeTruthy();
      }
      for (const { callback_id } of manifest.features.shortcuts) {
        // On a message outside any case thread: the listener says so to the one who used it.
        const answer = await answerTo(
          (responseUrl) =>
            messageShortcut({ callbackId: callback_id, channel: 'C_TEAM', message: { ts: '1764000000.000100', text: 'x', user: 'U_STAFF' }, responseUrl }),
          10_000,
        );
        expect(answer?.text, callback_id).toBeTruthy();
      }
    });
  });
});
