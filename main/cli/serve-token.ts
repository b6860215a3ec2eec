// The bearer token `serve` asks scrapers for: from a file (a systemd credential, a Kubernetes secret) or from
// the OS keychain. Never from the command line, where every user of the machine can read it in `ps`.
import { readFile, stat } from 'node:fs/promises';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import type { SecretStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';

/** The keychain entry (under the usual service) holding the token for `serve --bearer-token-keychain`. */
export const BEARER_TOKEN_KEY = 'serve:bearer-token';

const MAX_TOKEN_BYTES = 4096;
/** Printable ASCII without spaces: what fits in an Authorization header and a Prometheus bearer_token_file. */
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

export function checkBearerToken(raw: string, from: string): WorkspaceResult<string> {
  const token = raw.replace(/\r?\n$/, '');
  if (token === '') return err(workspaceError('config', `The bearer token in ${from} is empty`, { hint: 'Write a long random token, e.g. `openssl rand -hex 32`.' }));
  if (!TOKEN_SHAPE.test(token)) {
    return err(workspaceError('config', `The bearer token in ${from} has spaces, line breaks or non-ASCII characters`, { hint: 'Use printable ASCII only, e.g. `openssl rand -hex 32`.' }));
  }
  if (token.length < 16) return err(workspaceError('config', `The bearer token in ${from} is shorter than 16 characters`, { hint: 'Use a long random token, e.g. `openssl rand -hex 32`.' }));
  return ok(token);
}

export interface TokenFileRead {
  readonly token: string;
  /** Set when others than the owner may read the file: worth a warning, not a refusal (a group may be intended). */
  readonly warning: string | null;
}

export async function readBearerTokenFile(path: string): Promise<WorkspaceResult<TokenFileRead>> {
  let text: string;
  let mode: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return err(workspaceError('config', `--bearer-token-file ${path} is not a file`));
    if (info.size > MAX_TOKEN_BYTES) return err(workspaceError('config', `--bearer-token-file ${path} is larger than ${MAX_TOKEN_BYTES} bytes: not a token`));
    mode = info.mode;
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    return err(workspaceError('config', `Cannot read --bearer-token-file ${path} (${code})`, { hint: 'Check the path and that the user running serve may read it.' }));
  }
  const token = checkBearerToken(text, path);
  if (!token.ok) return token;
  const warning = (mode & 0o004) !== 0 ? `${path} is readable by every user of this machine: \`chmod 600 ${path}\`` : null;
  return ok({ token: token.value, warning });
}

export async function readBearerTokenFromKeychain(secrets: SecretStore): Promise<WorkspaceResult<string>> {
  const stored = await secrets.get(BEARER_TOKEN_KEY);
  if (!stored.ok) return stored;
  if (stored.value === null) {
    return err(
      workspaceError('keychain', 'The OS keychain has no bearer token for serve', {
        hint: 'Store one with `workspace-tray serve set-bearer-token` (it reads the token from stdin), or use --bearer-token-file.',
      }),
    );
  }
  return checkBearerToken(stored.value, 'the keychain');
}
