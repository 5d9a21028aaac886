import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BrokerHealthIndicator } from '@dinner-rush/messaging';
import { databaseCheck, HealthController, READINESS_CHECKS } from './health.controller';

type SqlPingable = Parameters<typeof databaseCheck>[0];

/** GET /health for a service: ready when its database answers and its broker is connected. */
@Module({})
export class HealthModule {
  static forDatabase(database: Type<SqlPingable>): DynamicModule {
    return {
      module: HealthModule,
      // A failed readiness check is an answer (503 with the reasons), not an error to log.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: [database, BrokerHealthIndicator],
          useFactory: (db: SqlPingable, broker: BrokerHealthIndicator) => [
            databaseCheck(db),
            () => broker.check(),
          ],
        },
      ],
    };
  }
}
