// The app's HTTP client: Electron's `net.fetch`, which goes through Chromium's network stack and so honours the
// system proxy settings and certificate store (a corporate TLS-inspecting proxy works without configuration).
import { net } from 'electron';
import type { HttpClient } from '../core/ports.js';

export const netFetchHttpClient: HttpClient = (url, init) => net.fetch(url, init);
