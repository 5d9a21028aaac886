import {
  NotificationKinds,
  PIPELINE_STEPS,
  TimelineTypes,
  countSteps,
  type TimelineEntry,
} from './order-views';

export interface TimelineVerdict {
  /** The order was cancelled (its timeline holds order.cancelled.v1). */
  cancelled: boolean;
  /** Steps the pipeline still owes this order. */
  missing: string[];
  /** Steps recorded more than once: an effect applied twice. */
  doubled: string[];
}

const {
  'rider-assignment': riderAssigned,
  'merchant-notify': notified,
  ledger: recorded,
} = PIPELINE_STEPS;

/**
 * What an order's timeline says about the pipeline. A live order needs each
 * consumer's step; a cancelled one needs its reversal and the merchant told of
 * the cancellation. It may never get a rider (the cancellation can take it out
 * of the waiting line), and the merchant is told of its creation only if the
 * creation reached merchant-notify first: one that arrives after its
 * cancellation is not announced (notification-plan.ts), which happens when
 * two relays or two consumer instances let the cancellation overtake. Any
 * step seen twice is a double application.
 */
export function judgeTimeline(timeline: readonly TimelineEntry[]): TimelineVerdict {
  const cancelled = countSteps(timeline, TimelineTypes.cancelled) > 0;
  const required: [string, number][] = cancelled
    ? [
        [TimelineTypes.reversed, countSteps(timeline, TimelineTypes.reversed)],
        [
          `${notified}:${NotificationKinds.cancelled}`,
          countSteps(timeline, notified, NotificationKinds.cancelled),
        ],
      ]
    : Object.values(PIPELINE_STEPS).map((type) => [type, countSteps(timeline, type)]);
  const onceAtMost: [string, number][] = [
    [riderAssigned, countSteps(timeline, riderAssigned)],
    [recorded, countSteps(timeline, recorded)],
    [TimelineTypes.reversed, countSteps(timeline, TimelineTypes.reversed)],
    ...Object.values(NotificationKinds).map((kind): [string, number] => [
      `${notified}:${kind}`,
      countSteps(timeline, notified, kind),
    ]),
  ];
  return {
    cancelled,
    missing: required.filter(([, n]) => n === 0).map(([step]) => step),
    doubled: onceAtMost.filter(([, n]) => n > 1).map(([step]) => step),
  };
}
