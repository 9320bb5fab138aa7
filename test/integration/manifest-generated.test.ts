import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, PLACEHOLDER_PUBLIC_URL, SLASH_COMMANDS } from '../../src/slack/app-manifest.js';
import { renderSlackManifest } from '../../src/slack/manifest-yaml.js';
import { runCli } from '../helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run manifest` with exactly `env`. */
const runManifest = (env: Record<string, string>) => runCli('manifest', env);

describe('the Slack app manifest generated from the code', () => {
  it('the committed slack-app-manifest.yml is exactly what the code generates for the placeholder address', async () => {
    const committed = await fs.readFile(path.join(ROOT, 'slack-app-manifest.yml'), 'utf8');
    // When this fails: PUBLIC_URL= npm run -s manifest > slack-app-manifest.yml (after changing src/slack/app-manifest.ts).
    expect(committed).toBe(renderSlackManifest(PLACEHOLDER_PUBLIC_URL));
  });

  it('a change in the registry shows as a difference (the comparison is not vacuous)', () => {
    const scopes = BOT_SCOPES as Record<string, { why: string; methods: readonly string[] }>;
    const before = renderSlackManifest();
    scopes['pins:write'] = { why: 'a scope added for this test', methods: [] };
    try {
      expect(renderSlackManifest()).not.toBe(before);
      expect(parse(renderSlackManifest()).oauth_config.scopes.bot).toContain('pins:write');
    } finally {
      delete scopes['pins:write'];
    }
    expect(renderSlackManifest()).toBe(before);
  });

  it('npm run manifest prints the manifest with every URL on PUBLIC_URL', async () => {
    const { stdout, stderr, code } = await runManifest({ PUBLIC_URL: 'https://tsunagi.office.example/' });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const manifest = parse(stdout) as {
      features: { slash_commands: Array<{ command: string; url: string }> };
      settings: { interactivity: { request_url: string } };
    };
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      Object.values(SLASH_COMMANDS)
        .map((c) => c.command)
        .sort(),
    );
    expect(new Set(manifest.features.slash_commands.map((c) => c.url))).toEqual(new Set(['https://tsunagi.office.example/slack/events']));
    expect(manifest.settings.interactivity.request_url).toBe('https://tsunagi.office.example/slack/events');
    expect(stdout).not.toContain(PLACEHOLDER_PUBLIC_URL);
    expect(stdout).toBe(renderSlackManifest('https://tsunagi.office.example'));
  });

  it('without PUBLIC_URL it prints the placeholder manifest and says on stderr how to get the real one', async () => {
    const { stdout, stderr, code } = await runManifest({});
    expect(code).toBe(0);
    expect(stdout).toBe(await fs.readFile(path.join(ROOT, 'slack-app-manifest.yml'), 'utf8'));
    expect(stderr).toContain('PUBLIC_URL is not set');
  });

  it('an invalid PUBLIC_URL is refused with what is wrong (exit 78)', async () => {
    const { stdout, stderr, code } = await runManifest({ PUBLIC_URL: 'tsunagi.office.example' });
    expect(code).toBe(78);
    expect(stdout).toBe('');
    expect(stderr).toContain('PUBLIC_URL must be a URL starting with https:// or http://');
  });
});
