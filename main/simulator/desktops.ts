// The simulated fleet desktop by desktop, consistent with the status counts: a pure function of (model, poll,
// the times polls were served). Each group's desktops keep a seeded order; at every poll the first
// `disconnected_num` of them are disconnected, the next `in_use_num` connected, then ready, unregistered and
// unknown. So a desktop stays disconnected while the count stays up, a storm's victims are listed with their
// users, and when the storm ends the same desktops come back: quick reconnects in the login records.
import { CONNECT_STATUSES, type ConnectStatus } from '../core/api/desktops.js';
import { groupAtPoll, type FleetModel, type SimulatedGroup } from './fleet.js';
import { between, integerBetween, mixSeed, pick, randomFor } from './random.js';

const ORDER = 11;
const USERS = 12;
const RECORD = 13;
const DESKTOP_ID = 14;

/** How many polls back the login records look for a disconnection episode. */
export const RECORD_LOOKBACK_POLLS = 30;
/** Fleets with more groups list login records only for disconnections and reconnects, not every open session. */
const OPEN_SESSION_RECORD_GROUPS = 100;

export interface SimulatedUser {
  readonly id: string;
  readonly name: string;
  readonly user_group: string;
  readonly type: 'USER' | 'GROUP';
}

export interface SimulatedDesktop {
  readonly desktop_id: string;
  readonly desktop_name: string;
  readonly connect_status: ConnectStatus;
  readonly attach_users: readonly SimulatedUser[];
}

export interface SimulatedLoginRecord {
  readonly transaction_id: string;
  readonly computer_name: string;
  readonly user_name: string;
  readonly terminal_name: string;
  readonly terminal_ip: string;
  readonly terminal_type: string;
  readonly client_version: string;
  readonly agent_version: string;
  readonly desktop_ip: string;
  readonly connection_start_time: string;
  readonly connection_setup_time: string;
  readonly connection_end_time: string | null;
  readonly is_reconnect: boolean;
  readonly connection_failure_reason: string;
  readonly network_rtt: number;
  readonly e2e_rtt: number;
}

/** When each served poll happened, by the simulator's clock; the records' times come from here. */
export interface PollClock {
  /** The time of a served poll (estimated for polls not served or no longer remembered). */
  timeOf(poll: number): number;
  /** The first served poll's time (or now, before any). */
  readonly firstPollAt: number;
}

/** The name of a desktop of a group: the group's name and a 3-digit number, as pool desktops are named from a prefix. */
export function desktopName(groupName: string, number: number): string {
  return `${groupName}-${String(number).padStart(3, '0')}`;
}

interface GroupDesktops {
  readonly index: number;
  readonly name: string;
  readonly counts: SimulatedGroup;
  /** Desktop numbers (1-based) in the group's seeded order. */
  readonly order: readonly number[];
}

function groupDesktops(model: FleetModel, index: number, poll: number): GroupDesktops | undefined {
  const counts = groupAtPoll(model, index, poll);
  const profile = model.groups[index];
  if (counts === undefined || profile === undefined) return undefined;
  const size = counts.in_use_num + counts.ready_num + counts.disconnected_num + counts.unregistered_num + counts.unknown_num;
  const order = Array.from({ length: size }, (_, i) => i + 1);
  const random = randomFor(model.seed, ORDER, index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return { index, name: profile.name, counts, order };
}

function statusAtRank(counts: SimulatedGroup, rank: number): ConnectStatus {
  if (rank < counts.disconnected_num) return 'DISCONNECTED';
  if (rank < counts.disconnected_num + counts.in_use_num) return 'CONNECTED';
  if (rank < counts.disconnected_num + counts.in_use_num + counts.ready_num) return 'REGISTERED';
  return 'UNREGISTER';
}

const FIRST_NAMES = ['alice', 'bob', 'chen', 'dmitri', 'esra', 'fatima', 'gao', 'hiro', 'ines', 'jamal', 'kim', 'li', 'maria', 'nadia', 'omar', 'priya', 'qiang', 'rosa', 'sven', 'tariq', 'umar', 'vera', 'wei', 'xin', 'yusuf', 'zhang'] as const;
const LAST_NAMES = ['wang', 'li', 'zhao', 'liu', 'chen', 'yang', 'huang', 'silva', 'khan', 'tan', 'ng', 'ali', 'costa', 'demir', 'murphy', 'santos'] as const;

/** The user a desktop belongs to: stable per (seed, group, desktop), unique within a group. */
function userOf(model: FleetModel, group: GroupDesktops, number: number): SimulatedUser {
  const random = randomFor(model.seed, USERS, group.index, number);
  const name = `${pick(random, FIRST_NAMES)}.${pick(random, LAST_NAMES)}${number > 26 ? String(number) : ''}`;
  const id = mixSeed(model.seed, USERS, group.index, number).toString(16).padStart(8, '0');
  return { id: `${id}${'0'.repeat(24)}`.slice(0, 32), name, user_group: group.name.split('-')[0] ?? 'default', type: 'USER' };
}

function desktopId(model: FleetModel, groupIndex: number, number: number): string {
  const hex = (purpose: number) => mixSeed(model.seed, DESKTOP_ID, groupIndex, number, purpose).toString(16).padStart(8, '0');
  const raw = `${hex(1)}${hex(2)}${hex(3)}${hex(4)}`;
  return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}-${raw.slice(16, 20)}-${raw.slice(20, 32)}`;
}

/** Every desktop at `poll`, with its state and users: the connect-desktops answer before filtering and paging. */
export function desktopsAt(model: FleetModel, poll: number, status: ConnectStatus | null): SimulatedDesktop[] {
  const out: SimulatedDesktop[] = [];
  for (let index = 0; index < model.groups.length; index++) {
    const group = groupDesktops(model, index, poll);
    if (group === undefined) continue;
    const attachedIdle = model.groups[index]?.idleAssignedShare ?? 0.5;
    group.order.forEach((number, rank) => {
      const state = statusAtRank(group.counts, rank);
      if (status !== null && state !== status) return;
      // Sessions only on attached desktops; of the idle ones about half keep an assigned user.
      const attached = state === 'DISCONNECTED' || state === 'CONNECTED' || randomFor(model.seed, USERS, index, number, 1)() < attachedIdle;
      out.push({
        desktop_id: desktopId(model, index, number),
        desktop_name: desktopName(group.name, number),
        connect_status: state,
        attach_users: attached ? [userOf(model, group, number)] : [],
      });
    });
  }
  return out;
}

export function isConnectStatus(value: string): value is ConnectStatus {
  return (CONNECT_STATUSES as readonly string[]).includes(value);
}

interface Episode {
  /** First poll of the disconnected run. */
  readonly from: number;
  /** The poll it was last disconnected in. */
  readonly to: number;
}

/**
 * Login records at `poll`: for each disconnected desktop its last session (ended when it dropped); for each
 * desktop that reconnected within the look-back, the dropped session and the new one (`is_reconnect`); in small
 * fleets also the open session of every other connected desktop. Newest first.
 */
export function loginRecordsAt(model: FleetModel, poll: number, clock: PollClock): SimulatedLoginRecord[] {
  const records: SimulatedLoginRecord[] = [];
  const firstPoll = Math.max(0, poll - RECORD_LOOKBACK_POLLS);
  const withOpenSessions = model.groups.length <= OPEN_SESSION_RECORD_GROUPS;
  for (let index = 0; index < model.groups.length; index++) {
    const group = groupDesktops(model, index, poll);
    if (group === undefined) continue;
    // The disconnected count of each earlier poll in the look-back: a desktop of rank r was disconnected then iff r < count.
    const history: number[] = [];
    for (let q = firstPoll; q <= poll; q++) history.push(groupAtPoll(model, index, q)?.disconnected_num ?? 0);
    const disconnectedAt = (rank: number, q: number): boolean => rank < (history[q - firstPoll] ?? 0);

    group.order.forEach((number, rank) => {
      const state = statusAtRank(group.counts, rank);
      if (state !== 'DISCONNECTED' && state !== 'CONNECTED') return;
      let episode: Episode | null = null;
      for (let q = poll; q >= firstPoll; q--) {
        if (disconnectedAt(rank, q)) {
          let from = q;
          while (from > firstPoll && disconnectedAt(rank, from - 1)) from--;
          episode = { from, to: q };
          break;
        }
      }
      const user = userOf(model, group, number);
      if (state === 'DISCONNECTED') {
        records.push(sessionRecord(model, group, number, user, clock, episode?.from ?? null, 'dropped', poll));
      } else if (episode !== null) {
        records.push(sessionRecord(model, group, number, user, clock, episode.from, 'dropped', poll));
        records.push(sessionRecord(model, group, number, user, clock, episode.to + 1, 'reconnected', poll));
      } else if (withOpenSessions) {
        records.push(sessionRecord(model, group, number, user, clock, null, 'open', poll));
      }
    });
  }
  return records.sort((a, b) => (a.connection_start_time < b.connection_start_time ? 1 : a.connection_start_time > b.connection_start_time ? -1 : 0));
}

const MINUTE = 60_000;
const CLIENT_VERSIONS = ['7.2.3', '7.3.1', '7.3.2', '8.0.0'] as const;
const TERMINAL_TYPES = ['Windows', 'Windows', 'Windows', 'macOS', 'Linux', 'Thin client', 'Android', 'iOS'] as const;
const EVERYDAY_REASONS = ['', '', '', '', 'Network timeout', 'Session idle timeout', 'Terminal went to sleep', 'Client closed unexpectedly'] as const;
const FLAKY_REASONS = ['Packet loss too high', 'Network timeout', 'Gateway connection lost', ''] as const;
const STORM_REASON = 'Network connection interrupted';

/**
 * One session of a desktop. `dropped` ended at the start of its disconnection episode (or, for a desktop
 * disconnected before the look-back, some minutes to hours before the first poll); `reconnected` started when
 * it came back; `open` began before the first poll and is still running.
 */
function sessionRecord(
  model: FleetModel,
  group: GroupDesktops,
  number: number,
  user: SimulatedUser,
  clock: PollClock,
  episodePoll: number | null,
  kind: 'dropped' | 'reconnected' | 'open',
  poll: number,
): SimulatedLoginRecord {
  const random = randomFor(model.seed, RECORD, group.index, number, kind === 'reconnected' ? (episodePoll ?? 0) + 1_000_000 : (episodePoll ?? 0));
  const storm = model.storm;
  const inStorm =
    kind !== 'open' &&
    storm !== null &&
    storm.groups.includes(group.name) &&
    episodePoll !== null &&
    episodePoll >= storm.startPoll &&
    episodePoll <= storm.endPoll;
  // Most of a group's people work from its office network; the rest from home (some over IPv6).
  const office = `10.${mixSeed(model.seed, group.index, 1) % 200}.${mixSeed(model.seed, group.index, 2) % 250}`;
  const home = random() < 0.3 ? `2001:db8:${(mixSeed(model.seed, number) % 0xffff).toString(16)}::${integerBetween(random, 2, 0xfff).toString(16)}` : `192.168.${integerBetween(random, 0, 20)}.${integerBetween(random, 2, 250)}`;
  const fromOffice = inStorm ? random() < 0.9 : random() < 0.7;
  const terminalIp = fromOffice ? `${office}.${integerBetween(random, 2, 250)}` : home;

  let reason: string;
  let networkRtt: number;
  if (kind !== 'dropped') {
    reason = '';
    networkRtt = between(random, 8, 60);
  } else if (inStorm) {
    reason = random() < 0.85 ? STORM_REASON : 'Gateway connection lost';
    networkRtt = between(random, 250, 900);
  } else if (model.scenario === 'flaky') {
    reason = pick(random, FLAKY_REASONS);
    networkRtt = between(random, 80, 400);
  } else {
    reason = pick(random, EVERYDAY_REASONS);
    networkRtt = between(random, 8, 60);
  }
  const e2eRtt = networkRtt + between(random, 10, 40);

  const firstAt = clock.firstPollAt;
  let start: number;
  let end: number | null;
  if (kind === 'reconnected') {
    start = clock.timeOf(episodePoll ?? poll) - integerBetween(random, 5, 50) * 1000;
    end = null;
  } else if (kind === 'open') {
    start = firstAt - integerBetween(random, 5, 480) * MINUTE;
    end = null;
  } else {
    // A desktop disconnected since the first poll of the look-back dropped before the simulator began: hours ago.
    end = episodePoll !== null && episodePoll > 0 ? clock.timeOf(episodePoll) - integerBetween(random, 5, 50) * 1000 : firstAt - integerBetween(random, 10, 480) * MINUTE;
    start = end - integerBetween(random, 20, 360) * MINUTE;
  }
  const setup = start + integerBetween(random, 2, 15) * 1000;
  return {
    transaction_id: `${mixSeed(model.seed, RECORD, group.index, number, start).toString(16).padStart(8, '0')}${mixSeed(start, number).toString(16).padStart(8, '0')}`,
    computer_name: desktopName(group.name, number),
    user_name: user.name,
    terminal_name: `PC-${user.name.split('.')[0]?.toUpperCase() ?? 'USER'}-${(mixSeed(model.seed, group.index, number) % 1000).toString().padStart(3, '0')}`,
    terminal_ip: terminalIp,
    terminal_type: pick(random, TERMINAL_TYPES),
    client_version: inStorm && random() < 0.6 ? '7.3.1' : pick(random, CLIENT_VERSIONS),
    agent_version: '2.4.1',
    desktop_ip: `172.16.${group.index % 250}.${(number % 250) + 2}`,
    connection_start_time: apiTime(start),
    connection_setup_time: apiTime(setup),
    connection_end_time: end === null ? null : apiTime(end),
    is_reconnect: kind === 'reconnected',
    connection_failure_reason: reason,
    network_rtt: Math.round(networkRtt),
    e2e_rtt: Math.round(e2eRtt),
  };
}

/** The record times as the service writes them: ISO-8601 UTC with seconds. */
function apiTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
