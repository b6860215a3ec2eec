// Files the person asked for from a window: an export saved where they chose, an account's history deleted. Errors
// are worded (core/error-wording.ts) so the window says them in its language, with the file system's cause.
import { rm, writeFile } from 'node:fs/promises';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import { fileErrorCause, historyFolderIoError } from './fs-errors.js';

/** Writes an export (CSV text) to the path the save dialog gave. */
export async function saveExport(path: string, text: string): Promise<WorkspaceResult<void>> {
  try {
    await writeFile(path, text, 'utf8');
    return ok(undefined);
  } catch (error) {
    return err(wordedError('config', phrase('export.write-failed', { path, cause: fileErrorCause(error) }), [phrase('hint.export-elsewhere')]));
  }
}

/** Deletes an account's history folder; a folder already gone is no failure. */
export async function deleteHistoryFolder(path: string): Promise<WorkspaceResult<void>> {
  try {
    await rm(path, { recursive: true, force: true });
    return ok(undefined);
  } catch (error) {
    return err(historyFolderIoError(error, (cause) => phrase('history.io', { action: phrase('action.delete'), path, cause })));
  }
}
