// One account's monitoring: its poller feeds each snapshot to the spike detector and to history, and tells its
// listener what happened. The MonitoringService owns one per account; front ends listen to the service, never
// here. No formatting here: events carry data, the shells render it.
import type { FleetSnapshot } from '../core/api/fields.js';
import type { SpikeDetector, SpikeNotification } from '../core/engine/spikes.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceError } from '../core/errors.js';
import type { HistorySample, HistoryStore } from '../core/ports.js';
import { Poller, type PollerDeps, type PollerEvent, type PollerStatus } from './poller.js';

export type MonitorEvent =
  | { readonly type: 'snapshot'; readonly account: string; readonly snapshot: FleetSnapshot }
  | { readonly type: 'spike'; readonly account: string; readonly notification: SpikeNotification }
  | {
      readonly type: 'error';
      readonly account: string;
      readonly error: WorkspaceError;
      /** When the poller tries again by itself; null when it waits for refresh()/resume(). */
      readonly nextAttemptAt: number | null;
      /** True when retrying cannot help (credentials, permissions, configuration): the schedule has stopped. */
      readonly halted: boolean;
    }
  | { readonly type: 'stale'; readonly account: string; readonly lastSuccessAt: number | null }
  /**
   * Snapshots cannot be saved to history. Monitoring goes on and the snapshots are still delivered. Sent once per
   * run of failures (a full disk fails every poll until freed), again only after a write has succeeded.
   */
  | { readonly type: 'history-error'; readonly account: string; readonly error: WorkspaceError };

export type MonitorListener = (event: MonitorEvent) => void;

/** What the monitor needs of the spike detector; the composition root passes a SpikeDetector. */
export type SpikeObserver = Pick<SpikeDetector, 'observe' | 'snooze'>;

export interface MonitorDeps extends Omit<PollerDeps, 'onEvent'> {
  /** The account's display name, carried by every event. */
  readonly account: string;
  readonly detector: SpikeObserver;
  /** Optional: without it nothing is recorded (e.g. `watch` without history). The caller owns and closes it. */
  readonly history?: HistoryStore;
}

export interface MonitorStatus extends PollerStatus {
  readonly account: string;
}

export class Monitor {
  readonly account: string;
  private readonly poller: Poller;
  private readonly detector: SpikeObserver;
  private readonly history: HistoryStore | undefined;
  private readonly listeners = new Set<MonitorListener>();
  /** Appends run one after another, in snapshot order, without holding up polling. */
  private historyWrites: Promise<void> = Promise.resolve();
  private historyFailing = false;
  /** The sample queued behind the write in progress, if any. */
  private waitingSample: HistorySample | null = null;

  constructor(deps: MonitorDeps) {
    const { account, detector, history, ...pollerDeps } = deps;
    this.account = account;
    this.detector = detector;
    this.history = history;
    this.poller = new Poller({ ...pollerDeps, onEvent: (event) => this.handle(event) });
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: MonitorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.poller.start();
  }

  /** Stops polling, then waits for history writes already under way. */
  async stop(): Promise<void> {
    this.poller.stop();
    await this.historyWrites;
  }

  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  pause(): void {
    this.poller.pause();
  }

  resume(): Promise<void> {
    return this.poller.resume();
  }

  setIntervalMs(intervalMs: number): void {
    this.poller.setIntervalMs(intervalMs);
  }

  /** No spike notifications until `until` (epoch ms); snapshots and history go on. */
  snooze(until: number): void {
    this.detector.snooze(until);
  }

  status(): MonitorStatus {
    return { account: this.account, ...this.poller.status() };
  }

  private handle(event: PollerEvent): void {
    const account = this.account;
    switch (event.type) {
      case 'snapshot': {
        const { snapshot } = event;
        // Detect first (pure and synchronous), then deliver: the listener sees the snapshot before its spike.
        const notification = this.detector.observe({ at: snapshot.fetchedAt, groups: snapshot.groups, totals: snapshot.totals });
        this.record(snapshot);
        this.emit({ type: 'snapshot', account, snapshot });
        if (notification !== null) this.emit({ type: 'spike', account, notification });
        return;
      }
      case 'error':
        this.emit({ type: 'error', account, error: event.error, nextAttemptAt: event.nextAttemptAt, halted: event.halted });
        return;
      case 'stale':
        this.emit({ type: 'stale', account, lastSuccessAt: event.lastSuccessAt });
        return;
    }
  }

  private record(snapshot: FleetSnapshot): void {
    const history = this.history;
    if (history === undefined) return;
    const alreadyWaiting = this.waitingSample !== null;
    this.waitingSample = { at: snapshot.fetchedAt, groups: snapshot.groups, totals: snapshot.totals };
    // Behind a write that hangs (a stalled network home folder), only the latest sample waits: queueing every
    // poll's would hold a snapshot of the whole fleet in memory per poll for as long as the disk stalls.
    if (alreadyWaiting) return;
    this.historyWrites = this.historyWrites.then(async () => {
      const sample = this.waitingSample;
      this.waitingSample = null;
      if (sample === null) return;
      let error: WorkspaceError | null;
      try {
        const written = await history.append(sample);
        error = written.ok ? null : written.error;
      } catch {
        // The port returns errors; a throw is an adapter bug, reported the same way so monitoring goes on.
        error = wordedError('service', phrase('history.save-failed'));
      }
      const alreadyReported = this.historyFailing;
      this.historyFailing = error !== null;
      if (error !== null && !alreadyReported) this.emit({ type: 'history-error', account: this.account, error });
    });
  }

  private emit(event: MonitorEvent): void {
    for (const listener of this.listeners) notify(listener, event);
  }
}

/** A throwing listener is a bug to surface, but it must not starve the other listeners or stop monitoring. */
function notify(listener: MonitorListener, event: MonitorEvent): void {
  try {
    listener(event);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
