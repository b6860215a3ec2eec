import { expect, it } from 'vitest';
import { parseConnectionStatus } from '../../../main/core/api/parse.js';
import { formatError, workspaceError } from '../../../main/core/errors.js';

const times = (text: string, part: string) => text.split(part).length - 1;

it('names the HTTP status once, also when the message already quotes it', () => {
  const parsed = parseConnectionStatus('{"statics":[{"static_name":"a","running_num":-1}]}', 200);
  expect(parsed.ok).toBe(false);
  if (!parsed.ok) expect(times(formatError(parsed.error), 'HTTP 200')).toBe(1);
  const plain = workspaceError('service', 'Workspace failed', { httpStatus: 502, requestId: 'r1' });
  expect(formatError(plain)).toBe('Workspace failed (HTTP 502, request id r1)');
});
