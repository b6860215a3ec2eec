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

const exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stderrWrite: (text) => process.stderr.write(text),
  env: process.env,
  stdin: process.stdin,
  interrupted: interrupt.signal,
  platform: process.platform,
  homedir: homedir(),
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
process.exitCode = exitCode;
