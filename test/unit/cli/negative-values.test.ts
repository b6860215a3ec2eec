// `--timeout -1`: a negative number after an option is that option's (wrong) value, answered with the option's
// allowed range, not parseArgs' "argument is ambiguous".
import { expect, it } from 'vitest';
import { parseCommandArgs, secondsOption } from '../../../main/cli/args.js';

const OPTIONS = { timeout: { type: 'string' }, json: { type: 'boolean' } } as const;

it('gives a negative value to its option, so the range check can name the allowed range', () => {
  const parsed = parseCommandArgs('status', ['--timeout', '-1', '--json'], OPTIONS);
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.value.values).toEqual({ timeout: '-1', json: true });
  const timeout = secondsOption('status', 'timeout', parsed.value.values.timeout, 0.1, 300);
  expect(timeout.ok ? null : timeout.error.message).toBe('--timeout must be a number of seconds from 0.1 to 300');
});

it('still treats an option after an option as a missing value, and leaves a boolean option alone', () => {
  const missing = parseCommandArgs('status', ['--timeout', '--json'], OPTIONS);
  expect(missing.ok).toBe(false);
  const boolean = parseCommandArgs('status', ['--json', '-1'], OPTIONS, { min: 0, max: 1 });
  expect(boolean.ok ? null : boolean.error.message).toBe("Unknown option '-1'");
});
