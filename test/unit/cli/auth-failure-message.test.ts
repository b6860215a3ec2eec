// What a person reads when IAM or Workspace refuses the credentials: the HTTP status once (IAM also puts it in its
// error code, which used to read "(HTTP 401, 401, ...)"), the server's words, and what to do. The built CLI against
// the simulator's IAM and gateway, over loopback HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/server.js';
import { assertBuilt, lines, runCli, sandbox, type Sandbox } from './cli-harness.js';

let box: Sandbox;
let simulator: RunningSimulator;

beforeAll(async () => {
  assertBuilt();
  box = sandbox();
  simulator = await startSimulator({ scenario: 'steady' });
});
afterAll(async () => {
  await simulator.close();
  box.dispose();
});

const target = () => ['status', '--endpoint', simulator.url, '--project-id', simulator.projectId, '--iam-endpoint', simulator.url];

describe.concurrent('an authentication failure, as printed', () => {
  it('IAM refusing a password: HTTP 401 said once, then IAM\'s words and the advice', async () => {
    const run = await runCli(target(), {
      env: { ...box.env, WORKSPACE_TRAY_IAM_USER: 'nobody', WORKSPACE_TRAY_IAM_PASSWORD: 'not-the-password-7f3a', WORKSPACE_TRAY_IAM_DOMAIN: 'somewhere' },
    });
    expect(run.code).toBe(3);
    const [line, ...rest] = lines(run.stderr);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^workspace-tray: IAM at 127\.0\.0\.1:\d+ did not accept the sign-in of user "nobody" of account "somewhere" \(HTTP 401, "The username or password is wrong\.", request id \w+\)\. /);
    expect(line).not.toMatch(/401, 401/);
    expect(line).not.toContain('not-the-password-7f3a');
  });

  it('Workspace refusing a token: HTTP 401 and the gateway\'s code, each once', async () => {
    const run = await runCli(['status', '--endpoint', simulator.url, '--project-id', simulator.projectId], { env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'not-the-token' } });
    expect(run.code).toBe(3);
    const line = lines(run.stderr)[0] ?? '';
    expect(line).toMatch(/\(HTTP 401, APIGW\.0301, "Incorrect IAM authentication information: [^"]+", request id \w+\)\. /);
    expect(line.match(/401/g)).toHaveLength(1);
  });
});
