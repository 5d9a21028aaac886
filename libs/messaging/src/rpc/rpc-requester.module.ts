import { Module, type DynamicModule } from '@nestjs/common';
import type { RpcDefinition } from '@dinner-rush/contracts';
import { RPC_ASKER, RpcRequester, type RpcAsker } from './rpc-requester';

/**
 * Gives a service an RpcRequester. `service` prefixes its reply queue's name
 * (its broker user may declare only `<service>.*`); `asks` lists the requests
 * it sends, from which its broker grant is derived.
 */
@Module({})
export class RpcRequesterModule {
  static forService(service: string, asks: readonly RpcDefinition[]): DynamicModule {
    const asker: RpcAsker = { service, asks };
    return {
      module: RpcRequesterModule,
      providers: [{ provide: RPC_ASKER, useValue: asker }, RpcRequester],
      exports: [RpcRequester],
    };
  }
}
