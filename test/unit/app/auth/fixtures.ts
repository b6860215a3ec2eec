// A tiny real HTTP server on 127.0.0.1 for the authenticator tests: each test scripts its answers.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatError, type WorkspaceError } from '../../../../main/core/errors.js';

export interface Received {
  readonly method: string;
  readonly path: string;
  /** Lower-case names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface LoopbackServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startLoopback(handle: (request: Received) => Reply | Promise<Reply>): Promise<LoopbackServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: flatHeaders(req), body };
      received.push(request);
      const reply = await handle(request);
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** IAM's `expires_at`: ISO-8601 UTC with microseconds. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Every text an error shows or carries, for secret-hygiene checks. */
export function everyTextOf(error: WorkspaceError): string {
  return `${JSON.stringify(error)}\n${formatError(error)}`;
}

export const statusBody = (disconnected = 3): string =>
  JSON.stringify({ statics: [{ static_name: 'group-a', running_num: 10, disconnected_num: disconnected }] });
