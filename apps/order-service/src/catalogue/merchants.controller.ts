import { Controller, Get } from '@nestjs/common';
import { Public } from '@dinner-rush/auth';
import type { CatalogueMerchant } from '@dinner-rush/contracts';
import { CatalogueService } from './catalogue.service';

@Public() // the catalogue is what a visitor browses before signing in
@Controller('merchants')
export class MerchantsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  list(): readonly CatalogueMerchant[] {
    return this.catalogue.catalogue.merchants;
  }
}
