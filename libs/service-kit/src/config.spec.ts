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
});
