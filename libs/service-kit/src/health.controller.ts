import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { CurrentCaller, Public, type Caller } from '@dinner-rush/auth';
import { ProblemException } from './problem-details.filter';

export type ReadinessCheck = () => Promise<HealthIndicatorResult> | HealthIndicatorResult;

/** The checks a service is ready with: its database and its broker connection. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Answers a database round trip as a readiness check (any Prisma client qualifies). */
export function databaseCheck(db: {
  $queryRawUnsafe(sql: string): Promise<unknown>;
}): ReadinessCheck {
  return async () => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      return { database: { status: 'up' } };
    } catch (error) {
      return { database: { status: 'down', message: String(error) } };
    }
  };
}

/**
 * GET /health (readiness): 200 when every check is up, 503 (problem body from
 * terminus) otherwise. GET /health/live (liveness): 200 whenever the process
 * serves HTTP, whatever its database and broker do, so an orchestrator takes
 * a service out of rotation during an outage instead of restarting it.
 *
 * Which dependency is down, and why (a connection error may name a host), is
 * for operators: anyone else gets the status alone.
 */
@Public() // probes and load balancers call it without a token
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @Get()
  @HealthCheck()
  async check(@CurrentCaller() caller: Caller | undefined): Promise<Partial<HealthCheckResult>> {
    const operator = caller?.roles.includes('operator') ?? false;
    try {
      const result = await this.health.check(this.checks);
      return operator ? result : { status: result.status };
    } catch (error) {
      if (operator || !(error instanceof ServiceUnavailableException)) throw error;
      throw new ProblemException({
        title: 'Service Unavailable',
        status: 503,
        code: 'not-ready',
        detail: 'a dependency of this service is down',
      });
    }
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
