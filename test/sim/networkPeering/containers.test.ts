import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TenantCredentials } from '../../../src/sim/tenants.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 30, clusterDelete: 30, peeringConnect: 100, peeringDelete: 20 }));

const V = '2023-01-01';
const post = (g: string, body: unknown) => atlas.call('POST', `/groups/${g}/containers`, { version: V, body });

function keyWith(groupId: string, roles: Array<'GROUP_READ_ONLY' | 'GROUP_OWNER'>): TenantCredentials {
  const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: 'peering roles', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } });
  return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
}

describe('network containers', () => {
  it('a dedicated cluster creates its region\'s container, provisioned once the cluster is up, listed by provider and in all', async () => {
    const g = makeProject(atlas);
    const empty = await atlas.call('GET', `/groups/${g}/containers?providerName=AWS`, { version: V });
    expect(empty.json).toMatchObject({ results: [], totalCount: 0 });
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('net-1') });
    const path = `/groups/${g}/containers?providerName=AWS`;
    const listed = await atlas.call('GET', path, { version: V });
    expect(listed.status).toBe(200);
    expectConforms('GET', path, listed);
    expect(listed.json.totalCount).toBe(1);
    const c = listed.json.results[0];
    expect(c).toEqual({ atlasCidrBlock: '192.168.248.0/21', id: expect.stringMatching(/^[a-f0-9]{24}$/), providerName: 'AWS', provisioned: false, regionName: 'US_EAST_1', vpcId: expect.stringMatching(/^vpc-[0-9a-f]{17}$/) });
    atlas.advance(60);
    const got = await atlas.call('GET', `/groups/${g}/containers/${c.id}`, { version: V });
    expect(got.json.provisioned).toBe(true);
    expectConforms('GET', `/groups/${g}/containers/${c.id}`, got);
    // A second cluster in the same region shares it; another region gets its own, with the next free block.
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('net-2') });
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('net-3', { region: 'US_WEST_2' }) });
    const all = await atlas.call('GET', `/groups/${g}/containers/all`, { version: V });
    expectConforms('GET', `/groups/${g}/containers/all`, all);
    expect(all.json.results.map((x: any) => [x.regionName, x.atlasCidrBlock])).toEqual([
      ['US_EAST_1', '192.168.248.0/21'],
      ['US_WEST_2', '192.168.240.0/21'],
    ]);
    // In use: neither deleted nor re-addressed (409, which Terraform retries on).
    expectError(await atlas.call('DELETE', `/groups/${g}/containers/${c.id}`, { version: V }), 409, 'CONTAINERS_IN_USE');
    expectError(await atlas.call('PATCH', `/groups/${g}/containers/${c.id}`, { version: V, body: { providerName: 'AWS', atlasCidrBlock: '10.0.0.0/24' } }), 409, 'CONTAINERS_IN_USE');
    // Once the clusters are gone it is not provisioned and may go.
    for (const n of ['net-1', 'net-2']) await atlas.call('DELETE', `/groups/${g}/clusters/${n}`, { version: '2023-02-01' });
    atlas.advance(30);
    expect((await atlas.call('GET', `/groups/${g}/containers/${c.id}`, { version: V })).json.provisioned).toBe(false);
    const del = await atlas.call('DELETE', `/groups/${g}/containers/${c.id}`, { version: V });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectError(await atlas.call('GET', `/groups/${g}/containers/${c.id}`, { version: V }), 404, 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND', [c.id]);
  });

  it('creates a container ahead with its CIDR rules, which the first cluster then uses', async () => {
    const g = makeProject(atlas);
    const created = await post(g, { providerName: 'AWS', regionName: 'US_EAST_2', atlasCidrBlock: '10.8.0.0/21' });
    expect(created.status).toBe(200);
    expectConforms('POST', `/groups/${g}/containers`, created);
    expect(created.json).toMatchObject({ providerName: 'AWS', regionName: 'US_EAST_2', atlasCidrBlock: '10.8.0.0/21', provisioned: false });
    const id = created.json.id;
    // Free to change while unused.
    const patched = await atlas.call('PATCH', `/groups/${g}/containers/${id}`, { version: V, body: { providerName: 'AWS', atlasCidrBlock: '10.9.0.0/24' } });
    expect(patched.status).toBe(200);
    expectConforms('PATCH', `/groups/${g}/containers/${id}`, patched);
    expect(patched.json.atlasCidrBlock).toBe('10.9.0.0/24');
    expectError(await atlas.call('PATCH', `/groups/${g}/containers/${id}`, { version: V, body: { providerName: 'AWS', regionName: 'US_WEST_1' } }), 400, 'CANNOT_CHANGE_CONTAINER_REGION');
    // Errors, none of which changes anything.
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_EAST_2', atlasCidrBlock: '10.20.0.0/21' }), 409, 'CONTAINER_ALREADY_EXISTS', [g]);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.9.0.0/21' }), 409, 'OVERLAPPING_ATLAS_CIDR_BLOCK', ['10.9.0.0/21']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.9.0.1/24' }), 400, 'ATLAS_NON_CANONICAL_CIDR_BLOCK', ['10.9.0.1/24', '10.9.0.0/24']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '8.8.8.0/24' }), 400, 'ATLAS_INVALID_CIDR_RANGE', ['8.8.8.0/24']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.0.0.0/16' }), 400, 'ATLAS_INVALID_CIDR_BLOCK', ['10.0.0.0/16', '21 to /24', 'AWS']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: 'ten/24' }), 400, 'INVALID_CIDR_BLOCK');
    expectError(await post(g, { providerName: 'AWS', atlasCidrBlock: '10.30.0.0/24' }), 400, 'MISSING_ATTRIBUTE', ['regionName']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1' }), 400, 'MISSING_ATTRIBUTE', ['atlasCidrBlock']);
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: 5 }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await post(g, { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.30.0.0/24', color: 'red' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('GET', `/groups/${g}/containers/not-an-id`, { version: V }), 404, 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND', ['not-an-id']);
    // The cluster lands in the chosen container, which then carries it.
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('ahead', { region: 'US_EAST_2' }) });
    const all = await atlas.call('GET', `/groups/${g}/containers/all`, { version: V });
    expect(all.json.results).toHaveLength(1);
    expect(all.json.results[0].atlasCidrBlock).toBe('10.9.0.0/24');
  });

  it('applies the Government rules: designation regions, no Azure, GCP only as Assured Workloads', async () => {
    const commercial = makeProject(atlas);
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await post(commercial, { providerName: 'AWS', regionName: 'US_GOV_WEST_1', atlasCidrBlock: '10.0.0.0/24' }), 409, 'REGION_UNAVAILABLE', ['US_GOV_WEST_1']);
    expectError(await post(gov, { providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.0.0.0/24' }), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expectError(await post(gov, { providerName: 'AWS', regionName: 'EU_WEST_1', atlasCidrBlock: '10.0.0.0/24' }), 400, 'INVALID_REGION', ['EU_WEST_1', 'AWS']);
    expectError(await post(gov, { providerName: 'AZURE', region: 'US_EAST', atlasCidrBlock: '10.0.0.0/24' }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await post(commercial, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/18' }), 400, 'INVALID_PROVIDER', ['GCP']);
    expectError(await atlas.call('GET', `/groups/${gov}/containers?providerName=AZURE`, { version: V }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await post(gov, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/18', regions: ['US_EAST_4'] }), 400, 'INVALID_REGION', ['US_EAST_4', 'GCP']);
    expectError(await post(gov, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/20' }), 400, 'ATLAS_INVALID_CIDR_BLOCK', ['10.0.0.0/20', '18 or larger', 'GCP']);
    expectError(await post(gov, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/18', regions: ['US_EAST_4_AW'] }), 400, 'ATLAS_INVALID_CIDR_BLOCK_FOR_SMALL_CONTAINER');
    const gcp = await post(gov, { providerName: 'GCP', atlasCidrBlock: '10.0.0.0/18' });
    expect(gcp.status).toBe(200);
    expectConforms('POST', `/groups/${gov}/containers`, gcp);
    // No network until a cluster uses it.
    expect(gcp.json).toEqual({ atlasCidrBlock: '10.0.0.0/18', id: expect.any(String), providerName: 'GCP', provisioned: false });
    expectError(await post(gov, { providerName: 'GCP', atlasCidrBlock: '10.64.0.0/18' }), 409, 'CONTAINER_ALREADY_EXISTS');
    await atlas.call('POST', `/groups/${gov}/clusters`, { version: '2024-10-23', body: body20240805('gcp-net', { provider: 'GCP', region: 'US_EAST_4_AW' }) });
    const withNet = await atlas.call('GET', `/groups/${gov}/containers?providerName=GCP`, { version: V });
    expectConforms('GET', `/groups/${gov}/containers?providerName=GCP`, withNet);
    expect(withNet.json.results[0]).toMatchObject({ gcpProjectId: expect.stringMatching(/^p-[0-9a-z]{24}$/), networkName: expect.stringMatching(/^nt-[0-9a-f]{24}-[0-9a-z]{8}$/), provisioned: false });
  });

  it('checks roles: Project Read Only reads, Project Owner changes', async () => {
    const g = makeProject(atlas);
    const reader = keyWith(g, ['GROUP_READ_ONLY']);
    expect((await atlas.call('GET', `/groups/${g}/containers/all`, { version: V, auth: 'digest', tenant: reader })).status).toBe(200);
    expect((await atlas.call('GET', `/groups/${g}/peers`, { version: V, auth: 'digest', tenant: reader })).status).toBe(200);
    expectError(await atlas.call('POST', `/groups/${g}/containers`, { version: V, auth: 'digest', tenant: reader, body: { providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.0.0.0/24' } }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('PATCH', `/groups/${g}/privateIpMode`, { version: V, auth: 'digest', tenant: reader, body: { enabled: true } }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', `/groups/${g}/containers/all`, { version: V })).json.totalCount).toBe(0);
  });
});
