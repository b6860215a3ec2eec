// The monitoring service on fake time: accounts come and go through applySettings without a restart, settings
// take effect live, state and freshness follow what happens, and each account gets one request per interval.
// HTTP is a scripted status endpoint (test/fakes/status-http.ts); history is the real file store in a temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretKey } from '../../../main/app/accounts.js';
import {
  createMonitoringService,
  FLEET_KEY,
  type MonitoringEvent,
  type MonitoringOptions,
  type HistoryOpener,
  type MonitoringService,
} from '../../../main/app/monitoring-service.js';
import type { GroupStatus } from '../../../main/core/api/fields.js';
import { applySnapshotChange, type KeyedGroup } from '../../../main/core/engine/snapshot-diff.js';
import type { HistoryStore } from '../../../main/core/ports.js';
import type { Account, Settings } from '../../../main/core/settings/schema.js';
import { fileHistoryOpener } from '../../../main/node/file-history-opener.js';
import { FakeClock, sequenceRandom, settle } from '../../fakes/fake-clock.js';
import { MemorySecretStore } from '../../fakes/memory-secret-store.js';
import { MemorySettingsStore } from '../../fakes/memory-settings-store.js';
import { StatusHttp, type StatusReply } from '../../fakes/status-http.js';

const MINUTE = 60_000;
const INTERVAL = MINUTE;

const PROD: Account = { id: '11111111-1111-4111-8111-111111111111', name: 'prod', region: 'cn-north-4', projectId: 'prod-project', auth: 'token' };
const TEST: Account = { id: '22222222-2222-4222-8222-222222222222', name: 'test', region: 'cn-north-4', projectId: 'test-project', auth: 'token' };

interface Rig {
  readonly clock: FakeClock;
  readonly http: StatusHttp;
  readonly settings: MemorySettingsStore;
  readonly secrets: MemorySecretStore;
  readonly service: MonitoringService;
  readonly events: MonitoringEvent[];
  readonly folder: string;
  /** Applies a change to the stored settings and hands the result to the service, as the shell does. */
  change(edit: (current: Settings) => Settings): Promise<Settings>;
}

const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.service.stop();
    rmSync(rig.folder, { recursive: true, force: true });
  }
});

/** The real file history, counting appends so a test can wait for the disk (writes run behind the polls). */
class CountingOpener {
  appended = 0;
  private readonly files = fileHistoryOpener({ temporaryDemo: true });
  readonly open: HistoryOpener = async (location) => {
    const opened = await this.files.open(location);
    if (!opened.ok) return opened;
    const store = opened.value;
    const append: HistoryStore['append'] = async (sample) => {
      const result = await store.append(sample);
      this.appended++;
      return result;
    };
    return { ok: true, value: Object.assign(Object.create(store) as HistoryStore, { append }) };
  };

  async until(count: number): Promise<void> {
    while (this.appended < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function rig(accounts: readonly Account[], options?: MonitoringOptions, extra: Record<string, unknown> = {}, history = new CountingOpener()): Rig {
  const clock = new FakeClock();
  const http = new StatusHttp();
  const settings = new MemorySettingsStore({ accounts, polling: { intervalSeconds: INTERVAL / 1000 }, ...extra });
  const secrets = new MemorySecretStore();
  for (const account of accounts) secrets.entries.set(secretKey(account), JSON.stringify({ token: `token-of-${account.name}` }));
  const folder = mkdtempSync(join(tmpdir(), 'monitoring-service-'));
  const service = createMonitoringService({
    settings, secrets, http: http.http, clock, random: sequenceRandom(0.5), env: {}, configDir: folder, openHistory: history.open,
    ...(options === undefined ? {} : { options }),
  });
  const events: MonitoringEvent[] = [];
  service.subscribe((event) => events.push(event));
  const made: Rig = {
    clock, http, settings, secrets, service, events, folder,
    async change(edit) {
      const updated = await settings.update(edit);
      if (!updated.ok) throw new Error(updated.error.message);
      await service.applySettings(updated.value);
      await settle();
      return updated.value;
    },
  };
  rigs.push(made);
  return made;
}

async function started(r: Rig): Promise<Rig> {
  const result = await r.service.start();
  if (!result.ok) throw new Error(result.error.message);
  await settle();
  return r;
}

const of = <T extends MonitoringEvent['type']>(events: readonly MonitoringEvent[], type: T) =>
  events.filter((event): event is Extract<MonitoringEvent, { type: T }> => event.type === type);

describe('MonitoringService', () => {
  it('polls every account once per interval, never more, and keeps a revision per account', async () => {
    const r = await started(rig([PROD, TEST]));
    expect([r.http.count('prod-project'), r.http.count('test-project')]).toEqual([1, 1]);
    for (let i = 0; i < 10; i++) await r.clock.advanceAsync(INTERVAL);
    expect([r.http.count('prod-project'), r.http.count('test-project')]).toEqual([11, 11]);
    expect(r.service.groups(PROD.id)?.revision).toBe(11);
    const snapshots = of(r.events, 'snapshot').filter((event) => event.accountId === PROD.id);
    expect(snapshots.map((event) => event.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(snapshots.every((event) => event.durationMs >= 0 && event.account === 'prod')).toBe(true);
  });

  it('sends a change per snapshot that turns the previous groups into the new ones', async () => {
    const r = rig([PROD]);
    const lists: StatusReply[] = [
      { groups: [{ name: 'a', disconnected: 1 }, { name: null, disconnected: 2 }] },
      { groups: [{ name: 'a', disconnected: 3 }, { name: 'b', disconnected: 0 }, { name: null, disconnected: 2 }] },
      { groups: [{ name: 'b', disconnected: 0 }, { name: 'a', disconnected: 3 }] },
    ];
    r.http.script('prod-project', (index) => lists[Math.min(index, lists.length - 1)] as StatusReply);
    await started(r);
    await r.clock.advanceAsync(INTERVAL);
    await r.clock.advanceAsync(INTERVAL);
    let groups: KeyedGroup[] = [];
    const changes = of(r.events, 'change');
    expect(changes.map((change) => change.revision)).toEqual([1, 2, 3]);
    const snapshots = of(r.events, 'snapshot');
    changes.forEach((change, index) => {
      groups = applySnapshotChange(groups, change.change);
      expect(groups).toEqual(snapshots[index]?.snapshot.groups);
    });
    expect(changes[2]?.change).toMatchObject({ removed: ['(unnamed group #1)'], added: [], changed: [] });
  });

  it('adds, edits, renames and removes accounts through applySettings, without a restart', async () => {
    const r = await started(rig([PROD]));
    expect(r.service.state().accounts.map((account) => account.name)).toEqual(['prod']);

    await r.secrets.set(secretKey(TEST), JSON.stringify({ token: 'token-of-test' }));
    await r.change((current) => ({ ...current, accounts: [...current.accounts, TEST] }));
    expect(r.http.count('test-project')).toBe(1);
    expect(r.service.state().accounts.map((account) => account.name)).toEqual(['prod', 'test']);

    // A rename relabels: no new request, no lost revision.
    const prodRequests = r.http.count('prod-project');
    await r.change((current) => ({ ...current, accounts: current.accounts.map((a) => (a.id === PROD.id ? { ...a, name: 'production' } : a)) }));
    expect(r.http.count('prod-project')).toBe(prodRequests);
    expect(r.service.accountState(PROD.id)).toMatchObject({ name: 'production', revision: 1 });

    // A new project id reconnects: the next request goes to the new project, at once; the revision goes on.
    await r.change((current) => ({ ...current, accounts: current.accounts.map((a) => (a.id === PROD.id ? { ...a, projectId: 'prod-project-2' } : a)) }));
    expect(r.http.count('prod-project-2')).toBe(1);
    expect(r.service.accountState(PROD.id)).toMatchObject({ projectId: 'prod-project-2', revision: 2 });

    // Removed: it leaves the state and is never asked again.
    await r.change((current) => ({ ...current, accounts: current.accounts.filter((a) => a.id !== TEST.id) }));
    const testRequests = r.http.count('test-project');
    await r.clock.advanceAsync(5 * INTERVAL);
    expect(r.http.count('test-project')).toBe(testRequests);
    expect(r.service.state().accounts.map((account) => account.id)).toEqual([PROD.id]);
    expect(r.service.accountState(TEST.id)).toBeNull();
    expect(r.http.count('prod-project-2')).toBe(6);
  });

  it('takes a new interval for the next regular poll', async () => {
    const r = await started(rig([PROD]));
    await r.change((current) => ({ ...current, polling: { ...current.polling, intervalSeconds: 300 } }));
    await r.clock.advanceAsync(4 * MINUTE);
    expect(r.http.count('prod-project')).toBe(1);
    await r.clock.advanceAsync(MINUTE);
    expect(r.http.count('prod-project')).toBe(2);
    expect(r.service.accountState(PROD.id)?.nextPollAt).toBe(r.clock.now() + 5 * MINUTE);
  });

  it('takes new spike thresholds from the next poll, and names the spiking group by key in the state', async () => {
    const r = rig([PROD]);
    // 2 → 8 of 100 desktops: below the default 20 % share, above a 5 % one.
    r.http.script('prod-project', (index) => ({ groups: [{ name: 'a', disconnected: 0 }, { name: 'a', disconnected: index < 2 ? 2 : 8 }] }));
    await started(r);
    await r.clock.advanceAsync(INTERVAL);
    await r.change((current) => ({ ...current, alerts: { ...current.alerts, groupMinRise: 3, groupMinShare: 0.05, fleetMinRise: 1000 } }));
    await r.clock.advanceAsync(INTERVAL);
    const spikes = of(r.events, 'spike');
    expect(spikes).toHaveLength(1);
    expect(spikes[0]?.notification.groups.map((group) => group.key)).toEqual(['a (#2)']);
    expect(r.service.accountState(PROD.id)).toMatchObject({ spikingGroupKeys: ['a (#2)'], fleetSpiking: false });
    expect(r.service.spikeLog(PROD.id)).toEqual([expect.objectContaining({ kind: 'spike', groupKeys: ['a (#2)'], fleet: false })]);
  });

  it('goes fresh → refreshing → stale → error → fresh, and says so in state events', async () => {
    const r = rig([PROD]);
    r.http.script('prod-project', (index) => (index === 1 ? 'hold' : { groups: [{ name: 'a', disconnected: 0 }] }));
    await started(r);
    const freshness = () => r.service.accountState(PROD.id)?.freshness;
    expect(freshness()).toBe('fresh');
    await r.clock.advanceAsync(INTERVAL);
    expect(freshness()).toBe('refreshing');
    await r.clock.advanceAsync(2 * INTERVAL);
    expect(freshness()).toBe('stale');
    r.http.held[0]?.settle({ status: 503 });
    await settle();
    expect(freshness()).toBe('error');
    expect(r.service.accountState(PROD.id)?.error).toMatchObject({ kind: 'service', httpStatus: 503 });
    const error = of(r.events, 'error')[0];
    expect(error).toMatchObject({ halted: false, error: { kind: 'service', httpStatus: 503 } });
    expect(error?.durationMs).toBe(2 * INTERVAL);
    await r.clock.runNext();
    await settle();
    expect(freshness()).toBe('fresh');
    expect(r.service.accountState(PROD.id)?.error).toBeNull();
    const seen = of(r.events, 'state').map((event) => event.state.accounts[0]?.freshness);
    expect(seen.filter((value, index) => value !== seen[index - 1])).toEqual(['refreshing', 'fresh', 'refreshing', 'stale', 'error', 'fresh']);
  });

  it('keeps one failed poll with fresh data on screen as fresh, but an auth failure halts as error', async () => {
    const r = rig([PROD]);
    r.http.script('prod-project', (index) => (index === 1 ? 'network' : index === 3 ? { status: 401, body: '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}' } : { groups: [{ name: 'a', disconnected: 0 }] }));
    await started(r);
    await r.clock.advanceAsync(INTERVAL);
    expect(r.service.accountState(PROD.id)).toMatchObject({ freshness: 'fresh', error: { kind: 'network' }, halted: false });
    await r.clock.runNext();
    await settle();
    await r.clock.advanceAsync(INTERVAL);
    expect(r.service.accountState(PROD.id)).toMatchObject({ freshness: 'error', error: { kind: 'auth' }, halted: true, nextPollAt: null });
    const before = r.http.count('prod-project');
    await r.clock.advanceAsync(10 * INTERVAL);
    expect(r.http.count('prod-project')).toBe(before);
    await r.service.refresh(PROD.id);
    expect(r.service.accountState(PROD.id)).toMatchObject({ freshness: 'fresh', halted: false, error: null });
  });

  it('pauses and resumes polling, apart from notifications', async () => {
    const r = await started(rig([PROD, TEST]));
    r.service.pause();
    await settle();
    expect(r.service.state()).toMatchObject({ paused: true });
    expect(r.service.state().accounts.map((account) => account.freshness)).toEqual(['paused', 'paused']);
    await r.clock.advanceAsync(10 * INTERVAL);
    expect([r.http.count('prod-project'), r.http.count('test-project')]).toEqual([1, 1]);
    await r.service.resume();
    expect([r.http.count('prod-project'), r.http.count('test-project')]).toEqual([2, 2]);
    expect(r.service.state().paused).toBe(false);
    // One account alone (the CLI ends one target while the others go on).
    r.service.pause(TEST.id);
    await r.clock.advanceAsync(INTERVAL);
    expect([r.http.count('prod-project'), r.http.count('test-project')]).toEqual([3, 2]);
    expect(r.service.state().paused).toBe(false);
  });

  it('holds spike notifications while snoozed (saved in the settings), and tells again afterwards', async () => {
    const r = rig([PROD], undefined, { alerts: { cooldownMinutes: 0 } });
    const storm = [0, 0, 60, 0, 0, 0, 60, 60];
    r.http.script('prod-project', (index) => ({ groups: [{ name: 'a', disconnected: storm[Math.min(index, storm.length - 1)] ?? 0 }] }));
    await started(r);
    const until = r.clock.now() + 5 * INTERVAL;
    expect(await r.service.snooze(until)).toEqual({ ok: true, value: undefined });
    expect(r.settings.current.notifications.pausedUntil).toBe(until);
    await settle();
    expect(r.service.state().notificationsPausedUntil).toBe(until);
    await r.clock.advanceAsync(2 * INTERVAL);
    expect(of(r.events, 'spike')).toHaveLength(0);
    expect(r.service.accountState(PROD.id)?.spikingGroupKeys).toEqual(['a']);
    await r.clock.advanceAsync(4 * INTERVAL);
    expect(r.service.state().notificationsPausedUntil).toBeNull();
    expect(of(r.events, 'spike')).toHaveLength(1);
    // Cleared from the settings as the shell does it, it resumes at once.
    await r.service.snooze(r.clock.now() + 60 * MINUTE);
    await r.change((current) => ({ ...current, notifications: { ...current.notifications, pausedUntil: null } }));
    expect(r.service.state().notificationsPausedUntil).toBeNull();
  });

  it('answers history by group key, unnamed and repeated groups included, with the fleet, in one call', async () => {
    const history = new CountingOpener();
    const r = rig([PROD], undefined, {}, history);
    r.http.script('prod-project', (index) => ({
      groups: [{ name: 'pool', disconnected: index }, { name: 'pool', disconnected: 10 + index }, { name: null, disconnected: 20 + index }],
    }));
    await started(r);
    await history.until(1);
    await r.clock.advanceAsync(INTERVAL);
    await history.until(2);
    await r.clock.advanceAsync(INTERVAL);
    await r.service.stop();
    // Reopened by a new service on the same folder: it was written to disk.
    const again = createMonitoringService({
      settings: r.settings, secrets: r.secrets, http: r.http.http, clock: r.clock, random: Math.random, env: {}, configDir: r.folder,
      openHistory: fileHistoryOpener({ temporaryDemo: true }).open,
    });
    r.http.script('prod-project', () => 'hold');
    expect((await again.start()).ok).toBe(true);
    const answer = await again.queryHistory({ accountId: PROD.id, series: ['pool', 'pool (#2)', '(unnamed group #1)', FLEET_KEY, 'nobody'], from: 0, to: r.clock.now() });
    await again.stop();
    if (!answer.ok) throw new Error(answer.error.message);
    const disconnected = (key: string) => answer.value.series.find((series) => series.key === key)?.points.map((point) => point.counts.disconnected_num);
    expect(answer.value.series.map((series) => series.key)).toEqual(['pool', 'pool (#2)', '(unnamed group #1)', FLEET_KEY, 'nobody']);
    expect(disconnected('pool')).toEqual([0, 1, 2]);
    expect(disconnected('pool (#2)')).toEqual([10, 11, 12]);
    expect(disconnected('(unnamed group #1)')).toEqual([20, 21, 22]);
    expect(disconnected(FLEET_KEY)).toEqual([30, 33, 36]);
    expect(disconnected('nobody')).toEqual([]);
  });

  it('reports damage found in an account\'s history as a history-error, and still answers the rest', async () => {
    const history = new CountingOpener();
    const r = rig([PROD], undefined, {}, history);
    r.http.script('prod-project', (index) => ({ groups: [{ name: 'pool', disconnected: index }] }));
    await started(r);
    for (let poll = 2; poll <= 6; poll++) {
      await r.clock.advanceAsync(INTERVAL);
      await history.until(poll);
    }
    await r.service.stop();
    // A few bytes flipped in the middle of the hour's file, as a failing disk would.
    const folder = join(r.folder, 'history', PROD.id);
    const segment = readdirSync(folder).map((name) => join(folder, name)).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const bytes = readFileSync(segment);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 3; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeFileSync(segment, bytes);

    const again = createMonitoringService({
      settings: r.settings, secrets: r.secrets, http: r.http.http, clock: r.clock, random: Math.random, env: {}, configDir: r.folder,
      openHistory: fileHistoryOpener({ temporaryDemo: true }).open,
    });
    const events: MonitoringEvent[] = [];
    again.subscribe((event) => events.push(event));
    r.http.script('prod-project', () => 'hold');
    expect((await again.start()).ok).toBe(true);
    const answer = await again.queryHistory({ accountId: PROD.id, series: ['pool'], from: 0, to: r.clock.now() });
    await again.stop();
    if (!answer.ok) throw new Error(answer.error.message);
    const damage = of(events, 'history-error');
    expect(damage).toHaveLength(1);
    expect(damage[0]?.accountId).toBe(PROD.id);
    expect(damage[0]?.error.message).toMatch(/damaged/);
    const kept = answer.value.series[0]?.points.length ?? 0;
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(kept).toBeLessThan(6);
  });

  it('reports an account whose secret is missing, runs the others, and recovers on refresh once it is back', async () => {
    const r = rig([PROD, TEST]);
    r.secrets.entries.delete(secretKey(TEST));
    await started(r);
    expect(r.http.count('prod-project')).toBe(1);
    expect(r.http.count('test-project')).toBe(0);
    expect(r.service.accountState(TEST.id)).toMatchObject({ freshness: 'error', halted: true, error: { kind: 'keychain' } });
    expect(of(r.events, 'error')).toEqual([expect.objectContaining({ accountId: TEST.id, halted: true, durationMs: null })]);
    expect(r.service.requestContext(TEST.id)).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    r.secrets.entries.set(secretKey(TEST), JSON.stringify({ token: 'token-of-test' }));
    await r.service.refresh(TEST.id);
    await settle();
    expect(r.http.count('test-project')).toBe(1);
    expect(r.service.accountState(TEST.id)).toMatchObject({ freshness: 'fresh', halted: false, error: null });
    const context = r.service.requestContext(TEST.id);
    expect(context).toMatchObject({ ok: true, value: { projectId: 'test-project', endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com' } });
    expect(JSON.stringify(context)).not.toContain('token-of-test');
  });

  it('sums every account into the fleet total, and stops cleanly', async () => {
    const r = rig([PROD, TEST]);
    r.http.script('prod-project', () => ({ groups: [{ name: 'a', disconnected: 3 }] }));
    r.http.script('test-project', () => ({ groups: [{ name: 'a', disconnected: 4 }, { name: 'b', disconnected: 1 }] }));
    await started(r);
    expect(r.service.state().totals?.disconnected_num).toBe(8);
    expect(r.service.accountState(TEST.id)?.groupCount).toBe(2);
    await r.service.stop();
    await r.clock.advanceAsync(10 * INTERVAL);
    expect(r.http.requests).toHaveLength(2);
    expect(r.clock.pendingCount()).toBe(0);
  });

  it('polls every account once in `once` mode, with no schedule and no history', async () => {
    const r = rig([PROD, TEST], { scope: { kind: 'accounts', ids: [PROD.id, TEST.id] }, mode: 'once' });
    r.http.script('test-project', () => ({ status: 403, body: '{"error_code":"APIGW.0302","error_msg":"forbidden"}' }));
    await started(r);
    expect(r.service.groups(PROD.id)?.groups.map((group: GroupStatus) => group.key)).toEqual(['pool']);
    expect(r.service.accountState(TEST.id)?.error).toMatchObject({ kind: 'permission' });
    await r.clock.advanceAsync(10 * INTERVAL);
    expect(r.http.requests).toHaveLength(2);
    expect(r.clock.pendingCount()).toBe(0);
  });
});
