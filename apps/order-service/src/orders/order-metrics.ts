import { Counter } from 'prom-client';

/** Orders committed (the intake rate); idempotent replays of an earlier order are not counted again. */
export const ordersAccepted = new Counter({
  name: 'orders_accepted_total',
  help: 'Orders accepted and committed with their order.created event',
});
