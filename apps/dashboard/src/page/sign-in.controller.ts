import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { Public } from '@dinner-rush/auth';
import type { Response } from 'express';
import { join } from 'node:path';
import type { DashboardConfig } from '../config';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import { publicDir } from './public-files';

/** What the page needs to get an operator's token itself (public: it names no secret). */
export interface SignInSettings {
  /** The issuer the dashboard's routes trust; the browser asks it for tokens. */
  issuer: string;
  /** A public client with authorization code + PKCE (Keycloak's dinner-rush-dashboard); null: paste a token. */
  clientId: string | null;
}

/**
 * The page's sign-in: its script and settings. The page keeps the operator's
 * access token in the tab (sessionStorage) and sends it as a bearer header,
 * never as a cookie, so no other site can make the browser act with it.
 */
@Controller()
export class SignInController {
  private readonly script = join(publicDir(), 'operator-sign-in.js');

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @Get('assets/operator-sign-in.js')
  @Public()
  signInScript(@Res() response: Response): void {
    response.type('text/javascript').sendFile(this.script);
  }

  @Get('sign-in.json')
  @Public()
  @Header('Cache-Control', 'no-store')
  settings(): SignInSettings {
    return {
      issuer: this.config.OIDC_ISSUER,
      clientId: this.config.DASHBOARD_LOGIN_CLIENT_ID ?? null,
    };
  }
}
