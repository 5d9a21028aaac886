import { Controller, Get } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { RidersRepository, type RiderView } from './riders.repository';

@Roles('operator')
@Controller('riders')
export class RidersController {
  constructor(private readonly riders: RidersRepository) {}

  /** The whole fleet with where each rider is and what it carries. */
  @Get()
  list(): Promise<RiderView[]> {
    return this.riders.list();
  }
}
