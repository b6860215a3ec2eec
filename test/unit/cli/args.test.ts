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

describe('an option without its value', () => {
  it('says which option needs a value when the next word is another option (npx drops an empty \'\' value)', () => {
    const parsed = parseCommandArgs('accounts', ['--name', '--region', 'cn-north-4'], { name: { type: 'string' }, region: { type: 'string' } });
    expect(parsed.ok ? null : parsed.error.message).toBe(
      "--name needs a value, and the word after it starts with '-' (another option?); give one, as in --name VALUE, or --name=-VALUE for a value that starts with '-'",
    );
    expect(parsed.ok ? '' : parsed.error.message).not.toContain('ambiguous');
  });

  it('says so when the option is last', () => {
    const parsed = parseCommandArgs('accounts', ['--name'], { name: { type: 'string' } });
    expect(parsed.ok ? null : parsed.error.message).toBe('--name needs a value (--name VALUE)');
  });

  it("leaves an empty value to the command, which names what is wrong with it", () => {
    const parsed = parseCommandArgs('accounts', ['--name', '', '--region', 'x'], { name: { type: 'string' }, region: { type: 'string' } });
    expect(parsed.ok ? parsed.value.values : null).toEqual({ name: '', region: 'x' });
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
