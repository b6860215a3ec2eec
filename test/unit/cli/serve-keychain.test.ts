// `serve set-bearer-token` and `serve --bearer-token-keychain` with a REAL keychain (run under
// scripts/with-keyring.sh, as npm test does): the token goes from stdin to the keychain and back, never to argv,
// output or pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realKeychainAvailable } from '../../fakes/keychain.js';
import { assertBuilt, runCli, sandbox, startCli, type Sandbox } from './cli-harness.js';

const keychainReachable = realKeychainAvailable();
if (!keychainReachable) {
  console.warn('serve-keychain.test.ts: no D-Bus session, so no keychain: run it as `scripts/with-keyring.sh npx vitest run test/unit/cli/serve-keychain.test.ts`');
}

const TOKEN = 'KeychainScrapeToken-7f3a9c1e5b';

describe.skipIf(!keychainReachable)('serve with the bearer token in a real keychain', () => {
  let box: Sandbox;
  let child: ReturnType<typeof startCli> | undefined;
  beforeAll(() => {
    assertBuilt();
    box = sandbox();
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    box.dispose();
  });

  it('refuses --bearer-token-keychain before a token is saved, saying how to save one', async () => {
    const run = await runCli(['serve', '--demo', '--bearer-token-keychain', '--listen', '127.0.0.1:0'], { env: box.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The OS keychain has no bearer token for serve');
    expect(run.stderr).toContain('workspace-tray serve set-bearer-token');
  }, 90_000);

  it('saves the token from stdin and requires it on /metrics', async () => {
    const short = await runCli(['serve', 'set-bearer-token'], { env: box.env, stdin: 'short\n' });
    expect(short.code).toBe(2);
    const saved = await runCli(['serve', 'set-bearer-token'], { env: box.env, stdin: `${TOKEN}\n` });
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain('bearer token saved in the OS keychain');
    child = startCli(['serve', '--demo', '--interval', '1', '--bearer-token-keychain', '--listen', '127.0.0.1:0'], { env: box.env });
    const deadline = Date.now() + 60_000;
    let url: string | undefined;
    while (url === undefined && Date.now() < deadline) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(child.output.stderr)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (url === undefined) throw new Error(`serve did not start: ${child.output.stderr}`);
    expect((await fetch(`${url}metrics`)).status).toBe(401);
    const scraped = await fetch(`${url}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    const body = await scraped.text();
    for (const text of [body, saved.stdout, saved.stderr, child.output.stdout, child.output.stderr]) expect(text).not.toContain(TOKEN);
  }, 120_000);
});
