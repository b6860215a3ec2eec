// SpikeLogStore on the local disk: `spikes.log` in the account's history folder (format in
// core/spike-log/spike-log-codec.ts, bounds in core/spike-log/spike-log-bounds.ts).
//
// Crash safety: a record is one line written by one append to a file opened for appending, then flushed (spikes
// are rare: a flush each costs nothing that matters). A SIGKILL mid-append leaves at most a line without its LF,
// which readers ignore and the writer cuts off when it next opens the file: that record is lost, nothing else.
// Rewrites (expiry, bounds, repair) go to a temporary file renamed over the log, so a crash leaves the old
// content or the new, and a reader never sees a half-written file.
//
// Damage: a complete line that fails its checksum or shape (a bad sector, a stray write) is skipped and reported
// through `onDamage`; every other line reads. The writer repairs the file when it opens it: the original is kept
// once as `spikes.log.damaged`, the intact records are written back. A read-only store only reports.
//
// Writers and readers: the monitoring service opens the writer only after it holds the account's history lock
// (FileHistoryStore), so one process writes at a time; readers (the CLI's `history`) take no lock and read the
// file whole at each read, while a writer appends.
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryLocation, SpikeLogOpener } from '../app/monitoring-service.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import type { Logger, SpikeLogStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';
import { compactionDue, extentAfterAppend, extentOf, keptRecords, type SpikeLogExtent } from '../core/spike-log/spike-log-bounds.js';
import { decodeSpikeLog, encodeSpikeLine, encodeSpikeLog, lineBytes, type DecodedSpikeLog, type SpikeLogRecord } from '../core/spike-log/spike-log-codec.js';
import { SETTINGS_DIR_MODE, writeFileAtomically } from './file-settings-store.js';
import { errorCode, historyFolderIoError } from './fs-errors.js';

export const SPIKE_LOG_FILE = 'spikes.log';
const DAMAGED_SUFFIX = '.damaged';
const FILE_MODE = 0o600;

export interface FileSpikeLogOptions {
  /** The account's history folder; a writer creates it when missing (private, like the history folder). */
  readonly folder: string;
  /** Reads only: nothing is created, cut, repaired or written, and append() fails. Default false. */
  readonly readOnly?: boolean;
  /** The time a writer applies the bounds at when it opens the file (the injected clock's, not the OS's). */
  readonly now?: number;
  /** Told about damaged lines skipped (and, by a writer, repaired), once per store and damage. */
  readonly onDamage?: (error: WorkspaceError) => void;
  readonly logger?: Logger;
}

export class FileSpikeLog implements SpikeLogStore {
  readonly path: string;
  private handle: FileHandle | undefined;
  private extent: SpikeLogExtent = { records: 0, bytes: 0, oldestAt: null };
  /** Bytes of the file that hold complete lines; a failed write is cut back to it before the next append. */
  private length = 0;
  private torn = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly damageReported = new Set<string>();

  private constructor(
    folder: string,
    private readonly readOnly: boolean,
    private readonly onDamage: ((error: WorkspaceError) => void) | undefined,
    private readonly logger: Logger | undefined,
  ) {
    this.path = join(folder, SPIKE_LOG_FILE);
  }

  /** Opens the log; a writer cuts a torn last line, repairs damage and applies the bounds here. */
  static async open(options: FileSpikeLogOptions): Promise<WorkspaceResult<FileSpikeLog>> {
    const store = new FileSpikeLog(options.folder, options.readOnly ?? false, options.onDamage, options.logger);
    if (store.readOnly) return ok(store);
    try {
      await mkdir(options.folder, { recursive: true, mode: SETTINGS_DIR_MODE });
      const bytes = await readIfExists(store.path);
      await store.settle(bytes, decodeSpikeLog(bytes), options.now ?? Number.NEGATIVE_INFINITY);
      return ok(store);
    } catch (error) {
      await store.handle?.close().catch(() => undefined);
      return err(ioError('open', store.path, error));
    }
  }

  append(record: SpikeLogRecord): Promise<WorkspaceResult<void>> {
    return this.enqueue(async () => {
      if (this.readOnly || this.closed || this.handle === undefined) {
        return err(wordedError('service', phrase(this.readOnly ? 'spike-log.read-only' : 'spike-log.closed', { path: this.path })));
      }
      const line = encodeSpikeLine(record);
      try {
        // After a failed write the file may end in part of a line: cut it, or the next line would be glued to it.
        if (this.torn) {
          await this.handle.truncate(this.length);
          this.torn = false;
        }
        this.torn = true;
        await this.handle.write(line);
        await this.handle.datasync();
        this.torn = false;
      } catch (error) {
        return err(ioError('write', this.path, error));
      }
      const size = lineBytes(line);
      this.length += size;
      this.extent = extentAfterAppend(this.extent, record.at, size);
      if (compactionDue(this.extent, record.at)) {
        try {
          const bytes = await readIfExists(this.path);
          await this.settle(bytes, decodeSpikeLog(bytes), record.at);
        } catch (error) {
          // The record is written; the log is only longer than it should be until the next rewrite works.
          return err(ioError('rewrite', this.path, error));
        }
      }
      return ok(undefined);
    });
  }

  async read(from: number, to: number): Promise<WorkspaceResult<readonly SpikeLogRecord[]>> {
    let bytes: Uint8Array;
    try {
      bytes = await readIfExists(this.path);
    } catch (error) {
      return err(ioError('read', this.path, error));
    }
    const decoded = decodeSpikeLog(bytes);
    // The writer repaired what it found at open; damage found later (or by a reader) is reported and read past.
    if (decoded.damaged.length > 0) this.reportDamage(decoded, false);
    const records = decoded.records.filter((record) => record.at >= from && record.at <= to);
    return ok(records.sort((a, b) => a.at - b.at));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  /**
   * Makes the file hold exactly the kept, intact records when it does not already (a torn tail, damage, expired
   * records or the bounds exceeded), then (re)opens it for appending.
   */
  private async settle(bytes: Uint8Array, decoded: DecodedSpikeLog, now: number): Promise<void> {
    const kept = keptRecords(decoded.records, now);
    const torn = decoded.completeLength !== bytes.length;
    if (torn) this.logger?.warn(`Spike log ${this.path} ended in a torn line of ${bytes.length - decoded.completeLength} bytes (a write cut short); cut off`);
    if (decoded.damaged.length > 0) {
      // Fails when a copy is already aside: the first, most original one is kept.
      await copyFile(this.path, `${this.path}${DAMAGED_SUFFIX}`, fsConstants.COPYFILE_EXCL).catch((error: unknown) => {
        if (errorCode(error) !== 'EEXIST') throw error;
      });
    }
    let text: string | undefined;
    if (torn || decoded.damaged.length > 0 || kept.length !== decoded.records.length) {
      text = encodeSpikeLog(kept);
      await writeFileAtomically(this.path, text);
    }
    if (decoded.damaged.length > 0) this.reportDamage(decoded, true);
    // A rename put a new file in place: the old handle would append to the replaced one.
    await this.handle?.close();
    this.handle = await open(this.path, 'a', FILE_MODE);
    const size = text === undefined ? bytes.length : lineBytes(text);
    this.length = size;
    this.torn = false;
    this.extent = extentOf(kept, size);
  }

  private reportDamage(decoded: DecodedSpikeLog, repaired: boolean): void {
    const where = decoded.damaged.map((range) => `${range.start}-${range.end}`).join(', ');
    if (this.damageReported.has(where)) return;
    this.damageReported.add(where);
    const bytes = decoded.damaged.reduce((sum, range) => sum + range.end - range.start, 0);
    const error = wordedError('service', phrase('spike-log.damaged', { path: this.path, bytes, ranges: where }), [
      repaired ? phrase('hint.damaged-kept', { path: `${this.path}${DAMAGED_SUFFIX}` }) : phrase('hint.damaged-repair-later'),
      phrase('hint.check-disk'),
    ]);
    this.logger?.warn(error.message);
    this.onDamage?.(error);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The monitoring service's SpikeLogOpener. With `temporaryDemo` the demo account keeps its spikes in memory only,
 * as its history goes to a temporary folder (fileHistoryOpener): a demo never mixes made-up spikes into a real
 * history folder.
 */
export function fileSpikeLogOpener(options: { readonly temporaryDemo: boolean; readonly logger?: Logger }): SpikeLogOpener {
  return async (location: HistoryLocation, now: number) => {
    if (location.kind === 'demo' && options.temporaryDemo) return ok(null);
    return FileSpikeLog.open({ folder: location.folder, now, onDamage: location.onDamage, ...(options.logger === undefined ? {} : { logger: options.logger }) });
  };
}

async function readIfExists(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return new Uint8Array(0);
    throw error;
  }
}

/** What the log was doing when its file failed (the `action.` phrases). */
type SpikeLogAction = 'open' | 'read' | 'write' | 'rewrite';

function ioError(action: SpikeLogAction, path: string, error: unknown): WorkspaceError {
  return historyFolderIoError(error, (cause) => phrase('spike-log.io', { action: phrase(`action.${action}`), path, cause }), [phrase('hint.spikes-in-memory')]);
}
