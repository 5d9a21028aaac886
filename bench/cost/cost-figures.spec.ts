import { costFigures } from './cost-figures';

describe('costFigures', () => {
  const database = {
    transactions: 1_000,
    clients: 8,
    postgresMs: 300,
    pgbenchMs: 100,
    wallMs: 500,
  };
  const broker = {
    publishes: 700,
    deliveries: 1_100,
    queues: 2,
    payloadBytes: 800,
    rabbitmqMs: 400,
    clientMs: 200,
    wallMs: 900,
  };
  const window = {
    completedOrders: 100,
    windowMs: 10_000,
    cpuMs: { 'order-service': 500, ledger: 250, postgres: 1_250, load: 800 },
    transactions: 1_000,
    publishes: 700,
    deliveries: 1_100,
  };

  const idle = { 'order-service': 10, ledger: 5, postgres: 4, load: 20 };

  it('divides everything by the completed orders and keeps the load generator out of the total', () => {
    const figures = costFigures(window, { database, broker }, 'load', idle);
    expect(figures.cpuMsPerOrder).toEqual({
      'order-service': 5,
      ledger: 2.5,
      postgres: 12.5,
      load: 8,
    });
    expect(figures.pipelineMsPerOrder).toBe(20);
    expect(figures.loadGeneratorMsPerOrder).toBe(8);
    expect(figures).toMatchObject({
      transactionsPerOrder: 10,
      publishesPerOrder: 7,
      deliveriesPerOrder: 11,
    });
  });

  it('says how much of each figure is idling over the window (idle ms/s × window s ÷ orders)', () => {
    const figures = costFigures(window, { database, broker }, 'load', idle);
    expect(figures.idleShareMsPerOrder).toEqual({
      'order-service': 1,
      ledger: 0.5,
      postgres: 0.4,
      load: 2,
    });
    expect(figures.pipelineIdleShareMsPerOrder).toBe(1.9);
  });

  it('sets the floor (database and broker, each with its client) against the pipeline', () => {
    const figures = costFigures(window, { database, broker }, 'load', idle);
    expect(figures.floorPartsMsPerOrder).toEqual({
      postgres: 3,
      pgbench: 1,
      rabbitmq: 4,
      rawClient: 2,
    });
    expect(figures.floorMsPerOrder).toBe(10);
    expect(figures.ratio).toBe(2);
  });

  it('has no ratio when the floor measured nothing', () => {
    const none = { ...broker, rabbitmqMs: 0, clientMs: 0 };
    const figures = costFigures(
      window,
      { database: { ...database, postgresMs: 0, pgbenchMs: 0 }, broker: none },
      'load',
      idle,
    );
    expect(figures.ratio).toBeNull();
  });
});
