import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, peeringConnect: 100, peeringDelete: 20 }));

const V = '2023-01-01';

async function container(g: string, body: Record<string, unknown>): Promise<string> {
  const res = await atlas.call('POST', `/groups/${g}/containers`, { version: V, body });
  expect(res.status, res.text).toBe(200);
  return res.json.id;
}

const awsPeer = (containerId: string, extra: Record<string, unknown> = {}) => ({
  providerName: 'AWS',
  containerId,
  accepterRegionName: 'us-east-1',
  awsAccountId: '123456789012',
  routeTableCidrBlock: '10.50.0.0/16',
  vpcId: 'vpc-0abcdef0123456789',
  ...extra,
});

describe('peering connections', () => {
  it('AWS: INITIATING, PENDING_ACCEPTANCE, FINALIZING, AVAILABLE on the clock; DELETE: TERMINATING, then 404', async () => {
    const g = makeProject(atlas);
    const cid = await container(g, { providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/24' });
    const created = await atlas.call('POST', `/groups/${g}/peers`, { version: V, body: awsPeer(cid) });
    expect(created.status).toBe(200);
    expectConforms('POST', `/groups/${g}/peers`, created);
    expect(created.json).toMatchObject({ statusName: 'INITIATING', containerId: cid, connectionId: expect.stringMatching(/^pcx-[0-9a-f]{17}$/) });
    const id = created.json.id;
    const status = async () => (await atlas.call('GET', `/groups/${g}/peers/${id}`, { version: V })).json.statusName;
    atlas.advance(20);
    expect(await status()).toBe('PENDING_ACCEPTANCE');
    atlas.advance(60);
    expect(await status()).toBe('FINALIZING');
    atlas.advance(20);
    expect(await status()).toBe('AVAILABLE');
    const got = await atlas.call('GET', `/groups/${g}/peers/${id}`, { version: V });
    expectConforms('GET', `/groups/${g}/peers/${id}`, got);
    // In use: the container keeps its block and stays.
    expectError(await atlas.call('DELETE', `/groups/${g}/containers/${cid}`, { version: V }), 409, 'CONTAINERS_IN_USE');
    // A change starts the connection over.
    const patched = await atlas.call('PATCH', `/groups/${g}/peers/${id}`, { version: V, body: { providerName: 'AWS', routeTableCidrBlock: '10.60.0.0/16' } });
    expect(patched.json).toMatchObject({ routeTableCidrBlock: '10.60.0.0/16', statusName: 'INITIATING' });
    const deleted = await atlas.call('DELETE', `/groups/${g}/peers/${id}`, { version: V });
    expect(deleted.status).toBe(202);
    expect(deleted.json).toEqual({});
    expect(await status()).toBe('TERMINATING');
    expectError(await atlas.call('DELETE', `/groups/${g}/peers/${id}`, { version: V }), 409, 'PEER_ALREADY_REQUESTED_DELETION', [id]);
    expectError(await atlas.call('PATCH', `/groups/${g}/peers/${id}`, { version: V, body: { vpcId: 'vpc-0abcdef0123456780' } }), 409, 'PEER_ALREADY_REQUESTED_DELETION');
    atlas.advance(20);
    expectError(await atlas.call('GET', `/groups/${g}/peers/${id}`, { version: V }), 404, 'PEER_NOT_FOUND', [id, g]);
    expect((await atlas.call('DELETE', `/groups/${g}/containers/${cid}`, { version: V })).status).toBe(204);
    const events = atlas.sim.world.events.list((e) => e.groupId === g).map((e) => e.eventTypeName);
    expect(events).toEqual(expect.arrayContaining(['PEER_CREATED', 'PEER_UPDATED', 'PEER_DELETED']));
  });

  it('GCP: ADDING_PEER, WAITING_FOR_USER until the customer side (manual here), AVAILABLE; lists per provider', async () => {
    await setLifecycle(atlas, { peeringConnect: 'manual' });
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const cid = await container(g, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/18' });
    const created = await atlas.call('POST', `/groups/${g}/peers`, { version: V, body: { providerName: 'GCP', containerId: cid, gcpProjectId: 'my-gov-project', networkName: 'my-network' } });
    expect(created.status, created.text).toBe(200);
    expectConforms('POST', `/groups/${g}/peers`, created);
    expect(created.json.status).toBe('WAITING_FOR_USER');
    const list = await atlas.call('GET', `/groups/${g}/peers?providerName=GCP`, { version: V });
    expectConforms('GET', `/groups/${g}/peers?providerName=GCP`, list);
    expect(list.json.totalCount).toBe(1);
    expect((await atlas.call('GET', `/groups/${g}/peers`, { version: V })).json.totalCount).toBe(0);
    atlas.advance(3600);
    expect((await atlas.call('GET', `/groups/${g}/peers/${created.json.id}`, { version: V })).json.status).toBe('WAITING_FOR_USER');
    const done = await atlas.call('POST', '/_mock/lifecycle/complete', { version: null, auth: 'none', body: { kind: 'peeringConnect', groupId: g } });
    expect(done.json).toEqual({ completed: [{ kind: 'peeringConnect', groupId: g, name: created.json.id, to: 'AVAILABLE' }] });
    expect((await atlas.call('GET', `/groups/${g}/peers/${created.json.id}`, { version: V })).json.status).toBe('AVAILABLE');
    expectError(await atlas.call('POST', `/groups/${g}/peers`, { version: V, body: { providerName: 'GCP', containerId: cid, gcpProjectId: 'my-gov-project', networkName: 'my-network' } }), 409, 'PEER_ALREADY_EXISTS_GCP');
    // A project with connections cannot be deleted.
    expectError(await atlas.call('DELETE', `/groups/${g}`, { version: V }), 409, 'CANNOT_CLOSE_GROUP_ACTIVE_PEERING_CONNECTIONS');
  });

  it('Government rule: GovCloud peers only with GovCloud, commercial only with commercial', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const govContainer = await container(gov, { providerName: 'AWS', regionName: 'US_GOV_WEST_1', atlasCidrBlock: '10.8.0.0/24' });
    expectError(await atlas.call('POST', `/groups/${gov}/peers`, { version: V, body: awsPeer(govContainer) }), 409, 'REGION_UNAVAILABLE', ['us-east-1']);
    expect((await atlas.call('POST', `/groups/${gov}/peers`, { version: V, body: awsPeer(govContainer, { accepterRegionName: 'us-gov-east-1' }) })).status).toBe(200);
    const commercial = makeProject(atlas);
    const cc = await container(commercial, { providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/24' });
    expectError(await atlas.call('POST', `/groups/${commercial}/peers`, { version: V, body: awsPeer(cc, { accepterRegionName: 'US_GOV_WEST_1' }) }), 409, 'REGION_UNAVAILABLE', ['US_GOV_WEST_1']);
    expectError(await atlas.call('POST', `/groups/${commercial}/peers`, { version: V, body: awsPeer(cc, { accepterRegionName: 'mars-north-1' }) }), 400, 'INVALID_REGION', ['mars-north-1', 'AWS']);
    expect((await atlas.call('GET', `/groups/${commercial}/peers`, { version: V })).json.totalCount).toBe(0);
  });

  it('refuses bad connections with Atlas errors and creates nothing', async () => {
    const g = makeProject(atlas);
    const cid = await container(g, { providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/24' });
    const post = (body: unknown) => atlas.call('POST', `/groups/${g}/peers`, { version: V, body });
    expectError(await post({ providerName: 'AWS' }), 400, 'MISSING_ATTRIBUTE', ['containerId']);
    expectError(await post(awsPeer(cid, { awsAccountId: undefined })), 400, 'MISSING_ATTRIBUTE', ['awsAccountId']);
    expectError(await post(awsPeer(cid, { awsAccountId: '12345' })), 400, 'INVALID_ATTRIBUTE', ['awsAccountId']);
    expectError(await post(awsPeer(cid, { vpcId: 'vpc-xyz' })), 400, 'INVALID_ATTRIBUTE', ['vpcId']);
    expectError(await post(awsPeer(cid, { routeTableCidrBlock: '8.8.0.0/16' })), 400, 'INVALID_ROUTE_TABLE_CIDR');
    expectError(await post(awsPeer(cid, { routeTableCidrBlock: '10.8.0.0/16' })), 409, 'OVERLAPPING_ATLAS_CIDR_BLOCK');
    expectError(await post(awsPeer(cid, { providerName: 'GCP' })), 400, 'INVALID_PROVIDER_PARAMETERS', ['GCP']);
    expectError(await post(awsPeer(cid, { providerName: 'AZURE' })), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await post(awsPeer(cid, { awsAccountId: 123456789012 })), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await post(awsPeer('0123456789abcdef01234567')), 404, 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/${g}/peers/xyz`, { version: V }), 404, 'INVALID_PEER_ID', ['xyz']);
    expect((await post(awsPeer(cid))).status).toBe(200);
    expectError(await post(awsPeer(cid)), 409, 'PEER_ALREADY_EXISTS', ['123456789012', 'vpc-0abcdef0123456789']);
    expect((await atlas.call('GET', `/groups/${g}/peers`, { version: V })).json.totalCount).toBe(1);
  });

  it('private IP mode: off by default, changes only while the project has no dedicated cluster', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/privateIpMode`;
    const read = await atlas.call('GET', path, { version: V });
    expect(read.json).toEqual({ enabled: false });
    expectConforms('GET', path, read);
    const on = await atlas.call('PATCH', path, { version: V, body: { enabled: true } });
    expect(on.json).toEqual({ enabled: true });
    expectConforms('PATCH', path, on);
    expectError(await atlas.call('PATCH', path, { version: V, body: {} }), 400, 'MISSING_ATTRIBUTE', ['enabled']);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('ipmode') });
    expectError(await atlas.call('PATCH', path, { version: V, body: { enabled: false } }), 400, 'CANNOT_UPDATE_PRIVATE_IP_MODE', [g]);
    expect((await atlas.call('GET', path, { version: V })).json).toEqual({ enabled: true });
  });
});
