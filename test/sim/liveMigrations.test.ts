import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advance, body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas({ rateLimits: false });
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 0, liveMigration: 60 }));

const V = '2023-01-01';
const V2 = '2024-05-30';
const SOURCE = '0123456789abcdef01234567';
const org = () => atlas.tenant.orgId;
const links = () => `/orgs/${org()}/liveMigrations/linkTokens`;

async function projectWithCluster(name = 'dest'): Promise<string> {
  const g = makeProject(atlas);
  const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805(name) });
  expect(res.status).toBe(201);
  return g;
}

function request(g: string, o: { cluster?: string; managed?: boolean; extra?: Record<string, unknown> } = {}) {
  return {
    destination: { clusterName: o.cluster ?? 'dest', groupId: g, hostnameSchemaType: 'PUBLIC' },
    migrationHosts: ['vm001.example.com'],
    source: { clusterName: 'onprem', groupId: SOURCE, managedAuthentication: o.managed ?? true, ssl: true },
    ...o.extra,
  };
}

async function link(): Promise<void> {
  const res = await atlas.call('POST', links(), { version: V, body: { accessListIps: ['203.0.113.7'] } });
  expect(res.status).toBe(201);
}

async function unlink(): Promise<void> {
  await atlas.call('DELETE', links(), { version: V });
}

describe('organization link tokens', () => {
  it('creates a token (201), replaces it on a second create, deletes it (204), then 404 UNEXPECTED_ERROR with null parameters', async () => {
    await unlink();
    const first = await atlas.call('POST', links(), { version: V, body: { accessListIps: ['203.0.113.7', '198.51.100.0/24'] } });
    // 201 as recorded; the document says 200 (knownDifferences).
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ linkToken: expect.stringMatching(/^[A-Za-z0-9+/=]+$/) });
    const second = await atlas.call('POST', links(), { version: V, body: {} });
    expect(second.json.linkToken).not.toBe(first.json.linkToken);

    const projects = await atlas.call('GET', `/orgs/${org()}/liveMigrations/availableProjects`, { version: V });
    expect(projects.status).toBe(200);
    expect(projects.json).toEqual([]);

    expect((await atlas.call('DELETE', links(), { version: V })).status).toBe(204);
    const again = await atlas.call('DELETE', links(), { version: V });
    expectError(again, 404, 'UNEXPECTED_ERROR');
    expect(again.json.parameters).toBeNull();
    expect(again.json.detail).toBe('Could not find the requested external organization link.');
    expectError(await atlas.call('GET', `/orgs/${org()}/liveMigrations/availableProjects`, { version: V }), 404, 'UNEXPECTED_ERROR');
  });

  it('refuses bad input and callers without Organization Owner, changing nothing', async () => {
    await unlink();
    expectError(await atlas.call('POST', links(), { version: V, body: { accessListIps: ['not-an-ip'] } }), 400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', ['not-an-ip']);
    expectError(await atlas.call('POST', links(), { version: V, body: { accessListIps: 'x' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', links(), { version: V, body: { other: 1 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('POST', links(), { version: V, rawBody: '{"accessListIps":' }), 400, 'MALFORMED_JSON');
    expectError(await atlas.call('POST', '/orgs/nothex/liveMigrations/linkTokens', { version: V, body: {} }), 404, 'INVALID_ORG_ID');
    expect((await atlas.call('POST', links(), { version: V, body: {}, auth: 'none' })).status).toBe(401);
    const member = keyWith(atlas, makeProject(atlas), ['GROUP_OWNER']);
    expectError(await atlas.call('POST', links(), { version: V, body: {}, ...member }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('DELETE', links(), { version: V }), 404, 'UNEXPECTED_ERROR');
  });
});

describe('push live migrations', () => {
  it('validates (PENDING -> SUCCESS), migrates NEW -> WORKING -> ready for cutover, cuts over -> COMPLETE', async () => {
    await link();
    const g = await projectWithCluster();
    const base = `/groups/${g}/liveMigrations`;

    const validation = await atlas.call('POST', `${base}/validate`, { version: V2, body: request(g) });
    expect(validation.status).toBe(200);
    expectConforms('POST', `${base}/validate`, validation);
    expect(validation.json).toEqual({ _id: expect.stringMatching(/^[a-f0-9]{24}$/), errorMessage: null, groupId: g, sourceGroupId: SOURCE, status: 'PENDING' });
    const vPath = `${base}/validate/${validation.json._id}`;
    await advance(atlas, 60);
    const checked = await atlas.call('GET', vPath, { version: V });
    expectConforms('GET', vPath, checked);
    expect(checked.json.status).toBe('SUCCESS');

    const created = await atlas.call('POST', base, { version: V2, body: request(g) });
    expect(created.status).toBe(201);
    expectConforms('POST', base, created);
    expect(created.json).toEqual({ _id: expect.stringMatching(/^[a-f0-9]{24}$/), lagTimeSeconds: null, migrationHosts: ['vm001.example.com'], readyForCutover: false, status: 'NEW' });
    const path = `${base}/${created.json._id}`;

    // Not ready yet: the cutover is refused and changes nothing.
    expectError(await atlas.call('PUT', `${path}/cutover`, { version: V }), 400, 'ATLAS_GENERAL_ERROR');
    // A second migration into the same cluster while this one runs.
    expectError(await atlas.call('POST', base, { version: V2, body: request(g) }), 409, 'CANNOT_MODIFY_CLUSTER_WITH_RUNNING_LIVE_IMPORT');
    // The link cannot go while the migration runs.
    expectError(await atlas.call('DELETE', links(), { version: V }), 409, 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK', [g]);

    await advance(atlas, 60);
    expect((await atlas.call('GET', path, { version: V })).json).toMatchObject({ status: 'WORKING', readyForCutover: false, lagTimeSeconds: null });
    await advance(atlas, 60);
    const ready = await atlas.call('GET', path, { version: V });
    expectConforms('GET', path, ready);
    expect(ready.json).toMatchObject({ status: 'WORKING', readyForCutover: true, lagTimeSeconds: expect.any(Number) });

    // An Organization Member reads it, but may not cut over.
    const member = keyWith(atlas, g, ['GROUP_READ_ONLY']);
    expect((await atlas.call('GET', path, { version: V, ...member })).status).toBe(200);
    expectError(await atlas.call('PUT', `${path}/cutover`, { version: V, ...member }), 401, 'USER_UNAUTHORIZED');

    const cutover = await atlas.call('PUT', `${path}/cutover`, { version: V });
    expect(cutover.status).toBe(202);
    expect((await atlas.call('GET', path, { version: V })).json).toMatchObject({ status: 'WORKING', readyForCutover: false, lagTimeSeconds: null });
    expectError(await atlas.call('PUT', `${path}/cutover`, { version: V }), 400, 'ATLAS_GENERAL_ERROR');
    await advance(atlas, 60);
    expect((await atlas.call('GET', path, { version: V })).json).toMatchObject({ status: 'COMPLETE', readyForCutover: false });
    expect((await atlas.call('DELETE', links(), { version: V })).status).toBe(204);
  });

  it('expires a migration left ready for 120 hours, and fails one whose destination cluster is deleted', async () => {
    await link();
    const g = await projectWithCluster('a');
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('b') });
    expect(res.status).toBe(201);
    const base = `/groups/${g}/liveMigrations`;
    const expiring = (await atlas.call('POST', base, { version: V2, body: request(g, { cluster: 'a' }) })).json._id;
    const failing = (await atlas.call('POST', base, { version: V2, body: request(g, { cluster: 'b' }) })).json._id;
    await advance(atlas, 120);
    expect((await atlas.call('DELETE', `/groups/${g}/clusters/b`, { version: '2023-02-01' })).status).toBe(202);
    expect((await atlas.call('GET', `${base}/${failing}`, { version: V })).json.status).toBe('FAILED');
    await advance(atlas, 3500);
    for (let i = 0; i < 120; i++) await advance(atlas, 3600);
    expect((await atlas.call('GET', `${base}/${expiring}`, { version: V })).json).toMatchObject({ status: 'EXPIRED', readyForCutover: false });
    expectError(await atlas.call('PUT', `${base}/${expiring}/cutover`, { version: V }), 400, 'ATLAS_GENERAL_ERROR');
  });

  it('fails a validation whose destination is not deployed yet', async () => {
    await link();
    await setLifecycle(atlas, { clusterCreate: 'manual', liveMigration: 60 });
    const g = await projectWithCluster();
    const v = await atlas.call('POST', `/groups/${g}/liveMigrations/validate`, { version: V2, body: request(g) });
    await advance(atlas, 60);
    const read = await atlas.call('GET', `/groups/${g}/liveMigrations/validate/${v.json._id}`, { version: V });
    expect(read.json).toMatchObject({ status: 'FAILED', errorMessage: 'Destination cluster dest is not yet deployed.' });
  });

  it('refuses bad requests with the documented codes, and a refused request creates nothing', async () => {
    const g = await projectWithCluster();
    const base = `/groups/${g}/liveMigrations`;
    await unlink();
    const noLink = await atlas.call('POST', base, { version: V2, body: request(g) });
    expectError(noLink, 404, 'UNEXPECTED_ERROR');
    expect(noLink.json.parameters).toBeNull();
    expectError(await atlas.call('POST', `${base}/validate`, { version: V2, body: request(g) }), 404, 'UNEXPECTED_ERROR');
    await link();
    const projectOwner = keyWith(atlas, g, ['GROUP_OWNER']);
    await atlas.token(); // issuing the caller's token is a change of its own
    // The records, not the generator: a Digest challenge draws a nonce from it.
    const records = () => JSON.stringify(atlas.sim.exportState().slices);
    const before = records();
    const post = (body: unknown) => atlas.call('POST', base, { version: V2, body });
    expectError(await post(request(g, { cluster: 'none' })), 404, 'CLUSTER_NOT_FOUND', ['none', g]);
    expectError(await post({ ...request(g), destination: { ...request(g).destination, groupId: SOURCE } }), 400, 'INVALID_ATTRIBUTE', ['destination.groupId']);
    expectError(await post({ ...request(g), destination: { ...request(g).destination, hostnameSchemaType: 'PRIVATE_LINK' } }), 400, 'MISSING_ATTRIBUTE', ['destination.privateLinkId']);
    expectError(await post({ ...request(g), destination: { ...request(g).destination, hostnameSchemaType: 'CARRIER_PIGEON' } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await post(request(g, { managed: false })), 400, 'MISSING_ATTRIBUTE', ['source.username']);
    expectError(await post({ ...request(g), source: { ...request(g).source, username: 'u', password: 'p' } }), 400, 'INVALID_ATTRIBUTE', ['source.username']);
    expectError(await post({ ...request(g), migrationHosts: undefined }), 400, 'MISSING_ATTRIBUTE', ['migrationHosts']);
    expectError(await post({ ...request(g), migrationHosts: ['a', 'b'] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await post({ ...request(g), source: { clusterName: 'x' } }), 400, 'MISSING_ATTRIBUTE');
    expectError(await post({ ...request(g), ssl: true }), 400, 'INVALID_ATTRIBUTE');
    expectError(await post({ ...request(g), dropDestinationData: 'yes' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', base, { version: V2, rawBody: '{"destination":' }), 400, 'MALFORMED_JSON');
    expectError(await atlas.call('POST', base, { version: V2, body: request(g), ...projectOwner }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('POST', `/groups/${g}/liveMigrations/validate`, { version: V2, body: request(g, { managed: false }) }), 400, 'MISSING_ATTRIBUTE', ['source.username']);
    expect(records()).toBe(before);
    expectError(await atlas.call('GET', `${base}/0123456789abcdef01234567`, { version: V }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('GET', `${base}/bad`, { version: V }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('GET', `${base}/validate/0123456789abcdef01234567`, { version: V }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('PUT', `${base}/0123456789abcdef01234567/cutover`, { version: V }), 404, 'RESOURCE_NOT_FOUND');
  });
});
