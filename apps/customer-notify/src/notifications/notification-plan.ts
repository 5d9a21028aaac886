import { OrderCancelledV1, RiderAssignedV1 } from '@dinner-rush/contracts';
import { messagesOfType, type BatchMessage } from '@dinner-rush/messaging';
import {
  orderCancelledNotification,
  riderAssignedNotification,
  type CustomerNotification,
  type KnownOrder,
  type NotificationKind,
} from './customer-notification';

/** What the database says about a batch's orders (read in its transaction). */
export interface CustomerState {
  /** Whose each order is (order.created.v1 already applied, in an earlier batch or this one). */
  orders: ReadonlyMap<string, KnownOrder>;
  /** Kinds each order's customer was already told about. */
  notifiedKinds: ReadonlyMap<string, ReadonlySet<NotificationKind>>;
}

export interface PlannedNotification {
  message: BatchMessage;
  notification: CustomerNotification;
}

/**
 * The notifications a batch calls for, in delivery order, as if its messages
 * had come one at a time: nobody is told a fact twice, and a rider for an
 * order already cancelled is news to nobody. A rider assignment for an order
 * whose creation has not arrived yet is rejected: its creation is on its way
 * (the assignment was caused by it), so the failure policy retries it later.
 */
export function planNotifications(
  fresh: readonly BatchMessage[],
  state: CustomerState,
): PlannedNotification[] {
  const notifications = new Map<BatchMessage, CustomerNotification | undefined>([
    ...messagesOfType(fresh, RiderAssignedV1).map((m) => {
      const order = state.orders.get(m.envelope.data.orderId);
      if (!order) m.reject(new Error(`order ${m.envelope.data.orderId} not known yet`));
      return [m, order && riderAssignedNotification(m.envelope, order)] as const;
    }),
    ...messagesOfType(fresh, OrderCancelledV1).map(
      (m) => [m, orderCancelledNotification(m.envelope)] as const,
    ),
  ]);
  const told = new Map<string, Set<NotificationKind>>();
  const plan: PlannedNotification[] = [];
  for (const message of fresh) {
    const notification = notifications.get(message);
    if (!notification) continue;
    const kinds =
      told.get(notification.orderId) ?? new Set(state.notifiedKinds.get(notification.orderId));
    told.set(notification.orderId, kinds);
    if (superseding(notification.kind).some((kind) => kinds.has(kind))) continue;
    kinds.add(notification.kind);
    plan.push({ message, notification });
  }
  return plan;
}

/** The kinds that make a notification of `kind` superfluous. */
function superseding(kind: NotificationKind): NotificationKind[] {
  return kind === 'rider.assigned' ? ['rider.assigned', 'order.cancelled'] : [kind];
}
