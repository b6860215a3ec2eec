// Colour on a terminal, the one way every command does it: `watch` tints its event lines, `status` the counts that
// need attention. Off with `NO_COLOR` (https://no-color.org), `--no-color`, or when stdout is not a terminal.
import type { CliIo } from './io.js';

/** `--no-color`, for the option specs of the commands that colour. */
export const NO_COLOR_OPTION = { 'no-color': { type: 'boolean' } } as const;

export type Tint = 'red' | 'yellow';

const CODES: Readonly<Record<Tint, string>> = { red: '\u001b[31m', yellow: '\u001b[33m' };
const RESET = '\u001b[0m';

/**
 * Whether lines on stdout may be coloured: stdout is a terminal, `NO_COLOR` is unset or empty and the command was
 * not given `--no-color`.
 */
export function colourWanted(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>, noColorFlag: boolean): boolean {
  return io.stdoutIsTTY === true && !noColorFlag && (io.env.NO_COLOR ?? '') === '';
}

/**
 * The text wrapped in its tint's escape codes, or unchanged (no tint, or colour off). Wrap text that is already
 * printable (`terminalSafe`) and already padded: the codes take no columns, so width is measured before.
 */
export function paint(text: string, tint: Tint | null, colour: boolean): string {
  return colour && tint !== null ? `${CODES[tint]}${text}${RESET}` : text;
}
