import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const mock = (method: string, path: string, body?: unknown) => atlas.call(method, `/_mock${path}`, { auth: 'none', ...(body !== undefined && { body }) });

describe('control plane', () => {
  it('lists its routes with a sentence each', async () => {
    const res = await mock('GET', '');
    const routes = res.json.routes as Array<{ method: string; path: string; summary: string }>;
    for (const path of ['/_mock/health', '/_mock/tenants', '/_mock/reset', '/_mock/clock', '/_mock/state', '/_mock/requests', '/_mock/audit', '/_mock/faults', '/_mock/lifecycle', '/_mock/rateLimits', '/_mock/inventory', '/_mock/ui']) {
      expect(routes.some((r) => r.path === path), path).toBe(true);
    }
    expect(routes.every((r) => r.summary.length > 10)).toBe(true);
  });

  it('reports health', async () => {
    const res = await mock('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', defaultOrgId: atlas.tenant.orgId, clock: { mode: 'manual' } });
  });

  it('creates isolated tenants that see nothing of each other', async () => {
    const a = (await mock('POST', '/tenants', { name: 'Agency A' })).json;
    const b = (await mock('POST', '/tenants', {})).json;
    expect(a.orgName).toBe('Agency A');
    expect(a.serviceAccount.clientId).toMatch(/^mdb_sa_id_[0-9a-f]{24}$/);
    expect(a.serviceAccount.clientSecret).toMatch(/^mdb_sa_sk_/);
    expect(a.apiKey.publicKey).toMatch(/^[a-z]{8}$/);
    expect(a.apiKey.privateKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    const orgsOfA = await atlas.call('GET', '/orgs', { tenant: a });
    expect(orgsOfA.json.results.map((o: { id: string }) => o.id)).toEqual([a.orgId]);
    const cross = await atlas.call('GET', `/orgs/${b.orgId}`, { tenant: a, auth: 'digest' });
    expect(cross.status).toBe(401);
    expect(cross.json.errorCode).toBe('USER_UNAUTHORIZED');
    expect(cross.text).not.toContain(b.orgName);
    expect((await mock('GET', `/tenants/${a.orgId}`)).json).toEqual(a);
  });

  it('removes a tenant, after which its credentials fail', async () => {
    const t = (await mock('POST', '/tenants', {})).json;
    expect((await mock('DELETE', `/tenants/${t.orgId}`)).status).toBe(204);
    const res = await atlas.call('GET', '/orgs', { tenant: t, auth: 'digest' });
    expect(res.status).toBe(401);
    expect((await mock('DELETE', `/tenants/${t.orgId}`)).json.errorCode).toBe('ORG_NOT_FOUND');
    expect((await mock('DELETE', '/tenants/nope')).json.errorCode).toBe('INVALID_ORG_ID');
  });

  it('reads, advances and sets the clock', async () => {
    const before = (await mock('GET', '/clock')).json.nowMs;
    const after = (await mock('POST', '/clock/advance', { seconds: 90 })).json.nowMs;
    expect(after - before).toBe(90_000);
    const set = (await mock('PUT', '/clock', { now: '2027-03-01T00:00:00Z' })).json;
    expect(set.now).toBe('2027-03-01T00:00:00.000Z');
    expect((await mock('POST', '/clock/advance', { seconds: -5 })).status).toBe(400);
    expect((await mock('PUT', '/clock', { now: 'yesterday' })).json.errorCode).toBe('INVALID_ATTRIBUTE');
  });

  it('exports and imports the whole state, and refuses a bad import without changing anything', async () => {
    const t = (await mock('POST', '/tenants', { name: 'Exported' })).json;
    const exported = (await mock('GET', '/state')).json;
    await mock('DELETE', `/tenants/${t.orgId}`);
    expect((await mock('PUT', '/state', exported)).status).toBe(204);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, { tenant: t, auth: 'digest' })).status).toBe(200);

    const current = (await mock('GET', '/state')).text;
    const broken = structuredClone(exported);
    broken.slices.organizations[0].created = 'not a number';
    const res = await mock('PUT', '/state', broken);
    expect(res.status).toBe(400);
    expect((await mock('PUT', '/state', { format: 'something-else' })).status).toBe(400);
    expect((await mock('GET', '/state')).text).toBe(current);
  });

  it('keeps a journal of requests with principal and version, never credentials', async () => {
    await mock('DELETE', '/requests');
    await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`, { version: '2024-01-01' });
    const entries = (await mock('GET', '/requests?operationId=getOrganization')).json.requests;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: `/api/atlas/v2/orgs/${atlas.tenant.orgId}`,
      status: 200,
      principal: atlas.tenant.serviceAccount.clientId,
      authMethod: 'BEARER',
      version: '2023-01-01',
      operationId: 'getOrganization',
    });
    expect(entries[0].requestHeaders.authorization).toBe('Bearer');
    expect((await mock('GET', '/requests?limit=x')).json.errorCode).toBe('INVALID_QUERY_PARAMETER');
  });

  it('filters the audit log and exports it as JSON lines', async () => {
    await mock('DELETE', '/audit');
    const bad = (key: string) => atlas.call('GET', '/orgs', { auth: 'digest', tenant: { ...atlas.tenant, apiKey: { ...atlas.tenant.apiKey, publicKey: key, privateKey: 'wrong' } } });
    await bad('aaaaaaaa');
    atlas.sim.advance(10);
    const mid = atlas.sim.clock.now();
    await bad('bbbbbbbb');
    const all = (await mock('GET', '/audit')).json.entries;
    expect(all.map((e: { principal: string }) => e.principal)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    expect((await mock('GET', `/audit?since=${mid}`)).json.entries.map((e: { principal: string }) => e.principal)).toEqual(['bbbbbbbb']);
    expect((await mock('GET', '/audit?principal=aaaaaaaa&ip=127.0.0.1')).json.entries).toHaveLength(1);
    const jsonl = await fetch(`${atlas.url}/_mock/audit?format=jsonl`);
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.principal)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    expect((await mock('GET', '/audit?since=notatime')).json.errorCode).toBe('INVALID_QUERY_PARAMETER');
  });

  it('injects faults: an Atlas error for N requests, then normal service', async () => {
    const added = await mock('POST', '/faults', { method: 'GET', path: '/api/atlas/v2/orgs/*', errorCode: 'SERVICE_UNAVAILABLE', count: 2 });
    expect(added.status).toBe(201);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`)).status);
    expect(codes).toEqual([503, 503, 200]);
    expect((await mock('GET', '/faults')).json.faults).toEqual([]);
    expect((await mock('POST', '/faults', { path: '/x', errorCode: 'NOT_A_CODE' })).status).toBe(400);
  });

  it('changes lifecycle delays and refuses unknown kinds', async () => {
    const res = await mock('PUT', '/lifecycle', { clusterCreate: 'manual', clusterDelete: 0 });
    expect(res.json).toMatchObject({ clusterCreate: 'manual', clusterDelete: 0 });
    expect((await mock('PUT', '/lifecycle', { spaceship: 3 })).json.errorCode).toBe('INVALID_ATTRIBUTE');
    expect((await mock('PUT', '/lifecycle', { clusterCreate: -1 })).status).toBe(400);
  });

  it('resets one tenant (credentials survive) or everything (default credentials survive)', async () => {
    const t = (await mock('POST', '/tenants', {})).json;
    expect((await mock('POST', '/reset', { orgId: t.orgId })).status).toBe(204);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, { tenant: t, auth: 'digest' })).status).toBe(200);
    expect((await mock('POST', '/reset', {})).status).toBe(204);
    expect((await atlas.call('GET', `/orgs/${t.orgId}`, { tenant: t, auth: 'digest' })).status).toBe(401);
    expect((await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`, { auth: 'digest' })).status).toBe(200);
    expect((await mock('GET', '/tenants')).json).toHaveLength(1);
  });
});

describe('the request journal keeps no secrets', () => {
  it('redacts passwords in JSON bodies and tokens in form bodies', async () => {
    await mock('DELETE', '/requests');
    const project = await atlas.call('POST', '/groups', { auth: 'digest', body: { name: 'journal-redaction', orgId: atlas.tenant.orgId } });
    expect(project.status).toBe(201);
    const user = await atlas.call('POST', `/groups/${project.json.id}/databaseUsers`, {
      auth: 'digest',
      body: { databaseName: 'admin', groupId: project.json.id, username: 'app', password: 'correct-horse-battery-staple', roles: [{ databaseName: 'admin', roleName: 'readWrite' }] },
    });
    expect(user.status).toBe(201);
    await fetch(`${atlas.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${atlas.tenant.serviceAccount.clientId}:${atlas.tenant.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=some-access-token&token_type_hint=access_token',
    });
    const text = (await mock('GET', '/requests')).text;
    expect(text).not.toContain('correct-horse-battery-staple');
    expect(text).not.toContain('some-access-token');
    const entries = (await mock('GET', '/requests')).json.requests;
    const create = entries.find((e: { operationId?: string }) => e.operationId === 'createDatabaseUser');
    expect(JSON.parse(create.requestBody)).toMatchObject({ username: 'app', password: '[redacted]' });
  });
});
