import { OrderLoad, sleep, waitFor } from '@dinner-rush/testing';
import { DEAD_LETTER_QUEUES, FaultPipeline } from './support/fault-pipeline';
import { expectSafe, figuresOf, runFault } from './support/fault-case';
import { FaultReport } from './support/fault-report';

/**
 * The servers fail under load. Case 1: the broker stops politely
 * (stop_app/start_app) and is killed (SIGKILL of the node, restarted on the
 * same data); intake keeps answering 201 (the outbox holds the events) and
 * every consumer comes back by itself. Case 5: PostgreSQL stops; intake
 * answers 503 with Retry-After and writes nothing partial, consumers ack
 * nothing they could not commit. Then the control experiment: an unsafe
 * set-up (events kept only in process memory, no outbox) must make the
 * checker report exactly the orders it lost.
 */
jest.setTimeout(600_000);

describe('faults: the broker and the database fail under load', () => {
  let pipeline: FaultPipeline;
  const report = new FaultReport('infrastructure');

  beforeAll(async () => {
    pipeline = await FaultPipeline.start('infra');
  });

  afterAll(async () => {
    report.write();
    await pipeline?.stop();
  });

  it('1a rabbitmqctl stop_app / start_app: intake stays 201, consumers resume, nothing lost', async () => {
    const run = await runFault(pipeline, { label: 'stop-app' }, async () => {
      await pipeline.rabbit.stopApp();
      await sleep(3_000);
      await pipeline.rabbit.startApp();
    });
    report.add(figuresOf('1a broker stop_app/start_app', run));
    expectSafe(run);
    expect(run.load.rejected).toEqual([]);
  });

  it('1b SIGKILL of the broker, restarted on the same data: nothing lost, nothing doubled', async () => {
    const run = await runFault(pipeline, { label: 'kill-broker' }, async () => {
      await pipeline.rabbit.kill();
      await sleep(2_000);
      await pipeline.rabbit.boot();
    });
    report.add(figuresOf('1b broker SIGKILL + restart', run));
    expectSafe(run);
    expect(run.load.rejected).toEqual([]);
  });

  it('5 PostgreSQL stopped and started: 503 + Retry-After, nothing partial, nothing lost', async () => {
    const run = await runFault(pipeline, { label: 'pg-stop' }, async () => {
      await pipeline.postgres.stop('fast');
      await sleep(4_000);
      await pipeline.postgres.boot();
    });
    const refused = run.load.rejected;
    report.add(figuresOf('5 PostgreSQL stop + start', run, { refusedWith503: refused.length }));
    expectSafe(run);
    // Intake told every client it could not serve to come back later, and meant it.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((r) => r.status !== 503 || !r.retryAfter)).toEqual([]);
    const keys = refused.map((r) => r.idempotencyKey);
    expect(
      await pipeline.database.query(`SELECT key FROM orders.idempotency_keys WHERE key = ANY($1)`, [
        keys,
      ]),
    ).toEqual([]);
    const [partial] = await pipeline.database.query<{ noEvent: string; noLines: string }>(
      // An order's event is in the outbox, or in the archive once the broker confirmed it.
      `SELECT (SELECT count(*) FROM orders.orders o
                WHERE NOT EXISTS (SELECT 1 FROM orders.outbox x WHERE x.message_id = o.created_event_id)
                  AND NOT EXISTS (SELECT 1 FROM orders.outbox_archive a
                                   WHERE a.message_id = o.created_event_id)) AS "noEvent",
              (SELECT count(*) FROM orders.orders o
                WHERE NOT EXISTS (SELECT 1 FROM orders.order_lines l WHERE l.order_id = o.id)) AS "noLines"`,
    );
    expect(partial).toEqual({ noEvent: '0', noLines: '0' });
  });

  it('no dead letters: no poison was injected, so nothing was given up on', async () => {
    const depths = await pipeline.deadLetterDepths();
    expect(Object.values(depths)).toEqual(DEAD_LETTER_QUEUES.map(() => 0));
  });

  it('the checker can fail: without an outbox, events die with the process, and the audit reports each lost order', async () => {
    // The unsafe set-up: the broker is away, so events exist only where the
    // service keeps them; here that is the outbox, and deleting the unsent
    // rows after a SIGKILL is exactly what publishing from memory would lose.
    await pipeline.rabbit.stopApp();
    const accepted = (
      await OrderLoad.burst(
        pipeline.orderServiceUrl,
        {
          label: 'unsafe',
          ratePerSecond: 20,
          issueToken: (role, sub) => pipeline.issuer.token(role, sub),
        },
        10,
      )
    ).accepted;
    await pipeline.services['order-service'].stop('SIGKILL');
    const ids = accepted.map((order) => order.id);
    const deleted = await pipeline.database.query(
      `DELETE FROM orders.outbox WHERE aggregate_id = ANY($1) RETURNING id`,
      [ids],
    );
    await pipeline.rabbit.startApp();
    await pipeline.services['order-service'].start();
    await waitFor(async () => ((await pipeline.database.maxLagMs()) < 1_000 ? true : undefined), {
      what: 'outboxes caught up',
    });
    const audit = await pipeline.audit(accepted, 10_000);
    report.add({
      case: 'control: publishing without an outbox across a crash',
      accepted: audit.accepted,
      lost: audit.lost.length,
      doubleApplied: audit.doubleApplied.length,
      eventsDropped: deleted.length,
    });
    expect(accepted).toHaveLength(10);
    // Each order's order.created, twice: v1 and its v2 twin (docs/event-versioning.md).
    expect(deleted).toHaveLength(2 * accepted.length);
    expect(audit.ok).toBe(false);
    expect([...audit.lost].sort()).toEqual([...ids].sort());
  });
});
