// The people behind the counts for every monitored account, on top of the monitoring service: `list` answers the
// app's drill-down (`listDisconnected` of preload/contract.ts), and every spike or recovery the service reports is
// turned, once, into a notification that names its users (held and dropped per the quick-reconnect rule). One
// DisconnectedLookup per account, so look-ups are rate-limited per account and the "since" memory is per account.
// The status poll is untouched: the lists are fetched only when someone looks or a spike fires.
import type { GroupStatus } from '../core/api/fields.js';
import { groupIndex } from '../core/desktops/group-of.js';
import type { SpikeNotification } from '../core/engine/notification.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceResult } from '../core/errors.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import type { Clock, HttpClient } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import type { DisconnectedList } from '../core/desktops/rows.js';
import { DisconnectedLookup, type FirstSeenStore } from './disconnected-lookup.js';
import { SpikePeople, type NamedNotification, type NotificationSettings } from './spike-people.js';

/** What the service needs of the monitoring service (MonitoringService fits). */
export interface MonitoredAccounts {
  requestContext(accountId: string): WorkspaceResult<{
    readonly endpoint: string;
    readonly projectId: string;
    readonly auth: Authenticator;
    readonly http: HttpClient;
    readonly clock: Clock;
    readonly timeoutMs: number;
  }>;
  /** `key`: the group's stable key (GroupStatus.key). */
  groups(accountId: string): { readonly groups: readonly (GroupStatus & { readonly key: string })[] } | null;
  subscribe(listener: (event: MonitoredEvent) => void): () => void;
}

/** The events this service reacts to; others pass by. */
export type MonitoredEvent =
  | { readonly type: 'spike' | 'recovery'; readonly accountId: string; readonly account: string; readonly notification: SpikeNotification }
  | { readonly type: string };

export interface NamedAccountNotification extends NamedNotification {
  readonly accountId: string;
  readonly account: string;
}

export interface DisconnectedServiceDeps {
  readonly accounts: MonitoredAccounts;
  readonly clock: Clock;
  readonly settings: () => NotificationSettings;
  /** Where an account remembers "since" (the Node adapter: FileFirstSeenStore in its history folder); null: nowhere. */
  readonly firstSeenStoreFor: (accountId: string) => FirstSeenStore | null;
  readonly minIntervalMs?: number;
  readonly maxPages?: number;
}

interface PerAccount {
  readonly endpoint: string;
  readonly projectId: string;
  readonly lookup: DisconnectedLookup;
  readonly people: SpikePeople;
}

export class DisconnectedService {
  private readonly perAccount = new Map<string, PerAccount>();
  private readonly listeners = new Set<(named: NamedAccountNotification) => void>();
  private unsubscribe: (() => void) | null = null;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DisconnectedServiceDeps) {}

  /** Starts naming the monitoring service's spikes; the notifier listens to `onNotification` instead of raw spikes. */
  start(): void {
    this.unsubscribe ??= this.deps.accounts.subscribe((event) => {
      if ((event.type === 'spike' || event.type === 'recovery') && 'notification' in event) {
        const handled = this.named(event);
        this.pending = Promise.all([this.pending, handled]).then(() => undefined);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const entry of this.perAccount.values()) entry.people.stop();
    this.perAccount.clear();
  }

  /** Resolves when every spike and recovery received so far has been looked up and delivered (or is held). */
  whenIdle(): Promise<void> {
    return this.pending;
  }

  /** Spikes with their users, and recoveries, ready to show: once per spike, after a hold when configured. */
  onNotification(listener: (named: NamedAccountNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The drill-down: the account's disconnected desktops, or one group's (by its key). */
  async list(accountId: string, groupKey: string | null): Promise<WorkspaceResult<DisconnectedList>> {
    const entry = this.entryFor(accountId, accountId);
    if (!entry.ok) return entry;
    const answer = await entry.value.lookup.look({ state: 'disconnected' });
    if (!answer.ok) return answer;
    const groups = this.deps.accounts.groups(accountId)?.groups ?? [];
    // Two groups with the same name (their keys differ) cannot be told apart by a desktop's name: not matched.
    const nameToKey = new Map<string, string | null>();
    for (const group of groups) {
      if (group.static_name === null) continue;
      nameToKey.set(group.static_name, nameToKey.has(group.static_name) ? null : group.key);
    }
    const groupOf = groupIndex([...nameToKey.keys()]);
    if (groupKey !== null && !groups.some((group) => group.key === groupKey)) {
      return err(wordedError('usage', phrase('group.not-found'), [phrase('hint.group-gone')]));
    }
    const attributed = answer.value.rows.map((row) => {
      const name = groupOf(row.desktopName);
      return { ...row, groupKey: name === null ? null : (nameToKey.get(name) ?? null) };
    });
    const unmatched = attributed.filter((row) => row.groupKey === null).length;
    const desktops = attributed.filter((row) => groupKey === null || row.groupKey === groupKey);
    return ok({ accountId, groupKey, at: answer.value.at, complete: answer.value.complete, notes: answer.value.notes, desktops, unmatched, failures: answer.value.failures });
  }

  private async named(event: { readonly accountId: string; readonly account: string; readonly notification: SpikeNotification }): Promise<void> {
    const entry = this.entryFor(event.accountId, event.account);
    if (!entry.ok) {
      // No way to look (the account stopped): the notification still goes out, without names.
      this.emit({ accountId: event.accountId, account: event.account, notification: event.notification, users: new Map() });
      return;
    }
    await entry.value.people.handle(event.notification);
  }

  /** One lookup per account, rebuilt when its endpoint or project changes (an edited account). */
  private entryFor(accountId: string, account: string): WorkspaceResult<PerAccount> {
    const context = this.deps.accounts.requestContext(accountId);
    if (!context.ok) return context;
    const { endpoint, projectId, auth, http, clock, timeoutMs } = context.value;
    const existing = this.perAccount.get(accountId);
    if (existing !== undefined && existing.endpoint === endpoint && existing.projectId === projectId) return ok(existing);
    existing?.people.stop();
    const lookup = new DisconnectedLookup({
      target: { endpoint, projectId },
      client: { http, auth, clock, timeoutMs },
      clock,
      firstSeen: this.deps.firstSeenStoreFor(accountId),
      ...(this.deps.minIntervalMs === undefined ? {} : { minIntervalMs: this.deps.minIntervalMs }),
      ...(this.deps.maxPages === undefined ? {} : { maxPages: this.deps.maxPages }),
    });
    const people = new SpikePeople({
      lookup,
      clock: this.deps.clock,
      settings: this.deps.settings,
      groupNames: () => (this.deps.accounts.groups(accountId)?.groups ?? []).flatMap((group) => (group.static_name === null ? [] : [group.static_name])),
      deliver: (named) => this.emit({ ...named, accountId, account }),
    });
    const entry = { endpoint, projectId, lookup, people };
    this.perAccount.set(accountId, entry);
    return ok(entry);
  }

  private emit(named: NamedAccountNotification): void {
    for (const listener of this.listeners) {
      try {
        listener(named);
      } catch {
        // One failing listener must not keep the notification from the others.
      }
    }
  }
}
