import {
  DEMO_CUSTOMER_COUNT,
  DEMO_PASSWORD,
  demoCustomerId,
  demoCustomerUsername,
} from '@dinner-rush/auth';
// eslint-disable-next-line no-restricted-imports -- tooling reads the demo catalogue so merchant logins cannot drift from it
import { DEMO_CATALOGUE } from '../../apps/order-service/src/catalogue/demo-catalogue';

// The customers are libs/auth's: the load generator and the dashboard log in as them under compose.
export { DEMO_CUSTOMER_COUNT, DEMO_PASSWORD };

/**
 * Who can log in to the demo realm (deploy/keycloak): the same people the demo
 * data talks about. A token's `sub` is the Keycloak user id, so each id is
 * fixed here: a merchant's login carries the catalogue's merchant id, and the
 * customers keep the same ids across `docker compose down -v`.
 */
export type DemoRole = 'customer' | 'merchant' | 'operator';

export interface DemoIdentity {
  id: string;
  username: string;
  /** Keycloak's default user profile requires both names: without them a login stops at "update profile". */
  firstName: string;
  lastName: string;
  role: DemoRole;
}

export const DEMO_OPERATOR_ID = 'a0000000-0000-4000-8000-000000000001';

export function demoIdentities(): DemoIdentity[] {
  const customers = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => ({
    id: demoCustomerId(i + 1),
    username: demoCustomerUsername(i + 1),
    firstName: 'Customer',
    lastName: String(i + 1).padStart(2, '0'),
    role: 'customer' as const,
  }));
  const merchants = DEMO_CATALOGUE.map((merchant) => ({
    id: merchant.id,
    username: merchant.id,
    firstName: merchant.name,
    lastName: 'Merchant',
    role: 'merchant' as const,
  }));
  const operator = {
    id: DEMO_OPERATOR_ID,
    username: 'operator',
    firstName: 'Demo',
    lastName: 'Operator',
    role: 'operator' as const,
  };
  return [...customers, ...merchants, operator];
}
