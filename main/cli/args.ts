// Command-line parsing on node:util parseArgs, with every mistake turned into one 'usage' error (exit 2) that
// says which command's --help to read.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { workspaceError, type WorkspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

type Parsed<O extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export interface ParsedCommand<O extends OptionSpec> {
  readonly values: Parsed<O>['values'];
  readonly positionals: readonly string[];
}

export function usageError(command: string, message: string): WorkspaceError {
  const help = command === '' ? 'workspace-tray --help' : `workspace-tray ${command} --help`;
  return workspaceError('usage', message, { hint: `Run \`${help}\` for the options.` });
}

export function parseCommandArgs<const O extends OptionSpec>(
  command: string,
  args: readonly string[],
  options: O,
  positionals: { readonly min: number; readonly max: number } = { min: 0, max: 0 },
): WorkspaceResult<ParsedCommand<O>> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (cause) {
    // parseArgs messages name the option and say what is wrong ("Unknown option '--x'", "Option '--port <value>'
    // argument missing"); they never echo a value, so they are safe to show.
    // Only the first sentence: the rest is advice about `--` that does not fit a mistyped option.
    const message = cause instanceof Error ? (cause.message.split(/\.(?:\s|$)/)[0] ?? '') : '';
    // "Option '--name' argument is ambiguous": the word after the option starts with '-', most often the next
    // option because the value was left out (`--name --region x`).
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous$/.exec(message)?.[1];
    if (ambiguous !== undefined) {
      return err(usageError(command, `${ambiguous} needs a value, and the word after it starts with '-' (another option?); give one, as in ${ambiguous} VALUE, or ${ambiguous}=-VALUE for a value that starts with '-'`));
    }
    const missing = /^Option '(--[\w-]+)(?: <value>)?' argument missing$/.exec(message)?.[1];
    if (missing !== undefined) return err(usageError(command, `${missing} needs a value (${missing} VALUE)`));
    return err(usageError(command, message === '' ? 'Invalid arguments' : message));
  }
  const found = parsed.positionals;
  if (found.length < positionals.min) return err(usageError(command, 'Missing argument'));
  if (found.length > positionals.max) return err(usageError(command, `Unexpected argument '${found[positionals.max] ?? ''}'`));
  return ok({ values: parsed.values, positionals: found });
}

/**
 * `--timeout -1` means the value -1, which parseArgs would take for an option ("argument is ambiguous"): such a
 * value is joined to its option (`--timeout=-1`) so the option's own range check can say what is allowed.
 */
function joinNegativeValues(args: readonly string[], options: OptionSpec): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const next = args[index + 1];
    const takesValue = arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A whole number within [min, max], or undefined when the option is absent. */
export function integerOption(command: string, name: string, raw: string | undefined, min: number, max: number): WorkspaceResult<number | undefined> {
  if (raw === undefined) return ok(undefined);
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return err(usageError(command, `--${name} must be a whole number from ${min} to ${max}`));
  }
  return ok(value);
}

/** A duration given in seconds (fractions allowed), returned in milliseconds. */
export function secondsOption(command: string, name: string, raw: string | undefined, minSeconds: number, maxSeconds: number): WorkspaceResult<number | undefined> {
  if (raw === undefined) return ok(undefined);
  const value = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(value) || value < minSeconds || value > maxSeconds) {
    return err(usageError(command, `--${name} must be a number of seconds from ${minSeconds} to ${maxSeconds}`));
  }
  return ok(Math.round(value * 1000));
}

export function oneOf<T extends string>(command: string, name: string, raw: string | undefined, allowed: readonly T[]): WorkspaceResult<T | undefined> {
  if (raw === undefined) return ok(undefined);
  const match = allowed.find((candidate) => candidate === raw);
  if (match === undefined) return err(usageError(command, `--${name} must be one of: ${allowed.join(', ')}`));
  return ok(match);
}

/** Options that select mutually exclusive things (e.g. --demo, --account, --all): at most one may be given. */
export function atMostOne(command: string, given: Readonly<Record<string, boolean>>): WorkspaceResult<void> {
  const names = Object.entries(given)
    .filter(([, present]) => present)
    .map(([name]) => `--${name}`);
  if (names.length > 1) return err(usageError(command, `${names.join(' and ')} cannot be used together`));
  return ok(undefined);
}
