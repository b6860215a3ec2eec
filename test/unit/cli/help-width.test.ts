// Every --help fits an 80-column terminal: reflowed at spaces, words never cut or lost, options' descriptions
// continuing under their column; a wide terminal gets the text as written.
import { describe, expect, it } from 'vitest';
import { HELP, helpText, type HelpTopic } from '../../../main/cli/help.js';

const topics = Object.keys(HELP) as HelpTopic[];
const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

describe.each(topics)('workspace-tray %s --help at 80 columns', (topic) => {
  const text = helpText(topic, 80);

  it('has no line wider than 80, unless it is one word that cannot be broken', () => {
    for (const line of text.split('\n')) if (line.length > 80) expect(words(line), line).toHaveLength(1);
  });

  it('keeps every word, in order', () => {
    expect(words(text)).toEqual(words(HELP[topic]));
  });
});

describe('helpText', () => {
  it('continues an option description under its column', () => {
    const lines = helpText('status', 80).split('\n');
    const at = lines.findIndex((line) => line.startsWith('  --top N'));
    const column = lines[at]?.indexOf('Only') ?? -1;
    expect(column).toBeGreaterThan(10);
    expect(lines[at + 1]?.slice(0, column).trim()).toBe('');
  });

  it('leaves a text that fits alone', () => {
    expect(helpText('simulate', 200)).toBe(HELP.simulate);
  });
});
