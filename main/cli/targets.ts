// Turns a TargetRequest (the command line's choice of accounts) into a MonitoringService over those accounts:
// an in-process simulator (--demo), saved accounts (secrets from the keychain), or an ad-hoc endpoint with
// credentials from the environment. Resolving each account is the service's work (main/app/targets.ts): this
// file only maps names to ids and says, in the CLI's words, what is missing.
import type { Accounts } from '../app/accounts.js';
import { createMonitoringService, type MonitoringOptions, type MonitoringScope, type MonitoringService } from '../app/monitoring-service.js';
import { adHocTarget, hasEnvironmentCredentials, noAccountsError, noCredentialsError } from '../app/targets.js';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import { fileHistoryOpener } from '../node/file-history-opener.js';
import { fileSpikeLogOpener } from '../node/file-spike-log.js';
import { nodeHttpClient } from '../node/node-http.js';
import { systemClock } from '../node/system-clock.js';
import { startSimulator } from '../simulator/server.js';
import type { CliIo } from './io.js';
import { openAccounts } from './stores.js';
import type { TargetRequest } from './target-options.js';

export { chooseIamEndpoint, GLOBAL_IAM_ENDPOINT, type IamEndpointSource } from '../app/targets.js';

export interface CliMonitoring {
  readonly service: MonitoringService;
  /** Output names each result's account: --all, or several saved accounts by default. */
  readonly several: boolean;
  /** Stops the service (history, demo simulator) and removes the demo's temporary history. */
  close(): Promise<void>;
}

export interface CliMonitoringOptions {
  readonly mode: 'monitor' | 'once';
  readonly intervalMs?: number | undefined;
  readonly timeoutMs?: number | undefined;
  /** Record history in monitor mode (default true). `serve` keeps none: Prometheus is its history. */
  readonly history?: boolean;
  /** `--demo` only: the simulator starts at this poll (`disconnected --demo --scenario disconnect-storm` opens in the storm). */
  readonly demoStartPoll?: number | undefined;
}

export async function cliMonitoring(request: TargetRequest, io: CliIo, options: CliMonitoringOptions): Promise<WorkspaceResult<CliMonitoring>> {
  const stores = openAccounts(io);
  const scope = await scopeFor(request, io, stores.accounts);
  if (!scope.ok) return scope;
  const history = options.mode === 'monitor' && options.history !== false ? fileHistoryOpener({ temporaryDemo: true }) : null;
  const monitoring: MonitoringOptions = {
    scope: scope.value.scope,
    mode: options.mode,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(scope.value.iamEndpoint === undefined ? {} : { iamEndpoint: scope.value.iamEndpoint }),
    signal: io.interrupted,
  };
  const service = createMonitoringService({
    settings: stores.settings,
    secrets: stores.secrets,
    http: nodeHttpClient,
    clock: systemClock,
    random: Math.random,
    env: io.env,
    configDir: stores.configDir,
    ...(history === null ? {} : { openHistory: history.open, openSpikeLog: fileSpikeLogOpener({ temporaryDemo: true }) }),
    ...(request.kind === 'demo'
      ? {
          demo: () =>
            startSimulator({
              scenario: request.scenario,
              ...(request.seed === undefined ? {} : { seed: request.seed }),
              ...(options.demoStartPoll === undefined ? {} : { startPoll: options.demoStartPoll }),
            }),
        }
      : {}),
    options: monitoring,
  });
  return ok({
    service,
    several: scope.value.several,
    async close() {
      await service.stop();
      await history?.dispose();
    },
  });
}

interface ResolvedScope {
  readonly scope: MonitoringScope;
  readonly several: boolean;
  readonly iamEndpoint: string | undefined;
}

async function scopeFor(request: TargetRequest, io: CliIo, accounts: Accounts): Promise<WorkspaceResult<ResolvedScope>> {
  switch (request.kind) {
    case 'demo':
      return ok({ scope: { kind: 'demo' }, several: false, iamEndpoint: undefined });
    case 'ad-hoc': {
      const target = adHocTarget(request, io.env);
      return target.ok ? ok({ scope: { kind: 'ad-hoc', target: target.value }, several: false, iamEndpoint: undefined }) : target;
    }
    case 'account': {
      const found = await accounts.named(request.name);
      if (!found.ok) return found;
      return ok({ scope: { kind: 'accounts', ids: [found.value.id] }, several: false, iamEndpoint: request.iamEndpoint });
    }
    case 'all':
    case 'saved': {
      const listed = await accounts.list();
      if (!listed.ok) return listed;
      if (listed.value.length === 0) {
        if (request.kind === 'saved' && hasEnvironmentCredentials(io.env)) {
          return err(workspaceError('usage', 'Credentials are set in the environment but no target is given', { hint: 'Pass --region R or --endpoint URL, with --project-id ID (or HUAWEICLOUD_SDK_PROJECT_ID).' }));
        }
        return err(request.kind === 'all' ? noAccountsError() : noCredentialsError(false));
      }
      return ok({
        scope: { kind: 'accounts', ids: listed.value.map((account) => account.id) },
        several: request.kind === 'all' || listed.value.length > 1,
        iamEndpoint: request.kind === 'all' ? request.iamEndpoint : undefined,
      });
    }
  }
}
