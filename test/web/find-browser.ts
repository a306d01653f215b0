import { existsSync } from 'node:fs';

/** Debian's chromium (installed by .ci/run when missing), or CHROMIUM_PATH. */
export function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}
