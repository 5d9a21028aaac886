// The operator's access token for this tab. The dashboard's data routes are operator-only
// (docs/auth.md). The page sends the token as a bearer header, never as a cookie, so another
// site cannot make the browser call the dashboard with it (no CSRF), and keeps it in
// sessionStorage (this tab only). Where the issuer has a browser login (Keycloak's public
// client dinner-rush-dashboard: authorization code + PKCE) the page signs in there; the dev
// issuer has none, so the page takes a pasted token, or one in the address's fragment
// (#access_token=…, which never reaches a server or its logs).
(function () {
  'use strict';

  const HELD = 'dinner-rush.operator';
  const LOGIN = 'dinner-rush.login';
  const EARLY_MS = 30_000; // renew this long before expiry: a request in flight must not outlive it

  const read = (key) => JSON.parse(sessionStorage.getItem(key) || 'null');
  const write = (key, value) => sessionStorage.setItem(key, JSON.stringify(value));
  const base64url = (bytes) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const redirectUri = () => `${location.origin}/`;

  /** A pasted token's expiry from its own `exp`; unreadable: kept until the dashboard refuses it. */
  function expiryOf(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).exp * 1000;
    } catch {
      return Number.MAX_SAFE_INTEGER;
    }
  }

  let settings;
  let endpoints;
  async function signInSettings() {
    settings ??= fetch('/sign-in.json').then((response) => response.json());
    return settings;
  }
  async function issuerEndpoints() {
    const { issuer } = await signInSettings();
    endpoints ??= fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).then(
      (response) => response.json(),
    );
    return endpoints;
  }

  async function askIssuer(form) {
    const { token_endpoint: tokenEndpoint } = await issuerEndpoints();
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(`the issuer refused a token: ${body.error || response.status}`);
    }
    write(HELD, {
      accessToken: body.access_token,
      refreshToken: body.refresh_token || null,
      expiresAt: Date.now() + (body.expires_in || 300) * 1_000,
    });
  }

  /** To the issuer's login page; it sends the browser back with a code only this tab can redeem. */
  async function loginAtIssuer(clientId) {
    const { authorization_endpoint: authorizationEndpoint } = await issuerEndpoints();
    const verifier = randomString();
    const state = randomString();
    write(LOGIN, { verifier, state });
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    const url = new URL(authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri(),
      scope: 'openid',
      state,
      code_challenge: base64url(digest),
      code_challenge_method: 'S256',
    }).toString();
    location.assign(url.toString());
    return new Promise(() => undefined); // the page is leaving
  }

  async function finishLogin(params) {
    const login = read(LOGIN);
    sessionStorage.removeItem(LOGIN);
    history.replaceState(null, '', location.pathname);
    if (!login || login.state !== params.get('state')) {
      throw new Error("the sign-in answer is not for this tab's request");
    }
    const { clientId } = await signInSettings();
    await askIssuer({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: clientId,
      code_verifier: login.verifier,
    });
  }

  function keepPasted(token) {
    write(HELD, { accessToken: token, refreshToken: null, expiresAt: expiryOf(token) });
  }

  function takeFragmentToken() {
    const token = new URLSearchParams(location.hash.slice(1)).get('access_token');
    if (!token) return;
    history.replaceState(null, '', location.pathname + location.search);
    keepPasted(token);
  }

  async function signIn() {
    const { clientId } = await signInSettings();
    if (clientId) return loginAtIssuer(clientId);
    const pasted = window.prompt('Operator access token (npm run -s token -- --role operator):');
    if (!pasted || !pasted.trim()) throw new Error('no operator token');
    keepPasted(pasted.trim());
  }

  async function currentToken() {
    const held = read(HELD);
    if (held && held.expiresAt - EARLY_MS > Date.now()) return held.accessToken;
    if (held && held.refreshToken) {
      const { clientId } = await signInSettings();
      await askIssuer({
        grant_type: 'refresh_token',
        refresh_token: held.refreshToken,
        client_id: clientId,
      }).catch(() => sessionStorage.removeItem(HELD));
      const renewed = read(HELD);
      if (renewed) return renewed.accessToken;
    }
    await signIn();
    return read(HELD).accessToken;
  }

  const params = new URLSearchParams(location.search);
  const arrived =
    params.has('code') && params.has('state')
      ? finishLogin(params)
      : Promise.resolve(takeFragmentToken());
  let asking; // one sign-in at a time, however many calls wait for it

  window.operatorSession = {
    /** The Authorization header for the dashboard's own routes. */
    async authorization() {
      await arrived.catch(() => undefined);
      asking ??= currentToken().finally(() => (asking = undefined));
      return `Bearer ${await asking}`;
    },
    /** The dashboard answered 401 (expired, revoked, foreign): forget the token; the next call signs in. */
    refused() {
      sessionStorage.removeItem(HELD);
    },
  };
})();
