// The options that choose what `status` and `watch` query, validated into one TargetRequest.
import type { WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import type { Region } from '../core/settings/schema.js';
import { DEFAULT_SCENARIO, SCENARIO_NAMES, type ScenarioName } from '../simulator/scenarios.js';
import { atMostOne, integerOption, oneOf, usageError } from './args.js';
import { regionOption } from './region-option.js';

export const TARGET_OPTIONS = {
  demo: { type: 'boolean' },
  scenario: { type: 'string' },
  seed: { type: 'string' },
  account: { type: 'string' },
  all: { type: 'boolean' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'project-id': { type: 'string' },
  'iam-endpoint': { type: 'string' },
} as const;

export interface TargetOptionValues {
  readonly demo?: boolean | undefined;
  readonly scenario?: string | undefined;
  readonly seed?: string | undefined;
  readonly account?: string | undefined;
  readonly all?: boolean | undefined;
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly 'project-id'?: string | undefined;
  readonly 'iam-endpoint'?: string | undefined;
}

export type TargetRequest =
  | { readonly kind: 'demo'; readonly scenario: ScenarioName; readonly seed: number | undefined }
  | { readonly kind: 'account'; readonly name: string; readonly iamEndpoint: string | undefined }
  | { readonly kind: 'all'; readonly iamEndpoint: string | undefined }
  | {
      readonly kind: 'ad-hoc';
      readonly region: Region | undefined;
      readonly endpoint: string | undefined;
      readonly projectId: string | undefined;
      readonly iamEndpoint: string | undefined;
    }
  /** Nothing chosen: the saved accounts, or a message saying how to configure one. */
  | { readonly kind: 'saved' };

export function targetRequest(command: string, values: TargetOptionValues): WorkspaceResult<TargetRequest> {
  const adHoc = values.region !== undefined || values.endpoint !== undefined;
  const exclusive = atMostOne(command, { demo: values.demo === true, account: values.account !== undefined, all: values.all === true, 'region/--endpoint': adHoc });
  if (!exclusive.ok) return exclusive;
  if (values.region !== undefined && values.endpoint !== undefined) return err(usageError(command, '--region and --endpoint cannot be used together'));
  if (values.demo !== true && (values.scenario !== undefined || values.seed !== undefined)) {
    return err(usageError(command, '--scenario and --seed only apply to --demo'));
  }
  if (!adHoc && values['project-id'] !== undefined) return err(usageError(command, '--project-id needs --region or --endpoint'));
  if (values.demo === true && values['iam-endpoint'] !== undefined) return err(usageError(command, '--iam-endpoint does not apply to --demo'));

  if (values.demo === true) {
    const scenario = oneOf(command, 'scenario', values.scenario, SCENARIO_NAMES);
    if (!scenario.ok) return scenario;
    const seed = integerOption(command, 'seed', values.seed, 0, 0xffff_ffff);
    if (!seed.ok) return seed;
    return ok({ kind: 'demo', scenario: scenario.value ?? DEFAULT_SCENARIO, seed: seed.value });
  }
  if (values.account !== undefined) {
    if (values.account.trim() === '') return err(usageError(command, '--account needs a name'));
    return ok({ kind: 'account', name: values.account, iamEndpoint: values['iam-endpoint'] });
  }
  if (values.all === true) return ok({ kind: 'all', iamEndpoint: values['iam-endpoint'] });
  if (adHoc) {
    const region = regionOption(values.region);
    if (!region.ok) return region;
    return ok({ kind: 'ad-hoc', region: region.value, endpoint: values.endpoint, projectId: values['project-id'], iamEndpoint: values['iam-endpoint'] });
  }
  if (values['iam-endpoint'] !== undefined) return err(usageError(command, '--iam-endpoint needs --account, --all, --region or --endpoint'));
  return ok({ kind: 'saved' });
}
