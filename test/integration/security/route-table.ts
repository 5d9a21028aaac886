import type { Role } from '@dinner-rush/auth';
import { Queues } from '@dinner-rush/contracts';

/** Who may call a route, as its decorators (and, for an order, its service) say it (docs/auth.md). */
export type Access =
  | { kind: 'public' }
  | { kind: 'roles'; roles: Role[] }
  /** The owner (`role` whose sub is the `owner` id in the path) or an operator. */
  | { kind: 'owner'; role: 'customer' | 'merchant' }
  /** The customer of the order `{order}` names (the service reads its row), or an operator. */
  | { kind: 'order' };

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as Express registers it, e.g. /merchants/:id/webhook. */
  route: string;
  /**
   * A concrete path: `{owner}` is replaced by the owner's id, `{order}` by an
   * order of the owner's that the suite placed (order-service) or announced
   * (order.created, to a consumer) beforehand.
   */
  path: string;
  access: Access;
  body?: unknown;
  /**
   * Why the right caller gets the route's own 4xx rather than a 2xx: the
   * route has no resource the suite can give it. Absent: 2xx expected.
   */
  noResource?: string;
}

/** The customer (and merchant) whose resources the suite asks for, and someone who is not them. */
export const OWNER = 'owner-0001';
export const SOMEONE_ELSE = 'owner-0002';

/** A valid order of the demo catalogue for OWNER: what the right caller of POST /orders sends. */
export const OWNER_ORDER = {
  customerId: OWNER,
  merchantId: 'm-curry-36',
  items: [{ menuItemId: 'i-curry-36-currywurst', quantity: 1 }],
  deliveryAddress: { line1: 'Mehringdamm 36', lat: 52.4937, lng: 13.3878 },
};

const operator: Access = { kind: 'roles', roles: ['operator'] };
/** The consumer admin API on the service's own queue (paused, then resumed, by the right caller). */
const admin = (queue: string): RouteCase[] => [
  { method: 'GET', route: '/admin/consumers', path: '/admin/consumers', access: operator },
  {
    method: 'POST',
    route: '/admin/consumers/:queue/pause',
    path: `/admin/consumers/${queue}/pause`,
    access: operator,
  },
  {
    method: 'POST',
    route: '/admin/consumers/:queue/resume',
    path: `/admin/consumers/${queue}/resume`,
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

/**
 * Every route of every service, with who may call it. The suite fails when a
 * service registers a route that is not here, so a new route needs a row.
 */
export const ROUTE_TABLE: Record<string, RouteCase[]> = {
  'order-service': [
    ...everyService(),
    ...admin(Queues.orderTracking.queue),
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
      body: OWNER_ORDER,
    },
    { method: 'GET', route: '/orders/:id', path: '/orders/{order}', access: { kind: 'order' } },
    {
      method: 'POST',
      route: '/orders/:id/cancel',
      path: '/orders/{order}/cancel',
      access: { kind: 'order' },
      body: {},
    },
    {
      method: 'POST',
      route: '/replays',
      path: '/replays',
      access: operator,
      body: { queue: Queues.ledger.queue },
      noResource: 'no consumer runs beside the lone order-service, so its queue is not there (404)',
    },
  ],
  'rider-assignment': [
    ...everyService(),
    ...admin(Queues.riderAssignment.queue),
    { method: 'GET', route: '/waiting-line', path: '/waiting-line', access: operator },
    { method: 'GET', route: '/riders', path: '/riders', access: operator },
    {
      method: 'GET',
      route: '/assignments/:orderId',
      path: '/assignments/{order}',
      access: operator,
    },
  ],
  'merchant-notify': [
    ...everyService(),
    ...admin(Queues.merchantNotify.queue),
    {
      method: 'GET',
      route: '/merchants/:id/notifications',
      path: '/merchants/{owner}/notifications',
      access: { kind: 'owner', role: 'merchant' },
    },
    {
      method: 'PUT',
      route: '/merchants/:id/webhook',
      path: '/merchants/{owner}/webhook',
      access: { kind: 'owner', role: 'merchant' },
      // The suite's merchant-notify allows 127.0.0.1 (WEBHOOK_ALLOWED_HOSTS), as for the demo receiver.
      body: { url: 'https://127.0.0.1/hook' },
    },
    {
      method: 'GET',
      route: '/merchants/:id/webhook',
      path: '/merchants/{owner}/webhook',
      access: { kind: 'owner', role: 'merchant' },
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
    ...admin(Queues.ledger.queue),
    {
      method: 'GET',
      route: '/ledger/orders/:orderId',
      path: '/ledger/orders/{order}',
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
    ...admin(Queues.customerNotify.queue),
    {
      method: 'GET',
      route: '/customers/:customerId/notifications',
      path: '/customers/{owner}/notifications',
      access: { kind: 'owner', role: 'customer' },
    },
    {
      method: 'GET',
      route: '/orders/:orderId/notifications',
      path: '/orders/{order}/notifications',
      access: { kind: 'order' },
    },
  ],
};
