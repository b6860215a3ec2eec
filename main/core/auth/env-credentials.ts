// Credentials from environment variables, for scripts and CI. Pure: the caller passes the environment in.
import { sayPhrase } from '../error-wording.js';
import { workspaceError, type WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { parseAccountSecret, type AccountSecret } from './secrets.js';

const AKSK = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'] as const;
const SECURITY_TOKEN = 'HUAWEICLOUD_SDK_SECURITY_TOKEN';
const PASSWORD = ['WORKSPACE_TRAY_IAM_USER', 'WORKSPACE_TRAY_IAM_PASSWORD', 'WORKSPACE_TRAY_IAM_DOMAIN'] as const;
const TOKEN = 'WORKSPACE_TRAY_TOKEN';

/**
 * The credentials set in `env`, or null when none are. Precedence, first complete group wins:
 * 1. AK/SK: `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` (+ `HUAWEICLOUD_SDK_SECURITY_TOKEN` for temporary keys),
 *    the Huawei Cloud SDKs' own variables;
 * 2. IAM password: `WORKSPACE_TRAY_IAM_USER` + `WORKSPACE_TRAY_IAM_PASSWORD` + `WORKSPACE_TRAY_IAM_DOMAIN`;
 * 3. token: `WORKSPACE_TRAY_TOKEN`.
 * An empty variable counts as unset. A group that is only partly set, checked in that order, is a 'config' error
 * naming the missing variables (never a value): a half-set AK/SK is a mistake to report, not a reason to fall
 * back silently to a password or token meant for something else.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): WorkspaceResult<AccountSecret | null> {
  const value = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

  const [akName, skName] = AKSK;
  const ak = value(akName);
  const sk = value(skName);
  const securityToken = value(SECURITY_TOKEN);
  if (ak !== undefined || sk !== undefined || securityToken !== undefined) {
    if (ak === undefined || sk === undefined) return err(partlySet([...AKSK, SECURITY_TOKEN], AKSK, value));
    return checked([...AKSK, SECURITY_TOKEN], 'aksk', securityToken === undefined ? { ak, sk } : { ak, sk, security_token: securityToken });
  }

  const [userName, passwordName, domainName] = PASSWORD;
  const user = value(userName);
  const password = value(passwordName);
  const domain = value(domainName);
  if (user !== undefined || password !== undefined || domain !== undefined) {
    if (user === undefined || password === undefined || domain === undefined) return err(partlySet(PASSWORD, PASSWORD, value));
    return checked(PASSWORD, 'password', { user, password, domain });
  }

  const token = value(TOKEN);
  if (token !== undefined) return checked([TOKEN], 'token', { token });
  return ok(null);
}

/** The same rules as a saved secret: a token with a line break is reported here, naming variables, not values. */
function checked(variables: readonly string[], method: AccountSecret['method'], secret: Record<string, string>): WorkspaceResult<AccountSecret> {
  const parsed = parseAccountSecret(method, secret);
  if (parsed.ok) return parsed;
  return err(workspaceError('config', `The credentials in ${variables.join(', ')} are not valid: ${sayPhrase(parsed.error)}`, { hint: 'Set them again, without quotes or line breaks.' }));
}

/** `group` is every variable of the method, `required` those it cannot do without. */
function partlySet(group: readonly string[], required: readonly string[], value: (name: string) => string | undefined) {
  const missing = required.filter((name) => value(name) === undefined);
  const set = group.filter((name) => value(name) !== undefined);
  return workspaceError('config', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, but ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'}`, {
    hint: `Set ${group.join(', ')} together, or unset them all to use other credentials.`,
  });
}
