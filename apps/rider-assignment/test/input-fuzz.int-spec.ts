import { Queues } from '@dinner-rush/contracts';
import {
  FuzzTally,
  fuzzConsumerControl,
  hostileHeaders,
  pathSegment,
  percentEncoded,
  queryString,
  sendHostile,
  tryInput,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import { DeliveriesQueue } from '../src/dispatch/delivery-timer';
import { RiderAssignmentHarness } from './harness';

/**
 * Property-based fuzz of every rider-assignment route's input against a real
 * PostgreSQL and RabbitMQ: arbitrary order ids, query strings and hostile
 * headers on the fleet, the waiting line and assignments, and the admin
 * consumer control over both of its queues. Never a 5xx; a refusal writes
 * nothing. Counts go to test-artifacts/input-fuzz-rider-assignment.json.
 */
jest.setTimeout(240_000);

const RUNS = 120;

describe('rider-assignment input fuzz (fast-check, real PostgreSQL + RabbitMQ)', () => {
  let service: RiderAssignmentHarness;
  const tally = new FuzzTally('input-fuzz-rider-assignment.json');

  beforeAll(async () => {
    service = await RiderAssignmentHarness.start({});
  });

  afterAll(async () => {
    await service?.close();
    tally.write();
  });

  it('GET /riders, /waiting-line and /assignments/:orderId: never a 5xx, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment(),
        queryString('orderId', 'limit'),
        hostileHeaders,
        async (orderId, query, headers) => {
          const read = (route: string, path: string) =>
            tryInput(tally, route, service.sql, () =>
              sendHostile(service.http().get(`${path}?${query}`), headers),
            );
          await read('GET /assignments/:orderId', `/assignments/${percentEncoded(orderId)}`);
          await read('GET /riders', '/riders');
          await read('GET /waiting-line', '/waiting-line');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the admin consumer control: never a 5xx, a refusal writes nothing', () =>
    fuzzConsumerControl(
      service,
      tally,
      [Queues.riderAssignment.queue, DeliveriesQueue.queue],
      RUNS,
    ));
});
