// Text for a terminal: how many columns it takes (CJK and emoji take two, combining marks none), padding and
// cutting by columns rather than by UTF-16 units, and neutralising what a server or a settings file could put
// in a name to drive the terminal (escape sequences, newlines, bidirectional overrides).

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F), condensed to whole blocks.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\uFE0F/u;

/** Columns one grapheme cluster takes in a terminal. */
function graphemeWidth(cluster: string): number {
  if (EMOJI.test(cluster) && EMOJI_PRESENTATION.test(cluster)) return 2;
  const first = cluster.codePointAt(0) ?? 0;
  if (first < 0x20 || (first >= 0x7f && first < 0xa0) || ZERO_WIDTH.test(cluster)) return 0;
  return WIDE_RANGES.some(([low, high]) => first >= low && first <= high) ? 2 : 1;
}

/** Columns the text takes in a terminal (the `wcwidth` of each grapheme, summed). */
export function displayWidth(text: string): number {
  // ASCII, the common case, needs no segmentation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

export function padEndColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

export function padStartColumns(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - displayWidth(text))) + text;
}

/** The text cut to at most `columns` columns, ending in `…` when something was cut. */
export function truncateColumns(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let kept = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = graphemeWidth(segment);
    if (width + next > columns - 1) break;
    kept += segment;
    width += next;
  }
  return `${kept}…`;
}

// C0 and C1 controls and DEL (escape sequences, newlines, bells) and the bidirectional embeddings, overrides
// and isolates, which can make a name read backwards.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text from outside (a group name from the server, an account name from the settings file) made safe to print:
 * whitespace controls become spaces, every other control character U+FFFD, so nothing reaches the terminal as
 * a command and one name stays on one line.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => (/\s/.test(char) ? ' ' : '\uFFFD'));
}

/** A paragraph broken into lines of at most `columns` columns, at spaces (a single longer word stays whole). */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && displayWidth(line) + 1 + displayWidth(word) > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The width tables are fitted to: the terminal's when stdout is one, else `COLUMNS` when set (a pager or a
 * script can ask for another width), else 80.
 */
export function outputColumns(io: { readonly stdoutColumns?: number; readonly env: Readonly<Record<string, string | undefined>> }): number {
  if (io.stdoutColumns !== undefined && io.stdoutColumns > 0) return io.stdoutColumns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv >= 20 && fromEnv <= 1000 ? fromEnv : 80;
}
