// `serve --listen HOST:PORT`: where the exporter listens. Loopback by default, so a metrics endpoint never
// appears on the network unless someone asked for it.
import { isIP } from 'node:net';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';

/** Port 9464 is the one registered for Prometheus exporters of this kind (prom-client's and OpenTelemetry's default). */
export const DEFAULT_LISTEN = { host: '127.0.0.1', port: 9464 } as const;

export interface ListenAddress {
  readonly host: string;
  /** 0 asks the system for a free port (tests); the address actually bound is reported on start. */
  readonly port: number;
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`, `localhost:9464`. */
export function parseListenAddress(raw: string): WorkspaceResult<ListenAddress> {
  const text = raw.trim();
  const bad = (why: string) =>
    err(workspaceError('usage', `--listen ${why}`, { hint: 'Give HOST:PORT, e.g. 127.0.0.1:9464, [::1]:9464, or 0.0.0.0:9464 to listen on every interface.' }));
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  if (match === null) return bad('must be HOST:PORT (IPv6 in brackets)');
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port > 65_535) return bad('port must be from 0 to 65535');
  if (match[1] !== undefined ? isIP(host) !== 6 : isIP(host) !== 4 && !HOSTNAME.test(host)) return bad(`host '${host}' is not an IP address or host name`);
  return ok({ host, port });
}

/** Loopback addresses only reach this machine; anything else is reachable from the network. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
