import type { GeoPoint } from '@dinner-rush/contracts';
import type { AssignmentStatus } from '../generated/prisma/enums';
import type { RiderAtPosition } from './nearest-rider';

/** The two moves of the waiting line that must not miss each other. */
export type WaitingLineMove = 'join' | 'free';

export interface NewOrder {
  orderId: string;
  correlationId: string;
  merchantLocation: GeoPoint;
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

/**
 * What the dispatcher reads and changes, all inside ONE transaction (the one
 * that also writes the inbox row and the outbox messages). Lock* methods take
 * row locks held until that transaction ends.
 */
export interface DispatchStore {
  /** Puts a new order in the waiting line; false when the order is already known. */
  openOrder(order: NewOrder, at: Date): Promise<boolean>;
  availableRiders(): Promise<RiderAtPosition[]>;
  rider(riderId: string): Promise<RiderAtPosition>;
  /**
   * Makes the rider busy with the order if it is still available. With `wait`
   * false a rider another transaction holds is skipped; with true it is waited for.
   */
  reserveRider(riderId: string, orderId: string, wait: boolean): Promise<boolean>;
  /** Gives a busy rider its next order (it never becomes available in between). */
  handOver(riderId: string, orderId: string): Promise<void>;
  releaseRider(riderId: string): Promise<void>;
  /**
   * Serialises "join the waiting line" against "free a rider" (see Dispatcher):
   * 'join' is exclusive; 'free' is shared, so riders freed at the same moment
   * never wait on each other, only on an order joining the line.
   */
  lockWaitingLine(move: WaitingLineMove): Promise<void>;
  lockAssignment(orderId: string): Promise<AssignmentState | null>;
  /** The oldest waiting order no other transaction holds, locked; null when none. */
  lockOldestWaiting(): Promise<AssignmentState | null>;
  markAssigned(orderId: string, riderId: string, distanceKm: number, at: Date): Promise<void>;
  markDelivered(orderId: string, at: Date): Promise<void>;
  markCancelled(orderId: string, at: Date): Promise<void>;
  /** Remembers a cancellation that overtook its creation; false when the order exists after all. */
  rememberCancellation(orderId: string, correlationId: string, at: Date): Promise<boolean>;
}
