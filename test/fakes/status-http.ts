// An HttpClient that plays the Workspace status endpoint for any number of projects, without a socket: each
// project's answer is scripted (groups, an error status, or held in flight until the test settles it). For
// testing scheduling and state on fake time; the real HTTP path is tested against the simulator.
import { COUNT_FIELDS, type Counts } from '../../main/core/api/fields.js';
import type { HttpClient } from '../../main/core/ports.js';

export interface ScriptedGroup {
  readonly name: string | null;
  readonly disconnected: number;
  readonly desktops?: number;
}

export type StatusReply = { readonly groups: readonly ScriptedGroup[] } | { readonly status: number; readonly body?: string } | 'hold' | 'network';

export interface HeldRequest {
  readonly projectId: string;
  settle(reply: Exclude<StatusReply, 'hold'>): void;
}

export class StatusHttp {
  /** Every status request, by project id, in order. */
  readonly requests: string[] = [];
  readonly held: HeldRequest[] = [];
  private readonly replies = new Map<string, (index: number) => StatusReply>();

  /** How the project answers its n-th request (0-based). Default: one quiet group. */
  script(projectId: string, reply: (index: number) => StatusReply): void {
    this.replies.set(projectId, reply);
  }

  count(projectId: string): number {
    return this.requests.filter((id) => id === projectId).length;
  }

  readonly http: HttpClient = (url, init) => {
    const match = /\/v2\/([^/]+)\/connections\/status$/.exec(new URL(url).pathname);
    if (match === null) return Promise.resolve(new Response('not found', { status: 404 }));
    const projectId = decodeURIComponent(match[1] ?? '');
    const index = this.count(projectId);
    this.requests.push(projectId);
    const reply = (this.replies.get(projectId) ?? (() => ({ groups: [{ name: 'pool', disconnected: 0 }] })))(index);
    if (reply !== 'hold') return answer(reply);
    return new Promise((resolve, reject) => {
      const signal = init.signal;
      const held: HeldRequest = {
        projectId,
        settle: (final) => {
          this.held.splice(this.held.indexOf(held), 1);
          answer(final).then(resolve, reject);
        },
      };
      this.held.push(held);
      signal?.addEventListener('abort', () => {
        const at = this.held.indexOf(held);
        if (at >= 0) this.held.splice(at, 1);
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
      }, { once: true });
    });
  };
}

function answer(reply: Exclude<StatusReply, 'hold'>): Promise<Response> {
  if (reply === 'network') return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
  if ('status' in reply) return Promise.resolve(new Response(reply.body ?? '{"error_code":"WKS.0001","error_msg":"boom"}', { status: reply.status, headers: { 'Content-Type': 'application/json' } }));
  const statics = reply.groups.map((group) => {
    const desktops = group.desktops ?? 100;
    const counts: Record<string, number> = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0]));
    counts.running_num = desktops;
    counts.attached_num = desktops;
    counts.disconnected_num = group.disconnected;
    counts.in_use_num = desktops - group.disconnected;
    return { ...(group.name === null ? {} : { static_name: group.name }), ...(counts as unknown as Counts) };
  });
  return Promise.resolve(new Response(JSON.stringify({ statics }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
}
