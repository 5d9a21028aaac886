import { Module } from '@nestjs/common';
import { HttpIngestController } from './http-ingest.controller';
import { HttpIngestDispatcher } from './http-ingest-dispatcher';

/**
 * Opt-in (HTTP_INGEST=true): the service's queue handlers also answer
 * POST /events. Off by default: in the real design nothing calls a consumer
 * directly; this exists so a synchronous chain can be measured against the
 * queued one with the very same handlers.
 */
@Module({
  controllers: [HttpIngestController],
  providers: [HttpIngestDispatcher],
})
export class HttpIngestModule {}
