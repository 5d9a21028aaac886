import type { GeoPoint } from '../events/shared-schemas';

export interface CatalogueMenuItem {
  id: string;
  name: string;
  priceCents: number;
}

/** A merchant as GET /merchants answers it: what a client builds a POST /orders body from. */
export interface CatalogueMerchant {
  id: string;
  name: string;
  location: GeoPoint;
  menu: CatalogueMenuItem[];
}
