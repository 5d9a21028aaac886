import type { GeoPoint } from '@dinner-rush/contracts';
import type { AssignmentStatus } from '../generated/prisma/enums';
import type { RiderAtPosition } from './nearest-rider';

/** The two moves of the waiting line that must not miss each other. */
export type WaitingLineMove = 'join' | 'free';

export interface NewOrder {
  orderId: string;
  correlationId: string;
  merchantLocation: GeoPoint;
  /** The order.created.v1 message it came in. */
  causationId: string;
}

/** A ride whose time is up: its order and rider, and the timer message that said so. */
export interface DueRide {
  orderId: string;
  riderId: string;
  causationId: string;
}

export interface AssignmentState {
  orderId: string;
  correlationId: string;
  status: AssignmentStatus;
  riderId: string | null;
  /** Null only for a remembered early cancellation (the creation never came). */
  merchantLocation: GeoPoint | null;
  requestedAt: Date | null;
}

export interface RiderForOrder {
  riderId: string;
  orderId: string;
  distanceKm: number;
}

/**
 * What the dispatcher reads and changes, all inside ONE transaction (the one
 * that also writes the batch's inbox rows and outbox messages), a batch per
 * statement where it can. Lock* methods take row locks held until it ends.
 */
export interface DispatchStore {
  /** Puts new orders in the waiting line; answers those not known before. */
  openOrders(orders: readonly NewOrder[], at: Date): Promise<NewOrder[]>;
  availableRiders(): Promise<RiderAtPosition[]>;
  riders(riderIds: readonly string[]): Promise<RiderAtPosition[]>;
  /** Makes each rider busy with its order if still available; answers the riders reserved. */
  reserveRiders(pairs: readonly RiderForOrder[]): Promise<Set<string>>;
  /** Gives busy riders their next orders (they never become available in between). */
  handOver(pairs: readonly RiderForOrder[]): Promise<void>;
  releaseRiders(riderIds: readonly string[]): Promise<void>;
  /**
   * Serialises "join the waiting line" against "free a rider" (see Dispatcher):
   * 'join' is exclusive; 'free' is shared, so riders freed at the same moment
   * never wait on each other, only on orders joining the line.
   */
  lockWaitingLine(move: WaitingLineMove): Promise<void>;
  /** The assignments of these orders that exist, locked (in order id order). */
  lockAssignments(orderIds: readonly string[]): Promise<AssignmentState[]>;
  /** Up to `limit` oldest waiting orders no other transaction holds, locked. */
  lockOldestWaiting(limit: number): Promise<AssignmentState[]>;
  markAssigned(pairs: readonly RiderForOrder[], at: Date): Promise<void>;
  markDelivered(orderIds: readonly string[], at: Date): Promise<void>;
  markCancelled(orderId: string, at: Date): Promise<void>;
  /** Remembers a cancellation that overtook its creation; false when the order exists after all. */
  rememberCancellation(orderId: string, correlationId: string, at: Date): Promise<boolean>;
}
