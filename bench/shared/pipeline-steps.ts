import { countSteps, type AuditedOrderView } from '@dinner-rush/audit';
import {
  CustomerNotifiedV1,
  LedgerRecordedV1,
  MerchantNotifiedV1,
  RiderAssignedV1,
  RiderDeliveredV1,
} from '@dinner-rush/contracts';

/**
 * What the full pipeline (npm start) records in an order's timeline once it is
 * done with a live order. libs/audit's PIPELINE_STEPS knows only the first
 * three consumers, so these are listed here.
 */
export const CONSUMER_STEPS = [
  RiderAssignedV1.type,
  MerchantNotifiedV1.type,
  LedgerRecordedV1.type,
  CustomerNotifiedV1.type,
] as const;

/** The consumers' steps, then the rider's hand-over (which waits out RIDER_DELIVERY_MS). */
export const DELIVERED_STEPS = [...CONSUMER_STEPS, RiderDeliveredV1.type] as const;

/** The three steps of the reduced set-up (rider-assignment, merchant-notify, ledger). */
export const REDUCED_STEPS = CONSUMER_STEPS.slice(0, 3);

/** Every step is in the timeline and the order service calls it delivered. */
export function isDelivered(view: AuditedOrderView): boolean {
  return (
    view.status === 'delivered' &&
    DELIVERED_STEPS.every((type) => countSteps(view.timeline, type) > 0)
  );
}

/** Steps recorded more than once: an effect applied twice. */
export function doubledSteps(view: AuditedOrderView): string[] {
  return DELIVERED_STEPS.filter((type) => countSteps(view.timeline, type) > 1);
}

/**
 * Milliseconds from the order's creation to the last of `steps`, from the
 * timestamps the services recorded; undefined while one is missing.
 */
export function latencyToLastStep(
  view: AuditedOrderView,
  steps: readonly string[],
): number | undefined {
  const created = Date.parse(view.createdAt);
  const at = steps.map((type) => view.timeline.find((entry) => entry.type === type)?.at);
  if (at.some((iso) => iso === undefined)) return undefined;
  return Math.max(...at.map((iso) => Date.parse(iso ?? '') - created));
}
