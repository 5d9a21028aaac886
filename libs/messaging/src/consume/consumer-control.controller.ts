import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { z } from 'zod';
import { ConsumerControl, type ConsumerState } from './consumer-control.service';

export interface ConsumersView {
  workTimeMs: number;
  consumers: ConsumerState[];
}

const WorkTimeBody = z.object({ workTimeMs: z.number().int().min(0).max(60_000) }).strict();

/**
 * Admin API for demos (CONSUMER_CONTROL; on unless NODE_ENV=production): pause
 * and resume a queue's consumer, and change the simulated work per message.
 * No authentication: it exists for a local demo and is off in production.
 */
@Roles('operator')
@Controller('admin/consumers')
export class ConsumerControlController {
  constructor(private readonly control: ConsumerControl) {}

  @Get()
  state(): ConsumersView {
    return { workTimeMs: this.control.pace.workTimeMs, consumers: this.control.list() };
  }

  @Post(':queue/pause')
  @HttpCode(200)
  async pause(@Param('queue') queue: string): Promise<ConsumersView> {
    await this.control.pause(queue);
    return this.state();
  }

  @Post(':queue/resume')
  @HttpCode(200)
  async resume(@Param('queue') queue: string): Promise<ConsumersView> {
    await this.control.resume(queue);
    return this.state();
  }

  @Put('work-time')
  workTime(@Body() body: unknown): ConsumersView {
    const parsed = WorkTimeBody.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException(`workTimeMs: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    this.control.pace.workTimeMs = parsed.data.workTimeMs;
    return this.state();
  }
}
