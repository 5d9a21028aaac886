import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from '../messaging-options';

/**
 * Simulated work per message (WORK_TIME_MS at boot), changeable while the
 * service runs so a demo can slow a consumer down and watch its queue fill
 * while intake stays fast. Handlers read it on every message.
 */
@Injectable()
export class ConsumerPace {
  private current: number;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions) {
    this.current = options.workTimeMs ?? 0;
  }

  get workTimeMs(): number {
    return this.current;
  }

  set workTimeMs(ms: number) {
    if (!Number.isInteger(ms) || ms < 0)
      throw new RangeError(`work time must be ≥ 0 ms, got ${ms}`);
    this.current = ms;
  }
}
