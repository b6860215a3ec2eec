import { afterEach, describe, expect, it } from 'vitest';
import { TokenAuthenticator } from '../../../main/app/auth/token-authenticator.js';
import { Monitor, type MonitorEvent } from '../../../main/app/monitor.js';
import { fetchConnectionStatus } from '../../../main/app/workspace-client.js';
import { DEFAULT_SPIKE_CONFIG } from '../../../main/core/engine/spike-config.js';
import { SpikeDetector } from '../../../main/core/engine/spikes.js';
import { workspaceError, type WorkspaceResult } from '../../../main/core/errors.js';
import type { HistoryPoint, HistorySample, HistoryStore } from '../../../main/core/ports.js';
import { err, ok } from '../../../main/core/result.js';
import { nodeHttpClient } from '../../../main/node/node-http.js';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { FakeClock, sequenceRandom, settle } from '../../fakes/fake-clock.js';
import { failure, ScriptedFetch, success } from '../../fakes/scripted-fetch.js';
import { expectWorded } from '../../support/worded.js';
import { catchingUncaught } from './catching-uncaught.js';

const MINUTE = 60_000;
const INTERVAL = MINUTE;

/** History in memory; `fail` decides per append whether it returns an error, throws, or stores. */
class MemoryHistory implements HistoryStore {
  readonly samples: HistorySample[] = [];
  constructor(private readonly fail: (index: number) => 'error' | 'throw' | 'store' = () => 'store') {}
  private appends = 0;
  async append(sample: HistorySample): Promise<WorkspaceResult<void>> {
    const outcome = this.fail(this.appends++);
    if (outcome === 'throw') throw new Error('disk on fire');
    if (outcome === 'error') return err(workspaceError('config', 'The history file cannot be written'));
    this.samples.push(sample);
    return ok(undefined);
  }
  async query(): Promise<WorkspaceResult<readonly HistoryPoint[]>> {
    return ok([]);
  }
  async close(): Promise<void> {}
}

/** A storm series for group-a (200 desktops): quiet, then 80 disconnected for several polls. */
const STORM = [0, 1, 0, 2, 80, 82, 81, 80, 80];

function monitorOf(reply: (index: number, clock: FakeClock) => ReturnType<typeof success> | 'hold', history?: HistoryStore, account = 'prod') {
  const clock = new FakeClock();
  const script = new ScriptedFetch(clock, (index) => reply(index, clock));
  const monitor = new Monitor({
    account,
    fetch: script.fetch,
    clock,
    random: sequenceRandom(0),
    intervalMs: INTERVAL,
    detector: new SpikeDetector(DEFAULT_SPIKE_CONFIG),
    ...(history === undefined ? {} : { history }),
  });
  const events: MonitorEvent[] = [];
  monitor.subscribe((event) => events.push(event));
  return { clock, script, monitor, events };
}

const stormReply = (index: number, clock: FakeClock) => success(clock, { 'group-a': STORM[Math.min(index, STORM.length - 1)] ?? 0, 'group-b': 3 });

describe('Monitor', () => {
  it('announces a storm once, after the snapshot that shows it', async () => {
    const { clock, monitor, events } = monitorOf(stormReply);
    monitor.start();
    await clock.advanceAsync((STORM.length + 3) * INTERVAL);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'snapshot')).toHaveLength(STORM.length + 4);
    const spikes = events.filter((event) => event.type === 'spike');
    expect(spikes).toHaveLength(1);
    const spike = spikes[0];
    if (spike?.type !== 'spike') throw new Error('no spike');
    expect(spike.account).toBe('prod');
    expect(spike.notification.kind).toBe('spike');
    expect(spike.notification.groups[0]).toMatchObject({ name: 'group-a', after: 80 });
    // The spike follows the snapshot of the poll where the storm appeared (the fifth).
    expect(types.indexOf('spike')).toBe(5);
    await monitor.stop();
  });

  it('snooze silences the storm but not the snapshots', async () => {
    const { clock, monitor, events } = monitorOf(stormReply);
    monitor.snooze(clock.now() + 60 * MINUTE);
    monitor.start();
    await clock.advanceAsync(STORM.length * INTERVAL);
    expect(events.filter((event) => event.type === 'spike')).toEqual([]);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(STORM.length + 1);
    await monitor.stop();
  });

  it('records every snapshot in history, in order', async () => {
    const history = new MemoryHistory();
    const { clock, monitor } = monitorOf(stormReply, history);
    monitor.start();
    await clock.advanceAsync(3 * INTERVAL);
    await monitor.stop();
    expect(history.samples.map((sample) => sample.at - history.samples[0]!.at)).toEqual([0, INTERVAL, 2 * INTERVAL, 3 * INTERVAL]);
    expect(history.samples[0]?.groups.map((group) => group.static_name)).toEqual(['group-a', 'group-b']);
    expect(history.samples[0]?.totals.disconnected_num).toBe(3);
  });

  it('keeps one sample waiting, the latest, behind a history write that hangs', async () => {
    let release = (): void => {};
    const history = new MemoryHistory();
    const stalled: HistoryStore = {
      append: async (sample) => {
        if (history.samples.length === 0) await new Promise<void>((resolve) => (release = resolve));
        return history.append(sample);
      },
      query: () => history.query(),
      close: () => history.close(),
    };
    const { clock, monitor, events } = monitorOf(stormReply, stalled);
    monitor.start();
    await clock.advanceAsync(10 * INTERVAL);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(11);
    release();
    await monitor.stop();
    const start = history.samples[0]?.at ?? 0;
    expect(history.samples.map((sample) => sample.at - start)).toEqual([0, 10 * INTERVAL]);
  });

  it('reports history failures once per run of failures, still delivers the snapshots and keeps polling', async () => {
    // Fails (error, throw, error), stores twice, then fails for good: a full disk must not warn on every poll.
    const history = new MemoryHistory((index) => (index <= 2 ? (index === 1 ? 'throw' : 'error') : index <= 4 ? 'store' : 'error'));
    const { clock, monitor, events } = monitorOf(stormReply, history);
    monitor.start();
    await clock.advanceAsync(9 * INTERVAL);
    await monitor.stop();
    const historyErrors = events.filter((event) => event.type === 'history-error');
    expect(historyErrors).toHaveLength(2);
    expect(historyErrors[0]).toMatchObject({ account: 'prod', error: { kind: 'config' } });
    expect(JSON.stringify(historyErrors)).not.toContain('disk on fire');
    const types = events.map((event) => event.type).filter((type) => type !== 'spike');
    // Each warning right after the snapshot whose write failed first: the first poll, then the sixth.
    expect(types.indexOf('history-error')).toBe(1);
    expect(types.lastIndexOf('history-error')).toBe(7);
    expect(types.filter((type) => type === 'snapshot')).toHaveLength(10);
    expect(history.samples).toHaveLength(2);
    expect(monitor.status()).toMatchObject({ consecutiveFailures: 0, halted: false });
  });

  it('words a history store that throws (a bug in it) without its own words', async () => {
    const { clock, monitor, events } = monitorOf(stormReply, new MemoryHistory(() => 'throw'));
    monitor.start();
    await clock.advanceAsync(INTERVAL);
    await monitor.stop();
    const reported = events.find((event) => event.type === 'history-error');
    expect(reported).toMatchObject({ error: { kind: 'service', message: 'Saving the snapshot to history failed unexpectedly' } });
    if (reported?.type === 'history-error') expectWorded(reported.error, ['history.save-failed']);
  });

  it('keeps the last good snapshot through errors, then marks it stale', async () => {
    const { clock, monitor, events } = monitorOf((index, clock) => (index === 0 ? success(clock, { 'group-a': 7 }) : failure('service', { httpStatus: 503 })));
    monitor.start();
    await settle();
    const good = monitor.status().lastSnapshot;
    expect(good?.totals.disconnected_num).toBe(7);
    await clock.advanceAsync(3 * INTERVAL);
    const status = monitor.status();
    expect(status.lastSnapshot).toBe(good);
    expect(status).toMatchObject({ account: 'prod', stale: true, lastError: { kind: 'service' } });
    expect(status.consecutiveFailures).toBeGreaterThan(1);
    const errors = events.filter((event) => event.type === 'error');
    expect(errors[0]).toMatchObject({ account: 'prod', error: { kind: 'service' }, halted: false });
    expect(events.filter((event) => event.type === 'stale')).toEqual([{ type: 'stale', account: 'prod', lastSuccessAt: good?.fetchedAt }]);
    await monitor.stop();
  });

  it('forwards a halting error with nextAttemptAt null', async () => {
    const { monitor, events } = monitorOf(() => failure('auth', { httpStatus: 401 }));
    monitor.start();
    await settle();
    expect(events).toEqual([{ type: 'error', account: 'prod', error: expect.objectContaining({ kind: 'auth' }), nextAttemptAt: null, halted: true }]);
    await monitor.stop();
  });

  it('keeps notifying the other listeners when one throws', async () => {
    const { clock, monitor } = monitorOf(stormReply);
    const seen: string[] = [];
    const surfaced: unknown[] = [];
    monitor.subscribe(() => {
      throw new Error('listener bug');
    });
    monitor.subscribe((event) => seen.push(event.type));
    await catchingUncaught(surfaced, async () => {
      monitor.start();
      await clock.advanceAsync(INTERVAL);
    });
    expect(seen).toEqual(['snapshot', 'snapshot']);
    expect(surfaced).toEqual([new Error('listener bug'), new Error('listener bug')]);
    await monitor.stop();
  });
});

describe('Monitor across a system sleep', () => {
  const HOUR = 60 * MINUTE;
  /** Two disconnected before the sleep; 80 of 200 on waking (the morning's state), then a real storm later. */
  const sleepReply = (wakeAt: number, stormAt: number) => (_index: number, clock: FakeClock) =>
    success(clock, { 'group-a': clock.now() < wakeAt ? 2 : 80, 'group-b': clock.now() < stormAt ? 3 : 90 });

  it('polls once on resume, with no burst and no spike from the change while asleep', async () => {
    const clock0 = new FakeClock().now();
    const wakeAt = clock0 + 3 * INTERVAL + 5 * HOUR;
    const { clock, script, monitor, events } = monitorOf(sleepReply(wakeAt, wakeAt + 5 * INTERVAL));
    monitor.start();
    await clock.advanceAsync(3 * INTERVAL);
    monitor.pause();
    clock.suspend(5 * HOUR);
    expect(clock.now()).toBe(wakeAt);
    const before = script.calls.length;
    await monitor.resume();
    expect(script.calls).toHaveLength(before + 1);
    expect(script.last().startedAt).toBe(wakeAt);
    await clock.advanceAsync(3 * INTERVAL);
    expect(script.calls).toHaveLength(before + 4);
    // 2 → 80 happened while asleep: a gap longer than the baseline window makes it the new baseline, not a storm.
    expect(events.filter((event) => event.type === 'spike')).toEqual([]);
    expect(events.filter((event) => event.type === 'stale')).toHaveLength(1);
    // The detector is not numbed by the sleep: a storm after waking is announced.
    await clock.advanceAsync(3 * INTERVAL);
    const spikes = events.filter((event) => event.type === 'spike');
    expect(spikes).toHaveLength(1);
    expect(spikes[0]?.type === 'spike' && spikes[0].notification.groups.map((group) => group.name)).toEqual(['group-b']);
    await monitor.stop();
  });

  it('without pause/resume, wakes to one late poll, not a backlog, and no spike', async () => {
    const clock0 = new FakeClock().now();
    const wakeAt = clock0 + INTERVAL + 5 * HOUR;
    const { clock, script, monitor, events } = monitorOf(sleepReply(wakeAt, Number.POSITIVE_INFINITY));
    monitor.start();
    await clock.advanceAsync(INTERVAL);
    clock.suspend(5 * HOUR);
    expect(monitor.status().stale).toBe(true);
    await clock.advanceAsync(INTERVAL);
    expect(script.calls.map((call) => call.startedAt - clock0)).toEqual([0, INTERVAL, 2 * INTERVAL + 5 * HOUR]);
    expect(events.filter((event) => event.type === 'spike')).toEqual([]);
    expect(monitor.status().stale).toBe(false);
    await monitor.stop();
  });
});

describe('Monitor against the simulator over loopback', () => {
  let simulator: RunningSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('reports the disconnect storm exactly once and names a storm group', async () => {
    simulator = await startSimulator({ scenario: 'disconnect-storm', seed: 7 });
    const sim = simulator;
    const clock = new FakeClock();
    const auth = new TokenAuthenticator({ token: sim.token });
    const history = new MemoryHistory();
    const monitor = new Monitor({
      account: 'simulated',
      fetch: (signal) => fetchConnectionStatus({ endpoint: sim.url, projectId: sim.projectId }, { http: nodeHttpClient, auth, clock, signal }),
      clock,
      random: sequenceRandom(0),
      intervalMs: INTERVAL,
      detector: new SpikeDetector(DEFAULT_SPIKE_CONFIG),
      history,
    });
    const events: MonitorEvent[] = [];
    monitor.subscribe((event) => events.push(event));
    monitor.start();
    await monitor.refresh();
    // Each tick fires the scheduled poll; refresh() then joins it and resolves when its real HTTP round trip ends.
    for (let poll = 1; poll < 12; poll++) {
      await clock.advanceAsync(INTERVAL);
      await monitor.refresh();
    }
    await monitor.stop();

    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(12);
    const spikes = events.flatMap((event) => (event.type === 'spike' && event.notification.kind === 'spike' ? [event.notification] : []));
    expect(spikes).toHaveLength(1);
    expect(sim.storm?.groups).toContain(spikes[0]?.groups[0]?.name);
    expect(history.samples).toHaveLength(12);
    expect(sim.statusRequests).toBe(12);
  });
});
