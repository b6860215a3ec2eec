// Listener exceptions are rethrown outside the emitter on purpose; to check that, a test takes over the
// process's uncaught-exception handling for a moment (the runner's own handler would fail the run).
export async function catchingUncaught(into: unknown[], run: () => Promise<void>): Promise<void> {
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', (error) => into.push(error));
  try {
    await run();
  } finally {
    process.removeAllListeners('uncaughtException');
    for (const listener of saved) process.on('uncaughtException', listener);
  }
}
