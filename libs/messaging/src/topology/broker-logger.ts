import { ConsoleLogger, Logger } from '@nestjs/common';

/**
 * golevelup's logger, minus two start-up lines that are wrong here: handlers
 * are subscribed by ConsumerRegistrar (not "skipped"), and not waiting for the
 * broker at boot is deliberate (readiness is /health's job).
 */
const MISLEADING = [/^Skipping RabbitMQ Handlers/, /^Skipping connection health checks/];

export class BrokerLogger extends ConsoleLogger {
  private readonly target = new Logger('RabbitMQ');

  override log(message: unknown, context?: string): void {
    if (typeof message === 'string' && MISLEADING.some((pattern) => pattern.test(message))) return;
    this.target.log(message, context);
  }

  override warn(message: unknown, context?: string): void {
    this.target.warn(message, context);
  }

  override error(message: unknown, stackOrContext?: string, context?: string): void {
    this.target.error(message, stackOrContext, context);
  }

  override debug(message: unknown, context?: string): void {
    this.target.debug(message, context);
  }

  override verbose(message: unknown, context?: string): void {
    this.target.verbose(message, context);
  }
}
