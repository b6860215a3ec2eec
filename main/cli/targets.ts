// Turns a TargetRequest into ready-to-query targets: an in-process simulator (--demo), saved accounts (secrets
// from the keychain), or an ad-hoc endpoint with credentials from the environment. Each target resolves on its
// own, so with several accounts one broken keychain entry never hides the others.
import { createAuthenticator } from '../app/auth/create-authenticator.js';
import type { Accounts } from '../app/accounts.js';
import { checkEndpoint, checkProjectId, formatEndpoint, iamEndpointForRegion, resolveWorkspaceEndpoint } from '../core/api/endpoint.js';
import type { Authenticator } from '../core/auth/authenticator.js';
import { credentialsFromEnv } from '../core/auth/env-credentials.js';
import type { AccountSecret } from '../core/auth/secrets.js';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import type { Clock, HttpClient, SecretStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import type { Account } from '../core/settings/schema.js';
import type { ScenarioName } from '../simulator/scenarios.js';
import { startSimulator } from '../simulator/server.js';
import type { CliIo } from './io.js';
import { openAccounts } from './stores.js';
import type { TargetRequest } from './target-options.js';

/** The global IAM endpoint: used when neither a region nor an override says which regional one to use. */
export const GLOBAL_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

export interface Target {
  /** Account name, `demo`, or the ad-hoc endpoint: what output lines are prefixed with. */
  readonly label: string;
  /** What the history folder is named after: the account's stable id, or a digest of endpoint and project. */
  readonly kind: 'account' | 'demo' | 'ad-hoc';
  readonly accountId: string | null;
  readonly endpoint: string;
  readonly projectId: string;
  readonly auth: Authenticator;
}

export interface LabelledTarget {
  readonly label: string;
  readonly target: WorkspaceResult<Target>;
}

export interface ResolvedTargets {
  readonly targets: readonly LabelledTarget[];
  /** Output names each result's account: --all, or several saved accounts by default. */
  readonly several: boolean;
  /** Stops what resolution started (the demo simulator). */
  close(): Promise<void>;
}

export interface TargetDeps {
  readonly io: CliIo;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** `--demo` only: the simulator starts at this poll (the `disconnected` demo opens in the storm). */
  readonly demoStartPoll?: number;
}

const nothingToClose = async (): Promise<void> => undefined;

export async function resolveTargets(request: TargetRequest, deps: TargetDeps): Promise<WorkspaceResult<ResolvedTargets>> {
  switch (request.kind) {
    case 'demo':
      return resolveDemo(request.scenario, request.seed, deps);
    case 'ad-hoc': {
      const target = resolveAdHoc(request, deps);
      if (!target.ok) return target;
      return ok({ targets: [{ label: target.value.label, target }], several: false, close: nothingToClose });
    }
    case 'account':
    case 'all':
    case 'saved':
      return resolveSaved(request, deps);
  }
}

async function resolveDemo(scenario: ScenarioName, seed: number | undefined, deps: TargetDeps): Promise<WorkspaceResult<ResolvedTargets>> {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator({ scenario, ...(seed === undefined ? {} : { seed }), ...(deps.demoStartPoll === undefined ? {} : { startPoll: deps.demoStartPoll }) });
  } catch (cause) {
    return err(workspaceError('network', `Could not start the demo simulator: ${cause instanceof Error ? cause.message : String(cause)}`));
  }
  const auth = createAuthenticator({ method: 'token', secret: { token: simulator.token } }, authDeps(deps, simulator.projectId, GLOBAL_IAM_ENDPOINT));
  const target: Target = { label: 'demo', kind: 'demo', accountId: null, endpoint: simulator.url, projectId: simulator.projectId, auth };
  return ok({ targets: [{ label: 'demo', target: ok(target) }], several: false, close: () => simulator.close() });
}

function resolveAdHoc(request: Extract<TargetRequest, { kind: 'ad-hoc' }>, deps: TargetDeps): WorkspaceResult<Target> {
  const env = deps.io.env;
  const resolvedEndpoint = resolveWorkspaceEndpoint(request);
  if (!resolvedEndpoint.ok) return resolvedEndpoint;
  const endpoint = resolvedEndpoint.value;
  const rawProjectId = request.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID;
  if (rawProjectId === undefined) {
    return err(workspaceError('config', 'No project id', { hint: 'Pass --project-id ID or set HUAWEICLOUD_SDK_PROJECT_ID.' }));
  }
  const projectId = checkProjectId(rawProjectId);
  if (!projectId.ok) return projectId;

  const secret = credentialsFromEnv(env);
  if (!secret.ok) return secret;
  if (secret.value === null) return err(noCredentialsError(true));

  const iamEndpoint = chooseIamEndpoint(request.iamEndpoint, undefined, env, request.region);
  if (!iamEndpoint.ok) return iamEndpoint;
  const auth = createAuthenticator(secret.value, authDeps(deps, projectId.value, iamEndpoint.value.url));
  return ok({ label: endpoint, kind: 'ad-hoc', accountId: null, endpoint, projectId: projectId.value, auth });
}

async function resolveSaved(request: Extract<TargetRequest, { kind: 'account' | 'all' | 'saved' }>, deps: TargetDeps): Promise<WorkspaceResult<ResolvedTargets>> {
  const { accounts, secrets } = openAccounts(deps.io);
  const listed = await accounts.list();
  if (!listed.ok) return listed;
  let chosen: readonly Account[];
  if (request.kind === 'account') {
    const found = await accounts.named(request.name);
    if (!found.ok) return found;
    chosen = [found.value];
  } else {
    chosen = listed.value;
    if (chosen.length === 0) {
      if (request.kind === 'saved' && hasEnvironmentCredentials(deps.io.env)) {
        return err(workspaceError('usage', 'Credentials are set in the environment but no target is given', { hint: 'Pass --region R or --endpoint URL, with --project-id ID (or HUAWEICLOUD_SDK_PROJECT_ID).' }));
      }
      return err(request.kind === 'all' ? noAccountsError() : noCredentialsError(false));
    }
  }
  const iamOverride = request.kind === 'saved' ? undefined : request.iamEndpoint;
  const targets = await Promise.all(
    chosen.map(async (account): Promise<LabelledTarget> => ({ label: account.name, target: await accountTarget(account, iamOverride, accounts, secrets, deps) })),
  );
  return ok({ targets, several: request.kind === 'all' || (request.kind === 'saved' && chosen.length > 1), close: nothingToClose });
}

async function accountTarget(account: Account, iamOverride: string | undefined, accounts: Accounts, secrets: SecretStore, deps: TargetDeps): Promise<WorkspaceResult<Target>> {
  const resolvedEndpoint = resolveWorkspaceEndpoint(account);
  if (!resolvedEndpoint.ok) return resolvedEndpoint;
  const endpoint = resolvedEndpoint.value;
  const iamEndpoint = chooseIamEndpoint(iamOverride, account.iamEndpoint, deps.io.env, account.region);
  if (!iamEndpoint.ok) return iamEndpoint;
  const secret: WorkspaceResult<AccountSecret> = await accounts.secretFor(account);
  if (!secret.ok) return secret;
  const auth = createAuthenticator(secret.value, {
    ...authDeps(deps, account.projectId, iamEndpoint.value.url),
    secrets,
    tokenCacheKey: accounts.tokenCacheKey(account),
  });
  return ok({ label: account.name, kind: 'account', accountId: account.id, endpoint, projectId: account.projectId, auth });
}

function authDeps(deps: TargetDeps, projectId: string, iamEndpoint: string) {
  return { http: deps.http, clock: deps.clock, iamEndpoint, projectId, timeoutMs: deps.timeoutMs };
}

/** Where the IAM endpoint came from, so `accounts add` can say it. */
export type IamEndpointSource = 'flag' | 'account' | 'environment' | 'region' | 'global';

/** --iam-endpoint, then the account's own, then HUAWEICLOUD_SDK_IAM_ENDPOINT, then the region's, then the global one. */
export function chooseIamEndpoint(
  flag: string | undefined,
  saved: string | undefined,
  env: CliIo['env'],
  region: Account['region'],
): WorkspaceResult<{ readonly url: string; readonly source: IamEndpointSource }> {
  const fromEnv = env.HUAWEICLOUD_SDK_IAM_ENDPOINT === '' ? undefined : env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
  const [chosen, source]: [string | undefined, IamEndpointSource] =
    flag !== undefined ? [flag, 'flag'] : saved !== undefined ? [saved, 'account'] : fromEnv !== undefined ? [fromEnv, 'environment'] : [undefined, region === undefined ? 'global' : 'region'];
  if (chosen === undefined) return ok({ url: region === undefined ? GLOBAL_IAM_ENDPOINT : iamEndpointForRegion(region), source });
  const checked = checkEndpoint(chosen);
  if (!checked.ok) return err({ ...checked.error, message: `IAM endpoint: ${checked.error.message}` });
  return ok({ url: formatEndpoint(checked.value), source });
}

const HOW_TO_CONFIGURE =
  'Save an account with `workspace-tray accounts add` (see `workspace-tray accounts --help`), or set credentials in the ' +
  'environment (HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK, or WORKSPACE_TRAY_IAM_USER + WORKSPACE_TRAY_IAM_PASSWORD + ' +
  'WORKSPACE_TRAY_IAM_DOMAIN, or WORKSPACE_TRAY_TOKEN) and pass --region R or --endpoint URL with --project-id ID; ' +
  'or try it without an account: --demo.';

function noCredentialsError(adHoc: boolean) {
  return workspaceError('config', adHoc ? 'No credentials in the environment' : 'No account configured and no target given', { hint: HOW_TO_CONFIGURE });
}

function hasEnvironmentCredentials(env: CliIo['env']): boolean {
  const found = credentialsFromEnv(env);
  return !found.ok || found.value !== null;
}

function noAccountsError() {
  return workspaceError('config', 'No saved accounts', { hint: HOW_TO_CONFIGURE });
}
