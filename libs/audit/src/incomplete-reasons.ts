import type { LedgerVerdict } from './ledger-verdict';
import type { AuditedOrderView, OrderLedgerView } from './order-views';
import type { TimelineVerdict } from './timeline-verdict';

/** Where an order stands with the fleet, as rider-assignment's GET /assignments/:orderId says. */
export interface DispatchView {
  orderId: string;
  status: string;
}

/** What each service's own read API answered about one order the audit could not call complete. */
export interface IncompleteEvidence {
  /** Undefined: GET /orders/:id never answered 200. */
  view: AuditedOrderView | undefined;
  timeline: TimelineVerdict | undefined;
  ledger: OrderLedgerView | undefined;
  ledgerVerdict: LedgerVerdict;
  /** Rider-assignment's answer, when the audit was given its URL: 404 is no order.created applied. */
  dispatch?: { status: number; body: DispatchView | undefined };
}

/**
 * Why an order is not complete, one reason per step that lacks it, named by
 * the consumer that owes it: "ledger: no sale journal", "timeline: no
 * rider.assigned.v1", "rider-assignment: no assignment (order.created not
 * applied)". The timeline is order-service's tracking of the consumers' status
 * events; the ledger and dispatch reasons read the consumer itself, so a step
 * done but never tracked reads differently from a step never done.
 */
export function explainIncomplete(evidence: IncompleteEvidence): string[] {
  const { view, timeline, ledger, ledgerVerdict, dispatch } = evidence;
  const reasons: string[] = [];
  if (!view) reasons.push('order-service: order unknown (GET /orders/:id not 200)');
  else if (timeline && timeline.missing.length > 0) {
    reasons.push(`order-service: status ${view.status}`);
    reasons.push(...timeline.missing.map((step) => `timeline: no ${step}`));
  }
  if (ledgerVerdict === 'missing') reasons.push(`ledger: ${missingJournal(ledger)}`);
  if (dispatch) reasons.push(...dispatchReason(dispatch, timeline));
  return reasons;
}

function missingJournal(ledger: OrderLedgerView | undefined): string {
  if (!ledger) return 'no journal for the order (order.created not applied)';
  const sales = ledger.journals.filter((journal) => journal.kind === 'order').length;
  return sales === 0 ? 'no sale journal' : 'no reversal journal (order.cancelled not applied)';
}

/** Dispatch evidence worth a reason: the order never reached it, or waits there for a rider. */
function dispatchReason(
  dispatch: NonNullable<IncompleteEvidence['dispatch']>,
  timeline: TimelineVerdict | undefined,
): string[] {
  if (dispatch.status === 404)
    return ['rider-assignment: no assignment (order.created not applied)'];
  if (dispatch.status !== 200 || !dispatch.body)
    return [`rider-assignment: http ${dispatch.status}`];
  const { status } = dispatch.body;
  if (status === 'waiting') return ['rider-assignment: waiting for a rider'];
  if (status === 'cancelled' && timeline && !timeline.cancelled)
    return ['rider-assignment: cancelled, but the timeline has no order.cancelled.v1'];
  return [];
}

/** How many incomplete orders give each reason (the summary a fault report prints). */
export function countReasons(
  why: Readonly<Record<string, readonly string[]>>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reasons of Object.values(why))
    for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
