// Run-time checks of what a window sends with each bridge request (types are erased at run time, and a renderer
// is never trusted). Built on the core's own validators: the settings schema, the secret schemas, the endpoint
// and project id checks. An invalid payload is described by where and what, never by value: a payload may carry
// a secret.
import { z } from 'zod';
import { checkEndpoint, checkProjectId } from '../api/endpoint.js';
import { AkSkSecretSchema, PasswordSecretSchema, TokenSecretSchema } from '../auth/secrets.js';
import { err, ok, type Result } from '../result.js';
import { AccountSchema, REGIONS, SettingsSchema } from '../settings/schema.js';
import type { BridgeRequests } from '../../../preload/contract.js';

const accountId = z.string().min(1).max(128);

const endpoint = z.string().superRefine((value, context) => {
  const checked = checkEndpoint(value);
  if (!checked.ok) context.addIssue({ code: 'custom', message: checked.error.message });
});
const projectId = z.string().superRefine((value, context) => {
  const checked = checkProjectId(value);
  if (!checked.ok) context.addIssue({ code: 'custom', message: checked.error.message });
});

const AccountSecretSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('token'), secret: TokenSecretSchema }),
  z.strictObject({ method: z.literal('password'), secret: PasswordSecretSchema }),
  z.strictObject({ method: z.literal('aksk'), secret: AkSkSecretSchema }),
]);

const accountName = AccountSchema.shape.name;

const draftFields = {
  name: accountName,
  region: z.enum(REGIONS).optional(),
  endpoint: endpoint.optional(),
  projectId,
  iamEndpoint: endpoint.optional(),
};
const regionXorEndpoint = (draft: { region?: unknown; endpoint?: unknown }): boolean => (draft.region === undefined) !== (draft.endpoint === undefined);
const REGION_XOR_ENDPOINT = { message: 'an account has either a region or a custom endpoint, not both and not neither' };

const AccountDraftSchema = z.strictObject({ ...draftFields, credentials: AccountSecretSchema }).refine(regionXorEndpoint, REGION_XOR_ENDPOINT);
const AccountEditSchema = z.strictObject({ ...draftFields, credentials: AccountSecretSchema.optional() }).refine(regionXorEndpoint, REGION_XOR_ENDPOINT);

/**
 * A settings patch: known sections and known fields only. Values are checked by the full settings schema once the
 * patch is applied to the current settings (a field alone cannot be judged: the schema's defaults would fill in
 * the fields the patch leaves out).
 */
const SettingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape)
      .filter(([key]) => key !== 'version' && key !== 'accounts')
      .map(([key, schema]) => {
        const inner = schema instanceof z.ZodPrefault ? schema.unwrap() : schema;
        if (inner instanceof z.ZodObject) {
          const fields = Object.fromEntries(Object.keys(inner.shape).map((field) => [field, z.unknown().optional()]));
          return [key, z.strictObject(fields).optional()];
        }
        return [key, z.unknown().optional()];
      }),
  ),
);

const historyRange = z.enum(['1h', '24h', '7d', '30d']);
const seriesKeys = z.array(z.string().min(1).max(512)).min(1).max(24);

const RouteSchema = z.discriminatedUnion('view', [
  z.strictObject({ view: z.literal('popup') }),
  z.strictObject({ view: z.literal('dashboard'), accountId: accountId.optional() }),
  z.strictObject({ view: z.literal('group'), accountId, groupKey: z.string().min(1).max(512) }),
  z.strictObject({ view: z.literal('settings'), section: z.enum(['accounts', 'add-account', 'alerts', 'general']).optional() }),
]);

const CsvExportSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('groups'), accountId }),
  z.strictObject({ kind: z.literal('history'), accountId, series: seriesKeys, range: historyRange }),
  z.strictObject({ kind: z.literal('disconnected'), accountId, groupKey: z.string().min(1).max(512).nullable() }),
]);

/** The arguments of each request, as a tuple: the schema's output type is the contract's parameter list. */
export const BRIDGE_PAYLOADS = {
  getState: z.tuple([]),
  getGroups: z.tuple([accountId]),
  queryHistory: z.tuple([z.strictObject({ accountId, series: seriesKeys, range: historyRange })]),
  refresh: z.tuple([accountId.nullable()]),
  pauseNotifications: z.tuple([z.int().nonnegative().nullable()]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([SettingsPatchSchema]),
  addAccount: z.tuple([AccountDraftSchema]),
  editAccount: z.tuple([accountId, AccountEditSchema]),
  testConnection: z.tuple([z.union([AccountDraftSchema, z.strictObject({ accountId })])]),
  removeAccount: z.tuple([accountId, z.strictObject({ deleteHistory: z.boolean() })]),
  exportCsv: z.tuple([CsvExportSchema]),
  listDisconnected: z.tuple([accountId, z.string().min(1).max(1024).nullable()]),
  openConsole: z.tuple([accountId]),
  openDashboard: z.tuple([RouteSchema.nullable()]),
  closeWindow: z.tuple([]),
} satisfies { readonly [K in keyof BridgeRequests]: z.ZodType };

/** Checks a request's arguments; the problem names the argument paths and what is wrong, never a value. */
export function parseBridgePayload<K extends keyof BridgeRequests>(name: K, args: readonly unknown[]): Result<Parameters<BridgeRequests[K]>, string> {
  const parsed = BRIDGE_PAYLOADS[name].safeParse(args);
  if (parsed.success) return ok(parsed.data as Parameters<BridgeRequests[K]>);
  return err(`${name}: invalid arguments: ${describeIssues(parsed.error.issues)}`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length === 0 ? 'the argument list' : `argument ${issue.path.map(String).join('.')}`;
      switch (issue.code) {
        case 'too_big':
          return issue.path.length === 0 ? `too many arguments (at most ${String(issue.maximum)})` : `${where} is too long or too large (at most ${String(issue.maximum)})`;
        case 'too_small':
          return issue.path.length === 0 ? `too few arguments (${String(issue.minimum)} expected)` : `${where} is empty or too small (at least ${String(issue.minimum)})`;
        case 'invalid_type':
          return `${where} must be ${issue.expected}`;
        case 'unrecognized_keys':
          return `${where} has unexpected field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
        case 'invalid_value':
          return `${where} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
        case 'invalid_union':
          return `${where} does not match any accepted form`;
        case 'invalid_format':
          return `${where} has characters that are not allowed`;
        case 'custom':
          // Our own messages (endpoint and project id checks), which quote only a redacted endpoint.
          return `${where}: ${issue.message}`;
        default:
          return `${where} is not valid`;
      }
    })
    .join('; ');
}
