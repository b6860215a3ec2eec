// The official Node.js SDK's signer as an oracle: for the same request it must produce the same Authorization
// header as ours. The product never imports the SDK; only this test does.
import { createRequire } from 'node:module';
import { parse as legacyParse } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSdkDate, signRequest, verifySignedRequest } from '../../../../main/core/auth/signer.js';

interface OracleRequest {
  method: string;
  endpoint: string;
  queryParams: Record<string, string | string[]>;
  headers: Record<string, string>;
  data?: unknown;
}
interface OracleCredential {
  getAk(): string;
  getSk(): string;
}
const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as {
  AKSKSigner: { sign(request: OracleRequest, credential: OracleCredential): Record<string, string> };
};

const oddChars = [...'aZz09-_.~ !"#$%&\'()*+,/:;<=>?@[\\]^`{|}=é中ü'].concat(['😀', '\u00a0']);
const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...oddChars), maxLength });
const pathSegment = fc.string({ unit: fc.constantFrom(...[...'aZ09-_.~!$&\'()*+,;=:@%é中'].concat(['😀'])), maxLength: 8 }).filter((s) => s !== '.' && s !== '..');
const headerName = fc.stringMatching(/^x-[a-z0-9][a-z0-9-]{0,10}$/);
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
const knownHeaders = fc.record(
  { 'Content-Type': fc.constantFrom('application/json', 'application/json;charset=UTF-8'), 'X-Project-Id': fc.stringMatching(/^[0-9a-f]{32}$/), 'X-Security-Token': fc.base64String({ minLength: 4, maxLength: 60 }) },
  { requiredKeys: [] },
);
const jsonBody = fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).filter((o) => !Object.hasOwn(o, '__proto__')), { nil: undefined });

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  host: fc.constantFrom('workspace.cn-north-4.myhuaweicloud.com', '127.0.0.1:8080', 'iam.example.com:8443'),
  segments: fc.array(pathSegment, { maxLength: 5 }),
  query: fc.array(fc.tuple(text(6), fc.array(text(6), { minLength: 1, maxLength: 3 })), { maxLength: 4 }),
  extraHeaders: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  knownHeaders,
  body: jsonBody,
  now: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
  accessKey: fc.stringMatching(/^[A-Z0-9]{20}$/),
  secretKey: fc.string({ minLength: 1, maxLength: 40 }),
});

describe('signRequest against the official SDK signer', () => {
  it('produces the same Authorization header on generated requests', () => {
    fc.assert(
      fc.property(requestArbitrary, (r) => {
        const rawPath = `/${r.segments.join('/')}`;
        const endpoint = `https://${r.host}${rawPath}`;
        // The SDK signs the path as given, before it is encoded for sending; skip paths its URL parser rewrites.
        fc.pre(legacyParse(endpoint).pathname === rawPath);

        const url = new URL(`https://${r.host}`);
        url.pathname = `/${r.segments.map(encodeURIComponent).join('/')}`;
        const queryParams: Record<string, string | string[]> = {};
        for (const [name, values] of r.query) {
          if (name === '__proto__') continue;
          const previous = queryParams[name];
          queryParams[name] = [...(previous === undefined ? [] : Array.isArray(previous) ? previous : [previous]), ...values];
        }
        for (const [name, values] of Object.entries(queryParams)) for (const value of [values].flat()) url.searchParams.append(name, value);
        const headers = { ...r.extraHeaders, ...r.knownHeaders };
        const body = r.body === undefined ? '' : JSON.stringify(r.body);
        const sdkDate = formatSdkDate(r.now);

        const ours = signRequest({ method: r.method, url, headers, body, accessKey: r.accessKey, secretKey: r.secretKey, now: r.now });
        const theirs = AKSKSigner.sign(
          { method: r.method, endpoint, queryParams, headers: { ...headers, 'X-Sdk-Date': sdkDate }, ...(r.body === undefined ? {} : { data: r.body }) },
          { getAk: () => r.accessKey, getSk: () => r.secretKey },
        );
        expect(ours['X-Sdk-Date']).toBe(sdkDate);
        expect(ours.Authorization).toBe(theirs.Authorization);

        // And the simulator's side accepts what the SDK sent, as a server receives it (lower-case names).
        const received = Object.fromEntries(Object.entries(theirs).map(([name, value]) => [name.toLowerCase(), value]));
        const secretKeyFor = (ak: string) => (ak === r.accessKey ? r.secretKey : undefined);
        expect(verifySignedRequest({ method: r.method, url, headers: received, body, secretKeyFor, now: r.now })).toEqual({ ok: true, accessKey: r.accessKey });
      }),
      { numRuns: 400 },
    );
  });
});
