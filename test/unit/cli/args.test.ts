import { describe, expect, it } from 'vitest';
import { integerOption, parseCommandArgs, secondsOption } from '../../../main/cli/args.js';
import { targetRequest } from '../../../main/cli/target-options.js';

describe('parseCommandArgs', () => {
  it('turns unknown options and missing values into usage errors naming the command help', () => {
    const unknown = parseCommandArgs('status', ['--nope'], { json: { type: 'boolean' } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error).toMatchObject({ kind: 'usage', message: "Unknown option '--nope'" });
      expect(unknown.error.hint).toContain('workspace-tray status --help');
    }
    const missing = parseCommandArgs('watch', ['--interval'], { interval: { type: 'string' } });
    expect(missing.ok).toBe(false);
    const extra = parseCommandArgs('accounts', ['a', 'b'], {}, { min: 0, max: 1 });
    expect(extra.ok ? null : extra.error.message).toBe("Unexpected argument 'b'");
  });
});

describe('number options', () => {
  it('accepts whole numbers and seconds within range only', () => {
    expect(integerOption('x', 'port', '8080', 0, 65535)).toEqual({ ok: true, value: 8080 });
    for (const bad of ['-1', '1.5', '65536', 'abc', '']) expect(integerOption('x', 'port', bad, 0, 65535).ok).toBe(false);
    expect(secondsOption('x', 'interval', '1.5', 1, 60)).toEqual({ ok: true, value: 1500 });
    for (const bad of ['0.5', '61', '1e3', 'soon']) expect(secondsOption('x', 'interval', bad, 1, 60).ok).toBe(false);
  });
});

describe('targetRequest', () => {
  it('chooses exactly one kind of target', () => {
    expect(targetRequest('status', { demo: true })).toEqual({ ok: true, value: { kind: 'demo', scenario: 'steady', seed: undefined } });
    expect(targetRequest('status', {})).toEqual({ ok: true, value: { kind: 'saved' } });
    expect(targetRequest('status', { region: 'cn-north-4', 'project-id': 'p' })).toMatchObject({ ok: true, value: { kind: 'ad-hoc', region: 'cn-north-4', projectId: 'p' } });
    for (const conflicting of [
      { demo: true, all: true },
      { account: 'a', endpoint: 'https://x' },
      { region: 'cn-north-4', endpoint: 'https://x' },
      { scenario: 'flaky' },
      { 'project-id': 'p' },
      { demo: true, scenario: 'hurricane' },
      { region: 'mars-1' },
    ]) {
      const result = targetRequest('status', conflicting);
      expect(result.ok ? result.value : result.error.kind).toBe('usage');
    }
  });
});
