// The secret of `accounts add`: one JSON object on stdin for scripts, or prompts without echo on a terminal.
// Errors name fields and what is wrong with them, never a value.
import { parseAccountSecret, type AccountSecret } from '../core/auth/secrets.js';
import { sayPhrase } from '../core/error-wording.js';
import { workspaceError, type WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import type { AuthMethod } from '../core/settings/schema.js';
import type { CliIo } from './io.js';
import { promptLine } from './prompt.js';

/** Far more than any token (IAM tokens are about 20 KB): a runaway pipe is cut short, not read into memory. */
const MAX_STDIN_BYTES = 256 * 1024;

const EXAMPLES: Readonly<Record<AuthMethod, string>> = {
  token: '{"token": "..."}',
  password: '{"user": "...", "password": "...", "domain": "..."}',
  aksk: '{"ak": "...", "sk": "..."} (plus "security_token" for temporary keys)',
};

/** The prompts per method: what is secret is read without echo. */
const PROMPTS: Readonly<Record<AuthMethod, readonly { readonly field: string; readonly question: string; readonly secret: boolean; readonly optional?: boolean }[]>> = {
  token: [{ field: 'token', question: 'X-Auth-Token (input hidden): ', secret: true }],
  password: [
    { field: 'user', question: 'IAM user name: ', secret: false },
    { field: 'password', question: 'Password (input hidden): ', secret: true },
    { field: 'domain', question: 'Account (domain) name: ', secret: false },
  ],
  aksk: [
    { field: 'ak', question: 'Access key ID (AK): ', secret: false },
    { field: 'sk', question: 'Secret access key (SK, input hidden): ', secret: true },
    { field: 'security_token', question: 'Security token for temporary keys (input hidden, Enter if none): ', secret: true, optional: true },
  ],
};

export async function readSecret(method: AuthMethod, io: CliIo): Promise<WorkspaceResult<AccountSecret>> {
  if (io.stdin.isTTY === true) return promptSecret(method, io);
  const text = await readStdin(io);
  if (!text.ok) return text;
  if (text.value.trim() === '') {
    return err(workspaceError('usage', 'No secret on stdin', { hint: `Pipe it as one JSON object: ${EXAMPLES[method]}.` }));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.value);
  } catch {
    return err(workspaceError('usage', 'The secret on stdin is not JSON', { hint: `Expected one JSON object: ${EXAMPLES[method]}.` }));
  }
  return validateSecret(method, raw);
}

async function promptSecret(method: AuthMethod, io: CliIo): Promise<WorkspaceResult<AccountSecret>> {
  const raw: Record<string, string> = {};
  for (const prompt of PROMPTS[method]) {
    const answer = await promptLine(io, prompt.question, !prompt.secret);
    if (!answer.ok) return answer;
    if (answer.value === '' && prompt.optional === true) continue;
    raw[prompt.field] = prompt.secret ? answer.value : answer.value.trim();
  }
  return validateSecret(method, raw);
}

function validateSecret(method: AuthMethod, raw: unknown): WorkspaceResult<AccountSecret> {
  const parsed = parseAccountSecret(method, raw);
  if (parsed.ok) return parsed;
  return err(workspaceError('usage', `The ${method} secret is not valid: ${sayPhrase(parsed.error)}`, { hint: `Expected ${EXAMPLES[method]}.` }));
}

async function readStdin(io: CliIo): Promise<WorkspaceResult<string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.byteLength;
    if (size > MAX_STDIN_BYTES) return err(workspaceError('usage', `The secret on stdin is larger than ${MAX_STDIN_BYTES / 1024} KiB`));
    chunks.push(buffer);
  }
  return ok(Buffer.concat(chunks).toString('utf8'));
}
