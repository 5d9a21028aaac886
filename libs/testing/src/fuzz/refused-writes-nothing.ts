import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import type { FuzzAnswer, FuzzTally } from './fuzz-tally';
import { tableCounts } from './table-counts';

/**
 * What a refused request must leave as it was: every table of a service's
 * schema (a pool on it), or a reading of the tables only requests write, when
 * events keep writing others meanwhile.
 */
export type WrittenState = Pool | (() => Promise<unknown>);

/**
 * Sends one fuzzed request and holds the two promises every route makes:
 * never a 5xx, and a refusal (4xx) leaves the written state as it was.
 * Throws (so fast-check shrinks the input) when either is broken.
 */
export async function tryInput<T extends FuzzAnswer>(
  tally: FuzzTally,
  route: string,
  state: WrittenState,
  send: () => PromiseLike<T>,
): Promise<T> {
  const read = state instanceof Pool ? () => tableCounts(state) : state;
  const before = await read();
  const answer = tally.answered(route, await send());
  if (answer.status >= 400) {
    const after = await read();
    if (!isDeepStrictEqual(after, before)) {
      throw new Error(
        `${route} refused with ${answer.status} but wrote: ${JSON.stringify({ before, after })}`,
      );
    }
  }
  return answer;
}
