import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../main/app/auth/create-authenticator.js';
import { fetchConnectionStatus } from '../../../../main/app/workspace-client.js';
import { FakeClock } from '../../../fakes/fake-clock.js';
import { replyWith, startLoopbackServer, type LoopbackServer } from '../../../fakes/loopback-server.js';
import { everyTextOf, statusBody } from './fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const TOKEN = 'MIIPasted-token-value-that-must-never-show';

let server: LoopbackServer;
let refusal = 'token expires, expires_at: 2025-01-01T00:00:00.000000Z';

describe('TokenAuthenticator over HTTP', () => {
  afterEach(async () => {
    await server.close();
  });

  const status = async (valid: boolean) => {
    server = await startLoopbackServer(
      replyWith((req) =>
        valid && req.headers['x-auth-token'] === TOKEN
          ? { status: 200, body: statusBody() }
          : { status: 401, body: JSON.stringify({ error_code: 'APIGW.0301', error_msg: refusal }) },
      ),
    );
    const clock = new FakeClock();
    const auth = createAuthenticator({ method: 'token', secret: { token: TOKEN } }, { http: fetch, clock, iamEndpoint: 'https://iam.invalid', projectId: PROJECT });
    return fetchConnectionStatus({ endpoint: server.url, projectId: PROJECT }, { http: fetch, auth, clock });
  };

  it('sends the pasted token as X-Auth-Token', async () => {
    expect((await status(true)).ok).toBe(true);
    expect(server.received[0]?.headers['x-auth-token']).toBe(TOKEN);
  });

  it('turns "token expires" into an error asking for a new token, without retrying', async () => {
    refusal = 'token expires, expires_at: 2025-01-01T00:00:00.000000Z';
    const answered = await status(false);
    expect(answered).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401, message: 'The X-Auth-Token has expired' } });
    if (answered.ok) return;
    expect(answered.error.hint).toContain('Paste a new token');
    expect(answered.error.action).toEqual({ do: 'replace-token' });
    expect(server.received).toHaveLength(1);
    expect(everyTextOf(answered.error)).not.toContain(TOKEN);
  });

  it('reports other 401s as they are, once', async () => {
    refusal = 'Incorrect IAM authentication information: decrypt token fail';
    const answered = await status(false);
    expect(answered).toMatchObject({ ok: false, error: { kind: 'auth', errorMsg: refusal } });
    expect(server.received).toHaveLength(1);
  });
});
