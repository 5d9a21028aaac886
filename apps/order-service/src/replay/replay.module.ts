import { Module } from '@nestjs/common';
import { OutboxArchiveRepository } from './outbox-archive.repository';
import { ReplayController } from './replay.controller';
import { ReplayPublisher } from './replay-publisher';
import { ReplayService } from './replay.service';

/** POST /replays: archived order events re-sent to one consumer's queue. */
@Module({
  controllers: [ReplayController],
  providers: [OutboxArchiveRepository, ReplayPublisher, ReplayService],
})
export class ReplayModule {}
