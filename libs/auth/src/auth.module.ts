import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenVerifier } from './access-token-verifier';
import type { AuthSettings } from './auth-config';
import { AuthGuard } from './auth.guard';

/** AuthGuard on every route of the application, checking tokens against `settings`. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AccessTokenVerifier, useValue: new AccessTokenVerifier(settings) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
