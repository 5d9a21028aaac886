import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RetentionSweeper, type RetentionRule } from '@dinner-rush/database';
import type { Pool } from 'pg';

/** The first sweep waits for boot (migrations, seeding, the first orders) to settle. */
const FIRST_SWEEP_AFTER_MS = 15_000;

/**
 * Runs the service's RetentionSweeper for the life of the application, every
 * `sweepEveryMs` (RETENTION_SWEEP_MS, a minute by default); a sweep that fails
 * (the database away) is simply tried again later.
 */
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private readonly sweeper: RetentionSweeper;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    pool: Pool,
    rules: readonly RetentionRule[],
    private readonly sweepEveryMs = 60_000,
  ) {
    this.sweeper = new RetentionSweeper(pool, rules);
  }

  onApplicationBootstrap(): void {
    const schedule = (ms: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = this.sweep().finally(() => schedule(this.sweepEveryMs));
      }, ms);
      this.timer.unref();
    };
    schedule(Math.min(FIRST_SWEEP_AFTER_MS, this.sweepEveryMs));
  }

  /** Before the pool closes (the database module's own shutdown hook comes after). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const deleted = await this.sweeper.sweep();
      const gone = Object.entries(deleted).filter(([, n]) => n > 0);
      if (gone.length > 0) {
        this.logger.log(`retention: ${gone.map(([table, n]) => `${n} from ${table}`).join(', ')}`);
      }
    } catch (error) {
      this.logger.warn(`retention sweep failed, trying again later: ${String(error)}`);
    }
  }
}
