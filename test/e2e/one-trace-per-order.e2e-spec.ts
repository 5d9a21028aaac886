import {
  CustomerNotifiedV1,
  Exchanges,
  LedgerRecordedV1,
  MerchantNotifiedV1,
  OrderCreatedV1,
  RiderAssignedV1,
} from '@dinner-rush/contracts';
import {
  getJson,
  OtlpReceiver,
  orderFactory,
  postJson,
  bearerHeader,
  SpanKinds,
  startScratchServices,
  waitFor,
  type Merchant,
  type ReceivedSpan,
  type ScratchServices,
} from '@dinner-rush/testing';

/**
 * One trace per order across the broker: the services run as processes with
 * tracing on, exporting OTLP/HTTP JSON to a receiver in this test; orders go
 * through the real pipeline (PostgreSQL, RabbitMQ, outbox relay, batched
 * consumers), and each order's spans must form one trace, parented through
 * the outbox and every hop.
 */
jest.setTimeout(240_000);

const ORDERS = 6;
const CONSUMERS = ['rider-assignment', 'merchant-notify', 'ledger', 'customer-notify'] as const;
/** Status events every order causes, by the consumer that publishes them. */
const STATUS_EVENTS: Record<(typeof CONSUMERS)[number], string> = {
  'rider-assignment': RiderAssignedV1.type,
  'merchant-notify': MerchantNotifiedV1.type,
  ledger: LedgerRecordedV1.type,
  'customer-notify': CustomerNotifiedV1.type,
};

interface OrderTrace {
  spans: ReceivedSpan[];
  created: ReceivedSpan;
}

describe('one trace per order (OTLP from every service, real PostgreSQL + RabbitMQ)', () => {
  const receiver = new OtlpReceiver();
  let pipeline: ScratchServices;
  const orderIds: string[] = [];

  beforeAll(async () => {
    await receiver.start();
    pipeline = await startScratchServices('traces', {
      oneAtATime: true,
      common: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_TRACES_SAMPLER: 'always_on',
        // Export within a fifth of a second rather than the default five.
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
      env: { 'rider-assignment': { RIDER_DELIVERY_MS: '500' } },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await receiver.stop();
  });

  it('follows each order from POST /orders through the relay, every consumer and back', async () => {
    const order = pipeline.url('order-service');
    const merchants = (await getJson<Merchant[]>(`${order}/merchants`)).body;
    const nextOrder = orderFactory(merchants, 14);
    for (let n = 0; n < ORDERS; n += 1) {
      const request = nextOrder(n);
      const customer = await pipeline.issuer.token('customer', request.customerId);
      const response = await postJson<{ id: string }>(
        `${order}/orders`,
        request,
        bearerHeader(customer),
      );
      expect(response.status).toBe(201);
      orderIds.push(response.body.id);
    }

    const traces = await waitFor(
      () => {
        const found = orderIds.map((id) => orderTrace(receiver.spans, id));
        return found.every((t) => t && complete(t)) ? (found as OrderTrace[]) : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'every order traced end to end' },
    );

    const traceIds = new Set(traces.map((t) => t.created.traceId));
    expect(traceIds.size).toBe(ORDERS);
    for (const { spans, created } of traces) {
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);

      // order-service: the HTTP request is the root, and the publish descends from it.
      const post = spans.find((s) => s.service === 'order-service' && s.kind === SpanKinds.server);
      expect(post).toBeDefined();
      expect(post!.parentSpanId).toBe('');
      expect(
        String(post!.attributes['http.method'] ?? post!.attributes['http.request.method']),
      ).toBe('POST');
      expect(ancestors(created, byId)).toContain(post);
      // The relay published order.created from the stored context: same service, same trace.
      expect(created.service).toBe('order-service');

      for (const consumer of CONSUMERS) {
        // Every consumer took order.created as a child of the relay's publish span.
        const took = spans.filter(
          (s) =>
            s.service === consumer &&
            s.kind === SpanKinds.consumer &&
            s.parentSpanId === created.spanId,
        );
        expect({ consumer, processed: took.length }).toEqual({ consumer, processed: 1 });
        // Its status event was published in the trace of the message that caused it.
        const status = spans.find(
          (s) =>
            s.service === consumer &&
            s.kind === SpanKinds.producer &&
            s.name === `${Exchanges.orderStatus} publish` &&
            s.attributes['messaging.rabbitmq.destination.routing_key'] === STATUS_EVENTS[consumer],
        );
        expect({ consumer, status: status && parentOf(status)?.service }).toEqual({
          consumer,
          status: consumer,
        });
        expect(parentOf(status!)?.kind).toBe(SpanKinds.consumer);
        // order-service's tracking consumer took that status event as its child.
        const tracked = spans.filter(
          (s) =>
            s.service === 'order-service' &&
            s.kind === SpanKinds.consumer &&
            s.parentSpanId === status!.spanId,
        );
        expect({ consumer, tracked: tracked.length }).toEqual({ consumer, tracked: 1 });
      }

      // Each batch span links to the process span of every message it applied.
      const processSpans = spans.filter((s) => s.kind === SpanKinds.consumer);
      for (const process of processSpans) {
        const batch = receiver.spans.find((s) =>
          s.links.some(
            (link) => link.spanId === process.spanId && link.traceId === process.traceId,
          ),
        );
        expect({
          process: process.name,
          linkedFromBatch: batch?.name.endsWith('apply batch'),
        }).toEqual({
          process: process.name,
          linkedFromBatch: true,
        });
      }
    }
  });
});

/** The order's spans: the trace of the relay's publish of its order.created. */
function orderTrace(all: readonly ReceivedSpan[], orderId: string): OrderTrace | undefined {
  const created = all.find(
    (s) =>
      s.kind === SpanKinds.producer &&
      s.attributes['messaging.message.conversation_id'] === orderId &&
      s.attributes['messaging.rabbitmq.destination.routing_key'] === OrderCreatedV1.type,
  );
  if (!created) return undefined;
  return { created, spans: all.filter((s) => s.traceId === created.traceId) };
}

/** Every consumer and the tracking consumer have reported their spans for this order. */
function complete({ spans }: OrderTrace): boolean {
  const tracked = spans.filter(
    (s) => s.service === 'order-service' && s.kind === SpanKinds.consumer,
  );
  return (
    CONSUMERS.every((c) => spans.some((s) => s.service === c && s.kind === SpanKinds.consumer)) &&
    // Each process exports on its own schedule: wait for every status publish too, not
    // just for enough of order-service's tracking spans (other statuses can fill that count).
    CONSUMERS.every((c) =>
      spans.some(
        (s) =>
          s.service === c &&
          s.kind === SpanKinds.producer &&
          s.attributes['messaging.rabbitmq.destination.routing_key'] === STATUS_EVENTS[c],
      ),
    ) &&
    tracked.length >= CONSUMERS.length
  );
}

function ancestors(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let s = byId.get(span.parentSpanId); s; s = byId.get(s.parentSpanId)) chain.push(s);
  return chain;
}
