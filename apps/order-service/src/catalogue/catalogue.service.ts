import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';
import { Catalogue } from './catalogue';
import { CatalogueRepository } from './catalogue.repository';
import { DEMO_CATALOGUE } from './demo-catalogue';

/**
 * Owns the catalogue: seeds the demo merchants at boot when asked, then keeps
 * the whole catalogue in memory. It is read-only at runtime, so the hot path
 * (pricing an order) never queries it.
 */
@Injectable()
export class CatalogueService implements OnModuleInit {
  private readonly logger = new Logger(CatalogueService.name);
  private snapshot = new Catalogue([]);

  constructor(
    private readonly repository: CatalogueRepository,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.SEED_DEMO_DATA) await this.repository.upsert(DEMO_CATALOGUE);
    this.snapshot = new Catalogue(await this.repository.findAll());
    this.logger.log(`catalogue loaded: ${this.snapshot.merchants.length} merchants`);
  }

  get catalogue(): Catalogue {
    return this.snapshot;
  }
}
