// electron-builder cannot package here (it downloads Electron), but its own validator runs offline: a typo in
// electron-builder.yml fails this test instead of the release build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asarUnpack?: string[];
  files?: string[];
}

const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load: (text: string) => unknown };

function loadConfig(): BuilderConfig {
  return yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects an unknown option, so the validation above can fail', async () => {
    await expect(validateConfiguration({ ...loadConfig(), notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('keeps the product name the settings folder is derived from, and unpacks the native keychain module', () => {
    const config = loadConfig();
    expect(config.productName).toBe('Workspace Tray');
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });
});
