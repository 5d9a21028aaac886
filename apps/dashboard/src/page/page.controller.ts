import { Controller, Get, Header, Res, Sse, type MessageEvent } from '@nestjs/common';
import type { Response } from 'express';
import { join } from 'node:path';
import { filter, map, type Observable } from 'rxjs';
import { SnapshotService } from '../snapshot/snapshot.service';
import type { Snapshot } from '../snapshot/snapshot';
import { chartJsFile, publicDir } from './public-files';

/** The page, its scripts, and the snapshot stream it listens to. */
@Controller()
export class PageController {
  private readonly dir = publicDir();
  private readonly chartJs = chartJsFile();

  constructor(private readonly snapshots: SnapshotService) {}

  @Get()
  page(@Res() response: Response): void {
    response.sendFile(join(this.dir, 'index.html'));
  }

  @Get('assets/dashboard.js')
  script(@Res() response: Response): void {
    response.type('text/javascript').sendFile(join(this.dir, 'dashboard.js'));
  }

  @Get('assets/chart.umd.js')
  chart(@Res() response: Response): void {
    response.type('text/javascript').sendFile(this.chartJs);
  }

  /** Server-sent events: the latest snapshot at once, then one per poll. */
  @Sse('events')
  events(): Observable<MessageEvent> {
    return this.snapshots.snapshots.pipe(
      filter((snapshot): snapshot is Snapshot => snapshot !== undefined),
      map((snapshot) => ({ data: snapshot })),
    );
  }

  @Get('snapshot')
  @Header('Cache-Control', 'no-store')
  current(): Snapshot | null {
    return this.snapshots.snapshots.value ?? null;
  }

  /** The dashboard is ready as soon as it serves; what it watches may be down (the page says so). */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
