// The two drill-down lists, paged through `total_count` over the one Workspace request path (same
// authenticators, same 401 handling, same error mapping as the status call). Every look-up is bounded: never
// more than `maxPages` requests, and the result says when it stopped before the end.
import {
  MAX_DESKTOPS_PAGE,
  MAX_LOGIN_RECORDS_PAGE,
  MAX_USER_NAMES_PER_QUERY,
  formatApiQueryTime,
  parseDesktopConnections,
  parseLoginRecords,
  type ConnectStatus,
  type DesktopConnection,
  type LoginRecord,
} from '../core/api/desktops.js';
import { workspaceApiUrl } from '../core/api/endpoint.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import { phrase, type ErrorPhrase } from '../core/error-wording.js';
import { err, ok } from '../core/result.js';
import { checkTarget, getWorkspaceAnswer, type WorkspaceClientDeps, type WorkspaceTarget } from './workspace-client.js';

/** Pages per look-up unless configured: 10 × 2,000 desktops, or 10 × 1,000 login records. */
export const DEFAULT_MAX_PAGES = 10;
export const MAX_PAGES_LIMIT = 1000;

export interface PagingOptions {
  /** At most this many requests per look-up. */
  readonly maxPages: number;
  /** Items per page; the API's maximum unless a test wants small pages. */
  readonly pageSize?: number;
}

/** Items gathered over one or more pages. */
export interface PagedList<T> {
  readonly items: readonly T[];
  /** The server's `total_count` (summed over user-name batches); null when it did not say. */
  readonly totalCount: number | null;
  readonly pages: number;
  /** False when the look-up stopped at `maxPages` with more items on the server. */
  readonly complete: boolean;
}

export interface DesktopListQuery {
  readonly status?: ConnectStatus;
  /** Only these users' desktops; sent in batches of 100, the API's limit. */
  readonly userNames?: readonly string[];
}

export async function fetchDesktopConnections(
  target: WorkspaceTarget,
  query: DesktopListQuery,
  deps: WorkspaceClientDeps,
  paging: PagingOptions,
): Promise<WorkspaceResult<PagedList<DesktopConnection>>> {
  const checked = checkTarget(target);
  if (!checked.ok) return checked;
  const pageSize = clampPageSize(paging.pageSize, MAX_DESKTOPS_PAGE);
  const batches = query.userNames === undefined ? [null] : chunks(query.userNames, MAX_USER_NAMES_PER_QUERY);
  const items: DesktopConnection[] = [];
  let pages = 0;
  let totalCount: number | null = 0;
  let complete = true;
  for (const batch of batches) {
    const base: [string, string][] = [];
    if (query.status !== undefined) base.push(['connect_status', query.status]);
    if (batch !== null) base.push(['user_names', batch.join(',')]);
    const listed = await pageThrough(
      (offset) => workspaceApiUrl(checked.value.endpoint, checked.value.projectId, 'connect-desktops', [...base, ['offset', String(offset)], ['limit', String(pageSize)]]),
      (answer) => {
        const page = parseDesktopConnections(answer.bodyText, answer.status);
        return page.ok ? ok({ items: page.value.desktops, totalCount: page.value.totalCount }) : page;
      },
      deps,
      pageSize,
      Math.max(0, paging.maxPages - pages),
    );
    if (!listed.ok) return listed;
    items.push(...listed.value.items);
    pages += listed.value.pages;
    totalCount = totalCount === null || listed.value.totalCount === null ? null : totalCount + listed.value.totalCount;
    if (!listed.value.complete) {
      complete = false;
      break;
    }
  }
  return ok({ items, totalCount, pages, complete });
}

export interface LoginRecordQuery {
  /** Epoch ms; sent as `yyyy-MM-ddTHH:mmZ`, so rounded down to the minute. */
  readonly startTime: number;
  readonly endTime: number;
  readonly userName?: string;
  readonly computerName?: string;
}

export async function fetchLoginRecords(
  target: WorkspaceTarget,
  query: LoginRecordQuery,
  deps: WorkspaceClientDeps,
  paging: PagingOptions,
): Promise<WorkspaceResult<PagedList<LoginRecord>>> {
  const checked = checkTarget(target);
  if (!checked.ok) return checked;
  if (!(query.startTime <= query.endTime)) {
    return err(workspaceError('usage', 'The login-record window ends before it starts', { hint: 'Give a start time before the end time.' }));
  }
  const pageSize = clampPageSize(paging.pageSize, MAX_LOGIN_RECORDS_PAGE);
  const base: [string, string][] = [
    ['start_time', formatApiQueryTime(query.startTime)],
    ['end_time', formatApiQueryTime(query.endTime)],
  ];
  if (query.userName !== undefined) base.push(['user_name', query.userName]);
  if (query.computerName !== undefined) base.push(['computer_name', query.computerName]);
  return pageThrough(
    (offset) => workspaceApiUrl(checked.value.endpoint, checked.value.projectId, 'connections/desktops', [...base, ['offset', String(offset)], ['limit', String(pageSize)]]),
    (answer) => {
      const page = parseLoginRecords(answer.bodyText, answer.status);
      return page.ok ? ok({ items: page.value.records, totalCount: page.value.totalCount }) : page;
    },
    deps,
    pageSize,
    paging.maxPages,
  );
}

/** "Stopped after 10 pages (20,000 of 31,200)": what a person reads when a look-up was cut short. */
export function incompleteList(list: PagedList<unknown>): ErrorPhrase | null {
  if (list.complete) return null;
  const pages = list.pages === 1 ? phrase('list.one-page') : phrase('list.pages', { count: list.pages });
  const listed = list.items.length;
  return list.totalCount === null ? phrase('list.cut', { pages, listed }) : phrase('list.cut-of', { pages, listed, total: list.totalCount });
}

interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount: number | null;
}

async function pageThrough<T>(
  urlFor: (offset: number) => URL,
  parse: (answer: { readonly status: number; readonly bodyText: string }) => WorkspaceResult<Page<T>>,
  deps: WorkspaceClientDeps,
  pageSize: number,
  maxPages: number,
): Promise<WorkspaceResult<PagedList<T>>> {
  const items: T[] = [];
  let totalCount: number | null = null;
  let pages = 0;
  for (;;) {
    if (pages >= maxPages) return ok({ items, totalCount, pages, complete: false });
    const answer = await getWorkspaceAnswer(urlFor(items.length), deps);
    if (!answer.ok) return err(forDrillDown(answer.error));
    const page = parse(answer.value);
    if (!page.ok) return page;
    pages++;
    items.push(...page.value.items);
    totalCount = page.value.totalCount;
    // An empty page ends it whatever total_count says (desktops may reconnect between pages); without a
    // total, a short page is the last one.
    if (page.value.items.length === 0) break;
    if (totalCount !== null ? items.length >= totalCount : page.value.items.length < pageSize) break;
  }
  return ok({ items, totalCount, pages, complete: true });
}

/** The status call's 403 hint names its own permission; the lists need read access to desktops. */
function forDrillDown(error: WorkspaceError): WorkspaceError {
  if (error.kind !== 'permission' || error.errorCode?.toUpperCase() === 'WKS.00010099') return error;
  return {
    ...error,
    message: 'Workspace refused access to the desktop lists',
    hint: 'The IAM user needs read access to Workspace desktops and login records (for example the Workspace ReadOnlyAccess policy) in this project.',
  };
}

function clampPageSize(requested: number | undefined, max: number): number {
  if (requested === undefined || !Number.isSafeInteger(requested)) return max;
  return Math.min(max, Math.max(1, requested));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
