import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerControlController } from './consumer-control.controller';

/**
 * The consumer admin API, mounted only when enabled. ConsumerControl and
 * ConsumerPace themselves always exist (MessagingModule provides them): every
 * handler is subscribed and paced through them either way.
 */
@Module({})
export class ConsumerControlModule {
  static register(enabled: boolean): DynamicModule {
    return {
      module: ConsumerControlModule,
      controllers: enabled ? [ConsumerControlController] : [],
    };
  }
}
