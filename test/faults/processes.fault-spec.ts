import {
  OrderLoad,
  POISON_KINDS,
  poisonBody,
  publishWithPika,
  sleep,
  waitFor,
} from '@dinner-rush/testing';
import {
  CONSUMER_QUEUES,
  DEAD_LETTER_QUEUES,
  FaultPipeline,
  type ServiceName,
} from './support/fault-pipeline';
import { expectSafe, figuresOf, runFault } from './support/fault-case';
import { FaultReport } from './support/fault-report';
import { handledCount, repeatedCount } from './support/service-metrics';

/**
 * The services' own processes fail under load: poison in every queue (6),
 * order-service killed right after commits (2), a consumer killed between its
 * commit and its ack (3), two outbox relays at once (4), a consumer frozen
 * past its heartbeat (7), SIGTERM to each service mid-stream (8).
 */
jest.setTimeout(900_000);

/** A message each consumer's queue would really receive: the type its poison pretends to be. */
const CONSUMED_TYPE: Record<ServiceName, string> = {
  'order-service': 'rider.assigned.v1',
  'rider-assignment': 'order.created.v1',
  'merchant-notify': 'order.created.v1',
  ledger: 'order.created.v1',
};

describe('faults: service processes fail under load', () => {
  let pipeline: FaultPipeline;
  const report = new FaultReport('processes');

  beforeAll(async () => {
    pipeline = await FaultPipeline.start('procs');
  });

  afterAll(async () => {
    report.write();
    await pipeline?.stop();
  });

  it('6 poison in every work queue (python3-pika) ends in its dead-letter queue; the next good order goes through', async () => {
    const services = Object.keys(CONSUMER_QUEUES) as ServiceName[];
    const started = Date.now();
    for (const service of services) {
      for (const kind of POISON_KINDS) {
        await publishWithPika(
          pipeline.rabbit.url,
          CONSUMER_QUEUES[service].queue,
          poisonBody(kind, CONSUMED_TYPE[service]),
        );
      }
    }
    const depths = await waitFor(
      async () => {
        const now = await pipeline.deadLetterDepths();
        return Object.values(now).every((n) => n >= POISON_KINDS.length) ? now : undefined;
      },
      { timeoutMs: 60_000, what: 'every poison message dead-lettered' },
    );
    const deadLetteredMs = Date.now() - started;
    const good = await OrderLoad.burst(
      pipeline.orderServiceUrl,
      {
        label: 'after-poison',
        ratePerSecond: 10,
        issueToken: (role, sub) => pipeline.issuer.token(role, sub),
      },
      5,
    );
    const audit = await pipeline.audit(good.accepted, 60_000);
    report.add({
      case: '6 poison messages',
      accepted: audit.accepted,
      lost: audit.lost.length,
      doubleApplied: audit.doubleApplied.length,
      deadLetteredMs,
      deadLetters: depths,
    });
    expect(depths).toEqual(
      Object.fromEntries(DEAD_LETTER_QUEUES.map((q) => [q, POISON_KINDS.length])),
    );
    for (const queue of DEAD_LETTER_QUEUES) {
      const letters = await pipeline.broker.peekAll(queue);
      expect(letters.filter((l) => !l.headers['x-dead-letter-reason'])).toEqual([]);
    }
    expect(audit.ok).toBe(true);
  });

  it('2 order-service SIGKILLed right after commits (events unsent), restarted: every order completes', async () => {
    let unsentAtKill = 0;
    const run = await runFault(pipeline, { label: 'kill-orders' }, async () => {
      // Wait for a moment when committed orders' events are still in the outbox.
      unsentAtKill = await waitFor(
        async () => {
          const pending = await pipeline.database.pending('orders');
          return pending > 0 ? pending : undefined;
        },
        { intervalMs: 5, what: 'unsent order events' },
      );
      await pipeline.services['order-service'].stop('SIGKILL');
      await pipeline.services['order-service'].start();
    });
    report.add(figuresOf('2 order-service SIGKILL + restart', run, { unsentAtKill }));
    expectSafe(run);
    expect(unsentAtKill).toBeGreaterThan(0);
    // Requests in flight at the kill got no answer; every answer given was a 201.
    expect(run.load.rejected.filter((r) => r.status !== 0)).toEqual([]);
  });

  it('3 a consumer SIGKILLed between its commit and its ack, restarted: redelivered, applied once', async () => {
    const ledger = pipeline.services.ledger;
    await ledger.stop('SIGTERM');
    // A test-only hook holds each ack 3 s after its commit, so the kill lands in that window.
    const hooked = await pipeline.instance('ledger', {
      env: { FAULT_HOLD_AFTER_COMMIT_MS: '3000' },
      label: 'ledger-hold-ack',
    });
    await pipeline.replace('ledger', hooked);
    const inboxed = async () =>
      Number(
        (await pipeline.database.query<{ n: string }>('SELECT count(*) AS n FROM ledger.inbox'))[0]
          ?.n,
      );
    const inboxedBefore = await inboxed();
    let committedUnacked = 0;
    const run = await runFault(pipeline, { label: 'kill-before-ack' }, async () => {
      // Committed (in the inbox) but not yet acked (not yet counted as handled).
      committedUnacked = await waitFor(
        async () => {
          const acked = await handledCount(
            hooked.baseUrl,
            await pipeline.issuer.token('operator'),
            'ledger.orders',
            'applied',
          );
          const n = (await inboxed()) - inboxedBefore - acked;
          return n > 0 ? n : undefined;
        },
        { intervalMs: 50, what: 'the ledger committing (and holding its acks)' },
      );
      await hooked.stop('SIGKILL');
      await pipeline.replace('ledger', await pipeline.instance('ledger', { label: 'ledger' }));
    });
    const duplicates = await handledCount(
      pipeline.services.ledger.baseUrl,
      await pipeline.issuer.token('operator'),
      'ledger.orders',
      'duplicate',
    );
    report.add(
      figuresOf('3 consumer SIGKILL between commit and ack', run, {
        committedUnackedAtKill: committedUnacked,
        redeliveredDuplicates: duplicates,
      }),
    );
    expectSafe(run);
    // Proof the window was hit: the restarted ledger met messages its inbox already had.
    expect(duplicates).toBeGreaterThan(0);
  });

  it('4 two outbox relays at once (two order-service instances on one database): each event published once', async () => {
    // An event published twice reaches its consumers twice: their inboxes count it as a duplicate.
    const duplicatesNow = async () => {
      let sum = 0;
      for (const name of Object.keys(CONSUMER_QUEUES) as ServiceName[]) {
        sum += await repeatedCount(
          pipeline.services[name].baseUrl,
          await pipeline.issuer.token('operator'),
          CONSUMER_QUEUES[name].queue,
        );
      }
      return sum;
    };
    const duplicatesBefore = await duplicatesNow();
    const second = await pipeline.instance('order-service', {
      port: 'new',
      label: 'order-service-2',
    });
    const run = await runFault(pipeline, { label: 'two-relays', leadMs: 500 }, async () => {
      await second.start();
    });
    const republished = (await duplicatesNow()) - duplicatesBefore;
    await second.stop('SIGTERM');
    report.add(figuresOf('4 two outbox relays', run, { republished }));
    expectSafe(run);
    expect(republished).toBe(0);
  });

  it('7 a consumer SIGSTOPped past its heartbeat, then SIGCONT: it reconnects and nothing is lost', async () => {
    const notify = pipeline.services['merchant-notify'];
    const run = await runFault(pipeline, { label: 'sigstop' }, async () => {
      notify.signal('SIGSTOP');
      await sleep(12_000); // longer than its work and than two 5 s heartbeats
      notify.signal('SIGCONT');
    });
    report.add(figuresOf('7 consumer SIGSTOP 12 s + SIGCONT', run));
    expectSafe(run);
  });

  it('8 SIGTERM to each service mid-stream: in-flight work finishes before it exits; nothing lost', async () => {
    const exits: Record<string, number | null> = {};
    const run = await runFault(pipeline, { label: 'sigterm' }, async () => {
      for (const name of Object.keys(CONSUMER_QUEUES) as ServiceName[]) {
        exits[name] = await pipeline.services[name].stop('SIGTERM');
        await pipeline.services[name].start();
      }
    });
    // A consumer that stopped without finishing (and acking) its in-flight messages would meet
    // them again after its restart, as inbox duplicates: a graceful stop leaves none.
    const duplicates = Object.fromEntries(
      await Promise.all(
        (Object.keys(CONSUMER_QUEUES) as ServiceName[]).map(
          async (name) =>
            [
              name,
              await repeatedCount(
                pipeline.services[name].baseUrl,
                await pipeline.issuer.token('operator'),
                CONSUMER_QUEUES[name].queue,
              ),
            ] as const,
        ),
      ),
    );
    report.add(figuresOf('8 SIGTERM each service + restart', run, { exits, duplicates }));
    expectSafe(run);
    expect(duplicates).toEqual({
      'order-service': 0,
      'rider-assignment': 0,
      'merchant-notify': 0,
      ledger: 0,
    });
  });

  it('recovery: a consumer the server cancelled (its queue deleted) is re-subscribed by the watchdog', async () => {
    const { queue } = CONSUMER_QUEUES.ledger;
    await pipeline.broker.deleteQueue(queue);
    const faultEndedAt = Date.now();
    // golevelup ignores the cancel; only the watchdog's forced reconnect declares and consumes again.
    await waitFor(
      async () => ((await pipeline.broker.queueState(queue)).consumers > 0 ? true : undefined),
      { timeoutMs: 30_000, what: `a consumer on ${queue} again` },
    );
    const consumingMs = Date.now() - faultEndedAt;
    // Consumed again is not yet bound again: the ledger says ready once it is (TopologyKeeper).
    await pipeline.services.ledger.waitHealthy(30_000);
    const recoveryMs = Date.now() - faultEndedAt;
    const good = await OrderLoad.burst(
      pipeline.orderServiceUrl,
      {
        label: 'after-cancel',
        ratePerSecond: 10,
        issueToken: (role, sub) => pipeline.issuer.token(role, sub),
      },
      5,
    );
    const audit = await pipeline.audit(good.accepted, 60_000);
    report.add({
      case: 'R consumer cancelled by the server',
      consumingMs,
      recoveryMs,
      accepted: audit.accepted,
      lost: audit.lost.length,
      doubleApplied: audit.doubleApplied.length,
    });
    expect(audit.ok).toBe(true);
  });

  it('dead-letter queues hold exactly the poison injected, nothing else', async () => {
    expect(await pipeline.deadLetterDepths()).toEqual(
      Object.fromEntries(DEAD_LETTER_QUEUES.map((q) => [q, POISON_KINDS.length])),
    );
  });
});
