// How the file stores word a file system failure: the `io.` cause by errno code, and for the files of an
// account's history folder the kind and the hint by cause.
import { describe, expect, it } from 'vitest';
import { phrase, sayPhrase } from '../../../main/core/error-wording.js';
import { fileErrorCause, historyFolderIoError } from '../../../main/node/fs-errors.js';
import { expectWorded } from '../../support/worded.js';

const failure = (code: string): Error => Object.assign(new Error(`${code}: something, open '/x'`), { code });

describe('fileErrorCause', () => {
  it('says a code it knows in its own words, a full quota as a full disk, any other code as refused', () => {
    expect(fileErrorCause(failure('EACCES'))).toEqual(phrase('io.EACCES', { code: 'EACCES' }));
    expect(fileErrorCause(failure('EDQUOT'))).toEqual(phrase('io.ENOSPC', { code: 'EDQUOT' }));
    expect(sayPhrase(fileErrorCause(failure('EDQUOT')))).toBe('the disk is full (EDQUOT)');
    expect(fileErrorCause(failure('EIO'))).toEqual(phrase('io.refused', { code: 'EIO' }));
  });

  it("keeps the platform's words when there is no code", () => {
    expect(fileErrorCause(new Error('the stream was destroyed'))).toEqual(phrase('io.other', { detail: 'the stream was destroyed' }));
    expect(fileErrorCause('odd')).toEqual(phrase('io.other', { detail: 'odd' }));
  });
});

describe('historyFolderIoError', () => {
  const message = (cause: ReturnType<typeof fileErrorCause>) => phrase('history.io', { action: phrase('action.write'), path: '/h/raw.wth', cause });
  const goesOn = [phrase('hint.history-goes-on')];

  it('a permission or path problem is the user’s to fix (config), with what to check and what goes on', () => {
    const error = historyFolderIoError(failure('EROFS'), message, goesOn);
    expect(error).toMatchObject({
      kind: 'config',
      message: 'Cannot write history at /h/raw.wth: the file system is read-only (EROFS)',
      hint: 'Check that the history folder belongs to you and is writable. Monitoring goes on without history meanwhile.',
    });
    expectWorded(error, ['history.io', 'action.write', 'io.EROFS', 'hint.history-folder-writable', 'hint.history-goes-on']);
  });

  it('a full disk says to free space; another fault has no hint to give', () => {
    const full = historyFolderIoError(failure('ENOSPC'), message, goesOn);
    expect(full).toMatchObject({ kind: 'service', message: 'Cannot write history at /h/raw.wth: the disk is full (ENOSPC)', hint: 'Free some disk space. Monitoring goes on without history meanwhile.' });
    expectWorded(full, ['history.io', 'action.write', 'io.ENOSPC', 'hint.free-disk', 'hint.history-goes-on']);
    const fault = historyFolderIoError(failure('EIO'), message, goesOn);
    expect(fault).toEqual({ kind: 'service', message: 'Cannot write history at /h/raw.wth: the system refused (EIO)', wording: fault.wording });
    expectWorded(fault, ['history.io', 'action.write', 'io.refused']);
  });
});
