import { LedgerRecordedV1, Queues } from '@dinner-rush/contracts';
import {
  BrokerProbe,
  FuzzTally,
  fuzzConsumerControl,
  hostileHeaders,
  pathSegment,
  percentEncoded,
  queryString,
  sendHostile,
  startAppUnderTest,
  tryInput,
  untilTablesSettle,
  type AppUnderTest,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import { AppModule } from '../src/app.module';
import { ledgerEnvSchema } from '../src/config';
import { orderCreatedEvent } from './factories';

/**
 * Property-based fuzz of every ledger route's input against a real
 * PostgreSQL and RabbitMQ: arbitrary order ids (one of them posted), query
 * strings nobody asked for and hostile headers on the reads, the trial
 * balance and the admin consumer control. Never a 5xx; a refusal writes
 * nothing. Counts go to test-artifacts/input-fuzz-ledger.json.
 */
jest.setTimeout(240_000);

const RUNS = 120;

describe('ledger input fuzz (fast-check, real PostgreSQL + RabbitMQ)', () => {
  let service: AppUnderTest;
  let broker: BrokerProbe;
  const tally = new FuzzTally('input-fuzz-ledger.json');
  const posted = orderCreatedEvent();

  beforeAll(async () => {
    service = await startAppUnderTest({
      service: 'ledger',
      schema: 'ledger',
      envSchema: ledgerEnvSchema,
      module: (config) => AppModule.forConfig(config),
    });
    broker = await BrokerProbe.open(service.brokerUrl);
    await broker.untilConsuming(Queues.ledger.queue);
    // One real order, so some reads find a journal; its writes end before the fuzz starts.
    await broker.publishOrderEvent(posted);
    await broker.untilStatus(posted.data.orderId, LedgerRecordedV1.type);
    await untilTablesSettle(service.sql);
  });

  afterAll(async () => {
    await broker?.close();
    await service?.close();
    tally.write();
  });

  it('GET /ledger/orders/:orderId and /ledger/trial-balance: never a 5xx, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment(posted.data.orderId),
        queryString('orderId'),
        hostileHeaders,
        async (orderId, query, headers) => {
          await tryInput(tally, 'GET /ledger/orders/:orderId', service.sql, () =>
            sendHostile(
              service.http().get(`/ledger/orders/${percentEncoded(orderId)}?${query}`),
              headers,
            ),
          );
          await tryInput(tally, 'GET /ledger/trial-balance', service.sql, () =>
            sendHostile(service.http().get(`/ledger/trial-balance?${query}`), headers),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the admin consumer control: never a 5xx, a refusal writes nothing', () =>
    fuzzConsumerControl(service, tally, [Queues.ledger.queue], RUNS));
});
