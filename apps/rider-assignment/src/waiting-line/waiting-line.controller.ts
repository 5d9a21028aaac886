import { Controller, Get } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import type { WaitingLineView } from '@dinner-rush/contracts';
import { WaitingLineRepository } from './waiting-line.repository';

@Roles('operator')
@Controller('waiting-line')
export class WaitingLineController {
  constructor(private readonly line: WaitingLineRepository) {}

  /** How many orders wait for a rider, since when, and how many riders are out (the dashboard polls it). */
  @Get()
  current(): Promise<WaitingLineView> {
    return this.line.current();
  }
}
