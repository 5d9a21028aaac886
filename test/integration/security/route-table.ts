import type { Role } from '@dinner-rush/auth';

/** Who may call a route, as its decorators say it (docs/auth.md). */
export type Access =
  | { kind: 'public' }
  | { kind: 'roles'; roles: Role[] }
  /** The owner (`role` whose sub is the `owner` id in the path) or an operator. */
  | { kind: 'owner'; role: 'customer' | 'merchant' };

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as Express registers it, e.g. /merchants/:id/webhook. */
  route: string;
  /** A concrete path; `{owner}` is replaced by the owner's id for owner routes. */
  path: string;
  access: Access;
  body?: unknown;
}

const operator: Access = { kind: 'roles', roles: ['operator'] };
const admin = (): RouteCase[] => [
  { method: 'GET', route: '/admin/consumers', path: '/admin/consumers', access: operator },
  {
    method: 'POST',
    route: '/admin/consumers/:queue/pause',
    path: '/admin/consumers/no-such-queue/pause',
    access: operator,
  },
  {
    method: 'POST',
    route: '/admin/consumers/:queue/resume',
    path: '/admin/consumers/no-such-queue/resume',
    access: operator,
  },
  {
    method: 'PUT',
    route: '/admin/consumers/work-time',
    path: '/admin/consumers/work-time',
    access: operator,
    body: { workTimeMs: 0 },
  },
];
const everyService = (): RouteCase[] => [
  { method: 'GET', route: '/health', path: '/health', access: { kind: 'public' } },
  { method: 'GET', route: '/health/live', path: '/health/live', access: { kind: 'public' } },
  { method: 'GET', route: '/metrics', path: '/metrics', access: operator },
];
const ORDER_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Every route of every service, with who may call it. The suite fails when a
 * service registers a route that is not here, so a new route needs a row.
 */
export const ROUTE_TABLE: Record<string, RouteCase[]> = {
  'order-service': [
    ...everyService(),
    ...admin(),
    { method: 'GET', route: '/merchants', path: '/merchants', access: { kind: 'public' } },
    {
      method: 'GET',
      route: '/quote',
      path: '/quote?merchantId=m-curry-36&lat=52.5&lng=13.4',
      access: { kind: 'public' },
    },
    { method: 'GET', route: '/orders', path: '/orders', access: operator },
    {
      method: 'POST',
      route: '/orders',
      path: '/orders',
      access: { kind: 'roles', roles: ['customer'] },
    },
    {
      method: 'GET',
      route: '/orders/:id',
      path: `/orders/${ORDER_ID}`,
      access: { kind: 'roles', roles: ['customer', 'operator'] },
    },
    {
      method: 'POST',
      route: '/orders/:id/cancel',
      path: `/orders/${ORDER_ID}/cancel`,
      access: { kind: 'roles', roles: ['customer', 'operator'] },
      body: {},
    },
    { method: 'POST', route: '/replays', path: '/replays', access: operator, body: {} },
  ],
  'rider-assignment': [
    ...everyService(),
    ...admin(),
    { method: 'GET', route: '/waiting-line', path: '/waiting-line', access: operator },
    { method: 'GET', route: '/riders', path: '/riders', access: operator },
    {
      method: 'GET',
      route: '/assignments/:orderId',
      path: `/assignments/${ORDER_ID}`,
      access: operator,
    },
  ],
  'merchant-notify': [
    ...everyService(),
    ...admin(),
    {
      method: 'GET',
      route: '/merchants/:id/notifications',
      path: '/merchants/{owner}/notifications',
      access: { kind: 'owner', role: 'merchant' },
    },
    {
      method: 'GET',
      route: '/merchants/:id/webhook',
      path: '/merchants/{owner}/webhook',
      access: { kind: 'owner', role: 'merchant' },
    },
    {
      method: 'PUT',
      route: '/merchants/:id/webhook',
      path: '/merchants/{owner}/webhook',
      access: { kind: 'owner', role: 'merchant' },
      // Refused as a target (loopback), so even the owner's call writes nothing.
      body: { url: 'https://127.0.0.1/hook' },
    },
    {
      method: 'DELETE',
      route: '/merchants/:id/webhook',
      path: '/merchants/{owner}/webhook',
      access: { kind: 'owner', role: 'merchant' },
    },
  ],
  ledger: [
    ...everyService(),
    ...admin(),
    {
      method: 'GET',
      route: '/ledger/orders/:orderId',
      path: `/ledger/orders/${ORDER_ID}`,
      access: operator,
    },
    {
      method: 'GET',
      route: '/ledger/trial-balance',
      path: '/ledger/trial-balance',
      access: operator,
    },
  ],
  'customer-notify': [
    ...everyService(),
    ...admin(),
    {
      method: 'GET',
      route: '/customers/:customerId/notifications',
      path: '/customers/{owner}/notifications',
      access: { kind: 'owner', role: 'customer' },
    },
    {
      method: 'GET',
      route: '/orders/:orderId/notifications',
      path: `/orders/${ORDER_ID}/notifications`,
      access: { kind: 'roles', roles: ['customer', 'operator'] },
    },
  ],
};
