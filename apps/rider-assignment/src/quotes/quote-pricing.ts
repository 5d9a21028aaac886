import type { GeoPoint, RpcReply, DeliveryQuoteV1 } from '@dinner-rush/contracts';
import {
  haversineKm,
  nearestRider,
  roundKm,
  type RiderAtPosition,
} from '../dispatch/nearest-rider';

export type DeliveryQuote = RpcReply<typeof DeliveryQuoteV1>;

/** The fleet as a quote sees it: who is free now, and how long the waiting line is. */
export interface FleetSnapshot {
  availableRiders: readonly RiderAtPosition[];
  fleetSize: number;
  waitingOrders: number;
}

/** Pricing and pace of the demo city (a bike courier in Berlin traffic). */
export const QUOTE_RULES = {
  baseFeeCents: 199,
  perKmCents: 50,
  /** Added when every rider is busy: the order will wait for one. */
  busySurchargeCents: 100,
  speedKmPerHour: 15,
} as const;

/**
 * Fee and ETA for one delivery, from the fleet right now: the nearest free
 * rider rides to the pick-up, then the trip. With nobody free the order joins
 * the waiting line: each ride takes `rideMs`, and the fleet clears the line in
 * rounds of `fleetSize`, so the wait is the number of rounds ahead of it.
 */
export function quoteDelivery(
  fleet: FleetSnapshot,
  pickUp: GeoPoint,
  dropOff: GeoPoint,
  rideMs: number,
): DeliveryQuote {
  const tripDistanceKm = roundKm(haversineKm(pickUp, dropOff));
  const nearest = nearestRider(fleet.availableRiders, pickUp);
  const tripFeeCents = QUOTE_RULES.baseFeeCents + QUOTE_RULES.perKmCents * tripDistanceKm;
  const rideMinutes = (km: number) => (km / QUOTE_RULES.speedKmPerHour) * 60;
  if (nearest) {
    return {
      deliveryFeeCents: roundUpToTen(tripFeeCents),
      etaMinutes: Math.max(1, Math.ceil(rideMinutes(nearest.distanceKm + tripDistanceKm))),
      riderAvailable: true,
      riderDistanceKm: nearest.distanceKm,
      tripDistanceKm,
    };
  }
  const roundsAhead = Math.floor(fleet.waitingOrders / Math.max(1, fleet.fleetSize)) + 1;
  const waitMinutes = (roundsAhead * rideMs) / 60_000;
  return {
    deliveryFeeCents: roundUpToTen(tripFeeCents + QUOTE_RULES.busySurchargeCents),
    etaMinutes: Math.max(1, Math.ceil(waitMinutes + rideMinutes(tripDistanceKm))),
    riderAvailable: false,
    riderDistanceKm: null,
    tripDistanceKm,
  };
}

const roundUpToTen = (cents: number) => Math.ceil(cents / 10) * 10;
