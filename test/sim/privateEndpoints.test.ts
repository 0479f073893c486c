import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, makeProject, setLifecycle } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { privateEndpointCreate: 30, privateEndpointDelete: 20 });
});
afterAll(() => atlas.close());

const V = '2023-01-01';
const VPCE = 'vpce-0123456789abcdef0';
const call = (method: string, path: string, body?: unknown) => atlas.call(method, path, { version: V, ...(body !== undefined && { body }) });
const createService = (g: string, providerName: string, region: string) => call('POST', `/groups/${g}/privateEndpoint/endpointService`, { providerName, region });

/** A service that has reached AVAILABLE. */
async function availableService(g: string, providerName = 'AWS', region = 'US_GOV_WEST_1'): Promise<string> {
  const res = await createService(g, providerName, region);
  expect(res.status).toBe(201);
  atlas.advance(30);
  return res.json.id;
}

describe('AWS PrivateLink endpoint services', () => {
  it('go INITIATING -> AVAILABLE on the clock, showing the GovCloud service name once available, and away through DELETING', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const created = await createService(g, 'AWS', 'US_GOV_WEST_1');
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      cloudProvider: 'AWS',
      endpointServiceName: null,
      errorMessage: null,
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      interfaceEndpoints: [],
      regionName: 'US_GOV_WEST_1',
      status: 'INITIATING',
      supportedRemoteRegions: null,
    });
    const path = `/groups/${g}/privateEndpoint/AWS/endpointService/${created.json.id}`;
    atlas.advance(29);
    expect((await call('GET', path)).json.status).toBe('INITIATING');
    atlas.advance(1);
    const available = await call('GET', path);
    expect(available.json.status).toBe('AVAILABLE');
    expect(available.json.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-gov-west-1\.vpce-svc-[0-9a-f]{17}$/);
    const list = await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService`);
    expect(list.json).toEqual([available.json]);
    expect((await call('GET', `/groups/${g}/privateEndpoint/GCP/endpointService`)).json).toEqual([]);

    const del = await call('DELETE', path);
    expect({ status: del.status, body: del.json }).toEqual({ status: 202, body: {} });
    expect((await call('GET', path)).json.status).toBe('DELETING');
    expect((await call('DELETE', path)).status).toBe(202);
    atlas.advance(20);
    expectError(await call('GET', path), 404, 'PRIVATELINK_NOT_FOUND', [created.json.id]);
    expect((await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService`)).json).toEqual([]);
  });

  it('finish with lifecycle/complete {all}, the clock left where it was', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const created = await createService(g, 'AWS', 'US_GOV_EAST_1');
    const before = atlas.sim.clock.now();
    const done = await atlas.call('POST', '/_mock/lifecycle/complete', { body: { all: true, groupId: g }, version: null, auth: 'none' });
    expect(done.json.completed).toEqual([expect.objectContaining({ kind: 'privateEndpointCreate', groupId: g, name: created.json.id, to: 'AVAILABLE' })]);
    expect((await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService/${created.json.id}`)).json.status).toBe('AVAILABLE');
    expect(atlas.sim.clock.now()).toBe(before);
  });

  it('keeps services in the regions of the project designation, one per region; the region may be written the provider way', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await createService(gov, 'AWS', 'US_EAST_1'), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expectError(await createService(gov, 'AWS', 'EU_WEST_1'), 400, 'INVALID_REGION', ['EU_WEST_1', 'AWS']);
    expectError(await createService(gov, 'AZURE', 'US_GOV_VIRGINIA'), 400, 'INVALID_PROVIDER', ['AZURE']);
    expect((await createService(gov, 'AWS', 'us-gov-east-1')).json.regionName).toBe('US_GOV_EAST_1');
    expectError(await createService(gov, 'AWS', 'US_GOV_EAST_1'), 409, 'PRIVATELINK_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION', ['US_GOV_EAST_1']);
    const commercial = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    expectError(await createService(commercial, 'AWS', 'US_GOV_WEST_1'), 409, 'REGION_UNAVAILABLE', ['US_GOV_WEST_1']);
    expectError(await createService(commercial, 'GCP', 'US_EAST_4_AW'), 409, 'REGION_UNAVAILABLE', ['US_EAST_4_AW']);
    expect((await createService(commercial, 'AWS', 'US_EAST_2')).status).toBe(201);
    expect((await call('GET', `/groups/${gov}/privateEndpoint/AWS/endpointService`)).json).toHaveLength(1);
  });

  it('accept interface endpoints once AVAILABLE: PENDING_ACCEPTANCE -> PENDING -> AVAILABLE, then DELETING -> gone', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const early = await createService(g, 'AWS', 'US_GOV_WEST_1');
    const service = `/groups/${g}/privateEndpoint/AWS/endpointService/${early.json.id}`;
    expectError(await call('POST', `${service}/endpoint`, { id: VPCE }), 409, 'PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS', [early.json.id]);
    atlas.advance(30);
    expectError(await call('POST', `${service}/endpoint`, { id: 'vpc-123' }), 404, 'PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED');
    expectError(await call('POST', `${service}/endpoint`, {}), 400, 'MISSING_ATTRIBUTE', ['id']);
    expectError(await call('POST', `${service}/endpoint`, { id: VPCE, gcpProjectId: 'my-project' }), 400, 'INVALID_ATTRIBUTE', ['gcpProjectId']);
    const created = await call('POST', `${service}/endpoint`, { id: VPCE });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ cloudProvider: 'AWS', connectionStatus: 'PENDING_ACCEPTANCE', deleteRequested: false, interfaceEndpointId: VPCE });
    expectError(await call('POST', `${service}/endpoint`, { id: VPCE }), 409, 'PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS', [VPCE]);
    const endpoint = `${service}/endpoint/${VPCE}`;
    atlas.advance(30);
    expect((await call('GET', endpoint)).json.connectionStatus).toBe('PENDING');
    atlas.advance(30);
    expect((await call('GET', endpoint)).json.connectionStatus).toBe('AVAILABLE');
    expect((await call('GET', service)).json.interfaceEndpoints).toEqual([VPCE]);
    expectError(await call('DELETE', service), 409, 'CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS');
    expectError(await call('GET', `${service}/endpoint/vpce-ffffffffffffffff0`), 404, 'PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND', ['vpce-ffffffffffffffff0']);
    expectError(await call('GET', `${service}/endpoint/nope`), 404, 'PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED');

    const del = await call('DELETE', endpoint);
    expect(del.status).toBe(204);
    expect((await call('GET', endpoint)).json).toEqual({ cloudProvider: 'AWS', connectionStatus: 'DELETING', deleteRequested: true, interfaceEndpointId: VPCE });
    atlas.advance(20);
    expectError(await call('GET', endpoint), 404, 'PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND');
    expect((await call('GET', service)).json).toMatchObject({ status: 'AVAILABLE', interfaceEndpoints: [] });
    expect((await call('DELETE', service)).status).toBe(202);
  });

  it('keep a project from being deleted while it has any', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const id = await availableService(g);
    expectError(await call('DELETE', `/groups/${g}`), 409, 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES');
    await call('DELETE', `/groups/${g}/privateEndpoint/AWS/endpointService/${id}`);
    atlas.advance(20);
    expect((await call('DELETE', `/groups/${g}`)).status).toBe(202);
  });
});

describe('GCP Private Service Connect', () => {
  const group = { endpointGroupName: 'atlas-psc', gcpProjectId: 'customer-project-1', endpoints: Array.from({ length: 6 }, (_, i) => ({ endpointName: `atlas-psc-${i}`, ipAddress: `10.0.0.${i + 10}` })) };

  it('takes Assured Workloads regions only, shows six service attachments when AVAILABLE, and endpoint groups INITIATING -> VERIFIED -> AVAILABLE', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await createService(g, 'GCP', 'US_EAST_4'), 400, 'INVALID_REGION', ['US_EAST_4', 'GCP']);
    const created = await createService(g, 'GCP', 'us-east4');
    expect(created.json).toMatchObject({ cloudProvider: 'GCP', regionName: 'US_EAST_4_AW', status: 'INITIATING', serviceAttachmentNames: [], endpointGroupNames: [], portMappingEnabled: false });
    atlas.advance(30);
    const service = `/groups/${g}/privateEndpoint/GCP/endpointService/${created.json.id}`;
    const available = (await call('GET', service)).json;
    expect(available.serviceAttachmentNames).toHaveLength(6);
    expect(available.serviceAttachmentNames[0]).toMatch(new RegExp(`^projects/p-[0-9a-z]{24}/regions/us-east4/serviceAttachments/sa-us-east4-${g}-0$`));
    // The same service is not found under the other provider.
    expectError(await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService/${created.json.id}`), 404, 'PRIVATELINK_NOT_FOUND');

    expectError(await call('POST', `${service}/endpoint`, { ...group, gcpProjectId: 'X' }), 400, 'INVALID_ATTRIBUTE', ['gcpProjectId']);
    expectError(await call('POST', `${service}/endpoint`, { ...group, endpoints: [{ endpointName: 'a', ipAddress: '10.0.0.300' }] }), 400, 'INVALID_ATTRIBUTE', ['endpoints']);
    expectError(await call('POST', `${service}/endpoint`, { ...group, endpoints: [...group.endpoints, { endpointName: 'x', ipAddress: '10.0.0.99' }] }), 400, 'INVALID_ATTRIBUTE', ['endpoints']);
    expectError(await call('POST', `${service}/endpoint`, { gcpProjectId: 'customer-project-1' }), 400, 'MISSING_ATTRIBUTE', ['endpointGroupName']);
    expectError(await call('POST', `${service}/endpoint`, { ...group, id: VPCE }), 400, 'INVALID_ATTRIBUTE', ['id']);
    const made = await call('POST', `${service}/endpoint`, group);
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ cloudProvider: 'GCP', endpointGroupName: 'atlas-psc', status: 'INITIATING', deleteRequested: false });
    expect(made.json.endpoints[0]).toEqual({ endpointName: 'atlas-psc-0', ipAddress: '10.0.0.10', status: 'INITIATING' });
    atlas.advance(30);
    expect((await call('GET', `${service}/endpoint/atlas-psc`)).json.status).toBe('VERIFIED');
    atlas.advance(30);
    const ready = (await call('GET', `${service}/endpoint/atlas-psc`)).json;
    expect(ready.status).toBe('AVAILABLE');
    expect(ready.endpoints.every((e: { status: string }) => e.status === 'AVAILABLE')).toBe(true);
    expect((await call('GET', service)).json.endpointGroupNames).toEqual(['atlas-psc']);
  });
});

describe('regionalized private endpoints', () => {
  it('are off for a new project; without them several endpoints in a region exclude services in other regions', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const path = `/groups/${g}/privateEndpoint/regionalMode`;
    expect((await call('GET', path)).json).toEqual({ enabled: false });
    const west = await availableService(g, 'AWS', 'US_GOV_WEST_1');
    const westPath = `/groups/${g}/privateEndpoint/AWS/endpointService/${west}/endpoint`;
    expect((await call('POST', westPath, { id: 'vpce-00000000000000001' })).status).toBe(200);
    expect((await call('POST', westPath, { id: 'vpce-00000000000000002' })).status).toBe(200);
    expectError(await createService(g, 'AWS', 'US_GOV_EAST_1'), 409, 'MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION');

    const on = await call('PATCH', path, { enabled: true });
    expect({ status: on.status, body: on.json }).toEqual({ status: 202, body: { enabled: true } });
    expect((await call('GET', path)).json).toEqual({ enabled: true });
    expect((await createService(g, 'AWS', 'US_GOV_EAST_1')).status).toBe(201);
    expectError(await call('PATCH', path, { enabled: false }), 409, 'MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION');
    expect((await call('GET', path)).json).toEqual({ enabled: true });
    expectError(await call('PATCH', path, {}), 400, 'MISSING_ATTRIBUTE', ['enabled']);
    expectError(await call('PATCH', path, { enabled: 'yes' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path, { version: V, body: { enabled: false }, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', path, { version: V, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) })).status).toBe(200);
  });
});

describe('bad input and roles', () => {
  it('refuses unknown providers in paths, malformed ids, bad bodies and read-only callers', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await call('GET', `/groups/${g}/privateEndpoint/AZURE/endpointService`), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await call('GET', `/groups/${g}/privateEndpoint/ORACLE/endpointService`), 404, 'PROVIDER_UNSUPPORTED', ['ORACLE']);
    expectError(await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService/xyz`), 404, 'PRIVATELINK_NOT_FOUND', ['xyz']);
    expectError(await call('DELETE', `/groups/${g}/privateEndpoint/AWS/endpointService/ffffffffffffffffffffffff`), 404, 'PRIVATELINK_NOT_FOUND');
    expectError(await call('POST', `/groups/${g}/privateEndpoint/endpointService`, { providerName: 'AWS' }), 400, 'MISSING_ATTRIBUTE', ['region']);
    expectError(await call('POST', `/groups/${g}/privateEndpoint/endpointService`, { providerName: 'AWS', region: 'US_GOV_WEST_1', status: 'AVAILABLE' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await call('POST', `/groups/${g}/privateEndpoint/endpointService`, { providerName: 'AWS', region: 7 }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', `/groups/${g}/privateEndpoint/endpointService`, { version: V, rawBody: '[' }), 400, 'MALFORMED_JSON');
    const reader = keyWith(atlas, g, ['GROUP_READ_ONLY']);
    expectError(await atlas.call('POST', `/groups/${g}/privateEndpoint/endpointService`, { version: V, body: { providerName: 'AWS', region: 'US_GOV_WEST_1' }, ...reader }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService`, { version: V, ...reader })).json).toEqual([]);
  });
});

describe('custom DNS for AWS clusters', () => {
  it('is off for a new project and toggles; Project Owner to change', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const path = `/groups/${g}/awsCustomDNS`;
    expect((await call('GET', path)).json).toEqual({ enabled: false });
    const on = await call('PATCH', path, { enabled: true });
    expect({ status: on.status, body: on.json }).toEqual({ status: 200, body: { enabled: true } });
    expect((await call('GET', path)).json).toEqual({ enabled: true });
    expectError(await call('PATCH', path, { enabled: 1 }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await call('PATCH', path, { enabled: false, other: true }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path, { version: V, body: { enabled: false }, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', path, { version: V, ...keyWith(atlas, g, ['GROUP_READ_ONLY']) })).json).toEqual({ enabled: true });
    expectError(await call('GET', '/groups/ffffffffffffffffffffffff/awsCustomDNS'), 404, 'GROUP_NOT_FOUND');
  });
});

describe('changing an endpoint service (PATCH /privateEndpoint/endpointService/{id}, 2026-08 document)', () => {
  const patch = (g: string, id: string, body: unknown, extra: object = {}) => atlas.call('PATCH', `/groups/${g}/privateEndpoint/endpointService/${id}`, { version: V, body, ...extra });

  it('sets the AWS regions that may connect across regions, within the project designation, shown on every read', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const id = await availableService(g);
    const res = await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: ['US_GOV_EAST_1', 'us-gov-east-1'] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, cloudProvider: 'AWS', regionName: 'US_GOV_WEST_1', supportedRemoteRegions: ['us-gov-east-1'] });
    expect((await call('GET', `/groups/${g}/privateEndpoint/AWS/endpointService/${id}`)).json.supportedRemoteRegions).toEqual(['us-gov-east-1']);
    expect((await patch(g, id, { cloudProvider: 'AWS' })).json.supportedRemoteRegions).toEqual(['us-gov-east-1']);
    expect((await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: [] })).json.supportedRemoteRegions).toEqual([]);
  });

  it('refuses other designations, GCP, Azure, a wrong provider, unknown ids, bad input and non-owners, changing nothing', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const id = await availableService(g);
    const gcp = await availableService(g, 'GCP', 'US_EAST_4_AW');
    const reader = keyWith(atlas, g, ['GROUP_READ_ONLY']);
    await atlas.token(); // issuing the caller's token is a change of its own
    // Reads settle the services' due steps: settle them before taking the picture.
    for (const [p, s] of [['AWS', id], ['GCP', gcp]]) expect((await call('GET', `/groups/${g}/privateEndpoint/${p}/endpointService/${s}`)).json.status).toBe('AVAILABLE');
    const records = () => JSON.stringify(atlas.sim.exportState().slices);
    const before = records();
    expectError(await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: ['US_EAST_1'] }), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expectError(await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: ['EU_WEST_1'] }), 400, 'INVALID_REGION', ['EU_WEST_1', 'AWS']);
    expectError(await patch(g, gcp, { cloudProvider: 'GCP', supportedRemoteRegions: ['US_EAST_4_AW'] }), 400, 'INVALID_ATTRIBUTE', ['supportedRemoteRegions']);
    expectError(await patch(g, id, { cloudProvider: 'GCP' }), 404, 'PRIVATELINK_NOT_FOUND', [id]);
    expectError(await patch(g, id, { cloudProvider: 'AZURE' }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await patch(g, id, { cloudProvider: 'OTHER' }), 400, 'INVALID_ENUM_VALUE');
    expectError(await patch(g, id, {}), 400, 'MISSING_ATTRIBUTE');
    expectError(await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: 'US_GOV_EAST_1' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch(g, id, { cloudProvider: 'AWS', other: 1 }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', `/groups/${g}/privateEndpoint/endpointService/${id}`, { version: V, rawBody: '{"cloudProvider":' }), 400, 'MALFORMED_JSON');
    expectError(await patch(g, '0123456789abcdef01234567', { cloudProvider: 'AWS' }), 404, 'PRIVATELINK_NOT_FOUND');
    expectError(await patch(g, 'bad', { cloudProvider: 'AWS' }), 404, 'PRIVATELINK_NOT_FOUND');
    expectError(await patch(g, id, { cloudProvider: 'AWS', supportedRemoteRegions: ['US_GOV_EAST_1'] }, reader), 401, 'USER_UNAUTHORIZED');
    expect(records()).toBe(before);
  });
});
