// electron-builder cannot package here (it downloads Electron), but its own validator runs offline: a typo in
// electron-builder.yml fails this test instead of the release build.
import { existsSync, readFileSync } from 'node:fs';
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
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown[]; icon?: string };
  mac?: { target?: { target: string; arch: string[] }[]; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string; icon?: string };
  win?: { target?: unknown[]; icon?: string };
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

describe('electron-builder.yml, what the installers promise', () => {
  const config = loadConfig();

  it('builds AppImage, deb and rpm; a universal dmg; an nsis installer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('keeps the appId the app passes to app.setAppUserModelId (Windows notifications need the two to match)', () => {
    expect(config.appId).toBe('com.workspacetray.app');
  });

  it('signs macOS builds with the hardened runtime and entitlements that exist and allow only the JIT', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBeDefined();
      const text = readFileSync(resolve(root, file ?? ''), 'utf8');
      const keys = [...text.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
      expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('points every platform at an icon file that exists', () => {
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) expect(existsSync(resolve(root, icon ?? 'missing')), icon).toBe(true);
  });

  it('hardens the fuses: no run-as-node, NODE_OPTIONS or inspector; asar only, integrity-checked; cookies encrypted', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs only the build output and rebuilds native modules for Electron', () => {
    const included = (config.files ?? []).filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['dist/main/**/*', 'dist/preload/index.cjs', 'dist/renderer/**/*', 'package.json']);
    expect(config.files).toContain('!**/*.map');
    expect(config.npmRebuild).toBe(true);
  });

  it('approves keytar’s install script in npm’s allowScripts (it builds the native module)', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    expect(manifest.allowScripts?.keytar).toBe(true);
  });
});
