import { describe, expect, it } from 'vitest';
import { regionOption } from '../../../main/cli/region-option.js';
import { formatError } from '../../../main/core/errors.js';
import { REGIONS } from '../../../main/core/settings/schema.js';

describe('regionOption', () => {
  it('accepts every region, in any case and with stray spaces', () => {
    for (const region of REGIONS) expect(regionOption(` ${region.toUpperCase()}`)).toEqual({ ok: true, value: region });
    expect(regionOption(undefined)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['cn-nort-4', 'cn-north-4'],
    ['cn-north4', 'cn-north-4'],
    ['ap-southeast-l', 'ap-southeast-1 or ap-southeast-2 or ap-southeast-3'],
    ['eu-west-10', 'eu-west-101'],
  ])('answers the typo %s with "Did you mean %s?", a usage error (exit 2)', (typed, meant) => {
    const result = regionOption(typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('usage');
    expect(formatError(result.error)).toContain(`Unknown region '${typed}'. Did you mean ${meant}? Regions: cn-east-3`);
  });

  it('suggests nothing for a name far from every region, and points to --endpoint', () => {
    const result = regionOption('mars-1');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(formatError(result.error)).not.toContain('Did you mean');
      expect(formatError(result.error)).toContain('--endpoint URL');
    }
  });
});
