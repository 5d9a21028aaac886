import type { GeoPoint } from '@dinner-rush/contracts';

export interface CatalogueMenuItem {
  id: string;
  name: string;
  priceCents: number;
}

/** A merchant as GET /merchants shows it and as pricing reads it. */
export interface CatalogueMerchant {
  id: string;
  name: string;
  location: GeoPoint;
  menu: CatalogueMenuItem[];
}

/** An immutable, indexed snapshot of the catalogue, so placing an order needs no query. */
export class Catalogue {
  private readonly byId: ReadonlyMap<string, CatalogueMerchant>;

  constructor(readonly merchants: readonly CatalogueMerchant[]) {
    this.byId = new Map(merchants.map((merchant) => [merchant.id, merchant]));
  }

  merchant(id: string): CatalogueMerchant | undefined {
    return this.byId.get(id);
  }
}
