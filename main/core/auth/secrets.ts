import { z } from 'zod';
import type { AuthMethod } from '../settings/schema.js';

// The secret of each auth method, as the CLI reads it from stdin and the keychain stores it (as JSON).

export const TokenSecretSchema = z.object({ token: z.string().min(1) }).strict();
export const PasswordSecretSchema = z.object({ user: z.string().min(1), password: z.string().min(1), domain: z.string().min(1) }).strict();
export const AkSkSecretSchema = z
  .object({ ak: z.string().min(1), sk: z.string().min(1), security_token: z.string().min(1).optional() })
  .strict();

export type TokenSecret = z.infer<typeof TokenSecretSchema>;
export type PasswordSecret = z.infer<typeof PasswordSecretSchema>;
export type AkSkSecret = z.infer<typeof AkSkSecretSchema>;

export type AccountSecret =
  | { readonly method: 'token'; readonly secret: TokenSecret }
  | { readonly method: 'password'; readonly secret: PasswordSecret }
  | { readonly method: 'aksk'; readonly secret: AkSkSecret };

export const SECRET_SCHEMAS = {
  token: TokenSecretSchema,
  password: PasswordSecretSchema,
  aksk: AkSkSecretSchema,
} as const satisfies Record<AuthMethod, z.ZodType>;
