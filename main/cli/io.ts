// What a command may touch of the outside world, passed in so that commands stay testable and so that the
// entry point is the only place that reads `process`.

/** The part of a readable stream a command reads: stdin, or a test's stream. */
export interface InputStream extends AsyncIterable<string | Buffer> {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  removeListener(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface CliIo {
  /** One line of the command's result (a table row, a JSON document). */
  out(line: string): void;
  /** One line of diagnostics or progress; errors are a single line each. */
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: InputStream;
  /** Whether stdout is a terminal (colour is only for terminals); absent counts as not. */
  readonly stdoutIsTTY?: boolean;
  /** The terminal's width in columns when stdout is one and says so; tables fit it (80 when unknown). */
  readonly stdoutColumns?: number;
  /** Written to directly only by the no-echo prompt (it must not add newlines of its own). */
  readonly stderrWrite: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly when it fires. */
  readonly interrupted: AbortSignal;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
}

