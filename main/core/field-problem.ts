// What is wrong with one value a person typed, named rather than worded: a code and its parameters. The rules
// stay in one place (the core's validators and zod schemas); each front end words the problem in its own
// language (the app in English or Chinese, renderer/lib/messages.ts). The CLI keeps the validators' English
// messages, which carry the same facts.
import type { z } from 'zod';

/** Each code with the names of its parameters (a message may use them as `{name}`). */
export const FIELD_PROBLEM_PARAMS = {
  required: [],
  'too-long': ['max'],
  'too-small': ['min'],
  'too-big': ['max'],
  'not-integer': [],
  'not-number': [],
  /** Header values (tokens, AKs): visible ASCII only. */
  'header-chars': [],
  invalid: [],
  'endpoint-not-url': [],
  'endpoint-scheme': ['scheme'],
  'endpoint-no-host': [],
  'endpoint-plain-http': [],
  'endpoint-credentials': [],
  'endpoint-query': [],
  'endpoint-fragment': [],
  'project-id-dot': [],
  /** `character`: one of / ? # %. */
  'project-id-character': ['character'],
  'project-id-whitespace': [],
  /** Control, invisible format characters and unpaired surrogates. */
  'project-id-invisible': [],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type FieldProblemCode = keyof typeof FIELD_PROBLEM_PARAMS;
export const FIELD_PROBLEM_CODES = Object.keys(FIELD_PROBLEM_PARAMS) as FieldProblemCode[];

export type FieldProblem = {
  readonly [C in FieldProblemCode]: {
    readonly code: C;
    readonly params: { readonly [P in (typeof FIELD_PROBLEM_PARAMS)[C][number]]: P extends 'scheme' | 'character' ? string : number };
  };
}[FieldProblemCode];

export function fieldProblem<C extends FieldProblemCode>(code: C, params: Extract<FieldProblem, { code: C }>['params']): FieldProblem {
  return { code, params } as FieldProblem;
}

/** A zod issue of the core's schemas as a field problem, with the schema's own bounds. */
export function problemOfIssue(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? fieldProblem('required', {}) : fieldProblem('too-small', { min: Number(issue.minimum) });
      return fieldProblem('too-small', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? fieldProblem('too-long', { max: Number(issue.maximum) }) : fieldProblem('too-big', { max: Number(issue.maximum) });
    case 'invalid_type':
      return issue.expected === 'int' ? fieldProblem('not-integer', {}) : issue.expected === 'number' ? fieldProblem('not-number', {}) : fieldProblem('required', {});
    case 'invalid_format':
      return fieldProblem('header-chars', {});
    default:
      return fieldProblem('invalid', {});
  }
}

/** The first problem of a value against a schema; null when it passes. */
export function problemOfValue(schema: z.ZodType, value: unknown): FieldProblem | null {
  const parsed = schema.safeParse(value);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue === undefined ? null : problemOfIssue(issue);
}
