import { describe, expect, it } from 'vitest';
import { credentialsFromEnv } from '../../../../main/core/auth/env-credentials.js';
import { formatError } from '../../../../main/core/errors.js';

const AKSK = { HUAWEICLOUD_SDK_AK: 'AK-value', HUAWEICLOUD_SDK_SK: 'SK-value-secret' };
const PASSWORD = { WORKSPACE_TRAY_IAM_USER: 'ops', WORKSPACE_TRAY_IAM_PASSWORD: 'pw-value-secret', WORKSPACE_TRAY_IAM_DOMAIN: 'acme' };
const TOKEN = { WORKSPACE_TRAY_TOKEN: 'token-value-secret' };

describe('credentialsFromEnv', () => {
  it('finds nothing in an empty environment, and treats empty variables as unset', () => {
    expect(credentialsFromEnv({})).toEqual({ ok: true, value: null });
    expect(credentialsFromEnv({ HUAWEICLOUD_SDK_AK: '', WORKSPACE_TRAY_TOKEN: '' })).toEqual({ ok: true, value: null });
  });

  it('reads each method', () => {
    expect(credentialsFromEnv(AKSK)).toEqual({ ok: true, value: { method: 'aksk', secret: { ak: 'AK-value', sk: 'SK-value-secret' } } });
    expect(credentialsFromEnv({ ...AKSK, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'st' })).toEqual({
      ok: true,
      value: { method: 'aksk', secret: { ak: 'AK-value', sk: 'SK-value-secret', security_token: 'st' } },
    });
    expect(credentialsFromEnv(PASSWORD)).toEqual({ ok: true, value: { method: 'password', secret: { user: 'ops', password: 'pw-value-secret', domain: 'acme' } } });
    expect(credentialsFromEnv(TOKEN)).toEqual({ ok: true, value: { method: 'token', secret: { token: 'token-value-secret' } } });
  });

  it('prefers AK/SK, then the IAM password, then the token', () => {
    expect(credentialsFromEnv({ ...TOKEN, ...PASSWORD, ...AKSK })).toMatchObject({ ok: true, value: { method: 'aksk' } });
    expect(credentialsFromEnv({ ...TOKEN, ...PASSWORD })).toMatchObject({ ok: true, value: { method: 'password' } });
    expect(credentialsFromEnv({ ...AKSK, WORKSPACE_TRAY_IAM_USER: 'ops' })).toMatchObject({ ok: true, value: { method: 'aksk' } });
  });

  it('names the missing variable of a half-set group, never a value', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ HUAWEICLOUD_SDK_AK: 'AK-value', ...TOKEN }, 'HUAWEICLOUD_SDK_SK is not set, but HUAWEICLOUD_SDK_AK is'],
      [{ HUAWEICLOUD_SDK_SK: 'SK-value-secret' }, 'HUAWEICLOUD_SDK_AK is not set, but HUAWEICLOUD_SDK_SK is'],
      [{ HUAWEICLOUD_SDK_SECURITY_TOKEN: 'st-secret' }, 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set, but HUAWEICLOUD_SDK_SECURITY_TOKEN is'],
      [{ WORKSPACE_TRAY_IAM_USER: 'ops', WORKSPACE_TRAY_IAM_PASSWORD: 'pw-value-secret' }, 'WORKSPACE_TRAY_IAM_DOMAIN is not set, but WORKSPACE_TRAY_IAM_USER and WORKSPACE_TRAY_IAM_PASSWORD are'],
    ];
    for (const [env, message] of cases) {
      const found = credentialsFromEnv(env);
      expect(found, message).toMatchObject({ ok: false, error: { kind: 'config', message } });
      if (found.ok) continue;
      const text = `${JSON.stringify(found.error)} ${formatError(found.error)}`;
      for (const value of Object.values(env)) if (value.length > 3) expect(text).not.toContain(value);
    }
  });
});

describe('credentialsFromEnv: header-bound values', () => {
  it('rejects a token or key with a line break or a non-ASCII character, naming variables, not values', () => {
    const cases: Array<Record<string, string>> = [
      { WORKSPACE_TRAY_TOKEN: 'MIIT-token\nsecond-line-secret' },
      { HUAWEICLOUD_SDK_AK: 'AK\u00a0value-secret', HUAWEICLOUD_SDK_SK: 'SK-value-secret' },
      { ...AKSK, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'st with spaces-secret' },
    ];
    for (const env of cases) {
      const found = credentialsFromEnv(env);
      expect(found).toMatchObject({ ok: false, error: { kind: 'config', message: /are not valid: .*contains spaces, line breaks/ } });
      if (found.ok) continue;
      const text = `${JSON.stringify(found.error)} ${formatError(found.error)}`;
      for (const value of Object.values(env)) expect(text).not.toContain(value);
    }
  });

  it('drops the newline a copied token often ends with', () => {
    expect(credentialsFromEnv({ WORKSPACE_TRAY_TOKEN: 'token-value-secret\n' })).toEqual({ ok: true, value: { method: 'token', secret: { token: 'token-value-secret' } } });
  });
});
