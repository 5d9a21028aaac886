import { Body, Controller, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { z } from 'zod';
import type { DashboardConfig } from '../config';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import { ConsumerCommands } from './consumer-commands';
import { OrderPlacer } from './order-placer';
import { SpikeRunner } from './spike-runner';
import { forwardedTo } from './upstream-problem';

const SpikeBody = z.object({
  orders: z.number().int().min(1),
  seconds: z.number().min(0.1).max(600),
});
const WorkTimeBody = z.object({ workTimeMs: z.number().int().min(0).max(60_000) });

/** The page's buttons. Each one is a thin call into order-service or a consumer's admin API. */
@Roles('operator')
@Controller('actions')
export class ActionsController {
  private readonly spikeBody = new ZodValidationPipe(SpikeBody);
  private readonly workTimeBody = new ZodValidationPipe(WorkTimeBody);

  constructor(
    private readonly placer: OrderPlacer,
    private readonly spikes: SpikeRunner,
    private readonly consumers: ConsumerCommands,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
  ) {}

  @Post('order')
  async placeOrder(): Promise<{ id: string }> {
    return { id: await forwardedTo('order-service', this.placer.placeOne()) };
  }

  @Post('spike')
  @HttpCode(202)
  spike(@Body() body: unknown) {
    const { orders, seconds } = this.spikeBody.transform(body);
    if (orders > this.config.SPIKE_MAX_ORDERS) {
      throw new ProblemException({
        title: 'Spike too large',
        status: 422,
        code: 'spike-too-large',
        detail: `at most ${this.config.SPIKE_MAX_ORDERS} orders per spike (SPIKE_MAX_ORDERS)`,
      });
    }
    if (!this.spikes.start(orders, seconds)) {
      throw new ProblemException({
        title: 'A spike is running',
        status: 409,
        code: 'spike-running',
      });
    }
    return this.spikes.progress();
  }

  @Post('queues/:queue/pause')
  @HttpCode(200)
  pause(@Param('queue') queue: string) {
    return this.consumers.pause(queue);
  }

  @Post('queues/:queue/resume')
  @HttpCode(200)
  resume(@Param('queue') queue: string) {
    return this.consumers.resume(queue);
  }

  @Put('services/:service/work-time')
  workTime(@Param('service') service: string, @Body() body: unknown) {
    return this.consumers.setWorkTime(service, this.workTimeBody.transform(body).workTimeMs);
  }
}
