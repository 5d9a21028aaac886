import type { HandledOutcome } from '@dinner-rush/messaging';

/**
 * One service's messages_handled_total for a queue and outcome (summed over
 * event types), read from its GET /metrics; counts since that process started.
 */
export async function handledCount(
  baseUrl: string,
  queue: string,
  outcome: HandledOutcome,
): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('messages_handled_total{') &&
        line.includes(`queue="${queue}"`) &&
        line.includes(`outcome="${outcome}"`),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
