import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/simulation.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { curl } from '../support/tools.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const sa = () => atlas.tenant.serviceAccount;

async function tokenRequest(authorization: string | null, body = 'grant_type=client_credentials'): Promise<Response> {
  return fetch(`${atlas.url}/api/oauth/token`, {
    method: 'POST',
    headers: { ...(authorization && { Authorization: authorization }), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
  });
}

async function orgWith(token: string): Promise<Response> {
  return fetch(`${atlas.url}/api/atlas/v2/orgs/${atlas.tenant.orgId}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.atlas.2025-03-12+json' },
  });
}

describe('POST /api/oauth/token', () => {
  it('issues a one-hour ES512 bearer token with the Atlas claims and no refresh token', async () => {
    const res = await tokenRequest(basic(sa().clientId, sa().clientSecret));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^\{"access_token":"[^"]+","expires_in":3600,"token_type":"Bearer"\}$/);
    const token = JSON.parse(text).access_token as string;
    const header = decodeProtectedHeader(token);
    expect(Object.keys(header)).toEqual(['alg', 'typ', 'kid']);
    expect(header).toMatchObject({ alg: 'ES512', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims)).toEqual(['iss', 'aud', 'sub', 'cid', 'actorId', 'iat', 'exp', 'jti']);
    expect(claims).toMatchObject({ iss: 'https://cloud.mongodbgov.com', aud: 'api://admin', sub: sa().clientId, cid: sa().clientId, actorId: sa().clientId });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.iat).toBe(Math.floor(atlas.sim.clock.now() / 1000));
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The signature is a real P-521 ECDSA signature: jose verifies it with the public key.
    const key = await importJWK(atlas.sim.auth.signer.jwks().keys[0]!, 'ES512');
    await expect(jwtVerify(token, key, { currentDate: new Date(atlas.sim.clock.now()) })).resolves.toBeTruthy();
    expect((await orgWith(token)).status).toBe(200);
  });

  it('works with curl exactly as in the docs', async () => {
    const r = await curl([
      '--request', 'POST', `${atlas.url}/api/oauth/token`,
      '--header', `Authorization: ${basic(sa().clientId, sa().clientSecret)}`,
      '--header', 'Content-Type: application/x-www-form-urlencoded',
      '--header', 'Accept: application/json',
      '--data', 'grant_type=client_credentials',
    ]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).token_type).toBe('Bearer');
  });

  it('refuses bad credentials with invalid_client, and takes credentials literally (no URL-decoding)', async () => {
    const expected = '{"error_description":"Invalid credentials provided.","error":"invalid_client"}';
    for (const auth of [
      basic(sa().clientId, 'mdb_sa_sk_wrong'),
      basic('mdb_sa_id_000000000000000000000000', sa().clientSecret),
      basic(sa().clientId.replaceAll('_', '%5F'), sa().clientSecret.replaceAll('_', '%5F')),
      'Basic !!!',
      null,
    ]) {
      const res = await tokenRequest(auth);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe(expected);
    }
  });

  it('answers a missing grant with invalid_request and another grant with unsupported_grant_type', async () => {
    const missing = await tokenRequest(basic(sa().clientId, sa().clientSecret), '');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error).toBe('invalid_request');
    const other = await tokenRequest(basic(sa().clientId, sa().clientSecret), 'grant_type=refresh_token&refresh_token=x');
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({ error_description: expect.any(String), error: 'unsupported_grant_type' });
  });

  it('audits failed token requests with the client id and IP, never the secret', async () => {
    atlas.sim.auth.audit.clear();
    await tokenRequest(basic(sa().clientId, 'mdb_sa_sk_guess'));
    const entries = atlas.sim.auth.audit.list();
    expect(entries).toEqual([expect.objectContaining({ method: 'TOKEN_ENDPOINT', principal: sa().clientId, ip: '127.0.0.1', reason: 'invalid-secret', route: 'POST /api/oauth/token' })]);
    expect(JSON.stringify(entries)).not.toContain('mdb_sa_sk_guess');
  });
});

describe('Bearer tokens on the Administration API', () => {
  it('are valid at 3599 s and refused from 3600 s on the simulation clock', async () => {
    const res = await tokenRequest(basic(sa().clientId, sa().clientSecret));
    const token = ((await res.json()) as any).access_token;
    atlas.sim.advance(3599);
    expect((await orgWith(token)).status).toBe(200);
    atlas.sim.advance(1);
    const expired = await orgWith(token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API"/);
    expect(atlas.sim.auth.audit.list().at(-1)).toMatchObject({ method: 'BEARER', principal: sa().clientId, reason: 'expired-token' });
  });

  it('refuses a tampered token, and a token from another simulator', async () => {
    const token = ((await (await tokenRequest(basic(sa().clientId, sa().clientSecret))).json()) as any).access_token as string;
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86400 })).toString('base64url')}.${s}`;
    expect((await orgWith(forged)).status).toBe(401);
    expect((await orgWith('not.a.jwt')).status).toBe(401);
    const other = new Simulation({ seed: 'someone-else', clock: 'manual' });
    const c = other.auth.authenticateClient(other.defaultTenant!.serviceAccount.clientId, other.defaultTenant!.serviceAccount.clientSecret, { ip: '127.0.0.1', route: 'test', method: 'TOKEN_ENDPOINT' })!;
    expect((await orgWith(other.auth.issueToken(c).accessToken)).status).toBe(401);
  });
});

describe('POST /api/oauth/revoke', () => {
  it('answers 200 with no body, after which the token is refused', async () => {
    const token = ((await (await tokenRequest(basic(sa().clientId, sa().clientSecret))).json()) as any).access_token;
    expect((await orgWith(token)).status).toBe(200);
    const res = await fetch(`${atlas.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: basic(sa().clientId, sa().clientSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-length')).toBeNull();
    expect((await orgWith(token)).status).toBe(401);
  });

  it('needs the client credentials', async () => {
    const res = await fetch(`${atlas.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: basic(sa().clientId, 'wrong'), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=x',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error).toBe('invalid_client');
  });
});
