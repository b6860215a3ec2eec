// Asserts that an error main gives is worded by phrases (main/core/error-wording.ts), so that a window can say it
// in its own language: the phrase codes it uses, and that its wording still says what its English text says (a
// wording that does not is dropped before the error crosses to a window).
import { expect } from 'vitest';
import { consistentWording, phrasesOf } from '../../main/core/error-wording.js';
import type { WorkspaceError } from '../../main/core/errors.js';

/** `codes`: every phrase of the wording in order (the message, the phrases inside it, then the hint's). */
export function expectWorded(error: WorkspaceError, codes: readonly string[]): void {
  expect(error.wording, error.message).toBeDefined();
  if (error.wording === undefined) return;
  expect(phrasesOf(error.wording).map((said) => said.code)).toEqual(codes);
  expect(consistentWording(error)).toBe(error.wording);
}
