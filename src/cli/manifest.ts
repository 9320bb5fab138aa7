import { ConfigError, loadManifestConfig } from '../config/env.js';
import { PLACEHOLDER_PUBLIC_URL } from '../slack/app-manifest.js';
import { renderSlackManifest } from '../slack/manifest-yaml.js';

/**
 * `npm run -s manifest`: prints the Slack app manifest with every URL on PUBLIC_URL, to paste at
 * api.slack.com/apps > Create New App > From a manifest (or into an existing app's App Manifest page).
 * Without PUBLIC_URL it prints the placeholder address and says so on stderr (stdout stays the YAML).
 */
function main(): number {
  let publicUrl: string | undefined;
  try {
    ({ publicUrl } = loadManifestConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.problems.join('\n'));
      return 78;
    }
    throw error;
  }
  process.stdout.write(renderSlackManifest(publicUrl ?? PLACEHOLDER_PUBLIC_URL));
  if (!publicUrl) {
    console.error(
      `PUBLIC_URL is not set: the manifest above points at ${PLACEHOLDER_PUBLIC_URL}. Set PUBLIC_URL (in .env) to your public HTTPS address and run this again.`,
    );
  } else if (!publicUrl.startsWith('https://')) {
    console.error(`PUBLIC_URL (${publicUrl}) is not an https:// address: Slack calls only HTTPS URLs.`);
  }
  return 0;
}

process.exitCode = main();
