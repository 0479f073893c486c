/**
 * Audit and temporary lockout, driven by the simulation clock. Atlas for Government logs
 * every failed login, temporary lockout and failed Digest authentication with the
 * username and IP address; the simulator keeps that log on the control plane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry as LoggedEntry } from '../../src/auth/audit.js';
import { DEFAULT_LOCKOUT } from '../../src/auth/lockout.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { bearer, requestToken } from '../support/iam.js';

/** An entry as the control plane shows it (the internal millisecond time left out). */
type AuditEntry = Omit<LoggedEntry, 'timeMs'>;

let atlas: TestAtlas;
const control = async (method: string, path: string, body?: unknown) =>
  fetch(`${atlas.url}/_mock${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
const audit = async (query = ''): Promise<AuditEntry[]> => ((await (await control('GET', `/audit${query}`)).json()) as { entries: AuditEntry[] }).entries;

async function tenant(): Promise<TenantCredentials> {
  return (await (await control('POST', '/tenants', {})).json()) as TenantCredentials;
}

/** A Digest call with the key's public key and the given private key. */
const digest = (t: TenantCredentials, privateKey: string) =>
  atlas.call('GET', `/orgs/${t.orgId}`, { tenant: { ...t, apiKey: { ...t.apiKey, privateKey } }, auth: 'digest' });

beforeAll(async () => {
  atlas = await startAtlas({ lockout: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 120 } });
});
afterAll(() => atlas.close());

describe('temporary lockout', () => {
  it('defaults to 10 failures in 5 minutes locking out for 15 minutes, and is configurable', async () => {
    expect(DEFAULT_LOCKOUT).toEqual({ maxFailures: 10, windowSeconds: 300, lockoutSeconds: 900 });
    const fresh = await startAtlas();
    try {
      expect(await (await fetch(`${fresh.url}/_mock/lockout`)).json()).toEqual({ ...DEFAULT_LOCKOUT, lockedOut: [] });
    } finally {
      await fresh.close();
    }
    expect(await (await control('GET', '/lockout')).json()).toEqual({ maxFailures: 3, windowSeconds: 60, lockoutSeconds: 120, lockedOut: [] });
  });

  it('locks a Digest principal out after N failures in the window, even with the right key, then lets it back', async () => {
    const t = await tenant();
    for (let i = 0; i < 3; i++) expect((await digest(t, '00000000-0000-4000-8000-000000000000')).status).toBe(401);
    const locked = await digest(t, t.apiKey.privateKey);
    expect(locked.status).toBe(401);
    // Indistinguishable from any failed authentication: same body, a fresh challenge.
    expect(locked.json).toEqual({ error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.', errorCode: 'UNEXPECTED_ERROR' });
    expect(locked.headers['www-authenticate']).toMatch(/^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=false$/);
    const lockouts = (await (await control('GET', '/lockout')).json()) as { lockedOut: Array<{ principal: string }> };
    expect(lockouts.lockedOut.map((l) => l.principal)).toEqual([t.apiKey.publicKey]);

    const entries = await audit(`?principal=${t.apiKey.publicKey}`);
    expect(entries.map((e) => [e.method, e.reason, e.lockout])).toEqual([
      ['DIGEST', 'bad-response', false],
      ['DIGEST', 'bad-response', false],
      ['DIGEST', 'bad-response', false],
      ['DIGEST', 'lockout-started', true],
      ['DIGEST', 'locked-out', true],
    ]);
    expect(entries[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      method: 'DIGEST',
      principal: t.apiKey.publicKey,
      principalId: t.apiKey.id,
      ip: '127.0.0.1',
      reason: 'bad-response',
      route: `GET /api/atlas/v2/orgs/${t.orgId}`,
      lockout: false,
    });

    atlas.sim.advance(119);
    expect((await digest(t, t.apiKey.privateKey)).status).toBe(401);
    atlas.sim.advance(1);
    expect((await digest(t, t.apiKey.privateKey)).status).toBe(200);
  });

  it('counts only failures within the window, and a success starts the count over', async () => {
    const t = await tenant();
    const wrong = '11111111-1111-4111-8111-111111111111';
    await digest(t, wrong);
    await digest(t, wrong);
    atlas.sim.advance(61);
    await digest(t, wrong);
    expect((await digest(t, t.apiKey.privateKey)).status).toBe(200);
    await digest(t, wrong);
    await digest(t, wrong);
    expect((await digest(t, t.apiKey.privateKey)).status).toBe(200);
  });

  it('locks names that exist nowhere the same way, so a lockout reveals nothing', async () => {
    const t = await tenant();
    const ghost = { ...t, apiKey: { id: 'none', publicKey: 'zzzzzzzz', privateKey: '22222222-2222-4222-8222-222222222222' } };
    for (let i = 0; i < 4; i++) expect((await atlas.call('GET', `/orgs/${t.orgId}`, { tenant: ghost, auth: 'digest' })).status).toBe(401);
    const entries = await audit('?principal=zzzzzzzz');
    expect(entries.map((e) => e.reason)).toEqual(['unknown-user', 'unknown-user', 'unknown-user', 'lockout-started', 'locked-out']);
    expect(entries.every((e) => e.principalId === null)).toBe(true);
  });

  it('locks a service account out at the token endpoint, refusing its tokens too, then lets it back', async () => {
    const t = await tenant();
    const { clientId, clientSecret } = t.serviceAccount;
    const token = (await requestToken(atlas, clientId, clientSecret)).token!;
    for (let i = 0; i < 3; i++) expect((await requestToken(atlas, clientId, `${clientSecret}x`)).status).toBe(401);
    const locked = await requestToken(atlas, clientId, clientSecret);
    expect(locked).toEqual({ status: 401, token: null, body: { error_description: 'Invalid credentials provided.', error: 'invalid_client' } });
    const call = await atlas.call('GET', `/orgs/${t.orgId}`, bearer(token));
    expect(call.status).toBe(401);
    expect(call.headers['www-authenticate']).toMatch(/^Digest /);
    expect((await audit(`?principal=${clientId}`)).map((e) => [e.method, e.reason, e.lockout])).toEqual([
      ['TOKEN_ENDPOINT', 'invalid-secret', false],
      ['TOKEN_ENDPOINT', 'invalid-secret', false],
      ['TOKEN_ENDPOINT', 'invalid-secret', false],
      ['TOKEN_ENDPOINT', 'lockout-started', true],
      ['TOKEN_ENDPOINT', 'locked-out', true],
      ['BEARER', 'locked-out', true],
    ]);
    atlas.sim.advance(120);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, bearer(token))).status).toBe(200);
    expect((await requestToken(atlas, clientId, clientSecret)).status).toBe(200);
  });

  it('changes its settings through the control plane, and lifts lockouts there', async () => {
    expect((await control('PUT', '/lockout', { maxFailures: 1 })).status).toBe(200);
    try {
      const t = await tenant();
      await digest(t, '33333333-3333-4333-8333-333333333333');
      expect((await digest(t, t.apiKey.privateKey)).status).toBe(401);
      expect((await control('DELETE', '/lockout')).status).toBe(204);
      expect((await digest(t, t.apiKey.privateKey)).status).toBe(200);
      expect((await control('PUT', '/lockout', { maxFailures: -1 })).status).toBe(400);
    } finally {
      await control('PUT', '/lockout', { maxFailures: 3 });
    }
  });
});

describe('audit log', () => {
  it('records refused Bearer tokens with the reason, and never a secret', async () => {
    const t = await tenant();
    const token = (await requestToken(atlas, t.serviceAccount.clientId, t.serviceAccount.clientSecret)).token!;
    atlas.sim.advance(1); // earlier tests' entries share the previous second
    const since = new Date(atlas.sim.clock.now()).toISOString();
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, bearer('not.a.jwt'))).status).toBe(401);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, bearer(`${token.slice(0, -4)}AAAA`))).status).toBe(401);
    atlas.sim.advance(3600);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, bearer(token))).status).toBe(401);
    const basic = await atlas.call('GET', `/orgs/${t.orgId}`, { headers: { Authorization: `Basic ${Buffer.from(`${t.apiKey.publicKey}:${t.apiKey.privateKey}`).toString('base64')}` }, auth: 'none' });
    expect(basic.status).toBe(401);
    await requestToken(atlas, t.serviceAccount.clientId, 'mdb_sa_sk_wrong');

    const entries = await audit(`?since=${encodeURIComponent(since)}`);
    expect(entries.map((e) => [e.method, e.principal, e.reason])).toEqual([
      ['BEARER', null, 'invalid-token'],
      ['BEARER', null, 'invalid-token'],
      ['BEARER', t.serviceAccount.clientId, 'expired-token'],
      ['BASIC', null, 'unsupported-scheme'],
      ['TOKEN_ENDPOINT', t.serviceAccount.clientId, 'invalid-secret'],
    ]);
    expect(entries[4]!.route).toBe('POST /api/oauth/token');
    const everything = await (await control('GET', '/audit?format=jsonl')).text();
    for (const secret of [t.serviceAccount.clientSecret, t.apiKey.privateKey, 'mdb_sa_sk_wrong', token, 'not.a.jwt']) expect(everything).not.toContain(secret);
  });

  it('filters by time, principal and IP, and exports JSON lines', async () => {
    const t = await tenant();
    const t0 = atlas.sim.clock.now();
    await digest(t, '44444444-4444-4444-8444-444444444444');
    atlas.sim.advance(10);
    const t1 = atlas.sim.clock.now();
    await digest(t, '44444444-4444-4444-8444-444444444444');
    const byPrincipal = await audit(`?principal=${t.apiKey.publicKey}`);
    expect(byPrincipal).toHaveLength(2);
    expect(await audit(`?principal=${t.apiKey.id}`)).toEqual(byPrincipal);
    expect(await audit(`?principal=${t.apiKey.publicKey}&since=${t1}`)).toEqual([byPrincipal[1]]);
    expect(await audit(`?principal=${t.apiKey.publicKey}&until=${new Date(t0).toISOString()}`)).toEqual([byPrincipal[0]]);
    expect(await audit(`?principal=${t.apiKey.publicKey}&ip=127.0.0.1`)).toEqual(byPrincipal);
    expect(await audit(`?principal=${t.apiKey.publicKey}&ip=10.0.0.1`)).toEqual([]);
    const jsonl = await control('GET', `/audit?principal=${t.apiKey.publicKey}&format=jsonl`);
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson');
    const text = await jsonl.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n').map((l) => JSON.parse(l))).toEqual(byPrincipal);
    expect((await control('GET', '/audit?since=yesterday')).status).toBe(400);
    expect((await control('GET', '/audit?format=xml')).status).toBe(400);
  });
});
