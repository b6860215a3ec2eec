// The headless CLI's composition root: plain Node only (never electron). It reads process state once, hands
// commands a CliIo, and turns their result into process.exitCode.
import { homedir } from 'node:os';
import { main } from './cli/main.js';

const interrupt = new AbortController();
let interrupts = 0;
const onSignal = (): void => {
  interrupts++;
  // A second Ctrl-C means "now": stop waiting for a clean shutdown.
  if (interrupts > 1) process.exit(130);
  interrupt.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// A reader that goes away (`status --json | head -c 10`, a closed terminal) is not a crash: output stops, and a
// long-running command stops as on Ctrl-C. Without a listener, EPIPE is an unhandled 'error' with a stack trace.
let stdoutGone = false;
process.stdout.on('error', () => {
  stdoutGone = true;
  interrupt.abort();
});
let stderrGone = false;
process.stderr.on('error', () => {
  stderrGone = true;
});
const writeOut = (text: string): void => {
  if (!stdoutGone) process.stdout.write(text);
};
const writeErr = (text: string): void => {
  if (!stderrGone) process.stderr.write(text);
};

const exitCode = await main(process.argv.slice(2), {
  out: (line) => writeOut(`${line}\n`),
  err: (line) => writeErr(`${line}\n`),
  stderrWrite: writeErr,
  env: process.env,
  stdin: process.stdin,
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { stdoutColumns: process.stdout.columns } : {}),
  interrupted: interrupt.signal,
  platform: process.platform,
  homedir: homedir(),
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
process.exitCode = exitCode;
