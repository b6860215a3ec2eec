// Launch at login on Linux, where Electron has no setLoginItemSettings: an XDG autostart desktop entry
// (https://specifications.freedesktop.org/autostart-spec/ and the Desktop Entry spec 1.5). Only the text and the
// path are decided here; a Node adapter writes or removes the file.
import { phrase, wordedError, type ErrorPhrase } from '../error-wording.js';
import type { WorkspaceError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

export interface AutostartEntryInput {
  /** The program to start: `process.execPath`, or `$APPIMAGE` for an AppImage (its mount point changes per run). */
  readonly execPath: string;
  readonly args?: readonly string[];
  /** The name shown in the desktop's startup-applications list. */
  readonly name: string;
  readonly comment?: string;
  /** An icon name from the theme, or an absolute path. */
  readonly icon?: string;
}

export const AUTOSTART_FILE_NAME = 'workspace-tray.desktop';

/** Characters that make an Exec argument need double quotes (Desktop Entry spec, "The Exec key"). */
const RESERVED = /[ \t\n"'\\><~|&;$*?#()`]/;
/** Inside double quotes these four still need a backslash. */
const ESCAPED_IN_QUOTES = /["`$\\]/g;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One Exec argument: quoted when it holds a reserved character (or is empty), `%` doubled (field codes). The
 * result still has to go through `escapeString`, as the whole Exec value does: a literal backslash in a quoted
 * argument ends up as four.
 */
export function quoteExecArgument(argument: string): string {
  const percent = argument.replaceAll('%', '%%');
  if (percent !== '' && !RESERVED.test(percent)) return percent;
  return `"${percent.replace(ESCAPED_IN_QUOTES, (char) => `\\${char}`)}"`;
}

/** The escapes of a string value: backslash, and the control characters the spec names; a leading space as `\s`. */
export function escapeString(value: string): string {
  const escaped = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\t', '\\t').replaceAll('\r', '\\r');
  return escaped.startsWith(' ') ? `\\s${escaped.slice(1)}` : escaped;
}

const invalid = (message: ErrorPhrase): Result<never, WorkspaceError> => err(wordedError('config', message, [phrase('hint.launch-at-login')]));

/** The desktop entry's text, or a config error for a path or argument no desktop can run (control characters). */
export function xdgAutostartEntry(input: AutostartEntryInput): Result<string, WorkspaceError> {
  const args = input.args ?? [];
  if (input.execPath === '' || !input.execPath.startsWith('/')) return invalid(phrase('login.relative-path', { path: JSON.stringify(input.execPath) }));
  for (const value of [input.execPath, ...args]) {
    if (CONTROL.test(value)) return invalid(phrase('login.control-char', { value: JSON.stringify(value) }));
  }
  if (input.name.trim() === '') return invalid(phrase('login.no-name'));
  const exec = [input.execPath, ...args].map(quoteExecArgument).join(' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeString(input.name)}`,
    ...(input.comment === undefined ? [] : [`Comment=${escapeString(input.comment)}`]),
    `Exec=${escapeString(exec)}`,
    ...(input.icon === undefined ? [] : [`Icon=${escapeString(input.icon)}`]),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
  ];
  return ok(`${lines.join('\n')}\n`);
}

/**
 * Where the entry goes: `$XDG_CONFIG_HOME/autostart/`, or `~/.config/autostart/` when that variable is unset,
 * empty or relative (the base directory spec says to ignore a relative one).
 */
export function xdgAutostartPath(env: { readonly XDG_CONFIG_HOME?: string | undefined }, home: string, fileName: string = AUTOSTART_FILE_NAME): string {
  const configured = env.XDG_CONFIG_HOME;
  const base = configured !== undefined && configured.startsWith('/') ? configured : `${home.replace(/\/+$/, '')}/.config`;
  return `${base.replace(/\/+$/, '')}/autostart/${fileName}`;
}
