import { sleep } from '@dinner-rush/testing';
import {
  DEAD_LETTER_QUEUES,
  FaultPipeline,
  MOST_IN_FLIGHT,
  WORK_QUEUES,
} from './support/fault-pipeline';
import { expectSafe, figuresOf, runFault, untilConsumingAgain } from './support/fault-case';
import { FaultReport } from './support/fault-report';

/**
 * Modest steady intake: enough to keep every queue busy, little enough for two
 * shared cores running three nodes. Every publish is replicated to three
 * nodes, and the backlog built while a node boots takes a while to drain, so
 * the audit may wait longer than on one node.
 */
const LOAD = { ratePerSecond: 10, leadMs: 2_000, tailMs: 2_000, auditTimeoutMs: 300_000 };

/**
 * The pipeline on a three-node RabbitMQ cluster (RABBITMQ_URL lists all three
 * nodes; work queues are quorum queues with a member on each), started once
 * for three faults under load: the node leading the work queues dies and
 * comes back; one node is cut off (frozen) for longer than the clients'
 * heartbeat; the whole cluster restarts. Each time nothing is lost or applied
 * twice, and the report records how long until every consumer applies
 * messages again.
 */
jest.setTimeout(900_000);

describe('faults: a three-node RabbitMQ cluster under load', () => {
  let pipeline: FaultPipeline;
  const report = new FaultReport('cluster');

  beforeAll(async () => {
    const env = {
      RABBITMQ_QUORUM_INITIAL_GROUP_SIZE: '3',
    };
    // A fleet that clears an outage's backlog at once: the cases time the broker, not the riders.
    const riders = { ...env, RIDER_FLEET_SIZE: '400', RIDER_DELIVERY_MS: '500' };
    pipeline = await FaultPipeline.start(
      'cluster',
      { 'order-service': env, 'rider-assignment': riders, 'merchant-notify': env, ledger: env },
      { clusterNodes: 3 },
    );
  });

  afterAll(async () => {
    report.write();
    await pipeline?.stop();
  });

  it('every work queue is a quorum queue replicated on the three nodes', async () => {
    const [first] = pipeline.cluster.nodes;
    const out = await first!.ctl(
      'list_queues',
      '--quiet',
      '--no-table-headers',
      'name',
      'type',
      'members',
    );
    const rows = new Map(
      out
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .map(([name, type, ...members]) => [name, { type, members: members.join(' ') }]),
    );
    for (const queue of WORK_QUEUES) {
      const row = rows.get(queue);
      expect({ queue, type: row?.type }).toEqual({ queue, type: 'quorum' });
      for (const node of pipeline.cluster.nodes) expect(row?.members).toContain(node.nodeName);
    }
  });

  // After the kill, a relay connected to that node reconnects to a survivor; a channel whose first
  // publish to a quorum queue follows its leader's loss gets only nacks (RabbitMQ 3.10), so the
  // relay then reconnects once more (RelayConnection). Without that, this case failed in CI.
  it('3a the node leading the work queues is killed, then comes back: consumers fail over, nothing lost', async () => {
    let failoverMs = 0;
    let stoppedNode = '';
    const run = await runFault(pipeline, { label: 'leader-kill', ...LOAD }, async () => {
      const leader = await pipeline.cluster.leaderOf(WORK_QUEUES);
      stoppedNode = leader.nodeName;
      const killedAt = Date.now();
      await leader.kill();
      try {
        failoverMs = await untilConsumingAgain(pipeline, killedAt, MOST_IN_FLIGHT);
        await sleep(3_000);
      } finally {
        // Also when failover timed out: the cases after this one need all three nodes.
        await leader.boot();
      }
    });
    report.add(
      figuresOf('3a cluster: leader node SIGKILL + back', run, { failoverMs, stoppedNode }),
    );
    expectSafe(run);
    expect(run.load.rejected).toEqual([]);
  });

  // A frozen node answers nothing and closes nothing: clients notice it by heartbeat (10 s), a
  // reconnect that lands on it gives up after CONNECT_TIMEOUT_MS, and the survivors hold
  // bindings and consumers of queues it led until Erlang declares it down (net_ticktime, up
  // to 75 s). It stays frozen until every consumer applies again, at least 20 s.
  // A relay that reconnected to a survivor during the freeze gets no confirm until the node is
  // declared down: its channel waits on the frozen leader and throttles its whole connection. It
  // drops that connection after 15 s without an answer and tries again (RelayConnection,
  // docs/cluster.md), so failover here is about the broker's net_ticktime when order-service
  // was connected to the frozen node.
  it('3b one node cut off (frozen with SIGSTOP) for 20 s: the other two carry on, nothing lost', async () => {
    let failoverMs = 0;
    let pausedNode = '';
    const run = await runFault(pipeline, { label: 'partition', ...LOAD }, async () => {
      const leader = await pipeline.cluster.leaderOf(WORK_QUEUES);
      pausedNode = leader.nodeName;
      const pausedAt = Date.now();
      leader.pause();
      try {
        failoverMs = await untilConsumingAgain(pipeline, pausedAt, MOST_IN_FLIGHT);
        await sleep(Math.max(0, pausedAt + 20_000 - Date.now()));
      } finally {
        leader.resume();
      }
    });
    report.add(figuresOf('3b cluster: one node cut off 20 s', run, { failoverMs, pausedNode }));
    expectSafe(run);
    expect(run.load.rejected).toEqual([]);
  });

  it('3c the whole cluster stops and starts again: nothing lost, nothing doubled', async () => {
    let downMs = 0;
    const run = await runFault(pipeline, { label: 'cluster-restart', ...LOAD }, async () => {
      const stoppingAt = Date.now();
      await pipeline.cluster.restart();
      downMs = Date.now() - stoppingAt;
    });
    report.add(figuresOf('3c cluster: full restart', run, { clusterDownMs: downMs }));
    expectSafe(run);
    expect(run.load.rejected).toEqual([]);
  });

  it('no dead letters: no poison was injected, so nothing was given up on', async () => {
    const depths = await pipeline.deadLetterDepths();
    expect(Object.values(depths)).toEqual(DEAD_LETTER_QUEUES.map(() => 0));
  });
});
