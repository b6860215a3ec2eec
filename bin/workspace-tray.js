#!/usr/bin/env node
// The published entry point: a plain JavaScript shim so the bin works without a TypeScript loader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('workspace-tray: the CLI is not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
await import(cli.href);
