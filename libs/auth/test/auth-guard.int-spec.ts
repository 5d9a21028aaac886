import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AuthModule,
  bearerHeader,
  CurrentCaller,
  OwnerOrOperator,
  Public,
  Roles,
  TokenClient,
  DEV_TOOLS_CLIENT_SECRET,
  type Caller,
} from '@dinner-rush/auth';
import { listenDevIssuer, type RunningDevIssuer } from '@dinner-rush/dev-issuer';
import { ProblemDetailsFilter } from '@dinner-rush/service-kit';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open(@CurrentCaller() caller: Caller | undefined) {
    return { caller: caller ?? null };
  }

  @Roles('operator')
  @Get('operators')
  operators(@CurrentCaller() caller: Caller) {
    return caller;
  }

  @OwnerOrOperator('customer', 'customerId')
  @Get('customers/:customerId/things')
  things(@Param('customerId') customerId: string) {
    return { customerId };
  }

  @Get('forgotten')
  forgotten() {
    return { reached: true };
  }
}

/** The guard against a real OpenID provider (the dev issuer), in front of a probe app. */
describe('AuthGuard with tokens from the dev issuer', () => {
  let issuer: RunningDevIssuer;
  let stranger: RunningDevIssuer;
  let app: INestApplication;
  let tokens: TokenClient;

  beforeAll(async () => {
    issuer = await listenDevIssuer({ port: 0, toolsClientSecret: DEV_TOOLS_CLIENT_SECRET });
    stranger = await listenDevIssuer({ port: 0, toolsClientSecret: DEV_TOOLS_CLIENT_SECRET });
    @Module({
      imports: [AuthModule.forRoot({ OIDC_ISSUER: issuer.url, OIDC_AUDIENCE: 'dinner-rush' })],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    tokens = new TokenClient({
      OIDC_ISSUER: issuer.url,
      OIDC_TOOLS_CLIENT_SECRET: DEV_TOOLS_CLIENT_SECRET,
    });
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    await stranger?.close();
  });

  const http = () => request(app.getHttpServer());

  it('answers 401 problem+json with WWW-Authenticate: Bearer without a token', async () => {
    const response = await http().get('/operators');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('answers 401 for a token of another issuer and for a malformed one', async () => {
    const foreign = new TokenClient({
      OIDC_ISSUER: stranger.url,
      OIDC_TOOLS_CLIENT_SECRET: DEV_TOOLS_CLIENT_SECRET,
    });
    for (const token of [await foreign.operator(), 'not.a.jwt']) {
      const response = await http().get('/operators').set(bearerHeader(token));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('answers 401 once a token has expired', async () => {
    const shortLived = await listenDevIssuer({
      port: 0,
      toolsClientSecret: DEV_TOOLS_CLIENT_SECRET,
      accessTokenTtlSeconds: 1,
    });
    try {
      @Module({
        imports: [
          AuthModule.forRoot({ OIDC_ISSUER: shortLived.url, OIDC_AUDIENCE: 'dinner-rush' }),
        ],
        controllers: [ProbeController],
      })
      class ShortLivedModule {}
      const shortApp = await NestFactory.create(ShortLivedModule, { logger: false });
      shortApp.useGlobalFilters(new ProblemDetailsFilter());
      await shortApp.init();
      const token = await new TokenClient({
        OIDC_ISSUER: shortLived.url,
        OIDC_TOOLS_CLIENT_SECRET: DEV_TOOLS_CLIENT_SECRET,
      }).operator();
      // Past its one-second lifetime (no clock tolerance): the verifier names the exp claim.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const late = await request(shortApp.getHttpServer())
        .get('/operators')
        .set(bearerHeader(token));
      await shortApp.close();
      expect(late.status).toBe(401);
      expect(late.body.detail).toMatch(/exp/);
    } finally {
      await shortLived.close();
    }
  });

  it('answers 403 problem+json for a role the route does not admit', async () => {
    const response = await http()
      .get('/operators')
      .set(bearerHeader(await tokens.forRole('customer', randomUUID())));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, code: 'wrong-role' });
  });

  it('refuses a route without an access rule, even to an operator', async () => {
    const response = await http()
      .get('/forgotten')
      .set(bearerHeader(await tokens.operator()));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('no-access-rule');
  });

  it('names the caller: the tools client is an operator whose sub is its client id', async () => {
    const response = await http()
      .get('/operators')
      .set(bearerHeader(await tokens.operator()));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'dinner-rush-tools', roles: ['operator'] });
  });

  it("lets a customer at their own resource, answers 404 for another's, lets an operator at any", async () => {
    const me = randomUUID();
    const someoneElse = randomUUID();
    const mine = await tokens.forRole('customer', me);
    expect((await http().get(`/customers/${me}/things`).set(bearerHeader(mine))).status).toBe(200);
    const theirs = await http().get(`/customers/${someoneElse}/things`).set(bearerHeader(mine));
    expect(theirs.status).toBe(404);
    const merchant = await tokens.forRole('merchant', me);
    expect((await http().get(`/customers/${me}/things`).set(bearerHeader(merchant))).status).toBe(
      403,
    );
    const operator = await tokens.operator();
    expect(
      (await http().get(`/customers/${someoneElse}/things`).set(bearerHeader(operator))).status,
    ).toBe(200);
  });

  it('serves a public route to anyone, and names a caller who sent a valid token', async () => {
    expect((await http().get('/open')).body).toEqual({ caller: null });
    expect((await http().get('/open').set(bearerHeader('garbage'))).body).toEqual({ caller: null });
    const sub = randomUUID();
    const named = await http()
      .get('/open')
      .set(bearerHeader(await tokens.forRole('merchant', sub)));
    expect(named.body).toEqual({ caller: { sub, roles: ['merchant'] } });
  });
});
