import type { __EventV1__, Envelope, EventData } from '@dinner-rush/contracts';

/** What the scaffold keeps of each order event: replace it with the service's own effect. */
export interface OrderRecord {
  messageId: string;
  orderId: string;
  type: string;
  occurredAt: Date;
}

export function orderRecordFor(event: Envelope<{ orderId: string }>): OrderRecord {
  return {
    messageId: event.messageId,
    orderId: event.data.orderId,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
  };
}

/** The status event reporting the record; its orderId puts it on the order's timeline. */
export function statusEventData(record: OrderRecord): EventData<typeof __EventV1__> {
  return { orderId: record.orderId, eventType: record.type };
}
