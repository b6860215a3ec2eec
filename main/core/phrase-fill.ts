// Fills a phrase's template with its parameters, in any language: its own module so that a window can word errors
// without loading the English table of error-wording.ts.
import type { ErrorPhrase, ErrorPhraseCode, ErrorPhraseParam, ErrorWording } from './error-phrases.js';

export interface PhraseFormat {
  readonly number: (value: number) => string;
  /** What a phrase inside another becomes (English lower-cases its first letter). */
  readonly nested?: (text: string) => string;
  /** A string parameter's words, by parameter name and value (a keychain action), when the language has them. */
  readonly value?: (name: string, value: string) => string;
}

export function fillPhrase(said: ErrorPhrase, templates: Readonly<Partial<Record<ErrorPhraseCode, string>>>, format: PhraseFormat): string {
  const params = said.params as Readonly<Record<string, ErrorPhraseParam>>;
  return (templates[said.code] ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return format.number(value);
    if (typeof value === 'string') return format.value === undefined ? value : format.value(name, value);
    const inner = fillPhrase(value, templates, format);
    return format.nested === undefined ? inner : format.nested(inner);
  });
}

/** Every phrase a wording uses, the nested ones too. */
export function phrasesOf(wording: ErrorWording): ErrorPhrase[] {
  const all: ErrorPhrase[] = [];
  const visit = (said: ErrorPhrase): void => {
    all.push(said);
    for (const value of Object.values(said.params as Readonly<Record<string, ErrorPhraseParam>>)) if (typeof value === 'object') visit(value);
  };
  visit(wording.message);
  for (const said of wording.hint ?? []) visit(said);
  return all;
}
