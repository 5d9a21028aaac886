import { Controller, Get } from '@nestjs/common';
import { RidersRepository, type RiderView } from './riders.repository';

@Controller('riders')
export class RidersController {
  constructor(private readonly riders: RidersRepository) {}

  /** The whole fleet with where each rider is and what it carries. */
  @Get()
  list(): Promise<RiderView[]> {
    return this.riders.list();
  }
}
