// Where the dashboard was left: a small JSON file beside the settings (not in them: it changes on every close and
// is no setting a person makes). Read and written synchronously, once per open and close; a broken file reads
// as nothing (core/shell/window-bounds.ts validates what it gets).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';

export function readWindowState(configDir: string, key: string): unknown {
  try {
    const document: unknown = JSON.parse(readFileSync(join(configDir, WINDOW_STATE_FILE), 'utf8'));
    return document !== null && typeof document === 'object' ? (document as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

export function writeWindowState(configDir: string, key: string, value: unknown): void {
  let document: Record<string, unknown> = {};
  try {
    const existing: unknown = JSON.parse(readFileSync(join(configDir, WINDOW_STATE_FILE), 'utf8'));
    if (existing !== null && typeof existing === 'object') document = existing as Record<string, unknown>;
  } catch {
    // missing or broken: start afresh
  }
  try {
    writeFileSync(join(configDir, WINDOW_STATE_FILE), `${JSON.stringify({ ...document, [key]: value }, null, 2)}\n`, { mode: 0o600 });
  } catch {
    // Not worth an error: the dashboard then opens at its default place next time.
  }
}
