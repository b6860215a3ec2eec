// Every problem the core's validators can name has words in both languages, using exactly its parameters.
import { describe, expect, it } from 'vitest';
import { FIELD_PROBLEM_CODES, FIELD_PROBLEM_PARAMS, problemOfIssue } from '../../main/core/field-problem.js';
import type { Language } from '../../renderer/lib/messages.js';
import { SETTINGS_MESSAGES as MESSAGES, problemKey } from '../../renderer/lib/messages-settings.js';
import { SettingsSchema } from '../../main/core/settings/schema.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

describe('field problem messages', () => {
  it('every code has an English and a Chinese message with the placeholders of its parameters', () => {
    expect(FIELD_PROBLEM_CODES.length).toBeGreaterThan(15);
    for (const code of FIELD_PROBLEM_CODES) {
      for (const language of LANGUAGES) {
        const text = MESSAGES[language][problemKey(code)];
        expect(text, `${language} ${code}`).toBeTruthy();
        expect(placeholders(text), `${language} ${code}`).toEqual([...FIELD_PROBLEM_PARAMS[code]].sort());
      }
      // Translated, not copied: the Chinese text has Chinese in it.
      expect(MESSAGES['zh-CN'][problemKey(code)], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("maps the settings schema's own issues to codes with the schema's bounds", () => {
    const polling = SettingsSchema.shape.polling.safeParse({ intervalSeconds: 5 });
    expect(polling.success).toBe(false);
    expect(polling.error?.issues.map(problemOfIssue)).toEqual([{ code: 'too-small', params: { min: 15 } }]);
    const fraction = SettingsSchema.shape.polling.safeParse({ intervalSeconds: 20.5 });
    expect(fraction.error?.issues.map(problemOfIssue)).toEqual([{ code: 'not-integer', params: {} }]);
  });
});
