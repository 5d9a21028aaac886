import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import type { FuzzAnswer, FuzzTally } from './fuzz-tally';
import { tableCounts } from './table-counts';

/**
 * Sends one fuzzed request and holds the two promises every route makes:
 * never a 5xx, and a refusal (4xx) leaves every table of the service as it
 * was. Throws (so fast-check shrinks the input) when either is broken.
 */
export async function tryInput<T extends FuzzAnswer>(
  tally: FuzzTally,
  route: string,
  sql: Pool,
  send: () => PromiseLike<T>,
): Promise<T> {
  const before = await tableCounts(sql);
  const answer = tally.answered(route, await send());
  if (answer.status >= 400) {
    const after = await tableCounts(sql);
    if (!isDeepStrictEqual(after, before)) {
      throw new Error(
        `${route} refused with ${answer.status} but wrote: ${JSON.stringify({ before, after })}`,
      );
    }
  }
  return answer;
}
