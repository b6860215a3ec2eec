// A plain node:http server with canned answers, written from the API documentation only: the "server you did
// not write" the CLI is tried against. Answers are chosen by the project id in the path, so concurrent tests
// share one server without stepping on each other.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CannedAnswer = (request: IncomingMessage, response: ServerResponse) => void;

export interface CannedServer {
  readonly url: string;
  /** Requests received per project id (any path naming it). */
  requestsFor(projectId: string): readonly IncomingMessage[];
  answer(projectId: string, answer: CannedAnswer): void;
  close(): Promise<void>;
}

export async function startCannedServer(): Promise<CannedServer> {
  const answers = new Map<string, CannedAnswer>();
  const received = new Map<string, IncomingMessage[]>();
  const server = createServer((request, response) => {
    const match = /^\/v2\/([^/]+)\/connections\/status$/.exec(request.url ?? '');
    const projectId = match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
    received.set(projectId, [...(received.get(projectId) ?? []), request]);
    const answer = answers.get(projectId);
    if (answer === undefined) {
      json(response, 404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' });
      return;
    }
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestsFor: (projectId) => received.get(projectId) ?? [],
    answer: (projectId, answer) => answers.set(projectId, answer),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-canned-0001', ...headers });
  response.end(JSON.stringify(body));
}

export function html(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'Content-Type': 'text/html' });
  response.end(`<html><head><title>${title}</title></head><body><h1>${title}</h1><p>nginx</p></body></html>`);
}
