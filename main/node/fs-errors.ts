// Node's file-system errors, read the one way the file stores share.
import { phrase, wordedError, type ErrorPhrase } from '../core/error-wording.js';
import type { WorkspaceError } from '../core/errors.js';

/** The errno code of a Node error (`ENOENT`, `EACCES`...), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Codes that mean permissions or paths the user must fix, as opposed to a full disk or an I/O fault. */
export const REFUSED_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);

/** Codes that mean the disk (or the user's quota on it) is full. */
export const DISK_FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);

/** Why a file operation failed, as one of the `io.` phrases (core/error-phrases.ts): a code we know in its own words. */
export function fileErrorCause(error: unknown): ErrorPhrase {
  const code = errorCode(error);
  if (code === undefined) return phrase('io.other', { detail: error instanceof Error ? error.message : String(error) });
  // A quota is a full disk to the person who has to free space.
  if (DISK_FULL_CODES.has(code)) return phrase('io.ENOSPC', { code });
  return IO_REASONS.has(code) ? phrase(`io.${code as IoReason}`, { code }) : phrase('io.refused', { code });
}

/**
 * A failure on a file in an account's history folder (history, spike log, disconnected-since times): `message` says
 * what failed, with the cause in it. Permissions and paths are the user's to fix ('config'), told how along with
 * `goesOn` (what still works meanwhile); a full disk says to free space; any other fault is 'service' without a hint.
 */
export function historyFolderIoError(error: unknown, message: (cause: ErrorPhrase) => ErrorPhrase, goesOn: readonly ErrorPhrase[] = []): WorkspaceError {
  const code = errorCode(error);
  const said = message(fileErrorCause(error));
  if (code !== undefined && REFUSED_CODES.has(code)) return wordedError('config', said, [phrase('hint.history-folder-writable'), ...goesOn]);
  if (code !== undefined && DISK_FULL_CODES.has(code)) return wordedError('service', said, [phrase('hint.free-disk'), ...goesOn]);
  return wordedError('service', said);
}

/** The file system codes with words of their own (core/error-phrases.ts, `io.CODE`). */
type IoReason = 'EACCES' | 'EPERM' | 'EISDIR' | 'ENOTDIR' | 'ENOSPC' | 'EROFS' | 'ENOENT' | 'ELOOP';
const IO_REASONS: ReadonlySet<string> = new Set<IoReason>(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ENOSPC', 'EROFS', 'ENOENT', 'ELOOP']);
