// A text table fitted to the terminal: when its columns are wider than the screen, the least useful ones are
// left out, then the columns that can be cut are cut (with `…`), so a row never wraps into the next and a person
// reads one desktop per line. Which columns were left out is returned so the caller can say how to see them.
import { displayWidth, padEndColumns, truncateColumns } from './terminal-text.js';

export interface TableColumn {
  readonly title: string;
  /** Printable cells (already made terminal-safe), one per row. */
  readonly cells: readonly string[];
  /** When the table is too wide, the highest rank is left out first (or cut, when it can be); `null` never is. */
  readonly dropRank: number | null;
  /** A column that can be cut with `…` down to this many columns to fit; without it, never cut. */
  readonly minWidth?: number;
}

export interface FittedTable {
  /** Header, rule, one line per row; no trailing spaces. */
  readonly lines: string[];
  /** Titles of the columns left out to fit, in the table's order. */
  readonly hidden: string[];
}

const GAP = '  ';

/** The table within `width` columns (null: every column, uncut). */
export function fittedTable(columns: readonly TableColumn[], width: number | null): FittedTable {
  const natural = columns.map((column) => Math.max(displayWidth(column.title), ...column.cells.map(displayWidth)));
  const total = (shown: readonly number[], widths: readonly number[]) => shown.reduce((sum, index) => sum + (widths[index] ?? 0), 0) + GAP.length * Math.max(0, shown.length - 1);

  let shown = columns.map((_, index) => index);
  const widths = [...natural];
  if (width !== null) {
    const droppable = shown.filter((index) => columns[index]?.dropRank !== null).sort((a, b) => rankOf(columns[b]) - rankOf(columns[a]));
    for (const index of droppable) {
      if (total(shown, widths) <= width) break;
      // A column that can be cut is kept, cut, when cutting makes room; one that cannot goes whole.
      if (columns[index]?.minWidth !== undefined && total(shown, shrunk(columns, shown, widths)) <= width) break;
      shown = shown.filter((kept) => kept !== index);
    }
    // Then cut, the least useful column first (the same ranking), each no further than its minimum.
    const cuttable = shown.filter((index) => columns[index]?.minWidth !== undefined).sort((a, b) => rankOf(columns[b]) - rankOf(columns[a]));
    for (const index of cuttable) {
      const excess = total(shown, widths) - width;
      if (excess <= 0) break;
      widths[index] = Math.max(floorOf(columns[index]), (widths[index] ?? 0) - excess);
    }
  }

  const render = (cell: (index: number) => string) =>
    shown
      .map((index) => {
        const columnWidth = widths[index] ?? 0;
        return padEndColumns(truncateColumns(cell(index), columnWidth), columnWidth);
      })
      .join(GAP)
      .trimEnd();
  const header = render((index) => columns[index]?.title ?? '');
  const rows = (columns[0]?.cells ?? []).map((_, row) => render((index) => columns[index]?.cells[row] ?? ''));
  return {
    lines: [header, '─'.repeat(total(shown, widths)), ...rows],
    hidden: columns.filter((_, index) => !shown.includes(index)).map((column) => column.title),
  };
}

const rankOf = (column: TableColumn | undefined): number => column?.dropRank ?? -1;

/** How narrow a cuttable column may get: its minimum, never narrower than its title. */
const floorOf = (column: TableColumn | undefined): number => Math.max(column?.minWidth ?? 0, displayWidth(column?.title ?? ''));

/** The widths if every shown cuttable column were cut to its minimum. */
function shrunk(columns: readonly TableColumn[], shown: readonly number[], widths: readonly number[]): number[] {
  return widths.map((columnWidth, index) => (shown.includes(index) && columns[index]?.minWidth !== undefined ? Math.min(columnWidth, floorOf(columns[index])) : columnWidth));
}
