import fs from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH): the browser tests run when it is there. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => fs.existsSync(p));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const NO_CHROMIUM_REASON =
  'Browser tests skipped: no Chromium found at /usr/bin/chromium (or CHROMIUM_PATH). Install it with `apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji` (.ci/run does) to run them.';
