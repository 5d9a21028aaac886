import { readFileSync } from 'node:fs';
import { Exchanges } from '@dinner-rush/contracts';
import { committedDefinitions, DEFINITIONS_PATH } from './broker-definitions';
import { hashPassword, serviceGrants } from './broker-definitions-builder';
import { SHARED_EXCHANGES } from './broker-grants';
import { BROKER_SERVICES } from './broker-services';
import { SERVICE_SCHEMAS } from './services';

const grants = serviceGrants();
const allows = (pattern: string, name: string) => new RegExp(pattern).test(name);
const consumers = grants.filter((g) => g.service !== 'order-service');
const orderService = grants.find((g) => g.service === 'order-service');

describe('broker users and topology, from the code', () => {
  it('deploy/rabbitmq/definitions.json is current (regenerate: npm run broker:definitions)', () => {
    expect(readFileSync(DEFINITIONS_PATH, 'utf8')).toBe(committedDefinitions());
  });

  it('every service with a database also has a broker user', () => {
    expect(Object.keys(BROKER_SERVICES).sort()).toEqual(Object.keys(SERVICE_SCHEMAS).sort());
  });

  it('no service may declare or delete a shared exchange', () => {
    for (const { permission } of grants)
      for (const exchange of SHARED_EXCHANGES)
        expect(allows(permission.configure, exchange)).toBe(false);
  });

  it('only order-service publishes to orders; every consumer publishes status events', () => {
    expect(allows(orderService?.permission.write ?? '^$', Exchanges.orders)).toBe(true);
    for (const { permission } of consumers) {
      expect(allows(permission.write, Exchanges.orders)).toBe(false);
      expect(allows(permission.write, Exchanges.orderStatus)).toBe(true);
    }
  });

  it('each service reads its own queues and no other service’s', () => {
    for (const { service, permission, footprint } of grants) {
      expect(footprint.consumes.length).toBeGreaterThan(0);
      for (const queue of footprint.consumes) expect(allows(permission.read, queue)).toBe(true);
      for (const other of grants.filter((g) => g.service !== service))
        for (const queue of other.footprint.queues)
          expect([service, queue.name, allows(permission.read, queue.name)]).toEqual([
            service,
            queue.name,
            false,
          ]);
    }
  });

  it('reads the service-private topology from the app (rider-assignment’s delivery timer)', () => {
    const rider = grants.find((g) => g.service === 'rider-assignment');
    expect(rider?.footprint.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'rider-assignment.deliveries',
        'rider-assignment.delivery-timer.5000ms',
      ]),
    );
    expect(rider?.footprint.bindings).toContainEqual({
      exchange: 'rider-assignment.timers',
      queue: 'rider-assignment.deliveries',
      routingKey: 'delivery-due',
    });
  });

  it('hashes passwords in RabbitMQ’s salted SHA-256 layout (4-byte salt, then the digest)', () => {
    const salt = Buffer.from([1, 2, 3, 4]);
    const raw = Buffer.from(hashPassword('secret', salt), 'base64');
    expect(raw.length).toBe(36);
    expect(raw.subarray(0, 4)).toEqual(salt);
    expect(hashPassword('secret', salt)).not.toBe(hashPassword('other', salt));
  });
});
