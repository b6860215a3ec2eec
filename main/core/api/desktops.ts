// The per-desktop drill-down: `GET /v2/{project_id}/connect-desktops` (which desktops are in a login state, and
// whose they are) and `GET /v2/{project_id}/connections/desktops` (login records). Validated where they enter,
// with the status answer's discipline: unknown fields are ignored, a missing field (or JSON null, which SDK
// serialisers emit for an unset optional) is unknown (`null`, never a default), and a field that is present but
// malformed rejects the whole page, because a half-read list would silently drop exactly the desktops asked for.
import type { WorkspaceError, WorkspaceResult } from '../errors.js';
import { phrase, type ErrorPhrase } from '../error-wording.js';
import { err, ok } from '../result.js';
import { answerObject, foundType, foundValue, isRecord, listProblem, unexpectedAt, type AnswerName } from './answer-problems.js';

/** `connect_status` as the API names it; the console says Unregistered, Ready, Connected, Disconnected. */
export const CONNECT_STATUSES = ['UNREGISTER', 'REGISTERED', 'CONNECTED', 'DISCONNECTED'] as const;
export type ConnectStatus = (typeof CONNECT_STATUSES)[number];

/** Documented bounds of the two list APIs. */
export const MAX_DESKTOPS_PAGE = 2000;
export const MAX_LOGIN_RECORDS_PAGE = 1000;
export const MAX_USER_NAMES_PER_QUERY = 100;

export interface AttachedUser {
  readonly id: string | null;
  readonly name: string | null;
  readonly userGroup: string | null;
  /** `USER` or `GROUP` in the docs; another value is kept as sent (a future kind is not a malformed answer). */
  readonly type: string | null;
}

export interface DesktopConnection {
  readonly desktopId: string | null;
  readonly desktopName: string | null;
  /** One of CONNECT_STATUSES as documented; kept as sent otherwise. */
  readonly connectStatus: string | null;
  /** `null` when the answer left `attach_users` out: unknown, not "nobody". */
  readonly attachUsers: readonly AttachedUser[] | null;
}

export interface DesktopConnectionPage {
  readonly desktops: readonly DesktopConnection[];
  readonly totalCount: number | null;
}

export interface LoginRecord {
  readonly transactionId: string | null;
  readonly computerName: string | null;
  readonly userName: string | null;
  readonly terminalName: string | null;
  /** Personal data: shown only where the user chose to see it, never logged nor exported as a metric label. */
  readonly terminalIp: string | null;
  readonly terminalType: string | null;
  readonly clientVersion: string | null;
  readonly agentVersion: string | null;
  readonly desktopIp: string | null;
  /** Epoch milliseconds. */
  readonly connectionStartTime: number | null;
  readonly connectionSetupTime: number | null;
  /** `null` while the session is open, or when not reported. */
  readonly connectionEndTime: number | null;
  readonly isReconnect: boolean | null;
  /** Empty text is folded into `null`: the API sends "" for a session that ended normally. */
  readonly connectionFailureReason: string | null;
  /** Milliseconds. */
  readonly networkRtt: number | null;
  readonly e2eRtt: number | null;
}

export interface LoginRecordPage {
  readonly records: readonly LoginRecord[];
  readonly totalCount: number | null;
}

type Check<T> = WorkspaceResult<T>;
/** The error for `path` holding `found` where `expected` belongs, in the answer being read. */
type Invalid = (path: string, found: ErrorPhrase, expected: ErrorPhrase) => WorkspaceError;
/** A missing or non-array list field. */
type BadList = (list: string, value: unknown) => WorkspaceError;

export function parseDesktopConnections(bodyText: string, httpStatus: number): WorkspaceResult<DesktopConnectionPage> {
  const invalid = invalidFor('desktops', httpStatus);
  const body = answerObject('desktops', bodyText, httpStatus, 'desktops');
  if (!body.ok) return body;
  const totalCount = count(body.value, 'total_count', 'total_count', invalid);
  if (!totalCount.ok) return totalCount;
  const list = array(body.value, 'desktops', badListFor('desktops', httpStatus));
  if (!list.ok) return list;
  const desktops: DesktopConnection[] = [];
  for (const [index, entry] of (list.value ?? []).entries()) {
    const path = `desktops[${index}]`;
    if (!isRecord(entry)) return err(invalid(path, foundValue(entry), phrase('expected.object')));
    const desktop = parseDesktop(entry, path, invalid);
    if (!desktop.ok) return desktop;
    desktops.push(desktop.value);
  }
  if (list.value === null && totalCount.value !== 0) {
    // Without the list there is nothing to show; an answer that says "none" (total 0) may leave it out.
    return err(listProblem('desktops', httpStatus, 'desktops', undefined));
  }
  return ok({ desktops, totalCount: totalCount.value });
}

function parseDesktop(entry: Record<string, unknown>, path: string, invalid: Invalid): Check<DesktopConnection> {
  const desktopId = text(entry, 'desktop_id', path, invalid);
  if (!desktopId.ok) return desktopId;
  const desktopName = text(entry, 'desktop_name', path, invalid);
  if (!desktopName.ok) return desktopName;
  const connectStatus = text(entry, 'connect_status', path, invalid);
  if (!connectStatus.ok) return connectStatus;
  const users = array(entry, 'attach_users', (_list, value) => invalid(`${path}.attach_users`, foundValue(value), phrase('json.array')));
  if (!users.ok) return users;
  let attachUsers: AttachedUser[] | null = null;
  if (users.value !== null) {
    attachUsers = [];
    for (const [index, user] of users.value.entries()) {
      const userPath = `${path}.attach_users[${index}]`;
      if (!isRecord(user)) return err(invalid(userPath, foundValue(user), phrase('expected.object')));
      const id = text(user, 'id', userPath, invalid);
      if (!id.ok) return id;
      const name = text(user, 'name', userPath, invalid);
      if (!name.ok) return name;
      const userGroup = text(user, 'user_group', userPath, invalid);
      if (!userGroup.ok) return userGroup;
      const type = text(user, 'type', userPath, invalid);
      if (!type.ok) return type;
      attachUsers.push({ id: id.value, name: name.value, userGroup: userGroup.value, type: type.value });
    }
  }
  return ok({ desktopId: desktopId.value, desktopName: desktopName.value, connectStatus: connectStatus.value, attachUsers });
}

export function parseLoginRecords(bodyText: string, httpStatus: number): WorkspaceResult<LoginRecordPage> {
  const invalid = invalidFor('records', httpStatus);
  const body = answerObject('records', bodyText, httpStatus, 'records');
  if (!body.ok) return body;
  const totalCount = count(body.value, 'total_count', 'total_count', invalid);
  if (!totalCount.ok) return totalCount;
  const list = array(body.value, 'records', badListFor('records', httpStatus));
  if (!list.ok) return list;
  if (list.value === null && totalCount.value !== 0) return err(listProblem('records', httpStatus, 'records', undefined));
  const records: LoginRecord[] = [];
  for (const [index, entry] of (list.value ?? []).entries()) {
    const path = `records[${index}]`;
    if (!isRecord(entry)) return err(invalid(path, foundValue(entry), phrase('expected.object')));
    const record = parseRecord(entry, path, invalid);
    if (!record.ok) return record;
    records.push(record.value);
  }
  return ok({ records, totalCount: totalCount.value });
}

const RECORD_TEXT_FIELDS = [
  ['transaction_id', 'transactionId'],
  ['computer_name', 'computerName'],
  ['user_name', 'userName'],
  ['terminal_name', 'terminalName'],
  ['terminal_ip', 'terminalIp'],
  ['terminal_type', 'terminalType'],
  ['client_version', 'clientVersion'],
  ['agent_version', 'agentVersion'],
  ['desktop_ip', 'desktopIp'],
  ['connection_failure_reason', 'connectionFailureReason'],
] as const;
const RECORD_TIME_FIELDS = [
  ['connection_start_time', 'connectionStartTime'],
  ['connection_setup_time', 'connectionSetupTime'],
  ['connection_end_time', 'connectionEndTime'],
] as const;
const RECORD_RTT_FIELDS = [
  ['network_rtt', 'networkRtt'],
  ['e2e_rtt', 'e2eRtt'],
] as const;

function parseRecord(entry: Record<string, unknown>, path: string, invalid: Invalid): Check<LoginRecord> {
  const record: Record<string, string | number | boolean | null> = {};
  for (const [field, key] of RECORD_TEXT_FIELDS) {
    const value = text(entry, field, path, invalid);
    if (!value.ok) return value;
    record[key] = value.value === '' ? null : value.value;
  }
  for (const [field, key] of RECORD_TIME_FIELDS) {
    const value = time(entry, field, path, invalid);
    if (!value.ok) return value;
    record[key] = value.value;
  }
  for (const [field, key] of RECORD_RTT_FIELDS) {
    const value = entry[field];
    if (value === undefined || value === null) {
      record[key] = null;
    } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      record[key] = value;
    } else {
      return err(invalid(`${path}.${field}`, foundValue(value), phrase('expected.milliseconds')));
    }
  }
  const reconnect = entry['is_reconnect'];
  if (reconnect !== undefined && reconnect !== null && typeof reconnect !== 'boolean') {
    return err(invalid(`${path}.is_reconnect`, foundValue(reconnect), phrase('expected.boolean')));
  }
  record['isReconnect'] = reconnect ?? null;
  return ok(record as unknown as LoginRecord);
}

/**
 * The times as the SDK models type them: strings. Seen forms are ISO-8601 with or without seconds, fractions
 * and zone (`2016-08-20T21:11Z`, `2024-05-20T08:00:00.000Z`), sometimes with a space for the `T`; a time
 * without a zone is UTC, as the query parameters are.
 */
const API_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseApiTime(raw: string): number | null {
  const match = API_TIME.exec(raw.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0), ms);
  const check = new Date(utc);
  // Date.UTC rolls 2024-02-31 over into March: such a date is malformed, not a day in March.
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  if (zone === undefined || zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return utc - sign * offsetMinutes * 60_000;
}

/** A query time as the login-records API takes it: `yyyy-MM-ddTHH:mmZ` (minutes, UTC). */
export function formatApiQueryTime(at: number): string {
  return new Date(at).toISOString().slice(0, 16) + 'Z';
}

/** Personal data: an error about them says what type came, never the value (errors reach logs and stderr). */
const PERSONAL_FIELDS = new Set(['name', 'user_name', 'terminal_ip', 'terminal_name', 'terminal_mac']);

function text(entry: Record<string, unknown>, field: string, path: string, invalid: Invalid): Check<string | null> {
  const value = entry[field];
  if (value === undefined || value === null) return ok(null);
  if (typeof value !== 'string') {
    const found = PERSONAL_FIELDS.has(field) ? foundType(value) : foundValue(value);
    return err(invalid(`${path}.${field}`, found, phrase('expected.string')));
  }
  return ok(value);
}

function time(entry: Record<string, unknown>, field: string, path: string, invalid: Invalid): Check<number | null> {
  const raw = text(entry, field, path, invalid);
  if (!raw.ok || raw.value === null || raw.value.trim() === '') return raw.ok ? ok(null) : raw;
  const at = parseApiTime(raw.value);
  if (at === null) return err(invalid(`${path}.${field}`, foundValue(raw.value), phrase('expected.time')));
  return ok(at);
}

function count(entry: Record<string, unknown>, field: string, path: string, invalid: Invalid): Check<number | null> {
  const value = entry[field];
  if (value === undefined || value === null) return ok(null);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return ok(value === 0 ? 0 : value);
  return err(invalid(path, foundValue(value), phrase('expected.count')));
}

function array(entry: Record<string, unknown>, field: string, badList: BadList): Check<readonly unknown[] | null> {
  const value = entry[field];
  if (value === undefined || value === null) return ok(null);
  if (!Array.isArray(value)) return err(badList(field, value));
  return ok(value);
}

function invalidFor(answer: AnswerName, httpStatus: number): Invalid {
  return (path, found, expected) => unexpectedAt(answer, httpStatus, path, found, expected);
}

function badListFor(answer: AnswerName, httpStatus: number): BadList {
  return (list, value) => listProblem(answer, httpStatus, list, value);
}
