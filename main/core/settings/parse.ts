import type { z } from 'zod';
import { checkEndpoint, checkProjectId } from '../api/endpoint.js';
import { consistentWording, phrase, reworded, sayPhrase, wordedError, type ErrorPhrase } from '../error-wording.js';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../errors.js';
import { err, ok } from '../result.js';
import { migrateSettings, type SettingsDocument } from './migrations.js';
import { SettingsSchema, type Settings } from './schema.js';

// Settings enter through here and nowhere else: the file (either store), a change made by the app or the CLI.
// Problems are reported as `<path> <what is wrong>` in plain words, because a person fixes them by hand: each a
// `setting.` phrase (error-phrases.ts) whose facts are the setting's place and the values, so a window can say it in
// its language.

type Path = readonly PropertyKey[];

interface Problem {
  readonly path: Path;
  /** What is wrong, worded; undefined when only English words exist for it (a check the core has not worded). */
  readonly said: ErrorPhrase | undefined;
  readonly text: string;
}

const wordedProblem = (path: Path, said: ErrorPhrase): Problem => ({ path, said, text: sayPhrase(said) });

const MAX_LISTED_PROBLEMS = 5;

/** Migrates, validates and normalises a settings document (the parsed JSON of the settings file). */
export function parseSettings(raw: unknown): WorkspaceResult<Settings> {
  if (!isJsonObject(raw)) {
    return err(wordedError('config', phrase('settings.not-object', { found: describeValue(raw) })));
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
  return reworded(
    { ...error, kind: 'config' },
    (cause) => ({ message: phrase('settings.invalid-file', { path: filePath, cause: cause.message }), hint: [...(cause.hint ?? []), phrase('hint.settings-fix-file')] }),
    (unworded) => ({
      message: `The settings file ${filePath} is invalid: ${unworded.message}`,
      hint: `${unworded.hint ? `${unworded.hint} ` : ''}${sayPhrase(phrase('hint.settings-fix-file'))}`,
    }),
  );
}

/** The settings a change would make are invalid: the parse error, said as such. */
export function invalidNewSettingsError(error: WorkspaceError): WorkspaceError {
  // The cause's hint (fix the file) is not for a change: dropped, as reworded drops any hint it is not given.
  return reworded(
    error,
    (cause) => ({ message: phrase('settings.new-invalid', { cause: cause.message }) }),
    (unworded) => ({ message: `The new settings are invalid: ${unworded.message}` }),
  );
}

export function formatSettingsPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? 'the settings' : text;
}

/**
 * The first problems in one message, then how many more. Worded when every listed problem is (the English is the
 * same either way); a list with one problem only English can say stays all English rather than half translated.
 */
function problemsError(problems: readonly Problem[]): WorkspaceError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length;
  const first = problems[0];
  const details = first === undefined ? {} : { path: formatSettingsPath(first.path) };
  const joined = joinProblems(listed);
  if (joined !== undefined) {
    const said = rest === 0 ? joined : rest === 1 ? phrase('settings.one-more', { problems: joined }) : phrase('settings.more', { problems: joined, count: rest });
    return wordedError('config', said, [], details);
  }
  const text = listed.map((problem) => problem.text).join('; ');
  return workspaceError('config', rest > 0 ? `${text}; and ${rest} more problem${rest === 1 ? '' : 's'}` : text, details);
}

/** "a; b; c" as phrases (settings.problems nested from the right); undefined when one has no phrase. */
function joinProblems(problems: readonly Problem[]): ErrorPhrase | undefined {
  let joined: ErrorPhrase | undefined;
  for (const problem of [...problems].reverse()) {
    if (problem.said === undefined) return undefined;
    joined = joined === undefined ? problem.said : phrase('settings.problems', { first: problem.said, next: joined });
  }
  return joined;
}

/** A problem's place as a phrase's fact; the whole document has a phrase of its own. */
function placeOf(path: Path): ErrorPhrase | string {
  return path.length === 0 ? phrase('settings.root') : formatSettingsPath(path);
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
      problems.push(wordedProblem(at('name'), phrase('setting.name-repeated', { path: formatSettingsPath(at('name')), name: JSON.stringify(account.name), index: sameName })));
    } else firstByName.set(account.name.toLowerCase(), index);
    const sameId = firstById.get(account.id);
    if (sameId !== undefined) {
      problems.push(wordedProblem(at('id'), phrase('setting.id-repeated', { path: formatSettingsPath(at('id')), index: sameId })));
    } else firstById.set(account.id, index);
    const checks: Array<[PropertyKey, WorkspaceResult<unknown> | undefined]> = [
      ['projectId', checkProjectId(account.projectId)],
      ['endpoint', account.endpoint === undefined ? undefined : checkEndpoint(account.endpoint)],
      ['iamEndpoint', account.iamEndpoint === undefined ? undefined : checkEndpoint(account.iamEndpoint)],
    ];
    for (const [field, result] of checks) {
      if (result !== undefined && !result.ok) problems.push(fieldProblem(at(field), result.error));
    }
  });
  return problems;
}

/** A field's own check failed (an endpoint's, a project id's): worded when its error is. */
function fieldProblem(path: Path, error: WorkspaceError): Problem {
  const text = `${formatSettingsPath(path)}: ${lowerFirst(error.message)}`;
  const cause = consistentWording(error)?.message;
  if (cause === undefined) return { path, said: undefined, text };
  const said = phrase('setting.field', { path: formatSettingsPath(path), cause });
  // The wording must say what the English says (a cause that starts with a name keeps its capital in both).
  return sayPhrase(said) === text ? { path, said, text } : { path, said: undefined, text };
}

function describeIssue(issue: z.core.$ZodIssue, document: SettingsDocument): Problem {
  const path = placeOf(issue.path);
  const found = valueAt(document, issue.path);
  const problem = (said: ErrorPhrase): Problem => wordedProblem(issue.path, said);
  if (found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return problem(phrase('setting.missing', { path }));
  switch (issue.code) {
    case 'invalid_type':
      return problem(phrase('setting.type', { path, expected: expectedType(issue.expected), found: describeValue(found) }));
    case 'too_small':
    case 'too_big':
      return problem(describeBounds(issue, boundsAt(issue.path), found, path));
    case 'invalid_value':
      return problem(
        issue.values.length === 1
          ? phrase('setting.equals', { path, value: JSON.stringify(issue.values[0]) ?? String(issue.values[0]) })
          : phrase('setting.one-of', { path, values: issue.values.map((value) => String(value)).join(', ') }),
      );
    case 'invalid_format':
      return problem(issue.format === 'uuid' ? phrase('setting.uuid', { path }) : phrase('setting.format', { path, format: issue.format }));
    case 'custom':
      // The schema's one refinement (an account's region or endpoint, schema.ts) has a phrase; any other keeps zod's English.
      if (issue.params?.['problem'] === 'region-or-endpoint') return problem(phrase('setting.region-or-endpoint', { path }));
      return { path: issue.path, said: undefined, text: `${formatSettingsPath(issue.path)}: ${issue.message}` };
    default:
      return { path: issue.path, said: undefined, text: `${formatSettingsPath(issue.path)}: ${lowerFirst(issue.message)}` };
  }
}

const EXPECTED_TYPE = {
  int: phrase('setting.expect-int'),
  number: phrase('json.a-number'),
  string: phrase('setting.expect-string'),
  boolean: phrase('expected.boolean'),
  array: phrase('setting.expect-array'),
  object: phrase('setting.expect-object'),
} as const satisfies Readonly<Record<string, ErrorPhrase>>;

/** What a type check expected; zod's own name of any other type (a fact such as `null`). */
function expectedType(expected: string): ErrorPhrase {
  return Object.hasOwn(EXPECTED_TYPE, expected) ? EXPECTED_TYPE[expected as keyof typeof EXPECTED_TYPE] : phrase('json.as-sent', { value: expected });
}

interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

function describeBounds(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, bounds: Bounds, found: unknown, path: ErrorPhrase | string): ErrorPhrase {
  const min = bounds.min ?? (issue.code === 'too_small' ? Number(issue.minimum) : undefined);
  const max = bounds.max ?? (issue.code === 'too_big' ? Number(issue.maximum) : undefined);
  // A bound the schema does not state (never, for these schemas) is said as JavaScript says it.
  const bound = (value: number | undefined): number | string => value ?? String(value);
  switch (issue.origin) {
    case 'number':
    case 'int': {
      // Numbers are safe to quote (a number out of bounds is always a number; anything else is only named).
      const shown = typeof found === 'number' ? found : describeValue(found);
      if (min !== undefined && max !== undefined) return phrase('setting.between', { path, min, max, found: shown });
      return min !== undefined ? phrase('setting.at-least', { path, min, found: shown }) : phrase('setting.at-most', { path, max: bound(max), found: shown });
    }
    case 'string':
      // Text is never quoted, in case someone pasted a secret into the wrong field.
      if (issue.code === 'too_small' && min === 1) return phrase('setting.empty', { path });
      return issue.code === 'too_small' ? phrase('setting.min-chars', { path, min: bound(min) }) : phrase('setting.max-chars', { path, max: bound(max) });
    default:
      return issue.code === 'too_small' ? phrase('setting.min-items', { path, min: bound(min) }) : phrase('setting.max-items', { path, max: bound(max) });
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

/** What was found, by kind: text is never quoted (a secret pasted into the wrong field), numbers are. */
function describeValue(value: unknown): ErrorPhrase {
  if (value === null) return phrase('json.null');
  if (Array.isArray(value)) return phrase('setting.found-list');
  switch (typeof value) {
    case 'string':
      return phrase('setting.found-text');
    case 'number':
      return Number.isInteger(value) ? phrase('setting.found-whole', { value }) : phrase('setting.found-number', { value });
    case 'boolean':
      return phrase('json.as-sent', { value: String(value) });
    case 'object':
      return phrase('json.object');
    default:
      return phrase('json.as-sent', { value: typeof value });
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
