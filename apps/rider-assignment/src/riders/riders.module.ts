import { Module } from '@nestjs/common';
import { FleetSeeder } from './fleet-seeder';
import { RidersController } from './riders.controller';
import { RidersRepository } from './riders.repository';

@Module({
  controllers: [RidersController],
  providers: [RidersRepository, FleetSeeder],
})
export class RidersModule {}
