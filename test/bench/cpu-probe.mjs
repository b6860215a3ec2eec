// Preloaded into a measured child (`node --import ./cpu-probe.mjs ...`): on SIGUSR2 it writes its own
// process.cpuUsage() (user + system, microseconds) as one line on file descriptor 3. Signal-driven, so the probe
// adds no timer or work of its own between readings.
import { writeSync } from 'node:fs';

process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  writeSync(3, `${user + system}\n`);
});
