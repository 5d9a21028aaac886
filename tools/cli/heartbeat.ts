/** Quiet this long, and a heartbeat line says the command is still at work. */
const QUIET_MS = 5_000;

/**
 * When stdout is not a terminal (CI logs, pipes), a long phase that prints
 * nothing looks hung: after every few quiet seconds a line on stderr says
 * which command is still working and for how long. Quiet is measured on what
 * the command itself writes, so a tool that reports its own progress (the load
 * generator's status line) never gets a heartbeat on top. Returns the stop.
 */
export function startHeartbeat(command: string, now: () => number = Date.now): () => void {
  if (process.stdout.isTTY) return () => undefined;
  const started = now();
  let lastWrite = started;
  const restore = [process.stdout, process.stderr].map((stream) => {
    // Kept unbound on purpose: restored as it was, and called with the stream as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const original = stream.write;
    stream.write = ((...args: Parameters<typeof original>) => {
      lastWrite = now();
      return original.apply(stream, args);
    }) as typeof original;
    return () => {
      stream.write = original;
    };
  });
  const timer = setInterval(() => {
    if (now() - lastWrite < QUIET_MS) return;
    process.stderr.write(
      `[dinner-rush ${command}] still working (${Math.round((now() - started) / 1000)} s)\n`,
    );
  }, 1_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const undo of restore) undo();
  };
}
