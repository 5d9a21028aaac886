import type { EventDefinition } from './event-definition';
import { LedgerRecordedV1, LedgerReversedV1 } from './events/ledger-events.v1';
import { MerchantNotifiedV1 } from './events/merchant-events.v1';
import { OrderCancelledV1 } from './events/order-cancelled.v1';
import { OrderCreatedV1 } from './events/order-created.v1';
import { OrderCreatedV2 } from './events/order-created.v2';
import { RiderAssignedV1, RiderDeliveredV1, RiderReleasedV1 } from './events/rider-events.v1';
import { CustomerNotifiedV1 } from './events/customer-notify-events.v1';

/** Every event this repository knows, by type; used for docs and contract tests. */
export const AllEvents: readonly EventDefinition[] = [
  OrderCreatedV1,
  OrderCreatedV2,
  OrderCancelledV1,
  RiderAssignedV1,
  RiderDeliveredV1,
  RiderReleasedV1,
  MerchantNotifiedV1,
  LedgerRecordedV1,
  LedgerReversedV1,
  CustomerNotifiedV1,
];
