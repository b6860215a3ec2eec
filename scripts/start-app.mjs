#!/usr/bin/env node
// `npm start` (after `npm run build`): launches the built app with the Electron binary. Where the binary is
// missing (its download cannot run on every machine), says so and what works instead. Never requires the
// `electron` package: outside Electron that starts the download.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules', 'electron');
const pathFile = join(pkg, 'path.txt');
const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const binary = override ? join(override, relative ?? 'electron') : relative === null ? null : join(pkg, 'dist', relative);

if (binary === null || !existsSync(binary)) {
  process.stderr.write(
    [
      'Workspace Tray: the Electron binary is not installed, so the app cannot start here.',
      `  (${binary === null ? 'node_modules/electron/path.txt is missing: the electron package downloads its binary on first use, which needs github.com' : `${binary} does not exist`})`,
      '',
      'What works without it:',
      '  npm run app:harness            the whole app (built main process, preload, renderer) with its windows in Chromium;',
      '                                 headless with screenshots in test-artifacts/screenshots/, or --headed (under xvfb-run -a without a display)',
      '  node bin/workspace-tray.js watch --demo --scenario disconnect-storm --interval 1',
      '                                 the same monitoring and spike alerts in the terminal (the CLI: see README)',
      '',
      'To run the app itself: fetch the binary where its download works (`node node_modules/electron/install.js`),',
      'or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45.5.0.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal === null ? (code ?? 0) : 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
