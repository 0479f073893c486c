/**
 * Private endpoint services (2023-01-01): an AWS PrivateLink service in a GovCloud region
 * from INITIATING to AVAILABLE and away, the Government region rule, the regionalized
 * private endpoint setting and custom DNS for AWS clusters. Interface endpoints need a
 * real VPC endpoint in the customer's account, so that part runs against a simulator only.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';
const VPCE = 'vpce-0123456789abcdef0';

/** Creates an AWS service in US_GOV_WEST_1 and waits for it to be AVAILABLE; returns its path. */
async function availableService(t: ScenarioContext, groupId: string): Promise<string> {
  const created = await t.api.call('POST', `/groups/${groupId}/privateEndpoint/endpointService`, { version: V, body: { providerName: 'AWS', region: 'US_GOV_WEST_1' } });
  t.expectResponse(created, {
    status: 201,
    contentType: { version: V },
    body: m.partial({ cloudProvider: 'AWS', id: m.objectId(), regionName: 'US_GOV_WEST_1', status: m.oneOf('INITIATING', 'AVAILABLE'), interfaceEndpoints: [] }),
    contract: 'createPrivateEndpointService',
  });
  const path = `/groups/${groupId}/privateEndpoint/AWS/endpointService/${(created.json as { id: string }).id}`;
  // A project cannot be deleted while a service is still being torn down.
  t.cleanup(`endpoint service ${path}`, async () => {
    await t.api.call('DELETE', path, { version: V });
    await t.waitFor('the endpoint service to be gone', async () => (await t.api.call('GET', path, { version: V })).status === 404);
  });
  await t.waitFor('the endpoint service to be AVAILABLE', async () => ((await t.api.call('GET', path, { version: V })).json as { status?: string }).status === 'AVAILABLE');
  return path;
}

export const privateEndpointScenarios: readonly Scenario[] = [
  {
    id: 'privateEndpoints/service',
    title: 'creates an AWS PrivateLink service in GovCloud (201), sees it AVAILABLE with its service name, lists and deletes it (202 {}); a commercial region is refused',
    operations: ['createPrivateEndpointService', 'getPrivateEndpointService', 'listPrivateEndpointServices', 'updatePrivateEndpointService', 'deletePrivateEndpointService'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'pe', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const create = (body: unknown) => t.api.call('POST', `/groups/${groupId}/privateEndpoint/endpointService`, { version: V, body });
      t.expectResponse(await create({ providerName: 'AWS', region: 'US_EAST_1' }), { status: 409, errorCode: 'REGION_UNAVAILABLE' }, 'a commercial region in a GovCloud project');
      t.expectResponse(await create({ providerName: 'AZURE', region: 'US_EAST_2' }), { status: 400, errorCode: 'INVALID_PROVIDER' }, 'Azure');
      const path = await availableService(t, groupId);
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ status: 'AVAILABLE', endpointServiceName: m.string(/^com\.amazonaws\.vpce\.us-gov-west-1\.vpce-svc-[0-9a-f]{17}$/) }), contract: 'getPrivateEndpointService' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/privateEndpoint/AWS/endpointService`, { version: V }), { status: 200, body: m.some(m.partial({ regionName: 'US_GOV_WEST_1' })), contract: 'listPrivateEndpointServices' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/privateEndpoint/AZURE/endpointService`, { version: V }), { status: 400, errorCode: 'INVALID_PROVIDER' });
      // The 2026-08 document's update: other GovCloud regions may connect across regions; a commercial one may not.
      const update = `/groups/${groupId}/privateEndpoint/endpointService/${path.split('/').pop()}`;
      t.expectResponse(await t.api.call('PATCH', update, { version: V, body: { cloudProvider: 'AWS', supportedRemoteRegions: ['US_EAST_1'] } }), { status: 409, errorCode: 'REGION_UNAVAILABLE' }, 'a commercial remote region');
      t.expectResponse(await t.api.call('PATCH', update, { version: V, body: { cloudProvider: 'AWS', supportedRemoteRegions: ['US_GOV_EAST_1'] } }), { status: 200, body: m.partial({ supportedRemoteRegions: ['us-gov-east-1'] }), contract: 'updatePrivateEndpointService' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/privateEndpoint/AWS/endpointService/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'PRIVATELINK_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/privateEndpoint/AWS/endpointService/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'PRIVATELINK_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 202, body: {} });
      await t.waitFor('the endpoint service to be gone', async () => (await t.api.call('GET', path, { version: V })).status === 404);
    },
  },
  {
    id: 'privateEndpoints/interface-endpoint',
    title: 'attaches an interface endpoint (200) that goes PENDING_ACCEPTANCE to AVAILABLE, reads and deletes it (204); a malformed id is refused',
    operations: ['createPrivateEndpoint', 'getPrivateEndpoint', 'deletePrivateEndpoint'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'pe-ep', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const service = await availableService(t, groupId);
      t.expectResponse(await t.api.call('POST', `${service}/endpoint`, { version: V, body: { id: 'vpc-1' } }), { status: 404, errorCode: 'PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED' });
      const created = await t.api.call('POST', `${service}/endpoint`, { version: V, body: { id: VPCE } });
      t.expectResponse(created, { status: 200, body: { cloudProvider: 'AWS', connectionStatus: 'PENDING_ACCEPTANCE', deleteRequested: false, interfaceEndpointId: VPCE }, contract: 'createPrivateEndpoint' });
      const endpoint = `${service}/endpoint/${VPCE}`;
      await t.waitFor('the endpoint to be AVAILABLE', async () => ((await t.api.call('GET', endpoint, { version: V })).json as { connectionStatus?: string }).connectionStatus === 'AVAILABLE');
      t.expectResponse(await t.api.call('GET', endpoint, { version: V }), { status: 200, body: m.partial({ connectionStatus: 'AVAILABLE' }), contract: 'getPrivateEndpoint' });
      t.expectResponse(await t.api.call('GET', `${service}/endpoint/vpce-ffffffffffffffff0`, { version: V }), { status: 404, errorCode: 'PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${service}/endpoint/vpce-ffffffffffffffff0`, { version: V }), { status: 404, errorCode: 'PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', endpoint, { version: V }), { status: 204, body: undefined });
      await t.waitFor('the endpoint to be gone', async () => (await t.api.call('GET', endpoint, { version: V })).status === 404);
    },
  },
  {
    id: 'privateEndpoints/regional-mode',
    title: 'reads the regionalized private endpoint setting (off for a new project) and turns it on and off (202)',
    operations: ['getRegionalizedPrivateEndpointSetting', 'toggleRegionalizedPrivateEndpointSetting'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'pe-regional', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const path = `/groups/${groupId}/privateEndpoint/regionalMode`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, contentType: { version: V }, body: { enabled: false }, contract: 'getRegionalizedPrivateEndpointSetting' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: true } }), { status: 202, body: { enabled: true }, contract: 'toggleRegionalizedPrivateEndpointSetting' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: false } }), { status: 202, body: { enabled: false } });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: 'on' } }), { status: 400, errorCode: 'INVALID_JSON_ATTRIBUTE' });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/privateEndpoint/regionalMode', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'awsCustomDns/toggle',
    title: 'reads custom DNS for AWS clusters (off for a new project) and turns it on and off (200)',
    operations: ['getAwsCustomDns', 'toggleAwsCustomDns'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'dns', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const path = `/groups/${groupId}/awsCustomDNS`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, contentType: { version: V }, body: { enabled: false }, contract: 'getAwsCustomDns' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: true } }), { status: 200, body: { enabled: true }, contract: 'toggleAwsCustomDns' });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: { enabled: true } });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { enabled: false } }), { status: 200, body: { enabled: false } });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: {} }), { status: 400, errorCode: 'MISSING_ATTRIBUTE' });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/awsCustomDNS', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
