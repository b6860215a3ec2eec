import { describe, expect, it } from 'vitest';
import {
  checkEndpoint,
  checkProjectId,
  connectionStatusUrl,
  formatEndpoint,
  iamEndpointForRegion,
  isLoopbackHost,
  resolveWorkspaceEndpoint,
  workspaceEndpointForRegion,
} from '../../../../main/core/api/endpoint.js';
import { REGIONS } from '../../../../main/core/settings/schema.js';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

function endpoint(raw: string): URL {
  const checked = checkEndpoint(raw);
  if (!checked.ok) throw new Error(`expected ${raw} to be accepted: ${checked.error.message}`);
  return checked.value;
}

function rejection(raw: string): string {
  const checked = checkEndpoint(raw);
  if (checked.ok) throw new Error(`expected ${raw} to be rejected`);
  expect(checked.error.kind).toBe('config');
  return checked.error.message;
}

describe('region endpoints', () => {
  it('builds the Workspace and IAM hosts of a region', () => {
    expect(workspaceEndpointForRegion('cn-north-4')).toBe('https://workspace.cn-north-4.myhuaweicloud.com');
    expect(iamEndpointForRegion('ap-southeast-1')).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
  });

  it('gives every listed region an endpoint that passes its own check', () => {
    for (const region of REGIONS) {
      expect(checkEndpoint(workspaceEndpointForRegion(region)).ok).toBe(true);
      expect(checkEndpoint(iamEndpointForRegion(region)).ok).toBe(true);
    }
  });
});

describe('resolveWorkspaceEndpoint', () => {
  it("gives a region's endpoint, or a custom endpoint normalised, or the custom endpoint's problem", () => {
    expect(resolveWorkspaceEndpoint({ region: 'cn-north-4' })).toEqual({ ok: true, value: 'https://workspace.cn-north-4.myhuaweicloud.com' });
    expect(resolveWorkspaceEndpoint({ endpoint: 'https://ws.example.com/prefix/' })).toEqual({ ok: true, value: 'https://ws.example.com/prefix' });
    expect(resolveWorkspaceEndpoint({ endpoint: 'http://ws.example.com' })).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(resolveWorkspaceEndpoint({})).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.255.255.254', '127.1.2.3', '[::1]', '::1'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', '128.0.0.1', '10.0.0.1', '127.0.0.256', 'localhost.example.com', 'evil.localhost', '[::2]', '127.0.0.1.nip.io', ''])(
    'rejects %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('checkEndpoint', () => {
  it('accepts https to any host and normalises a trailing slash away', () => {
    expect(formatEndpoint(endpoint('https://workspace.cn-north-4.myhuaweicloud.com/'))).toBe('https://workspace.cn-north-4.myhuaweicloud.com');
    expect(formatEndpoint(endpoint('  https://proxy.corp.example:8443/workspace-api//  '))).toBe('https://proxy.corp.example:8443/workspace-api');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.9.9.9', 'http://localhost:3000/api', 'http://[::1]:4000', 'http://0x7f.1:8080'])(
    'allows plain http to the loopback host %s',
    (raw) => {
      expect(endpoint(raw).protocol).toBe('http:');
    },
  );

  it('rejects plain http to a remote host, saying why', () => {
    expect(rejection('http://workspace.cn-north-4.myhuaweicloud.com')).toMatch(/plain http to a remote host/);
    expect(rejection('http://192.168.1.10:8080')).toMatch(/plain http/);
    expect(rejection('http://localhost.evil.example')).toMatch(/plain http/);
    // The message names the https URL to use, and never the user information a pasted URL may carry.
    expect(rejection('http://workspace.example.com/base')).toContain('"https://workspace.example.com/base"');
    const withPassword = rejection('http://admin:Pa55-word@workspace.example.com');
    expect(withPassword).toMatch(/plain http/);
    expect(withPassword).not.toMatch(/Pa55-word|admin/);
  });

  it('rejects other schemes, non-URLs and empty input', () => {
    expect(rejection('ftp://example.com')).toMatch(/only https/);
    expect(rejection('workspace.cn-north-4.myhuaweicloud.com')).toMatch(/not a URL/);
    expect(rejection('   ')).toMatch(/empty/);
  });

  it('rejects credentials in the URL without repeating them', () => {
    const message = rejection('https://admin:hunter2@workspace.example.com');
    expect(message).toMatch(/user name or password/);
    expect(message).not.toContain('hunter2');
    expect(rejection('http://admin:hunter2@remote.example.com')).not.toContain('hunter2');
  });

  it('rejects a query or fragment, even an empty one, without quoting it', () => {
    expect(rejection('https://workspace.example.com/?token=abc')).toMatch(/query/);
    expect(rejection('https://workspace.example.com/?token=abc')).not.toContain('abc');
    expect(rejection('https://workspace.example.com?')).toMatch(/query/);
    expect(rejection('https://workspace.example.com/#x')).toMatch(/fragment/);
    expect(rejection('https://workspace.example.com#')).toMatch(/fragment/);
  });
});

describe('checkProjectId', () => {
  it('accepts public-cloud ids and the differently shaped ids of private deployments', () => {
    for (const id of [PROJECT, 'Project_01', 'ab-cd.ef', 'tenant:42', 'проект']) expect(checkProjectId(id)).toEqual({ ok: true, value: id });
  });

  it.each([
    ['', /empty/],
    ['abc/def', /slash/],
    ['abc?x=1', /question mark/],
    ['abc#x', /hash/],
    ['abc%2F', /percent/],
    ['abc def', /whitespace/],
    [' abc', /whitespace/],
    ['abc\t', /whitespace/],
    ['abc\u00a0', /whitespace/],
    ['abc\u0000', /control/],
    ['abc\u007f', /control/],
    ['abc\u200b', /control or invisible/],
    ['abc\ud800', /surrogate/],
    ['.', /not valid/],
    ['..', /not valid/],
  ])('rejects %j as a config error', (raw, message) => {
    const checked = checkProjectId(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.kind).toBe('config');
      expect(checked.error.message).toMatch(message);
    }
  });
});

describe('the problems the validators name (for a front end to word in its language)', () => {
  const problemOf = (checked: ReturnType<typeof checkEndpoint> | ReturnType<typeof checkProjectId>) => (checked.ok ? null : checked.error.problem);

  it('names each endpoint problem with its parameters, beside the English message the CLI prints', () => {
    expect(problemOf(checkEndpoint(' '))).toEqual({ code: 'required', params: {} });
    expect(problemOf(checkEndpoint('workspace.example.com'))).toEqual({ code: 'endpoint-not-url', params: {} });
    expect(problemOf(checkEndpoint('ftp://example.com'))).toEqual({ code: 'endpoint-scheme', params: { scheme: 'ftp' } });
    expect(problemOf(checkEndpoint('http://192.168.1.10'))).toEqual({ code: 'endpoint-plain-http', params: {} });
    expect(problemOf(checkEndpoint('https://a:b@example.com'))).toEqual({ code: 'endpoint-credentials', params: {} });
    expect(problemOf(checkEndpoint('https://example.com/?x'))).toEqual({ code: 'endpoint-query', params: {} });
    expect(problemOf(checkEndpoint('https://example.com/#x'))).toEqual({ code: 'endpoint-fragment', params: {} });
    expect(checkEndpoint('ftp://example.com')).toMatchObject({ ok: false, error: { message: 'The endpoint "ftp://example.com/" uses ftp; only https is allowed' } });
  });

  it('names each project id problem, never carrying the value itself', () => {
    expect(problemOf(checkProjectId(''))).toEqual({ code: 'required', params: {} });
    expect(problemOf(checkProjectId('x'.repeat(129)))).toEqual({ code: 'too-long', params: { max: 128 } });
    expect(problemOf(checkProjectId('..'))).toEqual({ code: 'project-id-dot', params: {} });
    expect(problemOf(checkProjectId('a/b'))).toEqual({ code: 'project-id-character', params: { character: '/' } });
    expect(problemOf(checkProjectId('a%2F'))).toEqual({ code: 'project-id-character', params: { character: '%' } });
    expect(problemOf(checkProjectId('a b'))).toEqual({ code: 'project-id-whitespace', params: {} });
    expect(problemOf(checkProjectId('a\u200b'))).toEqual({ code: 'project-id-invisible', params: {} });
    expect(problemOf(checkProjectId('a\ud800'))).toEqual({ code: 'project-id-invisible', params: {} });
  });
});

describe('connectionStatusUrl', () => {
  it('puts the project id into the documented path', () => {
    expect(connectionStatusUrl(endpoint('https://workspace.cn-north-4.myhuaweicloud.com'), PROJECT).href).toBe(
      `https://workspace.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/connections/status`,
    );
  });

  it('keeps the base path of a custom endpoint, with or without a trailing slash', () => {
    expect(connectionStatusUrl(endpoint('http://127.0.0.1:9000/proxy/ws/'), PROJECT).href).toBe(
      `http://127.0.0.1:9000/proxy/ws/v2/${PROJECT}/connections/status`,
    );
    expect(connectionStatusUrl(new URL('https://h.example/prefix/'), 'p').pathname).toBe('/prefix/v2/p/connections/status');
  });

  it('path-encodes characters an accepted project id may contain', () => {
    const url = connectionStatusUrl(endpoint('https://h.example'), 'tenant:42[a]&b=c;é');
    expect(url.pathname).toBe('/v2/tenant%3A42%5Ba%5D%26b%3Dc%3B%C3%A9/connections/status');
    expect(url.search).toBe('');
    expect(decodeURIComponent(url.pathname.split('/')[2] ?? '')).toBe('tenant:42[a]&b=c;é');
  });
});
