import type { CatalogueMerchant } from '@dinner-rush/contracts';

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
