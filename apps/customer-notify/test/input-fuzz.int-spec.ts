import { CustomerNotifiedV1, Queues, type Envelope } from '@dinner-rush/contracts';
import {
  FuzzTally,
  fuzzConsumerControl,
  hostileHeaders,
  pathSegment,
  percentEncoded,
  queryString,
  sendHostile,
  tryInput,
  untilTablesSettle,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import { orderCreatedEvent, riderAssignedEvent } from './factories';
import { startCustomerNotify, type CustomerNotifyHarness } from './harness';

/**
 * Property-based fuzz of every customer-notify route's input against a real
 * PostgreSQL and RabbitMQ: arbitrary customer and order ids (one of each
 * real), limits and stray query keys, hostile headers, and the admin consumer
 * control. Never a 5xx; a refusal writes nothing. Counts go to
 * test-artifacts/input-fuzz-customer-notify.json.
 */
jest.setTimeout(240_000);

const RUNS = 120;

describe('customer-notify input fuzz (fast-check, real PostgreSQL + RabbitMQ)', () => {
  let cn: CustomerNotifyHarness;
  const tally = new FuzzTally('input-fuzz-customer-notify.json');
  const created = orderCreatedEvent();
  const { orderId, customerId } = created.data;

  beforeAll(async () => {
    cn = await startCustomerNotify();
    // One customer told something, so some reads find a notification; settled before the fuzz.
    await cn.broker.publishOrderEvent(created);
    await cn.broker.publishStatusEvent(riderAssignedEvent(created.data));
    await cn.broker.untilStatusMatching(
      (e: Envelope) =>
        e.type === CustomerNotifiedV1.type && (e.data as { orderId?: string }).orderId === orderId,
    );
    await untilTablesSettle(cn.sql);
  });

  afterAll(async () => {
    await cn?.close();
    tally.write();
  });

  it('GET /customers/:customerId/notifications and /orders/:orderId/notifications: never a 5xx, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment(customerId),
        pathSegment(orderId),
        queryString('limit'),
        hostileHeaders,
        async (customer, order, query, headers) => {
          await tryInput(tally, 'GET /customers/:customerId/notifications', cn.sql, () =>
            sendHostile(
              cn.http().get(`/customers/${percentEncoded(customer)}/notifications?${query}`),
              headers,
            ),
          );
          await tryInput(tally, 'GET /orders/:orderId/notifications', cn.sql, () =>
            sendHostile(
              cn.http().get(`/orders/${percentEncoded(order)}/notifications?${query}`),
              headers,
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the admin consumer control: never a 5xx, a refusal writes nothing', () =>
    fuzzConsumerControl(cn, tally, [Queues.customerNotify.queue], RUNS));
});
