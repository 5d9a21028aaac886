/** One queue at one moment, whichever way it was read. */
export interface QueueReading {
  name: string;
  /** Waiting for a consumer. */
  ready: number;
  /**
   * Delivered and not yet acknowledged (at most prefetch × consumers). Only
   * the management API knows: AMQP's passive declare counts ready messages.
   */
  unacked: number | null;
  /** Everything the queue still owes its consumers: ready plus unacked when known. */
  messages: number;
  consumers: number;
  /** Messages per second in, delivered and acknowledged: the management API's rates, else null. */
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
  /** Change of `messages` per second since the previous reading (positive: filling); null at first. */
  netRate: number | null;
}

/** Where a round of readings came from. */
export type QueueSource = 'management' | 'amqp';

/**
 * How fast the consumers empty the queue: the broker's acknowledgement rate
 * when the management API gives it, else how fast the depth fell between two
 * readings (the net of what came in and what went out: while publishing goes
 * on, less than the consumers' own pace).
 */
export function drainRate(reading: QueueReading): number {
  return reading.ackRate ?? Math.max(0, -(reading.netRate ?? 0));
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Adds netRate from the previous reading of the same queue, `seconds` earlier. */
export function withNetRate(
  current: QueueReading,
  previous: QueueReading | undefined,
  seconds: number,
): QueueReading {
  if (!previous || seconds <= 0) return current;
  return { ...current, netRate: round1((current.messages - previous.messages) / seconds) };
}
