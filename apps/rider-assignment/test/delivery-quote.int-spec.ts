import { randomBytes, randomUUID } from 'node:crypto';
import {
  DeliveryQuoteV1,
  Queues,
  replyQueueName,
  RiderAssignedV1,
  RPC_REPLY_EXCHANGE,
  type RpcRequest,
} from '@dinner-rush/contracts';
import { RPC_QUEUE_EXPIRES_MS } from '@dinner-rush/messaging';
import {
  BrokerProbe,
  queueDeclaration,
  startAppUnderTest,
  waitFor,
  type AppUnderTest,
} from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { riderAssignmentEnvSchema } from '../src/config';
import { AppModule } from '../src/app.module';
import { haversineKm } from '../src/dispatch/nearest-rider';
import { quoteDelivery } from '../src/quotes/quote-pricing';
import { orderCreatedData, orderCreatedEvent } from './factories';
import type { RiderBody } from './harness';

const RIDE_MS = 600_000; // the only rider stays busy for the whole file once assigned
/** This test's own reply queue, bound to the reply exchange under its name (as RpcRequester does). */
const REPLY_TO = replyQueueName('quote-test', randomBytes(6).toString('hex'));

/**
 * The responder side of request/reply, asked the way any AMQP client would:
 * a request to the requests exchange with a reply queue and a correlation id.
 * Replies come through the reply exchange, never the default exchange.
 */
describe('rider-assignment delivery quotes over request/reply (real PostgreSQL + RabbitMQ)', () => {
  let service: AppUnderTest;
  let probe: BrokerProbe;
  let connection: ChannelModel;
  let channel: Channel;
  const replies: ConsumeMessage[] = [];

  const request: RpcRequest<typeof DeliveryQuoteV1> = {
    merchantId: 'm-curry-36',
    pickUp: { lat: 52.4937, lng: 13.3878 },
    dropOff: { lat: 52.501, lng: 13.419 },
  };

  /** Publishes a request and returns the reply carrying its correlation id. */
  const send = (body: unknown, correlationId: string, replyTo = REPLY_TO) =>
    channel.publish(
      DeliveryQuoteV1.exchange,
      DeliveryQuoteV1.routingKey,
      Buffer.from(JSON.stringify(body)),
      { replyTo, correlationId, contentType: 'application/json' },
    );
  const ask = async (body: unknown) => {
    const correlationId = randomUUID();
    send(body, correlationId);
    const reply = await waitFor(
      () => replies.find((msg) => msg.properties.correlationId === correlationId),
      { what: `the reply to ${correlationId}`, timeoutMs: 10_000 },
    );
    return { correlationId, body: JSON.parse(reply.content.toString()) as unknown };
  };

  beforeAll(async () => {
    service = await startAppUnderTest({
      service: 'rider-assignment',
      schema: 'rider_assignment',
      envSchema: riderAssignmentEnvSchema,
      module: (config) => AppModule.forConfig(config),
      env: { RIDER_FLEET_SIZE: '1', RIDER_DELIVERY_MS: String(RIDE_MS) },
    });
    probe = await BrokerProbe.open(service.brokerUrl);
    await probe.untilConsuming(Queues.riderAssignment.queue);
    connection = await connect(service.brokerUrl);
    channel = await connection.createChannel();
    await channel.assertQueue(REPLY_TO, { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(REPLY_TO, RPC_REPLY_EXCHANGE, REPLY_TO);
    await channel.consume(REPLY_TO, (msg) => msg && replies.push(msg), { noAck: true });
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await probe?.close();
    await service?.close();
  });

  it("replies with the fee and ETA its pricing gives for the fleet, under the request's correlation id", async () => {
    const riders = (await service.http().get('/riders').expect(200)).body as RiderBody[];
    const expected = quoteDelivery(
      { availableRiders: riders, fleetSize: riders.length, waitingOrders: 0 },
      request.pickUp,
      request.dropOff,
      RIDE_MS,
    );
    const { body } = await waitFor(() => ask(request), { what: 'a consumer on the quotes queue' });
    expect(DeliveryQuoteV1.reply.parse(body)).toEqual(expected);
    expect(expected.riderAvailable).toBe(true);
    expect(expected.tripDistanceKm).toBeCloseTo(haversineKm(request.pickUp, request.dropOff), 2);
  });

  it('with every rider busy, says so and quotes the wait and the surcharge', async () => {
    const order = orderCreatedEvent(orderCreatedData(request.pickUp));
    await probe.publishOrderEvent(order);
    await probe.untilStatus(order.data.orderId, RiderAssignedV1.type);
    const { body } = await ask(request);
    const expected = quoteDelivery(
      { availableRiders: [], fleetSize: 1, waitingOrders: 0 },
      request.pickUp,
      request.dropOff,
      RIDE_MS,
    );
    expect(DeliveryQuoteV1.reply.parse(body)).toEqual(expected);
    expect(expected).toMatchObject({ riderAvailable: false, riderDistanceKm: null });
  });

  it('declares its quotes queue as a quorum queue with an expiry (RabbitMQ 4 refuses shared transient queues; a classic one dies with its node)', async () => {
    expect(await queueDeclaration(service.brokerUrl, DeliveryQuoteV1.queue)).toEqual({
      durable: true,
      auto_delete: false,
      exclusive: false,
      arguments: { 'x-queue-type': 'quorum', 'x-expires': RPC_QUEUE_EXPIRES_MS },
    });
  });

  it('drops an invalid request (no reply) and keeps answering valid ones', async () => {
    const correlationId = randomUUID();
    send({ nonsense: true }, correlationId);
    const { body } = await ask(request);
    expect(DeliveryQuoteV1.reply.safeParse(body).success).toBe(true);
    // The valid request was sent after the invalid one on the same channel, so it was handled after it.
    expect(replies.some((msg) => msg.properties.correlationId === correlationId)).toBe(false);
  });

  it('answers no address but a reply queue (not a work queue, not any other queue) and keeps answering', async () => {
    const probeQueue = `quote-test.stray.${randomBytes(4).toString('hex')}`;
    await channel.assertQueue(probeQueue, { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(probeQueue, RPC_REPLY_EXCHANGE, probeQueue);
    for (const stray of [Queues.ledger.queue, probeQueue]) send(request, randomUUID(), stray);
    const { body } = await ask(request);
    expect(DeliveryQuoteV1.reply.safeParse(body).success).toBe(true);
    expect((await channel.checkQueue(probeQueue)).messageCount).toBe(0);
  });
});
