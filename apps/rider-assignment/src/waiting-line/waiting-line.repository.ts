import { Injectable } from '@nestjs/common';
import type { WaitingLineView } from '@dinner-rush/contracts';
import { PrismaService } from '../database/prisma.service';

interface WaitingLineRow {
  waiting: number;
  oldest: Date | null;
  available: number;
  busy: number;
}

@Injectable()
export class WaitingLineRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One statement, so the line and the fleet come from one snapshot (a rider
   * taking the head of the line is never counted twice). The waiting part is
   * read from the (status, requested_at) index.
   */
  async current(): Promise<WaitingLineView> {
    const [row] = await this.prisma.$queryRaw<WaitingLineRow[]>`
      SELECT
        (SELECT count(*) FROM assignments WHERE status = 'waiting')::int AS waiting,
        (SELECT min(requested_at) FROM assignments WHERE status = 'waiting') AS oldest,
        (SELECT count(*) FROM riders WHERE status = 'available')::int AS available,
        (SELECT count(*) FROM riders WHERE status = 'busy')::int AS busy`;
    return {
      waiting: row?.waiting ?? 0,
      oldestRequestedAt: row?.oldest?.toISOString() ?? null,
      riders: { available: row?.available ?? 0, busy: row?.busy ?? 0 },
    };
  }
}
