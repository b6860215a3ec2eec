// Electron's security checklist, checked by Doyensec's electronegativity (pinned 1.10.3, as a dev dependency)
// on the app's sources: the main process, the preload and the renderer. It exits 0 whatever it finds, so its CSV
// report is read here. Allowed: findings below MEDIUM, and PRELOAD_JS_CHECK, the review item every preload
// raises (ours exposes one narrow object: preload/index.ts).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ALLOWED = new Set(['PRELOAD_JS_CHECK']);
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

interface Finding {
  readonly check: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
}

/** The report's rows; a sample may span lines, so only lines that start a row (CHECK_ID,"SEVERITY",...) count. */
export function parseElectronegativityCsv(text: string): Finding[] {
  const rows = [...text.matchAll(/^([A-Z0-9_]+),"([A-Z]+)","[A-Z]+","([^"]*)","([^"]*)"/gm)];
  return rows.map((row) => ({ check: row[1] ?? '', severity: row[2] ?? '', file: row[3] ?? '', location: row[4] ?? '' }));
}

describe('electronegativity', () => {
  it('finds nothing at MEDIUM or above in the sources, except the preload review item', async () => {
    const work = await mkdtemp(join(tmpdir(), 'wt-eneg-'));
    try {
      const sources = join(work, 'src');
      for (const part of ['main', 'preload', 'renderer', 'package.json']) await cp(join(ROOT, part), join(sources, part), { recursive: true });
      const report = join(work, 'report.csv');
      // It looks up Electron releases online first; offline it says so and goes on with -e.
      await promisify(execFile)(join(ROOT, 'node_modules/.bin/electronegativity'), ['-i', sources, '-r', '-e', '45.5.0', '-o', report], { cwd: work, timeout: 240_000 });
      const findings = parseElectronegativityCsv(await readFile(report, 'utf8'));
      // The scan ran over our windows: the preload review item names the one place windows are made.
      expect(findings.some((finding) => finding.check === 'PRELOAD_JS_CHECK' && finding.file === 'main/electron/windows.ts')).toBe(true);
      const severe = findings.filter((finding) => SEVERE.has(finding.severity) && !ALLOWED.has(finding.check));
      expect(severe).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 300_000);
});
