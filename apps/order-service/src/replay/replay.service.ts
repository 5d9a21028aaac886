import { Injectable, Logger } from '@nestjs/common';
import { ProblemException } from '@dinner-rush/service-kit';
import type { ReplayRequest, ReplayResult } from './dto/replay-request.schema';
import { OutboxArchiveRepository } from './outbox-archive.repository';
import { ReplayPublisher } from './replay-publisher';

const PAGE_SIZE = 500;

/**
 * Replay for late joiners: a consumer that starts after orders were placed
 * asks for the archived order events to be sent to its own queue, so it
 * starts with history. Other consumers see nothing (the exchange routes by
 * queue name), and whatever the consumer had already applied is dropped by
 * its inbox, so asking twice, or overlapping live traffic, is harmless.
 */
@Injectable()
export class ReplayService {
  private readonly logger = new Logger(ReplayService.name);

  constructor(
    private readonly archive: OutboxArchiveRepository,
    private readonly publisher: ReplayPublisher,
  ) {}

  async replay(request: ReplayRequest): Promise<ReplayResult> {
    if (!(await this.publisher.queueExists(request.queue))) {
      throw new ProblemException({
        title: 'Unknown queue',
        status: 404,
        code: 'replay-queue-not-found',
        detail: `queue ${request.queue} does not exist: start its consumer once, then ask again`,
      });
    }
    const filter = {
      ...(request.since ? { since: new Date(request.since) } : {}),
      ...(request.types ? { types: request.types } : {}),
    };
    let replayed = 0;
    let afterId = 0n;
    for (;;) {
      const page = await this.archive.page(afterId, filter, PAGE_SIZE);
      if (page.length === 0) break;
      await this.publisher.publish(
        request.queue,
        page.map((event) => event.envelope),
      );
      replayed += page.length;
      afterId = page[page.length - 1]?.id ?? afterId;
    }
    this.logger.log(`replayed ${replayed} order event(s) to ${request.queue}`);
    return { queue: request.queue, replayed, since: request.since ?? null };
  }
}
