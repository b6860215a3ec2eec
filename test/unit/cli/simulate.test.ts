// `workspace-tray simulate` in the foreground, driven as a user would: read what it prints, point `status` at
// it with each kind of environment credentials, then stop it with a signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, finished, lines, runCli, sandbox, startCli, type Sandbox } from './cli-harness.js';

let box: Sandbox;
beforeAll(() => {
  assertBuilt();
  box = sandbox();
});
afterAll(() => box.dispose());

type Child = ReturnType<typeof startCli>;

function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} in: ${child.output.stdout}${child.output.stderr}`)), timeoutMs);
    const check = (): void => {
      if (pattern.test(child.output.stdout)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    check();
  });
}

function field(stdout: string, pattern: RegExp): string {
  const value = pattern.exec(stdout)?.[1];
  if (value === undefined) throw new Error(`${String(pattern)} not found in ${stdout}`);
  return value;
}

/** A labelled value: beside its label, or alone on the next line when it did not fit beside it. */
function labelled(stdout: string, label: string): string {
  return field(stdout, new RegExp(`^  ${label.replace(/[()]/g, '\\$&')}(?: +|\\n)(\\S+)$`, 'm'));
}

describe('simulate', () => {
  it('prints its URL, project id and credentials, serves every auth method, and stops cleanly on SIGINT', async () => {
    const child = startCli(['simulate', '--seed', '4', '--scenario', 'steady'], { env: box.env });
    try {
      await waitForOutput(child, /Press Ctrl-C to stop\./);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    const out = child.output.stdout;
    const url = field(out, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const projectId = labelled(out, 'project id');
    const token = labelled(out, 'token');
    const [user, password, domain] = [labelled(out, 'IAM user'), labelled(out, 'password'), labelled(out, 'domain')];
    const [ak, sk] = [labelled(out, 'access key (AK)'), labelled(out, 'secret key (SK)')];
    // Fitted to 80 columns (no terminal here): only a value too long to sit beside its label (the token) is wider.
    for (const line of out.split('\n')) if (line !== token) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out).toContain(`--project-id ${projectId}`);

    const target = ['status', '--endpoint', url, '--project-id', projectId, '--json'];
    const runs = await Promise.all([
      runCli(target, { env: { ...box.env, WORKSPACE_TRAY_TOKEN: token } }),
      runCli([...target, '--iam-endpoint', url], { env: { ...box.env, WORKSPACE_TRAY_IAM_USER: user, WORKSPACE_TRAY_IAM_PASSWORD: password, WORKSPACE_TRAY_IAM_DOMAIN: domain } }),
      runCli(target, { env: { ...box.env, HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk } }),
      // AK/SK wins over a token when both are set (the documented precedence): a wrong token changes nothing.
      runCli(target, { env: { ...box.env, HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk, WORKSPACE_TRAY_TOKEN: 'not-the-token' } }),
      runCli(target, { env: { ...box.env, WORKSPACE_TRAY_TOKEN: 'not-the-token' } }),
      runCli(target, { env: { ...box.env, HUAWEICLOUD_SDK_AK: ak } }),
    ]);
    for (const run of runs.slice(0, 4)) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ project_id: projectId, endpoint: url });
    }
    expect(runs[4]?.code).toBe(3);
    expect(runs[5]?.code).toBe(2);
    expect(runs[5]?.stderr).toContain('HUAWEICLOUD_SDK_SK');
    for (const run of runs) {
      for (const secret of [token, password, sk]) expect(run.stdout + run.stderr).not.toContain(secret);
    }

    child.kill('SIGINT');
    const result = await finished(child, 10_000);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(lines(result.stderr)).toEqual(['Simulator stopped.']);
  });

  it('stops cleanly on SIGTERM too, and rejects a bad port with exit 2', async () => {
    const child = startCli(['simulate'], { env: box.env });
    await waitForOutput(child, /Press Ctrl-C to stop\./);
    child.kill('SIGTERM');
    expect((await finished(child, 10_000)).code).toBe(0);
    const bad = await runCli(['simulate', '--port', '70000'], { env: box.env });
    expect(bad.code).toBe(2);
  });
});
