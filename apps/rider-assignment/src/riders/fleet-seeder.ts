import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { demoFleet } from './fleet';
import { RidersRepository } from './riders.repository';

/**
 * Seeds the demo fleet at boot. OnModuleInit runs before any
 * onApplicationBootstrap, i.e. before the consumers start, so the first order
 * already finds riders instead of joining the waiting line.
 */
@Injectable()
export class FleetSeeder implements OnModuleInit {
  private readonly logger = new Logger(FleetSeeder.name);

  constructor(
    private readonly riders: RidersRepository,
    @Inject(APP_CONFIG) private readonly config: RiderAssignmentConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await this.riders.upsertFleet(demoFleet(this.config.RIDER_FLEET_SIZE));
    this.logger.log(`demo fleet ready: ${this.config.RIDER_FLEET_SIZE} riders`);
  }
}
