// Where an account's history lives: shared by `watch` (which writes it), `history` (which reads it) and
// `accounts remove` (which may delete it).
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface HistoryOwner {
  /** The saved account's stable id, or null for an ad-hoc target. */
  readonly accountId: string | null;
  readonly endpoint: string;
  readonly projectId: string;
}

/** One history folder per account, named by its stable id so a rename keeps the history. */
export function historyFolderOf(configDir: string, owner: HistoryOwner): string {
  if (owner.accountId !== null) return join(configDir, 'history', owner.accountId);
  const digest = createHash('sha256').update(`${owner.endpoint}\n${owner.projectId}`).digest('hex').slice(0, 16);
  return join(configDir, 'history', `ad-hoc-${digest}`);
}
