// Where an account's history lives, for `history` (which reads it) and `accounts remove` (which may delete it):
// the same folder the MonitoringService writes (main/app/targets.ts decides it).
import { adHocAccountId, historyFolder } from '../app/targets.js';

export interface HistoryOwner {
  /** The saved account's stable id, or null for an ad-hoc target. */
  readonly accountId: string | null;
  readonly endpoint: string;
  readonly projectId: string;
}

export function historyFolderOf(configDir: string, owner: HistoryOwner): string {
  return historyFolder(configDir, owner.accountId ?? adHocAccountId(owner.endpoint, owner.projectId));
}
