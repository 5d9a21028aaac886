import fc from 'fast-check';
import type { Pool } from 'pg';
import type { Test } from 'supertest';
import type { FuzzTally } from './fuzz-tally';
import {
  anyNumber,
  hostileBody,
  hostileHeaders,
  pathSegment,
  percentEncoded,
} from './hostile-input';
import { tryInput } from './refused-writes-nothing';
import { sendHostile } from './send-hostile';

/** A service under fuzz: a supertest agent with the operator's token, and a pool on its schema. */
export interface FuzzedService {
  http(): { get(url: string): Test; post(url: string): Test; put(url: string): Test };
  readonly sql: Pool;
}

/**
 * The admin consumer control every consumer service has (libs/messaging):
 * GET state, pause and resume any queue name, set any work time, with
 * hostile headers. Ends with every queue resumed and no work time, so the
 * rest of a suite meets the service as it started.
 */
export async function fuzzConsumerControl(
  service: FuzzedService,
  tally: FuzzTally,
  queues: readonly string[],
  numRuns: number,
): Promise<void> {
  const http = () => service.http();
  const sql = service.sql;
  const workTime = fc.oneof(
    fc.record({ workTimeMs: fc.oneof(fc.integer({ min: 0, max: 5 }), anyNumber) }),
    fc.dictionary(fc.string({ maxLength: 12 }), anyNumber),
  );
  await fc.assert(
    fc.asyncProperty(
      pathSegment(...queues),
      fc.constantFrom('pause', 'resume'),
      hostileBody(workTime),
      hostileHeaders,
      async (queue, action, body, headers) => {
        await tryInput(tally, `POST /admin/consumers/:queue/${action}`, sql, () =>
          sendHostile(http().post(`/admin/consumers/${percentEncoded(queue)}/${action}`), headers),
        );
        await tryInput(tally, 'PUT /admin/consumers/work-time', sql, () =>
          sendHostile(http().put('/admin/consumers/work-time'), headers, body),
        );
        await tryInput(tally, 'GET /admin/consumers', sql, () =>
          sendHostile(http().get('/admin/consumers'), headers),
        );
      },
    ),
    { numRuns },
  );
  for (const queue of queues) await http().post(`/admin/consumers/${queue}/resume`).expect(200);
  await http().put('/admin/consumers/work-time').send({ workTimeMs: 0 }).expect(200);
}
