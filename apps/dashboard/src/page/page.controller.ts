import { Controller, Get, Header, Res, Sse, type MessageEvent } from '@nestjs/common';
import { Public, Roles } from '@dinner-rush/auth';
import type { Response } from 'express';
import { join } from 'node:path';
import { map, type Observable } from 'rxjs';
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
  @Public() // the page and its assets hold no data; what they show comes from /events
  page(@Res() response: Response): void {
    response.sendFile(join(this.dir, 'index.html'));
  }

  @Get('assets/dashboard.js')
  @Public()
  script(@Res() response: Response): void {
    response.type('text/javascript').sendFile(join(this.dir, 'dashboard.js'));
  }

  /** The page names it in a <link rel="icon">, so the browser asks for nothing that is missing. */
  @Get('assets/favicon.svg')
  @Public()
  icon(@Res() response: Response): void {
    response.type('image/svg+xml').sendFile(join(this.dir, 'favicon.svg'));
  }

  @Get('assets/chart.umd.js')
  @Public()
  chart(@Res() response: Response): void {
    response.type('text/javascript').sendFile(this.chartJs);
  }

  /** Server-sent events: the latest snapshot at once, then one per poll. */
  @Sse('events')
  @Roles('operator')
  events(): Observable<MessageEvent> {
    return this.snapshots.watch().pipe(map((snapshot) => ({ data: snapshot })));
  }

  @Get('snapshot')
  @Roles('operator')
  @Header('Cache-Control', 'no-store')
  async current(): Promise<Snapshot | null> {
    return (await this.snapshots.current()) ?? null;
  }

  /** The dashboard is ready as soon as it serves; what it watches may be down (the page says so). */
  @Get('health')
  @Public()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
