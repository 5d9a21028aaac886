import { readFileSync } from 'node:fs';
import {
  DeliveryQuoteV1,
  Exchanges,
  replyQueueName,
  RPC_REPLY_EXCHANGE,
} from '@dinner-rush/contracts';
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

  it('on the topic exchanges each service publishes only its own event types', () => {
    const topicWrite = (service: string, exchange: string) =>
      grants.find((g) => g.service === service)?.topics.find((t) => t.exchange === exchange)
        ?.write ?? '';
    for (const [service, { events }] of Object.entries(BROKER_SERVICES)) {
      for (const event of events)
        expect(allows(topicWrite(service, event.exchange), event.type)).toBe(true);
      const others = Object.entries(BROKER_SERVICES)
        .filter(([other]) => other !== service)
        .flatMap(([, other]) => other.events);
      for (const event of others)
        expect([
          service,
          event.type,
          allows(topicWrite(service, event.exchange), event.type),
        ]).toEqual([service, event.type, false]);
    }
    expect(allows(topicWrite('merchant-notify', Exchanges.orderStatus), 'rider.delivered.v1')).toBe(
      false,
    );
  });

  it('binds only with the routing keys its own queues use', () => {
    for (const { topics, footprint } of grants)
      for (const { exchange, read } of topics)
        for (const binding of footprint.bindings.filter((b) => b.exchange === exchange))
          expect(allows(read, binding.routingKey)).toBe(true);
    const customerNotify = grants.find((g) => g.service === 'customer-notify');
    const statusRead = customerNotify?.topics.find((t) => t.exchange === Exchanges.orderStatus);
    expect(allows(statusRead?.read ?? '', '#')).toBe(false);
  });

  it('no service may write to the default exchange (it reaches every queue by name)', () => {
    for (const { service, permission } of grants)
      expect([service, allows(permission.write, 'amq.default')]).toEqual([service, false]);
  });

  it('replies go through the reply exchange: the responder writes only to its askers’ reply queues', () => {
    const replies = (service: string) =>
      grants
        .find((g) => g.service === service)
        ?.topics.find((t) => t.exchange === RPC_REPLY_EXCHANGE);
    const asker = replyQueueName('order-service', 'a1b2c3');
    const responder = grants.find((g) => g.footprint.answers.includes(DeliveryQuoteV1));
    expect(responder?.service).toBe('rider-assignment');
    expect(allows(responder?.permission.write ?? '^$', RPC_REPLY_EXCHANGE)).toBe(true);
    expect(allows(replies('rider-assignment')?.write ?? '^$', asker)).toBe(true);
    for (const elsewhere of ['ledger.orders', 'order-service.status', 'order-service.replies.x.y'])
      expect(allows(replies('rider-assignment')?.write ?? '^$', elsewhere)).toBe(false);
    // The asker binds its own reply queues only; nobody else may answer or bind there.
    expect(allows(replies('order-service')?.read ?? '^$', asker)).toBe(true);
    expect(allows(orderService?.permission.read ?? '^$', RPC_REPLY_EXCHANGE)).toBe(true);
    for (const other of grants.filter((g) => g.service !== 'rider-assignment'))
      expect([other.service, allows(other.permission.write, RPC_REPLY_EXCHANGE)]).toEqual([
        other.service,
        false,
      ]);
    for (const other of grants.filter((g) => g.service !== 'order-service'))
      expect([other.service, allows(replies(other.service)?.read ?? '^$', asker)]).toEqual([
        other.service,
        false,
      ]);
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
        // named after RIDER_DELIVERY_MS, whatever its default is
        expect.stringMatching(/^rider-assignment\.delivery-timer\.\d+ms$/),
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
