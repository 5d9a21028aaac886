import { z } from 'zod';
import { baseEnvSchema, loadConfig } from './config';
import { productionSecretProblems } from './production-secrets';

const schema = baseEnvSchema({ port: 3000, schema: 'orders' });
const real = {
  DATABASE_URL: 'postgresql://order_service:Xk3v9q2@postgres:5432/dinner_rush',
  RABBITMQ_URL: 'amqp://order-service:Zp8w1r4@rabbitmq:5672',
};

describe('secrets in production', () => {
  it('outside production the local defaults apply (npm start needs no environment)', () => {
    expect(productionSecretProblems({ NODE_ENV: 'development' })).toEqual([]);
    expect(loadConfig(schema, {}).RABBITMQ_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
  });

  it('refuses to start in production without DATABASE_URL and RABBITMQ_URL set', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL: must be set explicitly in production[\s\S]*RABBITMQ_URL: must be set/,
    );
  });

  it.each([
    ['guest', { RABBITMQ_URL: 'amqp://guest:guest@rabbitmq:5672' }],
    [
      'guest on one node of a cluster',
      { RABBITMQ_URL: `${real.RABBITMQ_URL},amqp://guest:guest@rabbitmq-2:5672` },
    ],
    [
      'a placeholder password',
      { DATABASE_URL: 'postgresql://dinner:change-me@postgres/dinner_rush' },
    ],
    ['no password', { DATABASE_URL: 'postgresql://root@127.0.0.1:5432/dinner_rush' }],
  ])('refuses %s in production, naming the variable but never the value', (_label, override) => {
    const env = { NODE_ENV: 'production', ...real, ...override };
    const error = captured(() => loadConfig(schema, env));
    expect(error).toMatch(/default or missing credentials are refused in production/);
    for (const value of Object.values(override)) expect(error).not.toContain(value);
  });

  it('starts in production with explicit, real credentials', () => {
    expect(loadConfig(schema, { NODE_ENV: 'production', ...real }).NODE_ENV).toBe('production');
  });

  it('checks only the URLs a schema reads (an app without a database)', () => {
    const noDatabase = z.object({ NODE_ENV: z.string(), RABBITMQ_URL: z.string() });
    expect(() =>
      loadConfig(noDatabase, { NODE_ENV: 'production', RABBITMQ_URL: real.RABBITMQ_URL }),
    ).not.toThrow();
  });
});

function captured(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}
