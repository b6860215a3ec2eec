import type { HttpClient } from '../core/ports.js';

/** Node's global fetch (undici) as the HttpClient port: the CLI and tests use it, the app uses Electron's net.fetch. */
export const nodeHttpClient: HttpClient = (url, init) => fetch(url, init);
