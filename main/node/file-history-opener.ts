// Opens an account's history files for the monitoring service (its HistoryOpener port). The demo account's
// history can go to a temporary folder that disposal removes (the CLI's `watch --demo`), so a demo never mixes
// made-up numbers into a real history folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryLocation, HistoryOpener } from '../app/monitoring-service.js';
import { FileHistoryStore } from './file-history-store.js';

export interface FileHistoryOpener {
  readonly open: HistoryOpener;
  /** Removes the temporary demo folder, if one was made; call after the service has stopped. */
  dispose(): Promise<void>;
}

export function fileHistoryOpener(options: { readonly temporaryDemo: boolean }): FileHistoryOpener {
  let demoFolder: string | null = null;
  const folderFor = async (location: HistoryLocation): Promise<string> => {
    if (location.kind !== 'demo' || !options.temporaryDemo) return location.folder;
    demoFolder ??= await mkdtemp(join(tmpdir(), 'workspace-tray-demo-'));
    return demoFolder;
  };
  return {
    open: async (location) => FileHistoryStore.open({ folder: await folderFor(location), onDamage: location.onDamage }),
    async dispose() {
      if (demoFolder !== null) await rm(demoFolder, { recursive: true, force: true });
      demoFolder = null;
    },
  };
}
