import { OrderCreatedV1 } from '@dinner-rush/contracts';

/** One step of an order's history as GET /orders/:id shows it. */
export type TimelineItem = { type: string; at: string; messageId: string } & Record<
  string,
  unknown
>;

/** A recorded event about an order: its type, when it happened and its data without orderId. */
export interface RecordedEvent {
  messageId: string;
  type: string;
  at: Date;
  details: Record<string, unknown>;
}

/**
 * The order's timeline: its creation first, then every recorded event in the
 * order it happened. Nothing here knows any event type, so an event a new
 * consumer publishes shows up as it is. Details never override type, at or
 * messageId.
 */
export function buildTimeline(
  created: { messageId: string; at: Date },
  events: readonly RecordedEvent[],
): TimelineItem[] {
  const later = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  return [
    { type: OrderCreatedV1.type, at: created.at.toISOString(), messageId: created.messageId },
    ...later.map((event) => {
      const own = { type: event.type, at: event.at.toISOString(), messageId: event.messageId };
      // Own fields first for readability, and last so the data cannot overwrite them.
      return Object.assign({ ...own }, event.details, own);
    }),
  ];
}

/** What a timeline keeps of an event's data: everything but the order id it is filed under. */
export function timelineDetails(data: { orderId: string }): Record<string, unknown> {
  const { orderId: _orderId, ...details } = data;
  return details;
}
