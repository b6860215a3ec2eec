import type { z } from 'zod';
import { checkEndpoint, checkProjectId } from '../api/endpoint.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { migrateSettings, type SettingsDocument } from './migrations.js';
import { SettingsSchema, type Settings } from './schema.js';

// Settings enter through here and nowhere else: the file (either store), a change made by the app or the CLI.
// Problems are reported as `<path> <what is wrong>` in plain words, because a person fixes them by hand.

type Path = readonly PropertyKey[];

interface Problem {
  readonly path: Path;
  readonly text: string;
}

const MAX_LISTED_PROBLEMS = 5;

/** Migrates, validates and normalises a settings document (the parsed JSON of the settings file). */
export function parseSettings(raw: unknown): WorkspaceResult<Settings> {
  if (!isJsonObject(raw)) {
    return err(workspaceError('config', `the settings must be a JSON object ({ ... }), not ${describeValue(raw)}`));
  }
  const migrated = migrateSettings(raw);
  if (!migrated.ok) return migrated;
  const parsed = SettingsSchema.safeParse(migrated.value);
  if (!parsed.success) {
    return err(problemsError(parsed.error.issues.map((issue) => describeIssue(issue, migrated.value))));
  }
  const problems = accountProblems(parsed.data);
  return problems.length > 0 ? err(problemsError(problems)) : ok(parsed.data);
}

/** Wraps a parse error with the file it came from, and the promise that an invalid file is never overwritten. */
export function invalidSettingsFileError(filePath: string, error: WorkspaceError): WorkspaceError {
  return workspaceError('config', `The settings file ${filePath} is invalid: ${error.message}`, {
    ...(error.path === undefined ? {} : { path: error.path }),
    hint: `${error.hint ? `${error.hint} ` : ''}Correct the file, or move it away to start from the defaults; Workspace Tray never overwrites a settings file it cannot read.`,
  });
}

export function formatSettingsPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? 'the settings' : text;
}

function problemsError(problems: readonly Problem[]): WorkspaceError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => problem.text);
  const rest = problems.length - listed.length;
  const message = rest > 0 ? `${listed.join('; ')}; and ${rest} more problem${rest === 1 ? '' : 's'}` : listed.join('; ');
  const first = problems[0];
  return workspaceError('config', message, first === undefined ? {} : { path: formatSettingsPath(first.path) });
}

/** Checks the schema cannot express: unique names (accounts are found by name, ignoring case) and ids, and reachable endpoints. */
function accountProblems(settings: Settings): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, number>();
  const firstById = new Map<string, number>();
  settings.accounts.forEach((account, index) => {
    const at = (...rest: PropertyKey[]): Path => ['accounts', index, ...rest];
    const sameName = firstByName.get(account.name.toLowerCase());
    if (sameName !== undefined) {
      problems.push({ path: at('name'), text: `${formatSettingsPath(at('name'))} ${JSON.stringify(account.name)} is already the name of accounts[${sameName}] (names must differ, ignoring case)` });
    } else firstByName.set(account.name.toLowerCase(), index);
    const sameId = firstById.get(account.id);
    if (sameId !== undefined) {
      problems.push({ path: at('id'), text: `${formatSettingsPath(at('id'))} repeats the id of accounts[${sameId}] (each account needs its own)` });
    } else firstById.set(account.id, index);
    const checks: Array<[PropertyKey, WorkspaceResult<unknown> | undefined]> = [
      ['projectId', checkProjectId(account.projectId)],
      ['endpoint', account.endpoint === undefined ? undefined : checkEndpoint(account.endpoint)],
      ['iamEndpoint', account.iamEndpoint === undefined ? undefined : checkEndpoint(account.iamEndpoint)],
    ];
    for (const [field, result] of checks) {
      if (result !== undefined && !result.ok) problems.push({ path: at(field), text: `${formatSettingsPath(at(field))}: ${lowerFirst(result.error.message)}` });
    }
  });
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue, document: SettingsDocument): Problem {
  const where = formatSettingsPath(issue.path);
  const found = valueAt(document, issue.path);
  const problem = (text: string): Problem => ({ path: issue.path, text: `${where} ${text}` });
  if (found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return problem('is missing');
  switch (issue.code) {
    case 'invalid_type':
      return problem(`must be ${EXPECTED_TYPE[issue.expected] ?? issue.expected} (found ${describeValue(found)})`);
    case 'too_small':
    case 'too_big':
      return problem(describeBounds(issue, boundsAt(issue.path), found));
    case 'invalid_value':
      return problem(
        issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((value) => String(value)).join(', ')}`,
      );
    case 'invalid_format':
      return problem(issue.format === 'uuid' ? 'must be a UUID such as 123e4567-e89b-42d3-a456-426614174000' : `must be a valid ${issue.format}`);
    case 'custom':
      return { path: issue.path, text: `${where}: ${issue.message}` };
    default:
      return { path: issue.path, text: `${where}: ${lowerFirst(issue.message)}` };
  }
}

const EXPECTED_TYPE: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text in quotes',
  boolean: 'true or false',
  array: 'a list ([ ... ])',
  object: 'an object ({ ... })',
};

interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

function describeBounds(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, bounds: Bounds, found: unknown): string {
  const min = bounds.min ?? (issue.code === 'too_small' ? Number(issue.minimum) : undefined);
  const max = bounds.max ?? (issue.code === 'too_big' ? Number(issue.maximum) : undefined);
  // Numbers are safe to quote; text is not quoted, in case someone pasted a secret into the wrong field.
  const shown = typeof found === 'number' ? ` (found ${found})` : '';
  switch (issue.origin) {
    case 'number':
    case 'int':
      if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}${shown}`;
      return min !== undefined ? `must be at least ${min}${shown}` : `must be at most ${String(max)}${shown}`;
    case 'string':
      if (issue.code === 'too_small' && min === 1) return 'must not be empty';
      return issue.code === 'too_small' ? `must be at least ${String(min)} characters long` : `must be at most ${String(max)} characters long`;
    default:
      return issue.code === 'too_small' ? `must have at least ${String(min)} items` : `must have at most ${String(max)} items`;
  }
}

/** Both bounds of the number or string schema at `path`, so a message can state the whole range, not one side. */
function boundsAt(path: Path): Bounds {
  let node: unknown = SettingsSchema;
  for (const segment of path) {
    node = unwrap(node);
    const def = defOf(node);
    if (def?.type === 'object' && typeof segment === 'string' && isRecord(def['shape'])) node = def['shape'][segment];
    else if (def?.type === 'array' && typeof segment === 'number') node = def['element'];
    else return {};
  }
  node = unwrap(node);
  if (!isRecord(node)) return {};
  const min = node['minValue'] ?? node['minLength'];
  const max = node['maxValue'] ?? node['maxLength'];
  return { ...(typeof min === 'number' && Number.isFinite(min) ? { min } : {}), ...(typeof max === 'number' && Number.isFinite(max) ? { max } : {}) };
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'pipe']);

function unwrap(node: unknown): unknown {
  let current = node;
  for (let def = defOf(current); def !== undefined && WRAPPERS.has(String(def.type)); def = defOf(current)) {
    current = def.type === 'pipe' ? def['in'] : def['innerType'];
  }
  return current;
}

function defOf(node: unknown): (Record<string, unknown> & { type?: unknown }) | undefined {
  if (!isRecord(node) || !isRecord(node['_zod'])) return undefined;
  const def = node['_zod']['def'];
  return isRecord(def) ? def : undefined;
}

function valueAt(document: unknown, path: Path): unknown {
  let current = document;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) ? `the whole number ${value}` : `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A JSON object: not null, not an array (a null prototype, as electron-store hands out, is fine). */
function isJsonObject(value: unknown): value is SettingsDocument {
  return isRecord(value) && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.length > 0 && /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
