// Spikes survive a restart: the monitoring service appends each spike and recovery to the account's spike log
// (the real FileSpikeLog beside the real file history), and a new service on the same folder answers history
// queries and spikeLog() with the marks from before the restart, then adds its own. A log that cannot be opened,
// or that is damaged, is reported as a history-error and costs nothing else.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretKey } from '../../../main/app/accounts.js';
import { createMonitoringService, FLEET_KEY, type MonitoringEvent, type MonitoringService } from '../../../main/app/monitoring-service.js';
import { historyFolder } from '../../../main/app/targets.js';
import type { Account } from '../../../main/core/settings/schema.js';
import { fileHistoryOpener } from '../../../main/node/file-history-opener.js';
import { SPIKE_LOG_FILE, fileSpikeLogOpener } from '../../../main/node/file-spike-log.js';
import { FAKE_EPOCH, FakeClock, sequenceRandom, settle } from '../../fakes/fake-clock.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { MemorySettingsStore } from '../../fakes/memory-settings-store.js';
import { StatusHttp, type StatusReply } from '../../fakes/status-http.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PROD: Account = { id: '11111111-1111-4111-8111-111111111111', name: 'prod', region: 'cn-north-4', projectId: 'prod-project', auth: 'token' };

/** 2 of 100 desktops disconnected in each group, then group b jumps to 60 at poll `stormAt` and back at `calmAt`. */
const storm = (stormAt: number, calmAt: number) => (index: number): StatusReply => ({
  groups: [
    { name: 'a', disconnected: 2 },
    { name: 'b', disconnected: index >= stormAt && index < calmAt ? 60 : 2 },
  ],
});

interface Run {
  readonly clock: FakeClock;
  readonly http: StatusHttp;
  readonly service: MonitoringService;
  readonly events: MonitoringEvent[];
}

let configDir: string;
const running: MonitoringService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
  rmSync(configDir, { recursive: true, force: true });
});

/** One run of the app: a service on `configDir` from `startAt`, with the real history and spike log. */
async function launch(startAt: number, reply: (index: number) => StatusReply, persist = true): Promise<Run> {
  const clock = new FakeClock(startAt);
  const http = new StatusHttp();
  http.script(PROD.projectId, reply);
  const secrets = new MemorySecretStore();
  secrets.entries.set(secretKey(PROD), JSON.stringify({ token: 'token-of-prod' }));
  const service = createMonitoringService({
    settings: new MemorySettingsStore({ accounts: [PROD], polling: { intervalSeconds: 60 } }),
    secrets,
    http: http.http,
    clock,
    random: sequenceRandom(0.5),
    env: {},
    configDir,
    openHistory: fileHistoryOpener({ temporaryDemo: true }).open,
    ...(persist ? { openSpikeLog: fileSpikeLogOpener({ temporaryDemo: true }) } : {}),
  });
  running.push(service);
  const events: MonitoringEvent[] = [];
  service.subscribe((event) => events.push(event));
  const started = await service.start();
  if (!started.ok) throw new Error(started.error.message);
  await settle();
  return { clock, http, service, events };
}

async function polls(run: Run, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await run.clock.advanceAsync(MINUTE);
}

async function stop(run: Run): Promise<void> {
  await run.service.stop();
  running.splice(running.indexOf(run.service), 1);
}

async function spikesOver(run: Run, series: string, from: number, to: number) {
  const answer = await run.service.queryHistory({ accountId: PROD.id, series: [series], from, to });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.spikes;
}

const historyErrors = (events: readonly MonitoringEvent[]) => events.filter((event) => event.type === 'history-error');

describe('the spike log across a restart', () => {
  it('answers history queries with the spikes and recoveries from before the restart, then adds new ones', async () => {
    configDir = mkdtempSync(join(tmpdir(), 'wt-spike-restart-'));
    const first = await launch(FAKE_EPOCH, storm(3, 6));
    await polls(first, 8);
    const before = first.service.spikeLog(PROD.id);
    expect(before.map((mark) => mark.kind)).toEqual(['spike', 'recovery']);
    expect(before[0]).toMatchObject({ at: FAKE_EPOCH + 3 * MINUTE, severity: expect.any(String), groupKeys: ['b'], fleet: expect.any(Boolean) });
    await stop(first);

    // The app starts again an hour later: a new service, the same folders.
    const second = await launch(FAKE_EPOCH + HOUR, storm(2, 4));
    expect(second.service.spikeLog(PROD.id)).toEqual(before);
    const day = await spikesOver(second, 'b', second.clock.now() - 24 * HOUR, second.clock.now());
    expect(day).toEqual(before);
    // The range applies to persisted marks too.
    expect(await spikesOver(second, FLEET_KEY, FAKE_EPOCH + 4 * MINUTE, second.clock.now())).toEqual([before[1]]);

    await polls(second, 5);
    const after = second.service.spikeLog(PROD.id);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.slice(2).map((mark) => [mark.kind, mark.at])).toEqual([
      ['spike', FAKE_EPOCH + HOUR + 2 * MINUTE],
      ['recovery', FAKE_EPOCH + HOUR + 4 * MINUTE],
    ]);
    await stop(second);

    // A third start sees all four, in order; 31 days later none (history keeps 30 days, and so does the log).
    const third = await launch(FAKE_EPOCH + 2 * HOUR, storm(1_000, 1_000));
    expect(third.service.spikeLog(PROD.id)).toEqual(after);
    await stop(third);
    const month = await launch(FAKE_EPOCH + 31 * 24 * HOUR, storm(1_000, 1_000));
    expect(month.service.spikeLog(PROD.id)).toEqual([]);
    expect(historyErrors([...first.events, ...second.events, ...third.events, ...month.events])).toEqual([]);
  });

  it('keeps spikes for this session only without a spike log (the service as it was)', async () => {
    configDir = mkdtempSync(join(tmpdir(), 'wt-spike-restart-'));
    const first = await launch(FAKE_EPOCH, storm(2, 100), false);
    await polls(first, 3);
    expect(first.service.spikeLog(PROD.id)).toHaveLength(1);
    await stop(first);
    const second = await launch(FAKE_EPOCH + HOUR, storm(1_000, 1_000), false);
    expect(second.service.spikeLog(PROD.id)).toEqual([]);
  });

  it('reports a damaged line as a history-error on the next start, and keeps the other spikes', async () => {
    configDir = mkdtempSync(join(tmpdir(), 'wt-spike-restart-'));
    const first = await launch(FAKE_EPOCH, storm(2, 4));
    await polls(first, 5);
    await stop(first);
    const path = join(historyFolder(configDir, PROD.id), SPIKE_LOG_FILE);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.filter(Boolean)).toHaveLength(2);
    writeFileSync(path, [lines[0]!.replace('"spike"', '"spiky"'), ...lines.slice(1)].join('\n'));

    const second = await launch(FAKE_EPOCH + HOUR, storm(1_000, 1_000));
    expect(second.service.spikeLog(PROD.id).map((mark) => mark.kind)).toEqual(['recovery']);
    const errors = historyErrors(second.events);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ accountId: PROD.id, account: 'prod' });
    expect(errors[0]?.type === 'history-error' && errors[0].error.message).toMatch(/Spike log .* was damaged/);
    // Polling goes on.
    await polls(second, 1);
    expect(second.service.accountState(PROD.id)?.freshness).toBe('fresh');
  });

  it('monitors on with spikes in memory when the log cannot be opened, and says so once', async () => {
    configDir = mkdtempSync(join(tmpdir(), 'wt-spike-restart-'));
    // A folder where the log file should be: opening it for appending fails (EISDIR).
    mkdirSync(join(historyFolder(configDir, PROD.id), SPIKE_LOG_FILE), { recursive: true });
    const run = await launch(FAKE_EPOCH, storm(2, 100));
    await polls(run, 3);
    expect(run.service.spikeLog(PROD.id)).toHaveLength(1);
    const errors = historyErrors(run.events);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.type === 'history-error' && errors[0].error.message).toMatch(/spike log/);
    expect(run.service.accountState(PROD.id)?.freshness).toBe('fresh');
  });
});
