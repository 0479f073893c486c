/**
 * Dedicated clusters in Atlas for Government: a Gov-valid cluster (AWS, FedRAMP Moderate
 * region, M30) is created, waited for until IDLE (minutes on a real host; the clock is
 * moved on a simulator), read, listed, changed, deleted and waited for until gone; and
 * the documented refusals. Flex clusters are unavailable in Atlas for Government.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const CREATE = '2024-10-23';
const READ = '2024-08-05';

function clusterBody(name: string, regionName = 'US_EAST_1') {
  return {
    name,
    clusterType: 'REPLICASET',
    replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName, priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }],
  };
}

async function stateOf(t: ScenarioContext, groupId: string, name: string): Promise<string | 404> {
  const res = await t.api.call('GET', `/groups/${groupId}/clusters/${name}`, { version: READ });
  if (res.status === 404) return 404;
  t.expectResponse(res, { status: 200 }, `reading cluster ${name}`);
  return (res.json as { stateName: string }).stateName;
}

export const clusterScenarios: readonly Scenario[] = [
  {
    id: 'clusters/lifecycle',
    title: 'creates a cluster (201 CREATING), waits until IDLE, reads, lists and changes it, deletes it (202 {}) and waits until it is gone',
    operations: ['createCluster', 'getCluster', 'listClusters', 'getClusterStatus', 'updateCluster', 'deleteCluster', 'getClusterAdvancedConfiguration', 'updateClusterAdvancedConfiguration', 'autoScalingConfiguration', 'testFailover', 'pinFeatureCompatibilityVersion', 'unpinFeatureCompatibilityVersion', 'grantMongoDbEmployeeAccess', 'revokeMongoDbEmployeeAccess', 'loadSampleDataset', 'getSampleDatasetLoadStatus', 'listClustersForAllProjects'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'clusters');
      const name = t.name('c').slice(-23).replace(/^-+/, '');
      const created = await t.api.call('POST', `/groups/${groupId}/clusters`, { version: CREATE, body: clusterBody(name) });
      t.expectResponse(created, {
        status: 201,
        contentType: { version: CREATE },
        body: m.partial({ name, groupId, stateName: 'CREATING', clusterType: 'REPLICASET', id: m.objectId() }),
        contract: 'createCluster',
      });
      // Deleted before its project (the project's own cleanup runs after this one).
      t.cleanup(`cluster ${name}`, async () => {
        const del = await t.api.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' });
        if (del.status >= 300 && del.status !== 404 && !/CLUSTER_ALREADY_REQUESTED_DELETION/.test(del.text)) throw new Error(`deleting cluster ${name}: ${del.status} ${del.text}`);
        await t.waitFor(`cluster ${name} to be gone`, async () => (await stateOf(t, groupId, name)) === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
      });
      await t.waitFor(`cluster ${name} to be IDLE`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      const got = await t.api.call('GET', `/groups/${groupId}/clusters/${name}`, { version: READ });
      t.expectResponse(got, {
        status: 200,
        contentType: { version: READ },
        body: m.partial({ name, stateName: 'IDLE', connectionStrings: m.partial({ standardSrv: m.string(/^mongodb\+srv:\/\//) }) }),
        contract: 'getCluster',
      });
      const list = await t.api.call('GET', `/groups/${groupId}/clusters`, { version: READ });
      t.expectResponse(list, { status: 200, body: m.partial({ results: m.some(m.partial({ name })), totalCount: m.integer(1) }), contract: 'listClusters' });
      const status = await t.api.call('GET', `/groups/${groupId}/clusters/${name}/status`, { version: '2023-01-01' });
      t.expectResponse(status, { status: 200, body: m.partial({ changeStatus: m.oneOf('APPLIED', 'PENDING') }), contract: 'getClusterStatus' });
      const patched = await t.api.call('PATCH', `/groups/${groupId}/clusters/${name}`, { version: CREATE, body: { tags: [{ key: 'owner', value: 'contract' }] } });
      t.expectResponse(patched, { status: 200, body: m.partial({ name, tags: [{ key: 'owner', value: 'contract' }] }), contract: 'updateCluster' });
      await t.waitFor(`cluster ${name} to settle after the change`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      const argsPath = `/groups/${groupId}/clusters/${name}/processArgs`;
      const argsV1 = await t.api.call('GET', argsPath, { version: '2023-01-01' });
      t.expectResponse(argsV1, { status: 200, contentType: { version: '2023-01-01' }, body: m.partial({ defaultWriteConcern: m.string(), javascriptEnabled: m.boolean() }), contract: 'getClusterAdvancedConfiguration' });
      const args = await t.api.call('GET', argsPath, { version: READ });
      t.expectResponse(args, { status: 200, contentType: { version: READ }, body: m.partial({ minimumEnabledTlsProtocol: m.string(), tlsCipherConfigMode: m.string() }), contract: 'getClusterAdvancedConfiguration' });
      const argsPatched = await t.api.call('PATCH', argsPath, { version: READ, body: { noTableScan: true } });
      t.expectResponse(argsPatched, { status: 200, body: m.partial({ noTableScan: true }), contract: 'updateClusterAdvancedConfiguration' });
      t.expectResponse(await t.api.call('PATCH', argsPath, { version: READ, body: { oplogSizeMB: -5 } }), { status: 400, errorCode: 'OPLOG_SIZE_MB_LESS_THAN_EQUAL_ZERO' });
      await t.waitFor(`cluster ${name} to settle after the processArgs change`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      const base = `/groups/${groupId}/clusters/${name}`;
      const scaling = await t.api.call('GET', `${base}/autoScalingConfiguration`, { version: READ });
      t.expectResponse(scaling, { status: 200, body: { autoScalingMode: m.oneOf('CLUSTER_WIDE_SCALING', 'INDEPENDENT_SHARD_SCALING') }, contract: 'autoScalingConfiguration' });
      const all = await t.api.call('GET', '/clusters?itemsPerPage=500', { version: '2023-01-01' });
      t.expectResponse(all, { status: 200, body: m.partial({ results: m.some(m.partial({ groupId, clusters: m.some(m.partial({ name })) })) }), contract: 'listClustersForAllProjects' });
      const sample = await t.api.call('POST', `/groups/${groupId}/sampleDatasetLoad/${name}`, { version: '2023-01-01' });
      t.expectResponse(sample, { status: 201, body: m.partial({ clusterName: name, state: 'WORKING' }), contract: 'loadSampleDataset' });
      const sampleId = (sample.json as { _id: string })._id;
      await t.waitFor('the sample data to load', async () => {
        const res = await t.api.call('GET', `/groups/${groupId}/sampleDatasetLoad/${sampleId}`, { version: '2023-01-01' });
        t.expectResponse(res, { status: 200, body: m.partial({ _id: sampleId, state: m.oneOf('WORKING', 'COMPLETED') }), contract: 'getSampleDatasetLoadStatus' });
        return (res.json as { state: string }).state === 'COMPLETED';
      }, { timeoutSeconds: 1800, intervalSeconds: 30 });
      const later = new Date(Date.parse((got.json as { createDate: string }).createDate) + 30 * 86_400_000).toISOString();
      const grant = await t.api.call('POST', `${base}:grantMongoDBEmployeeAccess`, { version: READ, body: { grantType: 'CLUSTER_DATABASE_LOGS', expirationTime: later } });
      t.expectResponse(grant, { status: 204, body: undefined });
      t.expectResponse(await t.api.call('POST', `${base}:revokeMongoDBEmployeeAccess`, { version: READ }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('POST', `${base}:pinFeatureCompatibilityVersion`, { version: '2024-05-30', body: {} }), { status: 204, body: undefined });
      await t.waitFor(`cluster ${name} to settle after the pin`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      t.expectResponse(await t.api.call('POST', `${base}:unpinFeatureCompatibilityVersion`, { version: '2024-05-30' }), { status: 204, body: undefined });
      await t.waitFor(`cluster ${name} to settle after the unpin`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      t.expectResponse(await t.api.call('POST', `${base}/restartPrimaries`, { version: '2023-02-01' }), { status: 200 });
      await t.waitFor(`cluster ${name} to settle after the failover test`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      const del = await t.api.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' });
      t.expectResponse(del, { status: 202, body: {}, contract: 'deleteCluster' });
      t.expectMatch(await stateOf(t, groupId, name), m.oneOf('DELETING', 404), 'the cluster right after its deletion');
    },
  },
  {
    id: 'clusters/refusals',
    title: 'answers 404 CLUSTER_NOT_FOUND for an unknown cluster and refuses regions and sizes Atlas for Government does not offer',
    operations: ['getCluster', 'createCluster', 'deleteCluster', 'updateCluster', 'getClusterStatus', 'listClusters', 'listCloudProviderRegions', 'getClusterAdvancedConfiguration', 'autoScalingConfiguration', 'testFailover', 'pinFeatureCompatibilityVersion', 'unpinFeatureCompatibilityVersion', 'grantMongoDbEmployeeAccess', 'revokeMongoDbEmployeeAccess', 'loadSampleDataset', 'getSampleDatasetLoadStatus', 'listClustersForAllProjects', 'updateClusterAdvancedConfiguration'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'refusals');
      const missing = t.name('none').slice(-23).replace(/^-+/, '');
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/${missing}`, { version: READ }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND', body: m.partial({ parameters: [missing, groupId] }) });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/clusters/${missing}`, { version: '2023-02-01' }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${groupId}/clusters/${missing}`, { version: CREATE, body: { paused: false } }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/${missing}/status`, { version: '2023-01-01' }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/${missing}/processArgs`, { version: READ }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      const gone = `/groups/${groupId}/clusters/${missing}`;
      t.expectResponse(await t.api.call('PATCH', `${gone}/processArgs`, { version: READ, body: { noTableScan: true } }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${gone}/autoScalingConfiguration`, { version: READ }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${gone}/restartPrimaries`, { version: '2023-02-01' }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${gone}:pinFeatureCompatibilityVersion`, { version: '2024-05-30', body: {} }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${gone}:unpinFeatureCompatibilityVersion`, { version: '2024-05-30' }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${gone}:grantMongoDBEmployeeAccess`, { version: READ, body: { grantType: 'CLUSTER_DATABASE_LOGS', expirationTime: '2099-01-01T00:00:00Z' } }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${gone}:revokeMongoDBEmployeeAccess`, { version: READ }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/sampleDatasetLoad/${missing}`, { version: '2023-01-01' }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/sampleDatasetLoad/0123456789abcdef01234567`, { version: '2023-01-01' }), { status: 404, contentType: 'json', body: m.partial({ error: 404 }) });
      t.expectResponse(await t.api.call('GET', '/clusters?itemsPerPage=0', { version: '2023-01-01' }), { status: 400, contentType: 'json', body: m.partial({ error: 400 }) });
      // Outside the FedRAMP Moderate regions of a default project, and below M20 (wire-facts E).
      const europe = await t.api.call('POST', `/groups/${groupId}/clusters`, { version: CREATE, body: clusterBody(missing, 'EU_WEST_1') });
      t.expectResponse(europe, { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.oneOf('INVALID_REGION', 'REGION_UNAVAILABLE') }) }, 'a cluster in EU_WEST_1');
      const small = clusterBody(missing);
      small.replicationSpecs[0]!.regionConfigs[0]!.electableSpecs.instanceSize = 'M10';
      const m10 = await t.api.call('POST', `/groups/${groupId}/clusters`, { version: CREATE, body: small });
      t.expectResponse(m10, { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string() }) }, 'an M10 cluster');
      const regions = await t.api.call('GET', `/groups/${groupId}/clusters/provider/regions?providers=AWS&tier=M30`, { version: '2023-01-01' });
      t.expectResponse(regions, { status: 200, body: m.partial({ results: m.arrayOf(m.any(), { min: 1 }) }), contract: 'listCloudProviderRegions' });
      t.expectMatch(JSON.stringify(regions.json).includes('EU_WEST_1'), false, 'Gov regions only in the provider regions list');
      const badProvider = await t.api.call('GET', `/groups/${groupId}/clusters/provider/regions?providers=NOPE`, { version: '2023-01-01' });
      t.expectResponse(badProvider, { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string() }) }, 'an unknown provider');
      const empty = await t.api.call('GET', `/groups/${groupId}/clusters`, { version: READ });
      t.expectResponse(empty, { status: 200, body: m.partial({ results: [], totalCount: 0 }), contract: 'listClusters' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters`, { version: '2022-01-01' }), { status: 406, errorCode: 'INVALID_VERSION_DATE' });
    },
  },
];
