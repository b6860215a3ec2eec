// A plain node:http server with canned answers, written from the API documentation only: the "server you did
// not write" the CLI is tried against. Answers are chosen by the project id in the path, so concurrent tests
// share one server without stepping on each other.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer, type Received } from '../../fakes/loopback-server.js';

export type CannedAnswer = (request: IncomingMessage, response: ServerResponse) => void;

export interface CannedServer {
  readonly url: string;
  /** Requests received per project id (any path naming it). */
  requestsFor(projectId: string): readonly Received[];
  answer(projectId: string, answer: CannedAnswer): void;
  close(): Promise<void>;
}

export async function startCannedServer(): Promise<CannedServer> {
  const answers = new Map<string, CannedAnswer>();
  const server = await startLoopbackServer((request, response) => {
    const answer = answers.get(projectIdIn(request.url ?? ''));
    if (answer === undefined) {
      json(response, 404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' });
      return;
    }
    answer(request, response);
  });
  return {
    url: server.url,
    requestsFor: (projectId) => server.received.filter((request) => projectIdIn(request.path) === projectId),
    answer: (projectId, answer) => answers.set(projectId, answer),
    close: () => server.close(),
  };
}

function projectIdIn(path: string): string {
  const match = /^\/v2\/([^/]+)\/connections\/status$/.exec(path);
  return match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-canned-0001', ...headers });
  response.end(JSON.stringify(body));
}

export function html(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'Content-Type': 'text/html' });
  response.end(`<html><head><title>${title}</title></head><body><h1>${title}</h1><p>nginx</p></body></html>`);
}
