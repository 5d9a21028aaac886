import { Queues } from '@dinner-rush/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS_DIR,
  getJson,
  orderFactory,
  postJson,
  bearerHeader,
  waitFor,
  type Merchant,
} from '@dinner-rush/testing';
import { connect } from 'amqplib';
import { startAllPipeline, type StartAllPipeline } from './support/start-all-pipeline';

/**
 * The decoupling demo on the pipeline as `npm start` runs it (start-all on
 * free ports, scratch database and vhost): SIGKILL the ledger, and intake
 * keeps answering 201 while start-all's supervisor brings the ledger back,
 * which then consumes what queued meanwhile, no other service touched.
 * Ctrl-C then still stops everything cleanly. The recovery time (about 7 s
 * on two idle cores) is printed and written to test-artifacts, never
 * asserted: the bound below only stops a test that would otherwise hang.
 */
jest.setTimeout(300_000);

/** Gives up on a ledger that never comes back (a hang), far above any plausible recovery. */
const RECOVERY_BOUND_MS = 150_000;
const OTHERS = [
  'order-service',
  'rider-assignment',
  'merchant-notify',
  'customer-notify',
  'dashboard',
] as const;

describe('npm start supervises its services (start-all as processes)', () => {
  let pipeline: StartAllPipeline;

  beforeAll(async () => {
    pipeline = await startAllPipeline('supervisor');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('SIGKILL of the ledger: intake answers 201 throughout, the ledger is back, consuming and drained', async () => {
    const orders = `${pipeline.url('order-service')}/orders`;
    const { body: merchants } = await getJson<Merchant[]>(
      `${pipeline.url('order-service')}/merchants`,
    );
    const nextOrder = orderFactory(merchants);
    const others = () => OTHERS.map((app) => pipeline.pidOf(app));
    const othersBefore = others();
    const killed = pipeline.pidOf('ledger');
    if (!killed) throw new Error(`no ledger process under start-all; see ${pipeline.logFile}`);

    process.kill(killed, 'SIGKILL');
    const killedAt = Date.now();
    // Orders keep coming while the ledger is down and while it comes back.
    const answers: { status: number; id: string; whileDown: boolean }[] = [];
    let ledgerBack = false;
    while (!ledgerBack || answers.length < 20) {
      const request = nextOrder(answers.length);
      const customer = await pipeline.issueToken('customer', request.customerId);
      const { status, body } = await postJson<{ id: string }>(
        orders,
        request,
        bearerHeader(customer),
      );
      answers.push({ status, id: body.id, whileDown: !ledgerBack });
      ledgerBack = await ledgerAnswers(pipeline, killed);
      if (Date.now() - killedAt > RECOVERY_BOUND_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(answers.filter((a) => a.whileDown).length).toBeGreaterThan(0);

    // Back means: a new ledger process, consuming its queue, the queue empty, every order in its books.
    const recoveredMs = await waitFor(
      async () => {
        if (!(await ledgerAnswers(pipeline, killed))) return undefined;
        const queue = await queueState(pipeline.vhost.url, Queues.ledger.queue);
        if (queue.consumerCount < 1 || queue.messageCount > 0) return undefined;
        const operator = await pipeline.issueToken('operator');
        const books = await Promise.all(
          answers.map(({ id }) =>
            getJson(`${pipeline.url('ledger')}/ledger/orders/${id}`, operator),
          ),
        );
        return books.every((book) => book.status === 200) ? Date.now() - killedAt : undefined;
      },
      {
        timeoutMs: RECOVERY_BOUND_MS - (Date.now() - killedAt),
        intervalMs: 250,
        what: 'the ledger back and drained',
      },
    );
    console.log(
      `ledger SIGKILLed: back, consuming and drained after ${recoveredMs} ms; ` +
        `${answers.length} orders placed meanwhile (${answers.filter((a) => a.whileDown).length} while it was down), all 201`,
    );
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(
      join(ARTIFACTS_DIR, 'supervisor-recovery.json'),
      `${JSON.stringify({ recoveredMs, orders: answers.length })}\n`,
    );
    expect(pipeline.log()).toContain('ledger exited (signal SIGKILL): restart 1 of 8 in 1 s');
    expect(others()).toEqual(othersBefore);
  });

  it('Ctrl-C stops every service cleanly, restarts nothing, and start-all exits 0', async () => {
    const code = await pipeline.stop();
    const log = pipeline.log();
    const afterStop = log.slice(log.indexOf(' stopped (signal SIGINT)'));
    for (const app of ['ledger', ...OTHERS])
      expect(log).toContain(`${app} stopped (signal SIGINT)`);
    expect(afterStop).not.toContain('restarted');
    expect(code).toBe(0);
  });
});

/** The ledger answers /health from a process other than the one killed. */
async function ledgerAnswers(pipeline: StartAllPipeline, killed: number): Promise<boolean> {
  const pid = pipeline.pidOf('ledger');
  if (!pid || pid === killed) return false;
  const response = await fetch(`${pipeline.url('ledger')}/health`, {
    signal: AbortSignal.timeout(2_000),
  }).catch(() => undefined);
  return response?.status === 200;
}

/** Ready messages and consumers of a queue, over AMQP (no management plugin needed). */
async function queueState(url: string, queue: string) {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    return await channel.checkQueue(queue);
  } finally {
    await connection.close();
  }
}
