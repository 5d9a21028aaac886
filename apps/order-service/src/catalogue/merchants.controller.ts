import { Controller, Get } from '@nestjs/common';
import type { CatalogueMerchant } from '@dinner-rush/contracts';
import { CatalogueService } from './catalogue.service';

@Controller('merchants')
export class MerchantsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  list(): readonly CatalogueMerchant[] {
    return this.catalogue.catalogue.merchants;
  }
}
