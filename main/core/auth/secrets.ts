import { z } from 'zod';
import { phrase, type ErrorPhrase } from '../error-wording.js';
import { err, ok, type Result } from '../result.js';
import type { AuthMethod } from '../settings/schema.js';

// The secret of each auth method, as the CLI reads it from stdin and the keychain stores it (as JSON).

/**
 * Tokens, access key ids and security tokens travel in HTTP headers: visible ASCII only. A pasted line break or a
 * typographic character would otherwise make fetch fail with a message quoting the whole value. Surrounding
 * whitespace (a copied newline) is dropped. Passwords and SKs never go into a header and are taken as typed.
 */
const headerValue = () =>
  z
    .string()
    .trim()
    .min(1)
    .regex(/^[\x21-\x7e]+$/);

export const TokenSecretSchema = z.object({ token: headerValue() }).strict();
export const PasswordSecretSchema = z.object({ user: z.string().min(1), password: z.string().min(1), domain: z.string().min(1) }).strict();
export const AkSkSecretSchema = z.object({ ak: headerValue(), sk: z.string().min(1), security_token: headerValue().optional() }).strict();

export type TokenSecret = z.infer<typeof TokenSecretSchema>;
export type PasswordSecret = z.infer<typeof PasswordSecretSchema>;
export type AkSkSecret = z.infer<typeof AkSkSecretSchema>;

export type AccountSecret =
  | { readonly method: 'token'; readonly secret: TokenSecret }
  | { readonly method: 'password'; readonly secret: PasswordSecret }
  | { readonly method: 'aksk'; readonly secret: AkSkSecret };

/**
 * The one check of a secret against its method (stdin, prompt, keychain). The problem names fields and what is
 * wrong with them, never a value: zod's own messages may quote the input. It is a phrase (error-wording.ts), said
 * inside the caller's message.
 */
export function parseAccountSecret(method: AuthMethod, value: unknown): Result<AccountSecret, ErrorPhrase> {
  switch (method) {
    case 'token': {
      const parsed = TokenSecretSchema.safeParse(value);
      return parsed.success ? ok({ method, secret: parsed.data }) : err(describeSecretIssues(parsed.error.issues));
    }
    case 'password': {
      const parsed = PasswordSecretSchema.safeParse(value);
      return parsed.success ? ok({ method, secret: parsed.data }) : err(describeSecretIssues(parsed.error.issues));
    }
    case 'aksk': {
      const parsed = AkSkSecretSchema.safeParse(value);
      return parsed.success ? ok({ method, secret: parsed.data }) : err(describeSecretIssues(parsed.error.issues));
    }
  }
}

function describeSecretIssues(issues: readonly z.core.$ZodIssue[]): ErrorPhrase {
  const problems = issues.map((issue): ErrorPhrase => {
    if (issue.code === 'unrecognized_keys') {
      const fields = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      return phrase(issue.keys.length === 1 ? 'secret.unexpected-field' : 'secret.unexpected-fields', { fields });
    }
    if (issue.path.length === 0) return phrase('secret.not-object');
    const field = JSON.stringify(issue.path.map(String).join('.'));
    switch (issue.code) {
      case 'invalid_type':
        return phrase('secret.missing', { field });
      case 'too_small':
        return phrase('secret.empty', { field });
      case 'invalid_format':
        return phrase('secret.not-header-safe', { field });
      default:
        return phrase('secret.invalid', { field });
    }
  });
  // One after another, "a; b; c", as nested phrases: zod reports at least one issue.
  return problems.reduceRight((more, problem) => phrase('secret.and', { problem, more }), problems.pop() ?? phrase('secret.not-object'));
}
