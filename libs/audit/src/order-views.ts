import {
  LedgerRecordedV1,
  LedgerReversedV1,
  MerchantNotifiedV1,
  OrderCancelledV1,
  OrderCreatedV1,
  RiderAssignedV1,
} from '@dinner-rush/contracts';

/**
 * The parts of the services' read APIs an audit relies on (GET /orders/:id,
 * GET /ledger/orders/:id, GET /ledger/trial-balance). Kept structural, so the
 * audit reads the HTTP contract, never an app's code.
 */
export interface TimelineEntry {
  type: string;
  /** ISO timestamp recorded by the service that did the step. */
  at: string;
  /** merchant.notified.v1 says which event it told the merchant about. */
  kind?: string;
}

export interface AuditedOrderView {
  id: string;
  status: string;
  totalCents: number;
  customerId: string;
  createdAt: string;
  timeline: TimelineEntry[];
}

export interface LedgerJournal {
  journalId: string;
  kind: string;
  debitCents: number;
  creditCents: number;
  balanced: boolean;
}

export interface OrderLedgerView {
  orderId: string;
  balanced: boolean;
  entries: { account: string; debitCents: number; creditCents: number; kind: string }[];
  journals: LedgerJournal[];
}

export interface TrialBalance {
  debitCents: number;
  creditCents: number;
  balanced: boolean;
}

/** The step each consumer reports when it has applied order.created.v1. */
export const PIPELINE_STEPS = {
  'rider-assignment': RiderAssignedV1.type,
  'merchant-notify': MerchantNotifiedV1.type,
  ledger: LedgerRecordedV1.type,
} as const;
export type PipelineConsumer = keyof typeof PIPELINE_STEPS;

export const TimelineTypes = {
  created: OrderCreatedV1.type,
  cancelled: OrderCancelledV1.type,
  reversed: LedgerReversedV1.type,
} as const;

/** The merchant-notify `kind` of a notification about a created / cancelled order. */
export const NotificationKinds = {
  created: 'order.created',
  cancelled: 'order.cancelled',
} as const;

export function countSteps(
  timeline: readonly TimelineEntry[],
  type: string,
  kind?: string,
): number {
  return timeline.filter(
    (entry) => entry.type === type && (kind === undefined || entry.kind === kind),
  ).length;
}
