// Which links may leave the app for the browser: only https pages of the Huawei Cloud consoles. Everything else
// a page asks to open (a link in an error body, a compromised renderer) is refused.
import type { Region } from '../settings/schema.js';

/**
 * The console hosts Huawei Cloud documents: the Chinese-mainland site and the international site. The region is
 * a query parameter on both (`?region=ap-southeast-1`), so no per-region host is needed to open a region's page.
 */
export const CONSOLE_HOSTS: ReadonlySet<string> = new Set(['console.huaweicloud.com', 'console-intl.huaweicloud.com']);

export function isConsoleUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && CONSOLE_HOSTS.has(parsed.hostname) && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/** Chinese-mainland regions are managed on console.huaweicloud.com, the others on the international site. */
export function workspaceConsoleUrl(region: Region | null): string {
  if (region === null) return 'https://console-intl.huaweicloud.com/workspace/';
  const host = region.startsWith('cn-') ? 'console.huaweicloud.com' : 'console-intl.huaweicloud.com';
  return `https://${host}/workspace/?region=${encodeURIComponent(region)}`;
}
