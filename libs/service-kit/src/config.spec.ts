import { baseEnvSchema, loadConfig } from '@dinner-rush/service-kit';

describe('service configuration', () => {
  const schema = baseEnvSchema({ port: 3003, schema: 'ledger' });

  it('defaults point at the local servers and the service schema', () => {
    const config = loadConfig(schema, {});
    expect(config.PORT).toBe(3003);
    expect(config.DATABASE_URL).toBe('postgresql://root@127.0.0.1:5432/dinner_rush?schema=ledger');
    expect(config.RABBITMQ_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(config.MIGRATE_ON_START).toBe(true);
  });

  it('one DATABASE_URL without a schema serves every service, each in its own schema', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgresql://u:p@db:5432/rush' });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db:5432/rush?schema=ledger');
  });

  it('an explicit schema wins', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgresql://db/rush?schema=elsewhere' });
    expect(config.DATABASE_URL).toBe('postgresql://db/rush?schema=elsewhere');
  });

  it('names each bad variable when it refuses to start', () => {
    expect(() =>
      loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'not a url', MIGRATE_ON_START: 'maybe' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*MIGRATE_ON_START/);
  });

  it("takes a cluster's nodes as one comma-separated RABBITMQ_URL and the quorum group size", () => {
    const nodes = 'amqp://u:p@127.0.0.1:5672,amqp://u:p@127.0.0.1:5673,amqp://u:p@127.0.0.1:5674';
    const config = loadConfig(schema, {
      RABBITMQ_URL: nodes,
      RABBITMQ_QUORUM_INITIAL_GROUP_SIZE: '3',
    });
    expect(config.RABBITMQ_URL).toBe(nodes);
    expect(config.RABBITMQ_QUORUM_INITIAL_GROUP_SIZE).toBe(3);
    expect(loadConfig(schema, {}).RABBITMQ_QUORUM_INITIAL_GROUP_SIZE).toBeUndefined();
  });

  it('refuses a broker list with an entry that is not an amqp URL, without quoting it', () => {
    const error = captured(() =>
      loadConfig(schema, { RABBITMQ_URL: 'amqp://u:hunter2@a:5672,http://u:hunter2@b' }),
    );
    expect(error).toMatch(/RABBITMQ_URL: one amqp:\/\/ URL, or several separated by commas/);
    expect(error).not.toContain('hunter2');
  });
});

function captured(work: () => unknown): string {
  try {
    work();
    return '';
  } catch (error) {
    return String(error);
  }
}
