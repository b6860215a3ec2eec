// The one real HTTP server the tests talk to on 127.0.0.1: a handler either owns the raw exchange (to reset,
// stall or stream) or, through `replyWith`, scripts whole answers. Either way the server logs what it received
// and closes every socket it accepted, so no keep-alive connection outlives a test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

/** A request as the server read it in full. */
export interface Received {
  readonly method: string;
  /** The request target as sent: path and query. */
  readonly path: string;
  /** Lower-case names, as node:http gives them; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  /** Sent after a default `Content-Type: application/json`, so they may replace it. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Owns the exchange: it may answer, stream, stall or destroy the socket. `received` settles once the request
 * body has arrived in full, for handlers that want it without reading the stream themselves.
 */
export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse, received: Promise<Received>) => void;

export interface LoopbackOptions {
  /** Serve HTTPS with this key and certificate (PEM), e.g. to see how clients meet an untrusted certificate. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface LoopbackServer {
  /** The origin, `http://127.0.0.1:PORT` (`https://` with `tls`), without a trailing slash. */
  readonly url: string;
  /** Every request whose body arrived in full, in the order they did. */
  readonly received: readonly Received[];
  /** Destroys every connection, then stops listening. Safe to call more than once. */
  close(): Promise<void>;
}

export async function startLoopbackServer(handle: LoopbackHandler, options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const read = readRequest(request);
    void read.then((entry) => received.push(entry));
    handle(request, response, read);
  };
  const server = options.tls === undefined ? createServer(onRequest) : createTlsServer(options.tls, onRequest);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    received,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
}

/** A handler that answers each request with what `script` returns for it, once its body has arrived. */
export function replyWith(script: (request: Received) => Reply | Promise<Reply>): LoopbackHandler {
  return (_request, response, received) => {
    void received.then(script).then((reply) => {
      response.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      response.end(reply.body ?? '');
    });
  };
}

/** Never rejects: a request cut off before its end is simply not logged. */
function readRequest(request: IncomingMessage): Promise<Received> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    // A reset socket errors the request stream; the handler that reset it expects exactly that.
    request.on('error', () => undefined);
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      resolve({ method: request.method ?? '', path: request.url ?? '', headers: flatHeaders(request), body: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

export interface RefusingPort {
  /** A loopback port where a connection is refused (ECONNREFUSED) for as long as this is held. */
  readonly port: number;
  release(): Promise<void>;
}

/**
 * A port that refuses connections and that nothing else can take meanwhile. A port just closed is NOT that: under
 * load another test's server may be given it at once (the test then sees ECONNRESET or an answer). Here the port
 * is the local end of an open connection to a throwaway server: nothing listens on it, so a connection to it is
 * refused, and the kernel hands it to no other socket while the connection stays open.
 */
export async function refusingPort(): Promise<RefusingPort> {
  const holder = createNetServer((socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const client = connect((holder.address() as AddressInfo).port, '127.0.0.1');
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  const port = client.localPort;
  if (port === undefined) throw new Error('the holding connection has no local port');
  return {
    port,
    release: async () => {
      client.destroy();
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    },
  };
}
