// Where and how an account is queried: its endpoint, IAM endpoint and authenticator, for saved accounts (secret
// from the keychain), the embedded simulator and ad-hoc targets (credentials from the environment). Moved here
// from the CLI so the app and the CLI resolve accounts the one same way; front ends add their own wording.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { checkEndpoint, checkProjectId, formatEndpoint, iamEndpointForRegion, resolveWorkspaceEndpoint } from '../core/api/endpoint.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import { iamEndpointError } from '../core/auth/iam.js';
import { credentialsFromEnv } from '../core/auth/env-credentials.js';
import type { AccountSecret } from '../core/auth/secrets.js';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import type { Clock, HttpClient, SecretStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import type { Account, Region } from '../core/settings/schema.js';
import type { Accounts } from './accounts.js';
import { createAuthenticator } from './auth/create-authenticator.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** The global IAM endpoint: used when neither a region nor an override says which regional one to use. */
export const GLOBAL_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

/** Where the IAM endpoint came from, so `accounts add` can say it. */
export type IamEndpointSource = 'flag' | 'account' | 'environment' | 'region' | 'global';

/** The override (a CLI flag), then the account's own, then HUAWEICLOUD_SDK_IAM_ENDPOINT, then the region's, then the global one. */
export function chooseIamEndpoint(
  override: string | undefined,
  saved: string | undefined,
  env: Environment,
  region: Region | undefined,
): WorkspaceResult<{ readonly url: string; readonly source: IamEndpointSource }> {
  const fromEnv = env.HUAWEICLOUD_SDK_IAM_ENDPOINT === '' ? undefined : env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
  const [chosen, source]: [string | undefined, IamEndpointSource] =
    override !== undefined ? [override, 'flag'] : saved !== undefined ? [saved, 'account'] : fromEnv !== undefined ? [fromEnv, 'environment'] : [undefined, region === undefined ? 'global' : 'region'];
  if (chosen === undefined) return ok({ url: region === undefined ? GLOBAL_IAM_ENDPOINT : iamEndpointForRegion(region), source });
  const checked = checkEndpoint(chosen);
  if (!checked.ok) return err(iamEndpointError(checked.error));
  return ok({ url: formatEndpoint(checked.value), source });
}

/** An account that is not saved, given by its endpoint and credentials from the environment. */
export interface AdHocTarget {
  /** The checked Workspace endpoint. */
  readonly endpoint: string;
  readonly projectId: string;
  readonly region: Region | null;
  /** The IAM endpoint for the password method, already chosen. */
  readonly iamEndpoint: string;
  readonly secret: AccountSecret;
}

export interface AdHocRequest {
  readonly region?: Region | undefined;
  readonly endpoint?: string | undefined;
  /** Default: HUAWEICLOUD_SDK_PROJECT_ID. */
  readonly projectId?: string | undefined;
  readonly iamEndpoint?: string | undefined;
}

/**
 * Checks an ad-hoc target and reads its credentials from the environment (the first complete set of
 * HUAWEICLOUD_SDK_AK/SK, WORKSPACE_TRAY_IAM_*, WORKSPACE_TRAY_TOKEN). Errors carry `action` so each front end can
 * say how to supply what is missing.
 */
export function adHocTarget(request: AdHocRequest, env: Environment): WorkspaceResult<AdHocTarget> {
  const resolvedEndpoint = resolveWorkspaceEndpoint(request);
  if (!resolvedEndpoint.ok) return resolvedEndpoint;
  const rawProjectId = request.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  if (rawProjectId === undefined) {
    return err(workspaceError('config', 'No project id', { hint: 'Give the project id, or set HUAWEICLOUD_SDK_PROJECT_ID.', action: { do: 'give-project-id' } }));
  }
  const projectId = checkProjectId(rawProjectId);
  if (!projectId.ok) return projectId;
  const secret = credentialsFromEnv(env);
  if (!secret.ok) return secret;
  if (secret.value === null) return err(noCredentialsError(true));
  const iamEndpoint = chooseIamEndpoint(request.iamEndpoint, undefined, env, request.region);
  if (!iamEndpoint.ok) return iamEndpoint;
  return ok({ endpoint: resolvedEndpoint.value, projectId: projectId.value, region: request.region ?? null, iamEndpoint: iamEndpoint.value.url, secret: secret.value });
}

/** Credentials are in the environment (complete or not): a person meant to use them. */
export function hasEnvironmentCredentials(env: Environment): boolean {
  const found = credentialsFromEnv(env);
  return !found.ok || found.value !== null;
}

export const CONFIGURE_HINT =
  'Save an account, or set credentials in the environment (HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK, or WORKSPACE_TRAY_IAM_USER + ' +
  'WORKSPACE_TRAY_IAM_PASSWORD + WORKSPACE_TRAY_IAM_DOMAIN, or WORKSPACE_TRAY_TOKEN) and give a region or endpoint with the project id; ' +
  'or try it without an account, on the demo.';

export function noCredentialsError(adHoc: boolean) {
  return workspaceError('config', adHoc ? 'No credentials in the environment' : 'No account configured and no target given', {
    hint: CONFIGURE_HINT,
    action: { do: 'configure-target' },
  });
}

export function noAccountsError() {
  return workspaceError('config', 'No saved accounts', { hint: CONFIGURE_HINT, action: { do: 'configure-target' } });
}

export interface AuthDeps {
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly env: Environment;
}

export interface ResolvedAccount {
  readonly endpoint: string;
  readonly projectId: string;
  readonly auth: Authenticator;
}

/** A saved account's endpoint and authenticator; the secret comes from the keychain, a password token is cached there. */
export async function resolveSavedAccount(account: Account, iamOverride: string | undefined, accounts: Accounts, secrets: SecretStore, deps: AuthDeps): Promise<WorkspaceResult<ResolvedAccount>> {
  const endpoint = resolveWorkspaceEndpoint(account);
  if (!endpoint.ok) return endpoint;
  const iamEndpoint = chooseIamEndpoint(iamOverride, account.iamEndpoint, deps.env, account.region);
  if (!iamEndpoint.ok) return iamEndpoint;
  const secret = await accounts.secretFor(account);
  if (!secret.ok) return secret;
  const auth = createAuthenticator(secret.value, {
    http: deps.http,
    clock: deps.clock,
    iamEndpoint: iamEndpoint.value.url,
    projectId: account.projectId,
    timeoutMs: deps.timeoutMs,
    secrets,
    tokenCacheKey: accounts.tokenCacheKey(account),
  });
  return ok({ endpoint: endpoint.value, projectId: account.projectId, auth });
}

/** An authenticator for credentials that are not saved (ad-hoc, a draft, the demo): a password token stays in memory. */
export function unsavedAuthenticator(secret: AccountSecret, projectId: string, iamEndpoint: string, deps: AuthDeps): Authenticator {
  return createAuthenticator(secret, { http: deps.http, clock: deps.clock, iamEndpoint, projectId, timeoutMs: deps.timeoutMs });
}

/** The id (and history folder name) of an ad-hoc target: a digest of endpoint and project, so it is found again. */
export function adHocAccountId(endpoint: string, projectId: string): string {
  const digest = createHash('sha256').update(`${endpoint}\n${projectId}`).digest('hex').slice(0, 16);
  return `ad-hoc-${digest}`;
}

/**
 * One history folder per account, shared by the app and `watch`: `<configDir>/history/<id>`, the id being the
 * saved account's stable id (a rename keeps the history), `demo`, or the ad-hoc digest.
 */
export function historyFolder(configDir: string, accountId: string): string {
  return join(configDir, 'history', accountId);
}
