// The one way tests start Chromium. Debian's package where it is installed (these machines and CI: Playwright
// cannot download its own browser here); elsewhere Playwright's own build (`npx playwright install chromium`,
// as the GitHub workflows do on macOS and Windows); WORKSPACE_TRAY_CHROMIUM names another binary.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** The sandbox needs user namespaces that containers lack; the GPU is absent; /dev/shm is small in containers. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env['WORKSPACE_TRAY_CHROMIUM'];
  if (named !== undefined && named !== '') return named;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

export function launchChromium(options: { readonly headed?: boolean } = {}): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS, headless: options.headed !== true });
}
