/* eslint-disable no-restricted-imports -- the security suite starts every service from its own module and config schema */
import type { DynamicModule } from '@nestjs/common';
import { bearerHeader, ROLES, type Role } from '@dinner-rush/auth';
import {
  BrokerProbe,
  orderCreatedData,
  orderCreatedEventFor,
  startAppUnderTest,
  tableCounts,
  untilTablesSettle,
  waitFor,
  type AppUnderTest,
} from '@dinner-rush/testing';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppModule as CustomerNotify } from '../../apps/customer-notify/src/app.module';
import { customerNotifyEnvSchema } from '../../apps/customer-notify/src/config';
import { AppModule as Ledger } from '../../apps/ledger/src/app.module';
import { ledgerEnvSchema } from '../../apps/ledger/src/config';
import { AppModule as MerchantNotify } from '../../apps/merchant-notify/src/app.module';
import { merchantNotifyEnvSchema } from '../../apps/merchant-notify/src/config';
import { AppModule as OrderService } from '../../apps/order-service/src/app.module';
import { orderServiceEnvSchema } from '../../apps/order-service/src/config';
import { AppModule as RiderAssignment } from '../../apps/rider-assignment/src/app.module';
import { riderAssignmentEnvSchema } from '../../apps/rider-assignment/src/config';
import {
  OWNER,
  OWNER_ORDER,
  ROUTE_TABLE,
  SOMEONE_ELSE,
  type RouteCase,
} from './security/route-table';
import { registeredRoutes } from './security/service-state';

/**
 * Every route of every service against the rules of docs/auth.md, with a
 * real OpenID provider (the dev issuer) minting the tokens and each service
 * started as its main.ts starts it (ServiceModule registers the guard): no
 * token 401, a wrong role 403, someone else's resource (a path's owner, or
 * an order's customer read from its row) 404, the right caller 2xx on a real
 * resource; and no refusal writes a row. The table must name every route the
 * services register, so a new route without a row fails here.
 */
interface Definition<TSchema extends z.ZodType> {
  service: string;
  schema: string;
  envSchema: TSchema;
  module: (config: Readonly<z.infer<TSchema>>) => DynamicModule;
  env?: Record<string, string>;
}

const SERVICES: Definition<z.ZodType>[] = [
  def('order-service', 'orders', orderServiceEnvSchema, (c) => OrderService.forConfig(c)),
  def(
    'rider-assignment',
    'rider_assignment',
    riderAssignmentEnvSchema,
    (c) => RiderAssignment.forConfig(c),
    // The suite's order stays assigned: its delivery would write rows while refusals are counted.
    { RIDER_DELIVERY_MS: '3600000' },
  ),
  def(
    'merchant-notify',
    'merchant_notify',
    merchantNotifyEnvSchema,
    (c) => MerchantNotify.forConfig(c),
    // The owner's webhook on this machine, as for the demo receiver; nothing is sent to it.
    { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' },
  ),
  def('ledger', 'ledger', ledgerEnvSchema, (c) => Ledger.forConfig(c)),
  def('customer-notify', 'customer_notify', customerNotifyEnvSchema, (c) =>
    CustomerNotify.forConfig(c),
  ),
];

function def<TSchema extends z.ZodType>(
  service: string,
  schema: string,
  envSchema: TSchema,
  module: (config: Readonly<z.infer<TSchema>>) => DynamicModule,
  env?: Record<string, string>,
): Definition<z.ZodType> {
  return { service, schema, envSchema, module, env } as unknown as Definition<z.ZodType>;
}

describe.each(SERVICES)('$service: who may call which route', (definition) => {
  let under: AppUnderTest;
  /** OWNER's order: placed through order-service, or announced to a consumer by order.created. */
  let ownersOrder: string;
  const cases = ROUTE_TABLE[definition.service] ?? [];
  const pathOf = (route: RouteCase, order = ownersOrder) =>
    route.path.replace('{owner}', OWNER).replace('{order}', order);
  const call = async (route: RouteCase, token?: string, path = pathOf(route)) => {
    const http = under.anonymous();
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    let request = http[method](path);
    if (token) request = request.set(bearerHeader(token));
    return route.body === undefined ? request : request.send(route.body as object);
  };

  beforeAll(async () => {
    under = await startAppUnderTest({
      service: definition.service,
      schema: definition.schema,
      envSchema: definition.envSchema,
      module: definition.module,
      env: definition.env,
    });
    ownersOrder = await givenOwnersOrder(under, definition.service, cases);
    // The order's own aftermath (its events published, archived, applied) must be over before
    // a refusal is judged by unchanged row counts. Nothing consumes what a lone service
    // publishes, so what the broker returns stays in its outbox.
    await untilTablesSettle(under.sql, { outboxDrained: false, intervalMs: 1_000 });
  });

  afterAll(async () => {
    await under?.close();
  });

  it('has a row in the table for every route the service registers', () => {
    const inTable = cases.map((route) => `${route.method} ${route.route}`).sort();
    expect(registeredRoutes(under.app)).toEqual([...new Set(inTable)].sort());
  });

  it('refuses every closed route without a token (401, WWW-Authenticate: Bearer) and writes nothing', async () => {
    const before = await tableCounts(under.sql);
    for (const route of cases.filter((r) => r.access.kind !== 'public')) {
      const response = await call(route);
      expect([route.method, route.route, response.status]).toEqual([
        route.method,
        route.route,
        401,
      ]);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await tableCounts(under.sql)).toEqual(before);
  });

  it('refuses a role the route does not admit (403) and writes nothing', async () => {
    const before = await tableCounts(under.sql);
    for (const route of cases) {
      const admitted = admittedRoles(route);
      if (admitted === undefined) continue;
      for (const role of ROLES.filter((r) => !admitted.includes(r))) {
        const response = await call(route, await under.issuer.token(role, OWNER));
        expect([route.method, route.route, role, response.status]).toEqual([
          route.method,
          route.route,
          role,
          403,
        ]);
      }
    }
    expect(await tableCounts(under.sql)).toEqual(before);
  });

  it("answers someone else's resource as a missing one (404) and writes nothing", async () => {
    const before = await tableCounts(under.sql);
    for (const route of cases) {
      if (route.access.kind !== 'owner') continue;
      const token = await under.issuer.token(route.access.role, SOMEONE_ELSE);
      const response = await call(route, token);
      expect([route.method, route.route, response.status]).toEqual([
        route.method,
        route.route,
        404,
      ]);
      expect(response.body.code).toBe('not-found');
    }
    expect(await tableCounts(under.sql)).toEqual(before);
  });

  const orderRoutes = cases.filter((r) => r.access.kind === 'order');
  const placing = cases.filter((r) => r.method === 'POST' && r.route === '/orders');

  if (orderRoutes.length > 0)
    it("answers another customer's order exactly as an order that does not exist, and writes nothing", async () => {
      const before = await tableCounts(under.sql);
      const stranger = await under.issuer.token('customer', SOMEONE_ELSE);
      for (const route of orderRoutes) {
        const theirs = await call(route, stranger);
        const missing = await call(route, stranger, pathOf(route, randomUUID()));
        expect([route.method, route.route, theirs.status, theirs.body.code]).toEqual([
          route.method,
          route.route,
          404,
          missing.body.code,
        ]);
        expect(missing.status).toBe(404);
      }
      expect(await tableCounts(under.sql)).toEqual(before);
    });

  if (placing.length > 0)
    it("refuses an order placed in another customer's name (403 customer-mismatch) and writes nothing", async () => {
      const before = await tableCounts(under.sql);
      for (const route of placing) {
        const response = await call(route, await under.issuer.token('customer', SOMEONE_ELSE));
        expect([response.status, response.body.code]).toEqual([403, 'customer-mismatch']);
      }
      expect(await tableCounts(under.sql)).toEqual(before);
    });

  it('answers the right caller on a real resource (2xx): the owner, an operator, an admitted role, anyone on a public route', async () => {
    for (const route of cases) {
      for (const token of await rightCallers(under, route)) {
        const response = await call(route, token);
        if (route.noResource === undefined) {
          const answer = response.status >= 200 && response.status < 300 ? '2xx' : response.status;
          expect([route.method, route.route, answer]).toEqual([route.method, route.route, '2xx']);
          continue;
        }
        // No resource to give it: the route's own answer (its 4xx), never the guard's.
        expect([route.method, route.route, response.status < 500]).toEqual([
          route.method,
          route.route,
          true,
        ]);
        expect([401, 403]).not.toContain(response.status);
      }
    }
  });
});

/** Who may call the route: one token each (undefined: no token, on a public route). */
async function rightCallers(
  under: AppUnderTest,
  route: RouteCase,
): Promise<(string | undefined)[]> {
  switch (route.access.kind) {
    case 'public':
      return [undefined];
    case 'owner':
      return [
        await under.issuer.token(route.access.role, OWNER),
        await under.issuer.token('operator'),
      ];
    case 'order':
      return [await under.issuer.token('customer', OWNER), await under.issuer.token('operator')];
    case 'roles':
      return Promise.all(route.access.roles.map((role) => under.issuer.token(role, OWNER)));
  }
}

/**
 * An order of OWNER's the `{order}` routes can be given: order-service places
 * it (as OWNER); a consumer hears its order.created and is waited for until
 * its `{order}` reads answer 200 to the right caller.
 */
async function givenOwnersOrder(
  under: AppUnderTest,
  service: string,
  cases: readonly RouteCase[],
): Promise<string> {
  if (service === 'order-service') {
    const placed = await (await under.as('customer', OWNER)).post('/orders').send(OWNER_ORDER);
    expect(placed.status).toBe(201);
    return (placed.body as { id: string }).id;
  }
  const data = orderCreatedData({ customerId: OWNER, merchantId: OWNER });
  const probe = await BrokerProbe.open(under.brokerUrl);
  try {
    await probe.publishOrderEvent(orderCreatedEventFor(data));
  } finally {
    await probe.close();
  }
  for (const route of cases.filter((r) => r.method === 'GET' && r.path.includes('{order}'))) {
    const [token] = await rightCallers(under, route);
    const path = route.path.replace('{order}', data.orderId);
    await waitFor(
      async () =>
        (await under.anonymous().get(path).set('authorization', `Bearer ${token}`)).status ===
          200 || undefined,
      { what: `GET ${path} 200 once order.created is applied` },
    );
  }
  return data.orderId;
}

/** The roles a route admits (an operator always may act on an owner's), or undefined for public. */
function admittedRoles(route: RouteCase): Role[] | undefined {
  if (route.access.kind === 'public') return undefined;
  if (route.access.kind === 'owner') return [route.access.role, 'operator'];
  if (route.access.kind === 'order') return ['customer', 'operator'];
  return route.access.roles;
}
