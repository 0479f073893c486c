/**
 * Network peering in Atlas for Government: a container created ahead in a FedRAMP
 * Moderate region, re-addressed while unused, a peering connection to a customer VPC of
 * the same designation (it goes from INITIATING to waiting for the customer's
 * acceptance, which never comes for this made-up account), its deletion until it is
 * gone, then the container's; private IP mode; and the documented refusals.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';
const NO_SUCH_ID = '0123456789abcdef01234567';

async function peerGone(t: ScenarioContext, groupId: string, peerId: string): Promise<boolean> {
  const res = await t.api.call('GET', `/groups/${groupId}/peers/${peerId}`, { version: V });
  return res.status === 404;
}

export const networkPeeringScenarios: readonly Scenario[] = [
  {
    id: 'network/peering',
    title: 'creates, reads, lists and re-addresses a container, peers it with a VPC of the same designation, deletes the connection until it is gone and then the container',
    operations: [
      'createPeeringContainer',
      'getPeeringContainer',
      'listPeeringContainerByCloudProvider',
      'listPeeringContainers',
      'updatePeeringContainer',
      'deletePeeringContainer',
      'createPeeringConnection',
      'getPeeringConnection',
      'listPeeringConnections',
      'updatePeeringConnection',
      'deletePeeringConnection',
      'verifyConnectViaPeeringOnlyModeForOneProject',
      'disablePeering',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'peering');
      const base = `/groups/${groupId}`;
      const created = await t.api.call('POST', `${base}/containers`, { version: V, body: { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.100.0.0/21' } });
      t.expectResponse(created, {
        status: 200,
        contentType: { version: V },
        body: m.partial({ id: m.objectId(), providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '10.100.0.0/21', provisioned: false }),
        contract: 'createPeeringContainer',
      });
      const containerId = (created.json as { id: string }).id;
      t.cleanup(`container ${containerId}`, async () => {
        const del = await t.api.call('DELETE', `${base}/containers/${containerId}`, { version: V });
        if (del.status !== 204 && del.status !== 404) throw new Error(`deleting container ${containerId}: ${del.status} ${del.text}`);
      });
      t.expectResponse(await t.api.call('GET', `${base}/containers/${containerId}`, { version: V }), { status: 200, body: m.partial({ id: containerId }), contract: 'getPeeringContainer' });
      t.expectResponse(await t.api.call('GET', `${base}/containers?providerName=AWS`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: containerId })) }), contract: 'listPeeringContainerByCloudProvider' });
      t.expectResponse(await t.api.call('GET', `${base}/containers/all`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: containerId })) }), contract: 'listPeeringContainers' });
      const patched = await t.api.call('PATCH', `${base}/containers/${containerId}`, { version: V, body: { providerName: 'AWS', atlasCidrBlock: '10.101.0.0/24' } });
      t.expectResponse(patched, { status: 200, body: m.partial({ atlasCidrBlock: '10.101.0.0/24' }), contract: 'updatePeeringContainer' });

      const peerBody = { providerName: 'AWS', containerId, accepterRegionName: 'us-west-1', awsAccountId: '123456789012', routeTableCidrBlock: '10.200.0.0/24', vpcId: 'vpc-0123456789abcdef0' };
      const peer = await t.api.call('POST', `${base}/peers`, { version: V, body: peerBody });
      t.expectResponse(peer, { status: 200, body: m.partial({ id: m.objectId(), containerId, statusName: m.oneOf('INITIATING', 'PENDING_ACCEPTANCE', 'FAILED') }), contract: 'createPeeringConnection' });
      const peerId = (peer.json as { id: string }).id;
      t.cleanup(`peer ${peerId}`, async () => {
        await t.api.call('DELETE', `${base}/peers/${peerId}`, { version: V });
        await t.waitFor(`peer ${peerId} to be gone`, () => peerGone(t, groupId, peerId), { timeoutSeconds: 1800, intervalSeconds: 15 });
      });
      t.expectResponse(await t.api.call('GET', `${base}/peers/${peerId}`, { version: V }), { status: 200, body: m.partial({ id: peerId, vpcId: peerBody.vpcId }), contract: 'getPeeringConnection' });
      t.expectResponse(await t.api.call('GET', `${base}/peers?providerName=AWS`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: peerId })) }), contract: 'listPeeringConnections' });
      // The block is locked while a connection uses the container.
      t.expectResponse(await t.api.call('PATCH', `${base}/containers/${containerId}`, { version: V, body: { providerName: 'AWS', atlasCidrBlock: '10.102.0.0/24' } }), { status: 409, errorCode: 'CONTAINERS_IN_USE' });
      const peerPatched = await t.api.call('PATCH', `${base}/peers/${peerId}`, { version: V, body: { ...peerBody, routeTableCidrBlock: '10.201.0.0/24' } });
      t.expectResponse(peerPatched, { status: 200, body: m.partial({ routeTableCidrBlock: '10.201.0.0/24' }), contract: 'updatePeeringConnection' });
      // A commercial container does not peer with GovCloud.
      t.expectResponse(await t.api.call('POST', `${base}/peers`, { version: V, body: { ...peerBody, accepterRegionName: 'us-gov-west-1', vpcId: 'vpc-0123456789abcdef1' } }), { status: 409, errorCode: 'REGION_UNAVAILABLE' });
      const deleted = await t.api.call('DELETE', `${base}/peers/${peerId}`, { version: V });
      t.expectResponse(deleted, { status: 202, body: {}, contract: 'deletePeeringConnection' });
      await t.waitFor(`peer ${peerId} to be gone`, () => peerGone(t, groupId, peerId), { timeoutSeconds: 1800, intervalSeconds: 15 });
      t.expectResponse(await t.api.call('DELETE', `${base}/containers/${containerId}`, { version: V }), { status: 204, body: undefined });

      const mode = await t.api.call('GET', `${base}/privateIpMode`, { version: V });
      t.expectResponse(mode, { status: 200, body: { enabled: false }, contract: 'verifyConnectViaPeeringOnlyModeForOneProject' });
      t.expectResponse(await t.api.call('PATCH', `${base}/privateIpMode`, { version: V, body: { enabled: false } }), { status: 200, body: { enabled: false }, contract: 'disablePeering' });
    },
  },
  {
    id: 'network/refusals',
    title: 'answers 404 for unknown containers and connections and refuses bad blocks, missing attributes and bad bodies',
    operations: [
      'getPeeringContainer',
      'updatePeeringContainer',
      'deletePeeringContainer',
      'createPeeringContainer',
      'listPeeringContainerByCloudProvider',
      'listPeeringContainers',
      'getPeeringConnection',
      'updatePeeringConnection',
      'deletePeeringConnection',
      'createPeeringConnection',
      'listPeeringConnections',
      'verifyConnectViaPeeringOnlyModeForOneProject',
      'disablePeering',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'peer-refusals');
      const base = `/groups/${groupId}`;
      t.expectResponse(await t.api.call('GET', `${base}/containers/${NO_SUCH_ID}`, { version: V }), { status: 404, errorCode: 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `${base}/containers/${NO_SUCH_ID}`, { version: V, body: { providerName: 'AWS', atlasCidrBlock: '10.0.0.0/24' } }), { status: 404, errorCode: 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${base}/containers/${NO_SUCH_ID}`, { version: V }), { status: 404, errorCode: 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${base}/containers`, { version: V, body: { providerName: 'AWS', regionName: 'US_WEST_1', atlasCidrBlock: '8.8.8.0/24' } }), { status: 400, errorCode: 'ATLAS_INVALID_CIDR_RANGE' });
      t.expectResponse(await t.api.call('GET', `${base}/containers?providerName=NOPE`, { version: V }), { status: 400, contentType: 'json', body: m.partial({ error: 400 }) });
      t.expectResponse(await t.api.call('GET', `${base}/containers/all?itemsPerPage=0`, { version: V }), { status: 400, contentType: 'json', body: m.partial({ error: 400 }) });
      t.expectResponse(await t.api.call('GET', `${base}/peers/${NO_SUCH_ID}`, { version: V }), { status: 404, errorCode: 'PEER_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `${base}/peers/${NO_SUCH_ID}`, { version: V, body: { providerName: 'AWS', containerId: NO_SUCH_ID } }), { status: 404, errorCode: 'PEER_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${base}/peers/${NO_SUCH_ID}`, { version: V }), { status: 404, errorCode: 'PEER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${base}/peers`, { version: V, body: { providerName: 'AWS', containerId: NO_SUCH_ID } }), { status: 404, errorCode: 'CLOUD_PROVIDER_CONTAINER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/peers?providerName=NOPE`, { version: V }), { status: 400, contentType: 'json', body: m.partial({ error: 400 }) });
      t.expectResponse(await t.api.call('GET', '/groups/not-a-project/privateIpMode', { version: V }), { status: 404, errorCode: 'INVALID_GROUP_ID' });
      t.expectResponse(await t.api.call('PATCH', `${base}/privateIpMode`, { version: V, body: { enabled: 'yes' } }), { status: 400, contentType: 'json', body: m.partial({ error: 400 }) });
    },
  },
];
