import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createPgPool } from '@dinner-rush/database';
import {
  ARTIFACTS_DIR,
  freePort,
  bearerHeader,
  getJson,
  mapLimit,
  orderFactory,
  postJson,
  REPO_ROOT,
  ServiceProcess,
  startScratchServices,
  waitFor,
  type Merchant,
  type ScratchServices,
} from '@dinner-rush/testing';
import { connect } from 'amqplib';
import { REGISTRATIONS } from '../../tools/new-consumer/registrations';
import { BUILT_CLI } from './support/run-tool';
import { Bin, ScratchTree, type CommandResult } from './support/scratch-tree';

/**
 * A new consumer in minutes, with zero order-service change: `npm run
 * new:consumer` scaffolds a throwaway consumer into a scratch copy of the
 * repository, which is built and started as its own process beside the
 * running pipeline (every service of this repository, on a scratch database
 * and vhost). New orders reach it, it applies and acknowledges each one, and
 * its status events join the order timelines. Then the scaffold's own lint
 * and tests run. The scratch copy is removed whatever happens.
 */
jest.setTimeout(600_000);

const ORDERS = 20;
const name = `probe-${randomBytes(3).toString('hex')}`;
const schema = name.replace(/-/g, '_');
const queue = `${name}.orders`;
const statusType = `${name}.processed.v1`;

interface Order {
  id: string;
  timeline: { type: string }[];
}

describe(`new consumer from the scaffold (${name}), beside the running pipeline`, () => {
  let pipeline: ScratchServices;
  let tree: ScratchTree | undefined;
  let consumer: ServiceProcess | undefined;
  const timings: Record<string, number> = {};
  const started = Date.now();
  const lap = (step: string, since: number) => {
    timings[step] = Date.now() - since;
    console.log(`[scaffold] ${step}: ${(timings[step] / 1000).toFixed(1)} s`);
  };

  beforeAll(async () => {
    const t = Date.now();
    pipeline = await startScratchServices('scaffold');
    lap('pipeline up (not part of the scaffold time)', t);
  });

  afterAll(async () => {
    await consumer?.stop('SIGTERM');
    await pipeline?.stop();
    tree?.remove();
    timings.total = Date.now() - started;
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(
      join(ARTIFACTS_DIR, 'scaffold-timing.json'),
      `${JSON.stringify(timings, null, 2)}\n`,
    );
    console.log(`[scaffold] timings (ms): ${JSON.stringify(timings)}`);
  });

  it('scaffolds, builds and starts it, and it takes and acknowledges every new order', async () => {
    const t0 = Date.now();
    tree = ScratchTree.create();
    const scaffold = await tree.node(BUILT_CLI, ['new:consumer', name, '--root', tree.root]);
    expectSuccess(scaffold);
    expect(scaffold.output).toContain(`apps/${name}/src/orders/order-events.handler.ts`);
    lap('scaffold', t0);

    const t1 = Date.now();
    const engine = { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath };
    expectSuccess(await tree.node(Bin.prisma, ['generate', '--schema', `prisma/${name}`], engine));
    expectSuccess(await tree.node(Bin.swc, [`apps/${name}`, 'libs', '-d', 'dist', '--quiet']));
    lap('build', t1);

    const t2 = Date.now();
    // ServiceProcess runs <repo>/dist/apps/<name>/src/main.js: a relative name reaches the scratch build.
    const entry = relative(join(REPO_ROOT, 'dist/apps'), join(tree.root, 'dist/apps', name));
    consumer = new ServiceProcess(
      entry,
      await freePort(),
      { ...pipeline.envFor(schema), PRISMA_DIR: join(tree.root, 'prisma') },
      `scaffold-${name}`,
    );
    await consumer.start(); // migrates its schema, binds its queue, answers /health
    lap('start', t2);

    const t3 = Date.now();
    const orderService = pipeline.services['order-service'];
    const merchants = (await getJson<Merchant[]>(`${orderService.baseUrl}/merchants`)).body;
    const nextOrder = orderFactory(merchants, 11);
    const placed = await mapLimit(
      Array.from({ length: ORDERS }, (_, n) => nextOrder(n)),
      4,
      async (request) => {
        const customer = await pipeline.issuer.token('customer', request.customerId);
        const url = `${orderService.baseUrl}/orders`;
        return (await postJson<Order>(url, request, bearerHeader(customer))).body.id;
      },
    );

    const sql = createPgPool(pipeline.db.urlFor(schema), 1);
    try {
      const inbox = async () =>
        Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM inbox')).rows[0]?.n);
      await waitFor(async () => ((await inbox()) === ORDERS ? true : undefined), {
        what: `${ORDERS} orders in ${name}'s inbox`,
        timeoutMs: 120_000,
      });
      await waitFor(async () => ((await queueDepth(pipeline.vhost.url)) === 0 ? true : undefined), {
        what: `${queue} drained`,
      });
      lap('orders received and acknowledged', t3);
      timings['scaffold to running consumer'] = Date.now() - t0;
      console.log(
        `[scaffold] scaffold to running consumer: ${(timings['scaffold to running consumer'] / 1000).toFixed(1)} s`,
      );

      // Its read API shows each order; its status events reach order-service's timeline untouched.
      const [first] = placed;
      const operator = await pipeline.issuer.token('operator');
      const own = await getJson<{ events: { type: string }[] }>(
        `${consumer.baseUrl}/${name}/orders/${first}`,
        operator,
      );
      expect(own.status).toBe(200);
      expect(own.body.events.map((e) => e.type)).toEqual(['order.created.v1']);
      const timeline = await waitFor(async () => {
        const { body } = await getJson<Order>(`${orderService.baseUrl}/orders/${first}`, operator);
        return body.timeline.some((e) => e.type === statusType) ? body.timeline : undefined;
      });
      expect(timeline.filter((e) => e.type === statusType)).toHaveLength(1);

      // Stopped: a message it had taken without acknowledging would be back in the queue.
      await consumer.stop('SIGTERM');
      expect(await queueDepth(pipeline.vhost.url)).toBe(0);
      expect(await inbox()).toBe(ORDERS);
    } finally {
      await sql.end();
    }
  });

  it('passes lint: strict tsc, type-aware ESLint with zero warnings, Prettier', async () => {
    if (!tree) throw new Error('nothing was scaffolded');
    const t = Date.now();
    const created = [`apps/${name}`, `libs/contracts/src/events/${name}-events.v1.ts`];
    writeFileSync(
      join(tree.root, 'tsconfig.scaffold.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: created.map((p) => (p.endsWith('.ts') ? p : `${p}/**/*.ts`)),
      }),
    );
    const tsc = await tree.node(Bin.tsc, ['--noEmit', '-p', 'tsconfig.scaffold.json']);
    // Only the scaffold's files are judged here; the rest of the tree has its own lint.
    expect(
      tsc.output.split('\n').filter((line) => created.some((p) => line.startsWith(p))),
    ).toEqual([]);
    expectSuccess(await tree.node(Bin.eslint, [...created, '--max-warnings', '0']));
    const registered = REGISTRATIONS.map((registration) => registration.file);
    expectSuccess(
      await tree.node(Bin.prettier, ['--check', ...created, `prisma/${name}`, ...registered]),
    );
    lap('lint', t);
  });

  it('passes its own unit and integration tests', async () => {
    if (!tree) throw new Error('nothing was scaffolded');
    const t = Date.now();
    const jest = await tree.node(Bin.jest, [`apps/${name}`, '--ci']);
    expectSuccess(jest);
    expect(jest.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    lap('its own tests', t);
  });

  it('gets a broker user of its own in the generated definitions, least privilege like the others', async () => {
    if (!tree) throw new Error('nothing was scaffolded');
    const t = Date.now();
    // The broker service list reads every app's module: the other apps join the scratch tree
    // (copies: through links Jest would load the libs twice).
    for (const app of readdirSync(join(REPO_ROOT, 'apps')))
      if (!existsSync(join(tree.root, 'apps', app)))
        cpSync(join(REPO_ROOT, 'apps', app), join(tree.root, 'apps', app), { recursive: true });
    // Every property of every grant (own queues only, no default exchange, its own status
    // events only, a user for every service with a schema), now including the new consumer;
    // not whether the committed definitions.json was regenerated, which is the user's next step.
    const jest = await tree.node(Bin.jest, [
      'tools/broker-definitions.spec.ts',
      '--ci',
      '--verbose',
      '--testNamePattern',
      '^(?!.*is current)',
    ]);
    expectSuccess(jest);
    expect(jest.output).toMatch(/Tests:\s+1 skipped, \d+ passed/);
    expect(jest.output).toContain('every service with a database also has a broker user');
    lap('its broker user', t);
  });
});

/** Fails with the command's own output, which says what is wrong. */
function expectSuccess(result: CommandResult): void {
  if (result.code !== 0) throw new Error(`exit ${result.code}:\n${result.output}`);
}

/** Ready messages in the consumer's queue (unacknowledged ones are not counted until returned). */
async function queueDepth(vhostUrl: string): Promise<number> {
  const connection = await connect(vhostUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}
