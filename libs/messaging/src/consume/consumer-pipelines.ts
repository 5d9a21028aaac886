import { Injectable } from '@nestjs/common';
import type { ConsumerPipeline } from './consumer-pipeline';

/** Every batch consumer of this service, as ConsumerRegistrar built it (POST /events uses them too). */
@Injectable()
export class ConsumerPipelines {
  private readonly all: { name: string; pipeline: ConsumerPipeline }[] = [];

  add(name: string, pipeline: ConsumerPipeline): void {
    this.all.push({ name, pipeline });
  }

  list(): readonly { name: string; pipeline: ConsumerPipeline }[] {
    return this.all;
  }
}
