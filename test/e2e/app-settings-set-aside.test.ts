// The app started on a settings file it cannot read: it must not refuse to start nor overwrite the file, but set
// it aside untouched, run on the defaults (the demo), and tell the person where their old file is.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppHarness } from './harness/app-harness.js';

const DAMAGED = '{ "version": 1, "accounts": [ { "name": "prod"';

let app: AppHarness | undefined;
afterAll(async () => {
  await app?.close();
});

describe('the app on a damaged settings file', () => {
  it('keeps the file aside untouched, runs on the defaults and says where the file went in a notification', async () => {
    app = await AppHarness.start({ settingsText: DAMAGED, intervalSeconds: 1 });
    const started = app;
    const notice = await started.waitFor('the set-aside notification', async () =>
      (await started.notifications()).find((notification) => /settings file set aside/.test(notification.title)),
    );
    const aside = (await readdir(started.configDir)).filter((name) => name.startsWith('config.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(started.configDir, aside[0]!), 'utf8')).toBe(DAMAGED);
    expect(notice.body).toContain(aside[0]);
    expect(notice.body).toMatch(/repair it and move it back/);
    // On the defaults: no account, so the demo runs.
    const tray = await started.waitFor('the demo in the tray', async () => ((await started.tray())?.tooltip.includes('emo') ? await started.tray() : undefined));
    expect(tray?.tooltip).toMatch(/demo/i);
  });
});
