import type { Order, OrderLine, TimelineEntry } from '../generated/prisma/client';
import { buildTimeline, type TimelineItem } from './timeline';

/** An order as stored: its row, its lines and what has been recorded about it. */
export type OrderRecord = Order & { lines: OrderLine[]; timeline: TimelineEntry[] };

/** The order as every endpoint answers it (POST, GET and cancel alike). */
export interface OrderView {
  id: string;
  status: Order['status'];
  customerId: string;
  merchantId: string;
  items: {
    menuItemId: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
  }[];
  itemsTotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  currency: string;
  deliveryAddress: { line1: string; lat: number; lng: number };
  /** The customer's note for the courier; null when none was given. */
  deliveryInstructions: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  deliveredAt: string | null;
  timeline: TimelineItem[];
}

export function toOrderView(order: OrderRecord): OrderView {
  return {
    id: order.id,
    status: order.status,
    customerId: order.customerId,
    merchantId: order.merchantId,
    items: [...order.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map(({ menuItemId, name, quantity, unitPriceCents, lineTotalCents }) => ({
        menuItemId,
        name,
        quantity,
        unitPriceCents,
        lineTotalCents,
      })),
    itemsTotalCents: order.itemsTotalCents,
    deliveryFeeCents: order.deliveryFeeCents,
    totalCents: order.totalCents,
    currency: order.currency,
    deliveryAddress: {
      line1: order.deliveryLine1,
      lat: order.deliveryLat,
      lng: order.deliveryLng,
    },
    deliveryInstructions: order.deliveryInstructions,
    createdAt: order.createdAt.toISOString(),
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    cancelReason: order.cancelReason,
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    timeline: buildTimeline(
      { messageId: order.createdEventId, at: order.createdAt },
      order.timeline.map((entry) => ({
        messageId: entry.messageId,
        type: entry.type,
        at: entry.at,
        details: entry.details as Record<string, unknown>,
      })),
    ),
  };
}
