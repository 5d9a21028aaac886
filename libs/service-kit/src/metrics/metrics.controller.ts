import { Controller, Get, Header } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { register } from 'prom-client';

/**
 * GET /metrics: Prometheus text exposition of the process's default registry,
 * where every lib and app registers its metrics. Deliberately outside the
 * health and problem+json paths: a scraper wants plain text, even mid-outage.
 */
@Roles('operator') // a scraper gets an operator token (client_credentials)
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return register.metrics();
  }
}
