// The "disconnected since" memory of one account: `disconnected-since.json` in the account's history folder,
// written atomically (a crash leaves the old file or the new one) and bounded (MAX_REMEMBERED_DESKTOPS).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFirstSeen, serializeFirstSeen, type FirstSeen, type FirstSeenMap } from '../core/desktops/since.js';
import { phrase } from '../core/error-wording.js';
import type { WorkspaceResult } from '../core/errors.js';
import { err, ok } from '../core/result.js';
import type { FirstSeenStore } from '../app/disconnected-lookup.js';
import { writeFileAtomically } from './file-settings-store.js';
import { errorCode, historyFolderIoError } from './fs-errors.js';

export const FIRST_SEEN_FILE = 'disconnected-since.json';

export class FileFirstSeenStore implements FirstSeenStore {
  readonly path: string;

  constructor(historyFolder: string) {
    this.path = join(historyFolder, FIRST_SEEN_FILE);
  }

  async read(): Promise<WorkspaceResult<Map<string, FirstSeen>>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (cause) {
      if (errorCode(cause) === 'ENOENT') return ok(new Map());
      return err(historyFolderIoError(cause, (said) => phrase('first-seen.io', { action: phrase('action.read'), path: this.path, cause: said })));
    }
    // A damaged file costs only the remembered times (the login records still answer): start afresh.
    return ok(parseFirstSeen(text) ?? new Map());
  }

  async write(map: FirstSeenMap): Promise<WorkspaceResult<void>> {
    try {
      await writeFileAtomically(this.path, serializeFirstSeen(map));
      return ok(undefined);
    } catch (cause) {
      return err(historyFolderIoError(cause, (said) => phrase('first-seen.io', { action: phrase('action.save'), path: this.path, cause: said })));
    }
  }
}
