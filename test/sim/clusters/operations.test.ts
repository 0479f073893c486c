import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/sim/world.js';
import type { TenantCredentials } from '../../../src/sim/tenants.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, bodyV15, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 30, clusterDelete: 30, sampleDatasetLoad: 120 }));

const NEW = '2024-10-23';
const READ = '2024-08-05';

async function idle(name: string, g = makeProject(atlas)): Promise<string> {
  expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805(name) })).status).toBe(201);
  atlas.advance(60);
  return g;
}
const cluster = async (g: string, name: string) => (await atlas.call('GET', `/groups/${g}/clusters/${name}`, { version: READ })).json;

function keyWith(groupId: string, roles: Array<'GROUP_CLUSTER_MANAGER' | 'GROUP_READ_ONLY' | 'GROUP_OWNER'>): TenantCredentials {
  const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: 'ops roles', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } });
  return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
}

describe('autoScalingConfiguration', () => {
  it('independent shard scaling for clusters shaped through 2024-10-23, cluster-wide otherwise; deprecated without sunset', async () => {
    const g = await idle('asc-new');
    const path = `/groups/${g}/clusters/asc-new/autoScalingConfiguration`;
    const res = await atlas.call('GET', path, { version: READ });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ autoScalingMode: 'INDEPENDENT_SHARD_SCALING' });
    expect(res.headers.deprecation).toBe('Wed, 23 Oct 2024 00:00:00 GMT');
    expect(res.headers.sunset).toBeUndefined();
    expectConforms('GET', path, res);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2023-02-01', body: bodyV15('asc-old') });
    expect((await atlas.call('GET', `/groups/${g}/clusters/asc-old/autoScalingConfiguration`, { version: READ })).json).toEqual({ autoScalingMode: 'CLUSTER_WIDE_SCALING' });
    expectError(await atlas.call('GET', `/groups/${g}/clusters/none/autoScalingConfiguration`, { version: READ }), 404, 'CLUSTER_NOT_FOUND');
  });
});

describe('listClustersForAllProjects', () => {
  it('lists the caller\'s projects with their clusters; a project key sees only its project', async () => {
    const g = await idle('all-1');
    const path = '/clusters?itemsPerPage=500';
    const res = await atlas.call('GET', path, { version: '2023-01-01' });
    // Checked against the document by the conformance gate (org and project names with spaces are known differences).
    expect(res.status).toBe(200);
    const mine = res.json.results.find((r: any) => r.groupId === g);
    expect(mine).toMatchObject({ orgId: atlas.tenant.orgId, planType: 'Atlas', clusters: [{ name: 'all-1', availability: 'available', nodeCount: 3, type: 'REPLICA_SET', versions: ['8.0.29'], sslEnabled: true, authEnabled: true }] });
    const narrow = keyWith(g, ['GROUP_READ_ONLY']);
    const only = await atlas.call('GET', '/clusters', { version: '2023-01-01', auth: 'digest', tenant: narrow });
    expect(only.json.results.map((r: any) => r.groupId)).toEqual([g]);
  });
});

describe('testFailover', () => {
  it('restarts the primary: UPDATING until done, one test at a time, only on a healthy cluster', async () => {
    const g = await idle('fo-1');
    const path = `/groups/${g}/clusters/fo-1/restartPrimaries`;
    const res = await atlas.call('POST', path, { version: '2023-02-01' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await cluster(g, 'fo-1')).stateName).toBe('UPDATING');
    expectError(await atlas.call('POST', path, { version: '2023-02-01' }), 400, 'CLUSTER_RESTART_IN_PROGRESS');
    atlas.advance(30);
    expect((await cluster(g, 'fo-1')).stateName).toBe('IDLE');
    expect((await atlas.call('POST', path, { version: '2023-01-01' })).headers.sunset).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    const g2 = makeProject(atlas);
    await atlas.call('POST', `/groups/${g2}/clusters`, { version: NEW, body: body20240805('fo-2') });
    expectError(await atlas.call('POST', `/groups/${g2}/clusters/fo-2/restartPrimaries`, { version: '2023-02-01' }), 400, 'CLUSTER_RESTART_INVALID');
    expectError(await atlas.call('POST', `/groups/${g2}/clusters/none/restartPrimaries`, { version: '2023-02-01' }), 404, 'CLUSTER_NOT_FOUND');
    const reader = keyWith(g, ['GROUP_READ_ONLY']);
    expectError(await atlas.call('POST', path, { version: '2023-02-01', auth: 'digest', tenant: reader }), 401, 'USER_UNAUTHORIZED');
  });
});

describe('feature compatibility version pins', () => {
  it('pins to the current major until a date within four weeks, shows it in the cluster, survives an upgrade, lapses, unpins', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('fcv-1', { extra: { mongoDBMajorVersion: '7.0' } }) });
    atlas.advance(60);
    const path = `/groups/${g}/clusters/fcv-1:pinFeatureCompatibilityVersion`;
    const now = atlas.sim.world.clock.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expectError(await atlas.call('POST', path, { version: '2024-05-30', body: { expirationDate: iso(now + 30 * 86_400_000) } }), 400, 'INVALID_ATTRIBUTE', ['expirationDate']);
    expectError(await atlas.call('POST', path, { version: '2024-05-30', body: { expirationDate: iso(now - 1000) } }), 400, 'INVALID_ATTRIBUTE', ['expirationDate']);
    expectError(await atlas.call('POST', path, { version: '2024-05-30', body: { expirationDate: 'soon' } }), 400, 'INVALID_ATTRIBUTE');
    const pinned = await atlas.call('POST', path, { version: '2024-05-30', body: { expirationDate: iso(now + 7 * 86_400_000) } });
    expect(pinned.status).toBe(204);
    expect(pinned.text).toBe('');
    let c = await cluster(g, 'fcv-1');
    expect(c).toMatchObject({ stateName: 'UPDATING', featureCompatibilityVersion: '7.0', featureCompatibilityVersionExpirationDate: iso(now + 7 * 86_400_000).replace('.000Z', 'Z') });
    expectConforms('GET', `/groups/${g}/clusters/fcv-1`, await atlas.call('GET', `/groups/${g}/clusters/fcv-1`, { version: READ }));
    atlas.advance(30);
    await atlas.call('PATCH', `/groups/${g}/clusters/fcv-1`, { version: NEW, body: { mongoDBMajorVersion: '8.0' } });
    c = await cluster(g, 'fcv-1');
    expect(c).toMatchObject({ mongoDBMajorVersion: '8.0', featureCompatibilityVersion: '7.0' });
    atlas.advance(8 * 86_400);
    atlas.forgetTokens();
    c = await cluster(g, 'fcv-1');
    expect(c.featureCompatibilityVersion).toBe('8.0');
    expect(c.featureCompatibilityVersionExpirationDate).toBeUndefined();
    expect((await atlas.call('POST', path, { version: '2024-05-30', body: {} })).status).toBe(204);
    atlas.advance(30);
    const unpin = await atlas.call('POST', `/groups/${g}/clusters/fcv-1:unpinFeatureCompatibilityVersion`, { version: '2024-05-30' });
    expect(unpin.status).toBe(204);
    expect((await cluster(g, 'fcv-1')).featureCompatibilityVersionExpirationDate).toBeUndefined();
    expectError(await atlas.call('POST', `/groups/${g}/clusters/nope:unpinFeatureCompatibilityVersion`, { version: '2024-05-30' }), 404, 'CLUSTER_NOT_FOUND');
    // Rapid release has no pins.
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('fcv-2', { extra: { versionReleaseSystem: 'CONTINUOUS' } }) });
    expectError(await atlas.call('POST', `/groups/${g}/clusters/fcv-2:pinFeatureCompatibilityVersion`, { version: '2024-05-30', body: {} }), 400, 'ATLAS_GENERAL_ERROR');
  });
});

describe('MongoDB employee access', () => {
  it('grants until a future time, shows the grant, lapses, and is revoked', async () => {
    const g = await idle('emp-1');
    const path = `/groups/${g}/clusters/emp-1:grantMongoDBEmployeeAccess`;
    const later = new Date(atlas.sim.world.clock.now() + 3_600_000).toISOString();
    expectError(await atlas.call('POST', path, { version: READ, body: { grantType: 'CLUSTER_DATABASE_LOGS' } }), 400, 'MISSING_ATTRIBUTE', ['expirationTime']);
    expectError(await atlas.call('POST', path, { version: READ, body: { grantType: 'EVERYTHING', expirationTime: later } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await atlas.call('POST', path, { version: READ, body: { grantType: 'CLUSTER_DATABASE_LOGS', expirationTime: '2020-01-01T00:00:00Z' } }), 400, 'INVALID_ATTRIBUTE', ['expirationTime']);
    const manager = keyWith(g, ['GROUP_CLUSTER_MANAGER']);
    expectError(await atlas.call('POST', path, { version: READ, auth: 'digest', tenant: manager, body: { grantType: 'CLUSTER_DATABASE_LOGS', expirationTime: later } }), 401, 'USER_UNAUTHORIZED');
    expect(await cluster(g, 'emp-1')).not.toHaveProperty('mongoDBEmployeeAccessGrant');
    expect((await atlas.call('POST', path, { version: READ, body: { grantType: 'CLUSTER_INFRASTRUCTURE', expirationTime: later } })).status).toBe(204);
    const got = await atlas.call('GET', `/groups/${g}/clusters/emp-1`, { version: READ });
    expectConforms('GET', `/groups/${g}/clusters/emp-1`, got);
    expect(got.json.mongoDBEmployeeAccessGrant).toMatchObject({ grantType: 'CLUSTER_INFRASTRUCTURE', expirationTime: later.replace('.000Z', 'Z') });
    const revoke = await atlas.call('POST', `/groups/${g}/clusters/emp-1:revokeMongoDBEmployeeAccess`, { version: READ });
    expect(revoke.status).toBe(204);
    expect(await cluster(g, 'emp-1')).not.toHaveProperty('mongoDBEmployeeAccessGrant');
    expect((await atlas.call('POST', path, { version: READ, body: { grantType: 'CLUSTER_DATABASE_LOGS', expirationTime: later } })).status).toBe(204);
    atlas.advance(3600);
    expect(await cluster(g, 'emp-1')).not.toHaveProperty('mongoDBEmployeeAccessGrant');
    expect(atlas.sim.world.events.list((e) => e.groupId === g).map((e) => e.eventTypeName)).toContain('EMPLOYEE_ACCESS_GRANTED');
  });
});

describe('sample dataset loads', () => {
  it('WORKING at once (201, recorded shape), COMPLETED after the delay once the cluster is up; FAILED if the cluster goes first', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('sample-1') });
    const res = await atlas.call('POST', `/groups/${g}/sampleDatasetLoad/sample-1`, { version: '2023-01-01' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ _id: expect.stringMatching(/^[a-f0-9]{24}$/), clusterName: 'sample-1', completeDate: null, createDate: expect.any(String), errorMessage: null, state: 'WORKING' });
    const path = `/groups/${g}/sampleDatasetLoad/${res.json._id}`;
    atlas.advance(60);
    expect((await atlas.call('GET', path, { version: '2023-01-01' })).json.state).toBe('WORKING');
    atlas.advance(60);
    const done = await atlas.call('GET', path, { version: '2023-01-01' });
    expect(done.json).toMatchObject({ state: 'COMPLETED', completeDate: expect.stringMatching(/Z$/), errorMessage: null });
    const second = await atlas.call('POST', `/groups/${g}/sampleDatasetLoad/sample-1`, { version: '2023-01-01' });
    await atlas.call('DELETE', `/groups/${g}/clusters/sample-1`, { version: '2023-02-01' });
    const failed = await atlas.call('GET', `/groups/${g}/sampleDatasetLoad/${second.json._id}`, { version: '2023-01-01' });
    expect(failed.json).toMatchObject({ state: 'FAILED', errorMessage: expect.stringContaining('sample-1') });
    expectError(await atlas.call('POST', `/groups/${g}/sampleDatasetLoad/sample-1`, { version: '2023-01-01' }), 400, 'CLUSTER_ALREADY_REQUESTED_DELETION');
    expectError(await atlas.call('POST', `/groups/${g}/sampleDatasetLoad/none`, { version: '2023-01-01' }), 404, 'CLUSTER_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${g}/sampleDatasetLoad/0123456789abcdef01234567`, { version: '2023-01-01' }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${g}/sampleDatasetLoad/bad`, { version: '2023-01-01' }), 404, 'RESOURCE_NOT_FOUND');
    const other = atlas.sim.world.projects.create(atlas.tenant.orgId, { name: `sample-other-${process.pid}` }, SYSTEM_ACTOR).id;
    expectError(await atlas.call('GET', `/groups/${other}/sampleDatasetLoad/${res.json._id}`, { version: '2023-01-01' }), 404, 'RESOURCE_NOT_FOUND');
  });
});
