import { AsyncLocalStorage } from 'node:async_hooks';

interface Handling {
  duplicate: boolean;
}

const current = new AsyncLocalStorage<Handling>();

/**
 * Runs one message's handler with a place to note what happened deep inside it
 * (the inbox finding a redelivery), so the consumer wrapper can count the
 * outcome without every handler having to return it.
 */
export async function trackHandling(work: () => Promise<void>): Promise<Handling> {
  const handling: Handling = { duplicate: false };
  await current.run(handling, work);
  return handling;
}

/** Called by the inbox when a message's id was already recorded (no-op outside a handler). */
export function noteDuplicate(): void {
  const handling = current.getStore();
  if (handling) handling.duplicate = true;
}
