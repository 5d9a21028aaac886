import { Queues } from '@dinner-rush/contracts';
import { BrokerProbe, startAppUnderTest, waitFor, type AppUnderTest } from '@dinner-rush/testing';
import { AppModule } from '../src/app.module';
import { riderAssignmentEnvSchema } from '../src/config';
import { DeliveriesQueue } from '../src/dispatch/delivery-timer';

export interface RiderBody {
  id: string;
  name: string;
  status: 'available' | 'busy';
  position: { lat: number; lng: number };
  currentOrderId: string | null;
}

export interface AssignmentBody {
  orderId: string;
  status: 'waiting' | 'assigned' | 'delivered' | 'cancelled';
  riderId: string | null;
  distanceKm: number | null;
  waitedMs: number | null;
  requestedAt: string | null;
  assignedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
}

/**
 * One rider-assignment on its own database and vhost, driven like production:
 * events in through the real broker (tests may speak amqplib; the service may
 * not), status events recorded from `orders.status`, state read over HTTP and SQL.
 */
export class RiderAssignmentHarness {
  private constructor(
    private readonly service: AppUnderTest,
    readonly broker: BrokerProbe,
  ) {}

  static async start(env: Record<string, string>): Promise<RiderAssignmentHarness> {
    const service = await startAppUnderTest({
      service: 'rider-assignment',
      schema: 'rider_assignment',
      envSchema: riderAssignmentEnvSchema,
      module: (config) => AppModule.forConfig(config),
      env,
    });
    const harness = new RiderAssignmentHarness(service, await BrokerProbe.open(service.brokerUrl));
    await harness.broker.untilConsuming(Queues.riderAssignment.queue);
    await harness.broker.untilConsuming(DeliveriesQueue.queue);
    return harness;
  }

  get sql() {
    return this.service.sql;
  }

  http() {
    return this.service.http();
  }

  async riders(): Promise<RiderBody[]> {
    return (await this.http().get('/riders').expect(200)).body as RiderBody[];
  }

  /** Polls GET /assignments/:orderId until `done` holds for the body. */
  untilAssignment(
    orderId: string,
    done: (a: AssignmentBody) => boolean,
    what: string,
  ): Promise<AssignmentBody> {
    return waitFor(
      async () => {
        const res = await this.http().get(`/assignments/${orderId}`);
        const body = res.body as AssignmentBody;
        return res.status === 200 && done(body) ? body : undefined;
      },
      { what: `${what} (order ${orderId})` },
    );
  }

  /** Resolves once the service committed the message (its id is in the inbox). */
  untilApplied(messageId: string): Promise<true> {
    return waitFor(
      async () => {
        const { rowCount } = await this.sql.query('SELECT 1 FROM inbox WHERE message_id = $1', [
          messageId,
        ]);
        return rowCount ? true : undefined;
      },
      { what: `message ${messageId} in the inbox` },
    );
  }

  /**
   * Status events of one type about one order that reached the broker, once
   * the service has nothing left to publish about it: its outbox holds no row
   * of the order, and the tap has had time to receive what was confirmed.
   */
  async publishedCount(orderId: string, type: string): Promise<number> {
    await waitFor(
      async () => {
        const { rows } = await this.sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1',
          [orderId],
        );
        return rows[0]?.n === 0 ? true : undefined;
      },
      { what: `order ${orderId} published` },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    return this.broker.statusFor(orderId, type).length;
  }

  async close(): Promise<void> {
    await this.broker.close();
    await this.service.close();
  }
}
