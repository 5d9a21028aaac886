import { OrderCancelledV1, OrderCreatedV2 } from '@dinner-rush/contracts';
import { messagesOfType, type BatchMessage } from '@dinner-rush/messaging';
import {
  cancelledNotification,
  createdNotification,
  type NotificationKind,
  type NotificationPayload,
} from './notification-payload';

/** What the database says about a batch's orders and merchants (read in its transaction). */
export interface NotificationState {
  /** Kinds each order was already told about. */
  notifiedKinds: ReadonlyMap<string, ReadonlySet<NotificationKind>>;
  /** Each merchant's webhook; a merchant without one fetches its notifications. */
  webhooks: ReadonlyMap<string, string>;
}

export interface PlannedNotification {
  message: BatchMessage;
  payload: NotificationPayload;
  webhookUrl: string | null;
}

/**
 * The notifications a batch calls for, in delivery order, as if its messages
 * had come one at a time: a fact the merchant was already told (another
 * envelope, earlier or in this batch) is not told twice, and a creation
 * whose cancellation is already known is not announced at all (the merchant
 * would cook something nobody will collect).
 */
export function planNotifications(
  fresh: readonly BatchMessage[],
  state: NotificationState,
): PlannedNotification[] {
  const payloads = new Map<BatchMessage, NotificationPayload>([
    ...messagesOfType(fresh, OrderCreatedV2).map(
      (m) => [m, createdNotification(m.envelope)] as const,
    ),
    ...messagesOfType(fresh, OrderCancelledV1).map(
      (m) => [m, cancelledNotification(m.envelope)] as const,
    ),
  ]);
  const told = new Map<string, Set<NotificationKind>>();
  const plan: PlannedNotification[] = [];
  for (const message of fresh) {
    const payload = payloads.get(message);
    if (!payload) continue;
    const kinds = told.get(payload.orderId) ?? new Set(state.notifiedKinds.get(payload.orderId));
    told.set(payload.orderId, kinds);
    if (superseding(payload.kind).some((kind) => kinds.has(kind))) continue;
    kinds.add(payload.kind);
    plan.push({ message, payload, webhookUrl: state.webhooks.get(payload.merchantId) ?? null });
  }
  return plan;
}

/** The kinds that make a notification of `kind` superfluous. */
function superseding(kind: NotificationKind): NotificationKind[] {
  return kind === 'order.created' ? ['order.created', 'order.cancelled'] : [kind];
}
