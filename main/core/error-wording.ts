// An error's message and hint named rather than worded, as field problems are (field-problem.ts): a phrase code
// with its parameters. The English phrases live in error-phrases.ts, once: main builds an error's `message` and
// `hint` from them (the CLI prints those), and each front end may say the same phrases in its own language (the
// app's windows: English as main wrote it, Chinese from renderer/lib/error-phrases-zh.ts). A parameter is a fact (a host, a name, a code, a number), never English
// prose, or another phrase (a cause inside a sentence); never a secret.
//
// An error whose message or hint was rewritten after it was worded (a spread that replaces `message`) no longer
// matches its wording: `consistentWording` drops the wording then, and the front end shows the English text.
import { ERROR_PHRASES, type ErrorPhrase, type ErrorPhraseCode, type ErrorPhraseParam, type ErrorWording } from './error-phrases.js';
import { workspaceError, type ErrorKind, type WorkspaceError } from './errors.js';
import { fillPhrase } from './phrase-fill.js';

export { phrasesOf } from './phrase-fill.js';

export { ERROR_PHRASES, ERROR_PHRASE_CODES, type ErrorPhrase, type ErrorPhraseCode, type ErrorPhraseParam, type ErrorWording } from './error-phrases.js';

type ParamsOf<C extends ErrorPhraseCode> = Extract<ErrorPhrase, { code: C }>['params'];

/** A phrase; the parameters may be left out when it has none. */
export function phrase<C extends ErrorPhraseCode>(code: C, ...params: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): ErrorPhrase {
  return { code, params: params[0] ?? {} } as ErrorPhrase;
}

/** A phrase in English words. A phrase inside a sentence starts lower-case unless it starts with a name ("IAM"). */
export function sayPhrase(said: ErrorPhrase): string {
  return fillPhrase(said, ERROR_PHRASES, { number: String, nested: lowerFirst });
}

function lowerFirst(text: string): string {
  // "Could not reach" → "could not reach"; "IAM at ..." stays.
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** The English message and hint of a wording, as WorkspaceError carries them. */
export function sayWording(wording: ErrorWording): { message: string; hint?: string } {
  const hint = (wording.hint ?? []).map((said) => sayPhrase(said)).join(' ');
  return hint === '' ? { message: sayPhrase(wording.message) } : { message: sayPhrase(wording.message), hint };
}

/** The message, hint and wording fields of an error worded by these phrases. */
export function worded(message: ErrorPhrase, hint: readonly ErrorPhrase[] = []): { message: string; hint?: string; wording: ErrorWording } {
  const wording: ErrorWording = hint.length === 0 ? { message } : { message, hint };
  return { ...sayWording(wording), wording };
}

/** A WorkspaceError worded by these phrases. */
export function wordedError(
  kind: ErrorKind,
  message: ErrorPhrase,
  hint: readonly ErrorPhrase[] = [],
  details: Omit<WorkspaceError, 'kind' | 'message' | 'hint' | 'wording'> = {},
): WorkspaceError {
  const { message: text, ...words } = worded(message, hint);
  return workspaceError(kind, text, { ...details, ...words });
}

/**
 * The same error with a new message and hint, worded; the error's own wording (when it still matches its text)
 * can be used inside the new phrases through `build`. When the old error is not worded, the result keeps the
 * English text `fallback` makes and carries no wording.
 */
export function reworded(
  error: WorkspaceError,
  build: (inner: ErrorWording) => { message: ErrorPhrase; hint?: readonly ErrorPhrase[] },
  fallback: (error: WorkspaceError) => { message: string; hint?: string },
): WorkspaceError {
  const { wording: _old, hint: _hint, ...rest } = error;
  const inner = consistentWording(error);
  if (inner === undefined) {
    const text = fallback(error);
    return { ...rest, message: text.message, ...(text.hint === undefined || text.hint === '' ? {} : { hint: text.hint }) };
  }
  const next = build(inner);
  return { ...rest, ...worded(next.message, next.hint) };
}

/** The same error with one more sentence at the end of its hint, worded when the error is. */
export function withHintAdded(error: WorkspaceError, more: ErrorPhrase): WorkspaceError {
  return reworded(
    error,
    (inner) => ({ message: inner.message, hint: [...(inner.hint ?? []), more] }),
    (plain) => ({ message: plain.message, hint: `${plain.hint ?? ''} ${sayPhrase(more)}`.trim() }),
  );
}

/** The error's wording when it still says what its message and hint say; undefined otherwise. */
export function consistentWording(error: WorkspaceError): ErrorWording | undefined {
  const wording = error.wording;
  if (wording === undefined) return undefined;
  const said = sayWording(wording);
  return said.message === error.message && (said.hint ?? '') === (error.hint ?? '') ? wording : undefined;
}

/** The error as it may cross to a front end: its wording only when it matches its text. */
export function withConsistentWording(error: WorkspaceError): WorkspaceError {
  if (error.wording === undefined || consistentWording(error) !== undefined) return error;
  const { wording: _stale, ...rest } = error;
  return rest;
}

/** The wording with `clean` applied to every string parameter (secret scrubbing). */
export function mapWordingText(wording: ErrorWording, clean: (text: string) => string): ErrorWording {
  const map = (said: ErrorPhrase): ErrorPhrase => ({
    code: said.code,
    params: Object.fromEntries(
      Object.entries(said.params as Readonly<Record<string, ErrorPhraseParam>>).map(([name, value]) => [name, typeof value === 'string' ? clean(value) : typeof value === 'number' ? value : map(value)]),
    ),
  }) as ErrorPhrase;
  return wording.hint === undefined ? { message: map(wording.message) } : { message: map(wording.message), hint: wording.hint.map(map) };
}
