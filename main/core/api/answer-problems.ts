// What is wrong with an API answer that is not what the API documents, worded as phrases (error-wording.ts) so
// that a window can say it in its own language: which answer, where in it, what was found and what was expected.
// Shared by the status answer (parse.ts) and the drill-down answers (desktops.ts), which read JSON the same way.
import type { WorkspaceError, WorkspaceResult } from '../errors.js';
import { phrase, wordedError, type ErrorPhrase } from '../error-wording.js';
import { err, ok } from '../result.js';
import { htmlTitle, oneLine } from './server-text.js';

/** The answers Workspace Tray reads. */
export type AnswerName = 'status' | 'desktops' | 'records';

const ANSWER_PHRASES = {
  status: phrase('answer.of-status'),
  desktops: phrase('answer.of-desktops'),
  records: phrase('answer.of-records'),
} as const;

/** An invalid-response error about one answer; `path` is where in the answer, when the problem has a place. */
export function invalidAnswer(httpStatus: number, what: ErrorPhrase, path?: string): WorkspaceError {
  return wordedError('invalid-response', what, [phrase('hint.not-workspace-api')], { httpStatus, ...(path === undefined ? {} : { path }) });
}

/** "The {answer} answer (HTTP {status}) has {path} = {found}, expected {expected}" as an error at `path`. */
export function unexpectedAt(answer: AnswerName, httpStatus: number, path: string, found: ErrorPhrase, expected: ErrorPhrase): WorkspaceError {
  return invalidAnswer(httpStatus, phrase('answer.unexpected', { answer: ANSWER_PHRASES[answer], status: httpStatus, path, found, expected }), path);
}

/** The answer as a JSON object, or the error saying what came instead ("not JSON (an HTML page titled ...)"). */
export function answerObject(answer: AnswerName, bodyText: string, httpStatus: number, list: string): WorkspaceResult<Record<string, unknown>> {
  let body: unknown;
  try {
    // A byte-order mark is legal in a UTF-8 body but not in JSON.
    body = JSON.parse(bodyText.charCodeAt(0) === 0xfeff ? bodyText.slice(1) : bodyText);
  } catch {
    return err(invalidAnswer(httpStatus, phrase('answer.not-json', { answer: ANSWER_PHRASES[answer], status: httpStatus, found: foundText(bodyText) })));
  }
  if (!isRecord(body)) return err(invalidAnswer(httpStatus, phrase('answer.not-object', { answer: ANSWER_PHRASES[answer], status: httpStatus, found: foundValue(body), list })));
  return ok(body);
}

/** The error for a missing or non-array list field. */
export function listProblem(answer: AnswerName, httpStatus: number, list: string, value: unknown): WorkspaceError {
  const said = value === undefined
    ? phrase('answer.no-list', { answer: ANSWER_PHRASES[answer], status: httpStatus, list })
    : phrase('answer.list-not-array', { answer: ANSWER_PHRASES[answer], status: httpStatus, list, found: foundValue(value) });
  return invalidAnswer(httpStatus, said, list);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, printable description of a JSON value: the value itself where it is short, its type otherwise. */
export function foundValue(value: unknown): ErrorPhrase {
  if (value === null) return phrase('json.null');
  if (Array.isArray(value)) return phrase('json.array');
  switch (typeof value) {
    case 'string':
      return phrase('json.string', { text: quote(value) });
    case 'boolean':
      return phrase('json.boolean', { value: String(value) });
    case 'object':
      return phrase('json.object');
    default:
      // A number as sent (a locale's grouping would misquote it), or a type JSON cannot carry.
      return phrase('json.as-sent', { value: typeof value === 'number' ? String(value) : typeof value });
  }
}

/** Only the type of a value: for personal data, which an error (logged, printed) must not repeat. */
export function foundType(value: unknown): ErrorPhrase {
  if (typeof value === 'string') return phrase('expected.string');
  if (typeof value === 'number') return phrase('json.a-number');
  if (typeof value === 'boolean') return phrase('json.a-boolean');
  return foundValue(Array.isArray(value) ? [] : value === null ? null : {});
}

/** What a body that is not JSON looks like: empty, an HTML page (by its title), or its first characters. */
export function foundText(text: string): ErrorPhrase {
  if (text.trim() === '') return phrase('body.empty');
  const title = htmlTitle(text);
  if (title !== null) return phrase('body.html', { title: quote(title) });
  return phrase('body.starts', { text: quote(text) });
}

function quote(text: string): string {
  return JSON.stringify(oneLine(text, 60));
}
