// The exporter's HTTP server (node:http): /metrics for Prometheus, /healthz and /readyz for supervisors, and a
// small index page. Scrapes only read what the pollers already fetched: serving never sends a Workspace request.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';

/** What the server needs of the metrics: an exposition per Accept header, and readiness. */
export interface MetricsSource {
  render(accept: string | undefined): Promise<{ readonly contentType: string; readonly body: string }>;
  readiness(): { readonly ready: boolean; readonly accounts: number; readonly waiting: number };
}

export interface MetricsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: MetricsSource;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. The other pages say nothing sensitive. */
  readonly bearerToken?: string | undefined;
  /** Shown on the index page. */
  readonly version: string;
}

export interface RunningMetricsServer {
  readonly host: string;
  readonly port: number;
  /** e.g. `http://127.0.0.1:9464/`. */
  readonly url: string;
  /** Stops accepting, lets scrapes in progress finish (at most `graceMs`), then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' } as const;

export async function startMetricsServer(options: MetricsServerOptions): Promise<WorkspaceResult<RunningMetricsServer>> {
  const checkToken = options.bearerToken === undefined ? null : tokenChecker(options.bearerToken);
  const server = createServer((req, res) => {
    void handle(req, res, options, checkToken).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error while rendering the metrics\n');
      else res.destroy();
    });
  });
  // A scraper keeps its connection open between scrapes; an idle one is closed after a while.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const listening = await new Promise<WorkspaceError | null>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(listenError(error, options.host, options.port)));
    server.listen({ host: options.host, port: options.port, exclusive: true }, () => resolve(null));
  });
  if (listening !== null) return err(listening);
  server.on('error', () => undefined);

  const { address, port } = server.address() as AddressInfo;
  const urlHost = address.includes(':') ? `[${address}]` : address;
  return ok({
    host: address,
    port,
    url: `http://${urlHost}:${port}/`,
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: MetricsServerOptions, checkToken: ((header: string | undefined) => boolean) | null): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD\n');
    return;
  }
  switch (path) {
    case '/metrics': {
      if (checkToken !== null && !checkToken(req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="workspace-tray"');
        send(res, 401, 'text/plain; charset=utf-8', 'A bearer token is required: set bearer_token_file in the scrape config\n');
        return;
      }
      const { contentType, body } = await options.metrics.render(req.headers.accept);
      send(res, 200, contentType, body);
      return;
    }
    case '/healthz':
      send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
      return;
    case '/readyz': {
      const { ready, accounts, waiting } = options.metrics.readiness();
      if (ready) send(res, 200, 'text/plain; charset=utf-8', `ready: ${accounts} of ${accounts} accounts polled\n`);
      else send(res, 503, 'text/plain; charset=utf-8', `not ready: ${waiting} of ${accounts} accounts not polled successfully yet\n`);
      return;
    }
    case '/':
      res.setHeader('Content-Security-Policy', "default-src 'none'");
      send(res, 200, 'text/html; charset=utf-8', indexPage(options.version));
      return;
    default:
      send(res, 404, 'text/plain; charset=utf-8', 'Not found: see / for the pages\n');
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Compares digests in constant time, so neither the token's length nor its prefix leaks through timing. */
function tokenChecker(token: string): (header: string | undefined) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (header) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const given = createHash('sha256').update(match?.[1] ?? '').digest();
    return match !== null && timingSafeEqual(given, expected);
  };
}

function indexPage(version: string): string {
  const escapedVersion = version.replace(/[^0-9A-Za-z.+-]/g, '');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Workspace Tray exporter</title></head>
<body>
<h1>Workspace Tray exporter</h1>
<p>Huawei Cloud Workspace desktop states for Prometheus. Version ${escapedVersion}.</p>
<ul>
<li><a href="/metrics">/metrics</a>: the metrics (Prometheus text format, or OpenMetrics when asked)</li>
<li><a href="/healthz">/healthz</a>: the process is alive</li>
<li><a href="/readyz">/readyz</a>: every account has been polled successfully at least once</li>
</ul>
</body>
</html>
`;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): WorkspaceError {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return workspaceError('config', `Cannot listen on ${where}: the port is already in use`, {
        hint: `Stop what uses it (\`ss -ltnp 'sport = :${port}'\` shows it; another serve?) or choose another port with --listen HOST:PORT.`,
      });
    case 'EADDRNOTAVAIL':
      return workspaceError('config', `Cannot listen on ${where}: ${host} is not an address of this machine`, {
        hint: 'Use 127.0.0.1 (this machine only), one of its own addresses (`ip -brief address`), or 0.0.0.0 for every interface.',
      });
    case 'EACCES':
      return workspaceError('config', `Cannot listen on ${where}: permission denied`, { hint: 'Ports below 1024 need privileges: use a higher port such as 9464.' });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return workspaceError('config', `Cannot listen on ${where}: the host name ${host} does not resolve`, { hint: 'Give an IP address, e.g. 127.0.0.1.' });
    default:
      return workspaceError('config', `Cannot listen on ${where}: ${error.code ?? error.message}`);
  }
}
