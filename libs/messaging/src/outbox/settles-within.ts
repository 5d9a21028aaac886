/**
 * Waits for `work` at most `ms`: true if it settled (fulfilled or rejected) in
 * time, false if the time ran out first. Never rejects; the caller reads the
 * outcome where the work left it. The timer is cleared either way, so a long
 * bound keeps no process alive.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
