// Inline form checks from the core's own validators and zod schemas: the rules live in main/core, which names each
// problem (main/core/field-problem.ts); only the words are the renderer's (lib/messages.ts, in the person's
// language). Nothing here decides what is valid on its own.
import './zod-csp.js';
import type { z } from 'zod';
import { endpointRejection, projectIdRejection, type FieldRejection } from '../../main/core/api/endpoint.js';
import { AkSkSecretSchema, parseAccountSecret, PasswordSecretSchema, TokenSecretSchema, type AccountSecret } from '../../main/core/auth/secrets.js';
import { problemOfIssue, problemOfValue, type FieldProblem } from '../../main/core/field-problem.js';
import { AccountSchema, SettingsSchema, type AuthMethod, type Region } from '../../main/core/settings/schema.js';
import type { AccountDraft } from '../../preload/contract.js';
import { t, type MessageKey } from './i18n.svelte.js';
import { ts, type SettingsMessageKey } from './i18n-settings.js';
import { problemKey } from './messages-settings.js';

/** A field problem in the current language; numeric bounds times `scale` for a value edited in other units (%: 100). */
export function describeProblem(problem: FieldProblem, scale = 1): string {
  const params: Record<string, string | number> = { ...problem.params };
  if (problem.code === 'too-small') params['min'] = problem.params.min * scale;
  if (problem.code === 'too-big') params['max'] = problem.params.max * scale;
  return ts(problemKey(problem.code), params);
}

/** Why the core's check refused a value, in the current language, with a hint. */
function describeRejection(rejection: FieldRejection, hint?: SettingsMessageKey): string {
  const text = describeProblem(rejection.problem);
  return hint === undefined ? text : ts('problem.withHint', { problem: text, hint: ts(hint) });
}

/** The first problem of a value against a schema, in words; null when it passes. */
export function problemOf(schema: z.ZodType, value: unknown): string | null {
  const problem = problemOfValue(schema, value);
  return problem === null ? null : describeProblem(problem);
}

/** The form's fields, as typed (strings, so nothing is lost while the person edits). */
export interface AccountFields {
  name: string;
  location: 'region' | 'endpoint';
  region: Region;
  endpoint: string;
  projectId: string;
  iamEndpoint: string;
  auth: AuthMethod;
  token: string;
  user: string;
  password: string;
  domain: string;
  ak: string;
  sk: string;
  securityToken: string;
}

export type AccountFieldName = keyof AccountFields;
export type FieldProblems = Partial<Record<AccountFieldName, string>>;

const SECRET_FIELDS: Readonly<Record<AuthMethod, readonly AccountFieldName[]>> = {
  token: ['token'],
  password: ['user', 'password', 'domain'],
  aksk: ['ak', 'sk', 'securityToken'],
};

export function secretFieldsOf(method: AuthMethod): readonly AccountFieldName[] {
  return SECRET_FIELDS[method];
}

function secretValue(fields: AccountFields): Record<string, string> {
  switch (fields.auth) {
    case 'token':
      return { token: fields.token };
    case 'password':
      return { user: fields.user, password: fields.password, domain: fields.domain };
    case 'aksk':
      return fields.securityToken.trim() === '' ? { ak: fields.ak, sk: fields.sk } : { ak: fields.ak, sk: fields.sk, security_token: fields.securityToken };
  }
}

const SECRET_SHAPES = {
  token: { token: TokenSecretSchema.shape.token },
  password: { user: PasswordSecretSchema.shape.user, password: PasswordSecretSchema.shape.password, domain: PasswordSecretSchema.shape.domain },
  aksk: { ak: AkSkSecretSchema.shape.ak, sk: AkSkSecretSchema.shape.sk, securityToken: AkSkSecretSchema.shape.security_token },
} as const;

export interface CheckedAccount {
  readonly problems: FieldProblems;
  /** The draft when every field passes; `credentials` absent when the secret is kept (editing, fields empty). */
  readonly draft: (Omit<AccountDraft, 'credentials'> & { readonly credentials?: AccountSecret }) | null;
}

/** Checks the whole form. `keepSecret`: editing an account whose secret fields were left empty. */
export function checkAccountFields(fields: AccountFields, options: { readonly keepSecret?: boolean } = {}): CheckedAccount {
  const problems: FieldProblems = {};
  const name = problemOf(AccountSchema.shape.name, fields.name);
  if (name !== null) problems.name = name;
  if (fields.location === 'endpoint') {
    const endpoint = endpointRejection(fields.endpoint);
    if (!endpoint.ok) problems.endpoint = describeRejection(endpoint.error, 'problem.hint.endpoint');
  }
  const projectId = projectIdRejection(fields.projectId.trim());
  if (!projectId.ok) problems.projectId = describeRejection(projectId.error, 'problem.hint.projectId');
  if (fields.auth === 'password' && fields.iamEndpoint.trim() !== '') {
    const iam = endpointRejection(fields.iamEndpoint);
    if (!iam.ok) problems.iamEndpoint = describeRejection(iam.error);
  }
  const keepSecret = options.keepSecret === true && secretFieldsOf(fields.auth).every((field) => fields[field].trim() === '');
  let credentials: AccountSecret | undefined;
  if (!keepSecret) {
    const shapes: Readonly<Record<string, z.ZodType | undefined>> = SECRET_SHAPES[fields.auth];
    for (const field of secretFieldsOf(fields.auth)) {
      const schema = shapes[field];
      const value = fields[field];
      if (schema === undefined || (field === 'securityToken' && value.trim() === '')) continue;
      const problem = problemOf(schema, value);
      if (problem !== null) problems[field] = problem;
    }
    const parsed = parseAccountSecret(fields.auth, secretValue(fields));
    if (parsed.ok) credentials = parsed.value;
  }
  if (Object.keys(problems).length > 0 || (!keepSecret && credentials === undefined)) return { problems, draft: null };
  const where = fields.location === 'region' ? { region: fields.region } : { endpoint: fields.endpoint.trim() };
  const iamEndpoint = fields.auth === 'password' && fields.iamEndpoint.trim() !== '' ? { iamEndpoint: fields.iamEndpoint.trim() } : {};
  return {
    problems,
    draft: { name: fields.name.trim(), projectId: fields.projectId.trim(), ...where, ...iamEndpoint, ...(credentials === undefined ? {} : { credentials }) },
  };
}

type SectionName = 'polling' | 'alerts' | 'notifications';
/**
 * Checks one settings section against the core schema; problems keyed by field name. `scales`: fields the form
 * shows in other units (shares as percent: 100), so a bound reads "At most 100", not "At most 1".
 */
export function checkSettingsSection(section: SectionName, value: Record<string, unknown>, scales: Readonly<Record<string, number>> = {}): Record<string, string> {
  const schema: z.ZodType = SettingsSchema.shape[section];
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    problems[field] ??= describeProblem(problemOfIssue(issue), scales[field] ?? 1);
  }
  return problems;
}
