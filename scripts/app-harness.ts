// `npm run app:harness [-- --headed] [--scenario NAME] [--interval SECONDS]`: the whole app without Electron
// (test/e2e/harness), for a person to look at. Opens the popup and the dashboard as Chromium pages, prints the
// tray and every notification as they change, and saves screenshots to test-artifacts/screenshots/live-*.png
// every few seconds. Ctrl-C quits the app as its tray menu would.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppHarness, ROOT } from '../test/e2e/harness/app-harness.js';

const { values } = parseArgs({ options: { headed: { type: 'boolean' }, scenario: { type: 'string' }, interval: { type: 'string' } } });
const scenario = (values.scenario ?? 'disconnect-storm') as NonNullable<Parameters<typeof AppHarness.start>[0]>['scenario'];
const headed = values.headed === true;
if (headed && process.env['DISPLAY'] === undefined && process.env['WAYLAND_DISPLAY'] === undefined) {
  console.error('--headed needs a display: run `xvfb-run -a npm run app:harness -- --headed`, or leave out --headed for screenshots.');
  process.exit(2);
}
const shots = join(ROOT, 'test-artifacts', 'screenshots');
await mkdir(shots, { recursive: true });

const app = await AppHarness.start({ scenario, intervalSeconds: Number(values.interval ?? 2), headed });
console.log(`Workspace Tray is running on the embedded simulator (scenario ${scenario ?? 'disconnect-storm'}). Ctrl-C quits.`);
const popup = await app.openPopup();
console.log('popup open');
const dashboard = await app.openDashboard();
console.log('dashboard open');
let lastTooltip = '';
let seen = 0;
let tick = 0;
const timer = setInterval(() => {
  void (async () => {
    const tray = await app.tray();
    if (tray !== null && tray.tooltip !== lastTooltip) {
      lastTooltip = tray.tooltip;
      console.log(`tray: ${tray.tooltip.replace(/\n/g, ' | ')}${tray.title === '' ? '' : ` [${tray.title}]`}`);
      const image = tray.representations.at(-1);
      if (image !== undefined) await writeFile(join(ROOT, 'test-artifacts', 'live-tray.png'), image.png);
    }
    for (const notification of app.notificationsShown.slice(seen)) console.log(`notification: ${notification.title} — ${notification.body}`);
    seen = app.notificationsShown.length;
    if (tick++ % 5 === 0) {
      await popup.screenshot({ path: join(shots, 'live-popup.png') }).catch(() => {});
      await dashboard.screenshot({ path: join(shots, 'live-dashboard.png') }).catch(() => {});
    }
  })();
}, 1000);

process.once('SIGINT', () => {
  clearInterval(timer);
  void app.close().then(() => process.exit(0));
});
