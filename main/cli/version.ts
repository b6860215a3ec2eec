import { readFileSync } from 'node:fs';

/** The package version, read from the package.json above this file (dist/main/cli or main/cli). */
export function packageVersion(): string {
  for (let up = 1; up <= 4; up++) {
    try {
      const text = readFileSync(new URL(`${'../'.repeat(up)}package.json`, import.meta.url), 'utf8');
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'workspace-tray' && 'version' in parsed) {
        return String(parsed.version);
      }
    } catch {
      // not this folder: keep walking up
    }
  }
  return 'unknown';
}
