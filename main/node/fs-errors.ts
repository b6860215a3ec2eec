// Node's file-system errors, read the one way the file stores share.

/** The errno code of a Node error (`ENOENT`, `EACCES`...), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Codes that mean permissions or paths the user must fix, as opposed to a full disk or an I/O fault. */
export const REFUSED_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);
