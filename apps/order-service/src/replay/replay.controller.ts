import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ZodValidationPipe } from '@dinner-rush/service-kit';
import {
  ReplayRequestSchema,
  type ReplayRequest,
  type ReplayResult,
} from './dto/replay-request.schema';
import { ReplayService } from './replay.service';

@Roles('operator')
@Controller('replays')
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  /** Answers once every archived event is confirmed in the queue (`npm run replay` calls this). */
  @Post()
  @HttpCode(200)
  replay(
    @Body(new ZodValidationPipe(ReplayRequestSchema)) request: ReplayRequest,
  ): Promise<ReplayResult> {
    return this.replays.replay(request);
  }
}
