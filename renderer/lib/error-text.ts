// An error from main in the window's language: the kind as a heading, the message and hint, and the server's facts.
// Main words its errors in English and names them as phrases (main/core/error-wording.ts; main drops a wording that
// no longer matches the text). English shows main's own text; Chinese says the phrases from error-phrases-zh.ts, and
// an error main did not name (or a window's own failure) keeps its English text under the translated heading.
import type { ErrorPhrase, ErrorWording } from '../../main/core/error-phrases.js';
import { serverFacts } from '../../main/core/errors.js';
import { fillPhrase, phrasesOf } from '../../main/core/phrase-fill.js';
import type { ListNote, WorkspaceError } from '../../preload/contract.js';
import { ERROR_PARAM_WORDS_ZH, ERROR_PHRASES_ZH, type PhraseTable } from './error-phrases-zh.js';
import { i18n, t } from './i18n.svelte.js';
import { errorKey } from './messages.js';

export interface ErrorText {
  /** What kind of failure, in a few words ("The credentials were rejected or have expired."). */
  readonly heading: string;
  readonly message: string;
  readonly hint?: string;
  /** What the server said, as it said it (HTTP status, error code, its message, the request id); absent when nothing. */
  readonly facts?: string;
}

/**
 * `more`: Chinese phrases beyond those every window carries (the settings window's, error-phrases-zh-forms.ts). An
 * error with a phrase neither table has keeps main's English.
 */
export function errorText(error: WorkspaceError, more: PhraseTable = {}): ErrorText {
  const heading = t(errorKey(error.kind));
  const facts = serverFactsLine(error);
  const table: PhraseTable = { ...ERROR_PHRASES_ZH, ...more };
  const chinese = i18n.lang === 'zh-CN' && error.wording !== undefined && sayable(error.wording, table);
  const said = chinese && error.wording !== undefined
    ? { message: sayZh(error.wording.message, table), hint: (error.wording.hint ?? []).map((hint) => sayZh(hint, table)).join('') }
    : { message: error.message, hint: error.hint ?? '' };
  return { heading, message: said.message, ...(said.hint === '' ? {} : { hint: said.hint }), ...(facts === '' ? {} : { facts }) };
}

/** The message and hint as one line (a banner's detail, a save error). */
export function errorLine(error: WorkspaceError, withFacts = false, more: PhraseTable = {}): string {
  const text = errorText(error, more);
  const line = text.hint === undefined ? text.message : t('error.withHint', { message: text.message, hint: text.hint });
  return withFacts && text.facts !== undefined ? `${line} (${text.facts})` : line;
}

/** A note main worded beside a partial answer (who is disconnected), in the window's language. */
export function noteText(note: ListNote): string {
  const said = note.wording;
  return i18n.lang === 'zh-CN' && said !== undefined && sayable({ message: said }, ERROR_PHRASES_ZH) ? sayZh(said, ERROR_PHRASES_ZH) : note.text;
}

function sayable(wording: ErrorWording, table: PhraseTable): boolean {
  return phrasesOf(wording).every((said) => table[said.code] !== undefined);
}

function sayZh(phrase: ErrorPhrase, table: PhraseTable): string {
  return fillPhrase(phrase, table, {
    number: (value) => i18n.number.format(value),
    value: (name, value) => ERROR_PARAM_WORDS_ZH[name]?.[value] ?? value,
  });
}

/** The server's facts main's message does not already say (main/core/errors.ts), in its own words. */
function serverFactsLine(error: WorkspaceError): string {
  return serverFacts(error)
    .map(({ kind, value }) => (kind === 'message' ? `“${value}”` : kind === 'detail' ? t('error.serverDetail', { detail: value }) : kind === 'request' ? t('error.requestId', { id: value }) : value))
    .join(' · ');
}
