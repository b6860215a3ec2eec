// Who is disconnected, since when, and how their last connection went: fetched on demand (a drill-down, the CLI,
// once when a spike fires), never on every poll. One instance per account: it rate-limits its own look-ups
// (a look within `minIntervalMs` of the last one gets the last answer), shares one look between concurrent
// callers, and keeps the account's "first seen disconnected" memory up to date.
import type { ConnectStatus, DesktopConnection, LoginRecord } from '../core/api/desktops.js';
import { disconnectedSince, latestRecordByComputer, updateFirstSeen, type FirstSeen, type FirstSeenMap, type SinceSource } from '../core/desktops/since.js';
import { analyseFailures, type FailureAnalysis } from '../core/desktops/failure-analysis.js';
import { consistentWording, phrase, sayPhrase, type ErrorPhrase } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { ListNote } from '../core/desktops/rows.js';
import type { Clock } from '../core/ports.js';
import { ok } from '../core/result.js';
import { incompleteList, fetchDesktopConnections, fetchLoginRecords, DEFAULT_MAX_PAGES } from './desktop-lists.js';
import type { WorkspaceClientDeps, WorkspaceTarget } from './workspace-client.js';

/** Where the account's "first seen disconnected" times live (the Node adapter: a file beside its history). */
export interface FirstSeenStore {
  read(): Promise<WorkspaceResult<FirstSeenMap>>;
  write(map: FirstSeenMap): Promise<WorkspaceResult<void>>;
}

/** The state a look-up lists, as the CLI names them. */
export const LOOKUP_STATES = ['disconnected', 'connected', 'ready', 'unregistered'] as const;
export type LookupState = (typeof LOOKUP_STATES)[number];

const API_STATUS: Readonly<Record<LookupState, ConnectStatus>> = {
  disconnected: 'DISCONNECTED',
  connected: 'CONNECTED',
  ready: 'REGISTERED',
  unregistered: 'UNREGISTER',
};

export const DEFAULT_LOOKUP_INTERVAL_MS = 60_000;
/** Login records are looked up over the last day: enough for "since" and the last connection of today's drops. */
export const DEFAULT_RECORD_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface LookupRequest {
  readonly state: LookupState;
  /** Only this user's desktops (and records). */
  readonly userName?: string;
}

export interface DesktopRow {
  readonly desktopId: string | null;
  readonly desktopName: string | null;
  readonly connectStatus: string | null;
  /** Attached users and user groups, by name; null when the API did not say. Personal data. */
  readonly users: readonly string[] | null;
  /** Only for disconnected desktops: since when (epoch ms), and how it was learned. */
  readonly since: number | null;
  readonly sinceSource: SinceSource | null;
  /** The desktop's latest login record within the look-back; null when none was found. */
  readonly lastConnection: LoginRecord | null;
}

export interface LookupAnswer {
  readonly at: number;
  readonly state: LookupState;
  /** Longest disconnected first (no `since` last), then by desktop name. */
  readonly rows: readonly DesktopRow[];
  /** Every desktop in that state was listed (not cut short by the page budget). */
  readonly complete: boolean;
  /** What was cut short and why, for a person: empty when nothing was. */
  readonly notes: readonly ListNote[];
  /** True when this is an earlier answer given again because the last look was too recent. */
  readonly cached: boolean;
  /** What the failed connections among the login records read (all of them, not only the listed desktops'); null without records. */
  readonly failures: FailureAnalysis | null;
}

export interface DisconnectedLookupDeps {
  readonly target: WorkspaceTarget;
  readonly client: WorkspaceClientDeps;
  readonly clock: Pick<Clock, 'now'>;
  /** Null: nothing is remembered between looks (the CLI's --demo). */
  readonly firstSeen: FirstSeenStore | null;
  readonly maxPages?: number;
  readonly minIntervalMs?: number;
  readonly recordLookbackMs?: number;
}

export class DisconnectedLookup {
  private readonly last = new Map<string, LookupAnswer>();
  private readonly inFlight = new Map<string, Promise<WorkspaceResult<LookupAnswer>>>();
  /** Requests sent so far (both lists, every page): what a test or a rate budget counts. */
  requestsSent = 0;

  constructor(private readonly deps: DisconnectedLookupDeps) {}

  look(request: LookupRequest): Promise<WorkspaceResult<LookupAnswer>> {
    const key = `${request.state}\u0000${request.userName ?? ''}`;
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const previous = this.last.get(key);
    const now = this.deps.clock.now();
    if (previous !== undefined && now - previous.at < (this.deps.minIntervalMs ?? DEFAULT_LOOKUP_INTERVAL_MS)) {
      return Promise.resolve(ok({ ...previous, cached: true }));
    }
    const running = this.fetch(request, now).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, running);
    return running;
  }

  private async fetch(request: LookupRequest, now: number): Promise<WorkspaceResult<LookupAnswer>> {
    const { target, client } = this.deps;
    const paging = { maxPages: this.deps.maxPages ?? DEFAULT_MAX_PAGES };
    const counting: WorkspaceClientDeps = { ...client, http: (url, init) => ((this.requestsSent += 1), client.http(url, init)) };
    const desktops = await fetchDesktopConnections(
      target,
      { status: API_STATUS[request.state], ...(request.userName === undefined ? {} : { userNames: [request.userName] }) },
      counting,
      paging,
    );
    if (!desktops.ok) return desktops;
    const notes: ListNote[] = [];
    const desktopsCut = incompleteList(desktops.value);
    if (desktopsCut !== null) notes.push(note(phrase('note.desktops', { cause: desktopsCut })));

    // Records only when there is someone to describe: an empty list costs one request, not two.
    let latest = new Map<string, LoginRecord>();
    let failures: FailureAnalysis | null = null;
    if (desktops.value.items.length > 0) {
      const records = await fetchLoginRecords(
        target,
        { startTime: now - (this.deps.recordLookbackMs ?? DEFAULT_RECORD_LOOKBACK_MS), endTime: now, ...(request.userName === undefined ? {} : { userName: request.userName }) },
        counting,
        paging,
      );
      if (records.ok) {
        latest = latestRecordByComputer(records.value.items);
        failures = analyseFailures(records.value.items);
        const recordsCut = incompleteList(records.value);
        if (recordsCut !== null) notes.push(note(phrase('note.records-cut', { cause: recordsCut })));
      } else {
        // The list stands without its records: say what is missing instead of failing the whole look.
        notes.push(failureNote((cause) => phrase('note.records-failed', { cause }), records.error));
      }
    }

    const lastOf = (desktop: DesktopConnection): LoginRecord | null => (desktop.desktopName === null ? null : (latest.get(desktop.desktopName) ?? null));
    const remembered = request.state === 'disconnected' ? await this.remember(desktops.value.items, lastOf, now, desktops.value.complete && request.userName === undefined, notes) : new Map<string, FirstSeen>();

    const rows = desktops.value.items.map((desktop): DesktopRow => {
      const lastConnection = lastOf(desktop);
      const since =
        request.state === 'disconnected'
          ? disconnectedSince(desktop.desktopId === null ? undefined : remembered.get(desktop.desktopId), lastConnection?.connectionEndTime ?? null)
          : null;
      return {
        desktopId: desktop.desktopId,
        desktopName: desktop.desktopName,
        connectStatus: desktop.connectStatus,
        users: desktop.attachUsers === null ? null : desktop.attachUsers.map((user) => user.name).filter((name): name is string => name !== null),
        since: since?.at ?? null,
        sinceSource: since?.source ?? null,
        lastConnection,
      };
    });
    rows.sort(longestFirst);
    const answer: LookupAnswer = { at: now, state: request.state, rows, complete: desktops.value.complete, notes, cached: false, failures };
    this.last.set(`${request.state}\u0000${request.userName ?? ''}`, answer);
    return ok(answer);
  }

  private async remember(
    desktops: readonly DesktopConnection[],
    lastOf: (desktop: DesktopConnection) => LoginRecord | null,
    now: number,
    complete: boolean,
    notes: ListNote[],
  ): Promise<FirstSeenMap> {
    const store = this.deps.firstSeen;
    const sightings = desktops.flatMap((desktop) =>
      desktop.desktopId === null ? [] : [{ desktopId: desktop.desktopId, lastRecordEnd: lastOf(desktop)?.connectionEndTime ?? null }],
    );
    const previous: WorkspaceResult<FirstSeenMap> = store === null ? ok(new Map<string, FirstSeen>()) : await store.read();
    if (!previous.ok) notes.push(failureNote((cause) => phrase('note.first-seen-read', { cause }), previous.error));
    const next = updateFirstSeen(previous.ok ? previous.value : new Map(), sightings, now, complete);
    if (store !== null) {
      const written = await store.write(next);
      if (!written.ok) notes.push(failureNote((cause) => phrase('note.first-seen-save', { cause }), written.error));
    }
    return next;
  }
}

function note(said: ErrorPhrase): ListNote {
  return { text: sayPhrase(said), wording: said };
}

/** A note with an error inside it: worded when the error is, English only otherwise. */
function failureNote(build: (cause: ErrorPhrase) => ErrorPhrase, error: WorkspaceError): ListNote {
  const cause = consistentWording(error)?.message;
  return cause === undefined ? { text: sayPhrase(build(phrase('io.other', { detail: error.message }))) } : note(build(cause));
}

/** Longest disconnected first; rows without a `since` after those with one; then by name, for stable output. */
export function longestFirst(a: DesktopRow, b: DesktopRow): number {
  const sinceA = a.since ?? Number.POSITIVE_INFINITY;
  const sinceB = b.since ?? Number.POSITIVE_INFINITY;
  if (sinceA !== sinceB) return sinceA < sinceB ? -1 : 1;
  const nameA = a.desktopName ?? '';
  const nameB = b.desktopName ?? '';
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}
