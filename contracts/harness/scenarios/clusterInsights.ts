/**
 * What tools read from a running cluster: the Performance Advisor (empty on a fresh
 * cluster, as on Atlas), collection-level latency metrics and pinned namespaces, a rolling
 * index build, Atlas Search indexes of both API generations and search nodes, and a
 * regional outage simulation on a two-region cluster; each with a documented refusal.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const READ = '2024-08-05';
const V1 = '2023-01-01';
const CS = '2023-11-15';
const S = '2024-05-30';

async function stateOf(t: ScenarioContext, groupId: string, name: string): Promise<string | 404> {
  const res = await t.api.call('GET', `/groups/${groupId}/clusters/${name}`, { version: READ });
  if (res.status === 404) return 404;
  t.expectResponse(res, { status: 200 }, `reading cluster ${name}`);
  return (res.json as { stateName: string }).stateName;
}

/** A 404 for a cluster that does not exist. */
async function missing(t: ScenarioContext, method: string, path: string, version: string, body?: unknown): Promise<void> {
  const res = await t.api.call(method, path, { version, ...(body !== undefined && { body }) });
  t.expectResponse(res, { status: 404, contentType: 'json' }, `${method} ${path}`);
}

export const clusterInsightScenarios: readonly Scenario[] = [
  {
    id: 'clusterInsights/read-a-running-cluster',
    title: 'advice, collection metrics, a rolling index, search indexes and nodes, and an outage simulation on a two-region cluster; unknown clusters and processes are 404',
    operations: [
      'listSlowQueryNamespaces', 'listSlowQueries', 'listSuggestedIndexes', 'listClusterSuggestedIndexes', 'listDropIndexes', 'listSchemaAdvice', 'getManagedSlowMs', 'enableSlowOperationThresholding', 'disableSlowOperationThresholding',
      'createRollingIndex', 'startOutageSimulation', 'getOutageSimulation', 'endOutageSimulation',
      'getCollStatsLatencyNamespaceMetrics', 'getCollStatsLatencyNamespacesForCluster', 'getCollStatsLatencyNamespaceClusterMeasurements', 'getCollStatsLatencyNamespacesForHost', 'getCollStatsLatencyNamespaceHostMeasurements', 'getPinnedNamespaces', 'pinNamespacesPut', 'pinNamespacesPatch', 'unpinNamespaces',
      'listAtlasSearchIndexesCluster', 'createAtlasSearchIndex', 'listAtlasSearchIndexes', 'getAtlasSearchIndexByName', 'updateAtlasSearchIndexByName', 'deleteAtlasSearchIndexByName', 'getAtlasSearchIndex', 'updateAtlasSearchIndex', 'deleteAtlasSearchIndex',
      'createAtlasSearchIndexDeprecated', 'listAtlasSearchIndexesDeprecated', 'getAtlasSearchIndexDeprecated', 'updateAtlasSearchIndexDeprecated', 'deleteAtlasSearchIndexDeprecated',
      'createAtlasSearchDeployment', 'getAtlasSearchDeployment', 'updateAtlasSearchDeployment', 'deleteAtlasSearchDeployment',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'insights');
      const name = t.name('i').slice(-23).replace(/^-+/, '');
      const spec = (regionName: string, nodeCount: number, priority: number) => ({ providerName: 'AWS', regionName, priority, electableSpecs: { instanceSize: 'M30', nodeCount } });
      const body = { name, clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [spec('US_EAST_1', 2, 7), spec('US_EAST_2', 1, 6)] }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body }), { status: 201 }, 'a two-region cluster');
      t.cleanup(`cluster ${name}`, async () => {
        await t.api.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' });
        await t.waitFor(`cluster ${name} to be gone`, async () => (await stateOf(t, groupId, name)) === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
      });
      await t.waitFor(`cluster ${name} to be IDLE`, async () => (await stateOf(t, groupId, name)) === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      const base = `/groups/${groupId}/clusters/${name}`;
      const nope = `/groups/${groupId}/clusters/nope-${name}`.slice(0, 80);
      const cluster = (await t.api.call('GET', base, { version: READ })).json as { connectionStrings: { standard: string } };
      const host = cluster.connectionStrings.standard.replace('mongodb://', '').split('/')[0]!.split(',')[0]!;
      const noHost = `/groups/${groupId}/processes/nohost.example.com:27017`;

      // Performance Advisor: a fresh cluster has nothing to advise.
      const pa = `/groups/${groupId}/processes/${host}/performanceAdvisor`;
      t.expectResponse(await t.api.call('GET', `${pa}/namespaces`, { version: V1 }), { status: 200, body: { namespaces: [] }, contract: 'listSlowQueryNamespaces' });
      t.expectResponse(await t.api.call('GET', `${pa}/slowQueryLogs`, { version: V1 }), { status: 200, body: { slowQueries: [] }, contract: 'listSlowQueries' });
      t.expectResponse(await t.api.call('GET', `${pa}/suggestedIndexes`, { version: V1 }), { status: 200, body: { shapes: [], suggestedIndexes: [] }, contract: 'listSuggestedIndexes' });
      t.expectResponse(await t.api.call('GET', `${base}/performanceAdvisor/suggestedIndexes`, { version: READ }), { status: 200, body: { content: { shapes: [], suggestedIndexes: [] } }, contract: 'listClusterSuggestedIndexes' });
      t.expectResponse(await t.api.call('GET', `${base}/performanceAdvisor/dropIndexSuggestions`, { version: READ }), { status: 200, body: { content: { hiddenIndexes: [], redundantIndexes: [], unusedIndexes: [] } }, contract: 'listDropIndexes' });
      t.expectResponse(await t.api.call('GET', `${base}/performanceAdvisor/schemaAdvice`, { version: READ }), { status: 200, body: { content: { recommendations: [] } }, contract: 'listSchemaAdvice' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/managedSlowMs`, { version: V1 }), { status: 200, body: true });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/managedSlowMs/disable`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/managedSlowMs/enable`, { version: V1 }), { status: 204, body: undefined });
      for (const op of ['namespaces', 'slowQueryLogs', 'suggestedIndexes']) await missing(t, 'GET', `${noHost}/performanceAdvisor/${op}`, V1);
      for (const op of ['suggestedIndexes', 'dropIndexSuggestions', 'schemaAdvice']) await missing(t, 'GET', `${nope}/performanceAdvisor/${op}`, READ);
      for (const [method, path] of [['GET', ''], ['DELETE', '/disable'], ['POST', '/enable']] as const) await missing(t, method, `/groups/ffffffffffffffffffffffff/managedSlowMs${path}`, V1);

      // A rolling index build.
      t.expectResponse(await t.api.call('POST', `${base}/index`, { version: V1, body: { db: 'app', collection: 'users', keys: [{ email: '1' }] } }), { status: 202 });
      t.expectResponse(await t.api.call('POST', `${base}/index`, { version: V1, body: { db: 'app', collection: 'users' } }), { status: 400, errorCode: 'MISSING_ATTRIBUTE' });

      // Collection-level metrics.
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/collStats/metrics`, { version: CS }), { status: 200, body: m.partial({ metrics: m.some(m.partial({ metricName: 'READS_OPS' })) }), contract: 'getCollStatsLatencyNamespaceMetrics' });
      t.expectResponse(await t.api.call('GET', `${base}/PRIMARY/collStats/namespaces?period=PT1H`, { version: CS }), { status: 200, body: m.partial({ rankedNamespaces: m.arrayOf(m.string()) }), contract: 'getCollStatsLatencyNamespacesForCluster' });
      t.expectResponse(await t.api.call('GET', `${base}/PRIMARY/app/users/collStats/measurements?period=PT1H&metrics=READS_OPS`, { version: CS }), { status: 200, body: m.partial({ databaseName: 'app', collectionName: 'users' }), contract: 'getCollStatsLatencyNamespaceClusterMeasurements' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/processes/${host}/collStats/namespaces?period=PT1H`, { version: CS }), { status: 200, body: m.partial({ rankedNamespaces: m.arrayOf(m.string()) }), contract: 'getCollStatsLatencyNamespacesForHost' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/processes/${host}/app/users/collStats/measurements?period=PT1H&metrics=TOTAL_OPS`, { version: CS }), { status: 200, body: m.partial({ databaseName: 'app' }), contract: 'getCollStatsLatencyNamespaceHostMeasurements' });
      t.expectResponse(await t.api.call('PUT', `${base}/collStats/pinned`, { version: CS, body: { namespaces: ['app.users'] } }), { status: 200, body: m.partial({ pinnedNamespaces: ['app.users'] }), contract: 'pinNamespacesPut' });
      t.expectResponse(await t.api.call('PATCH', `${base}/collStats/pinned`, { version: CS, body: { namespaces: ['app.orders'] } }), { status: 200, body: m.partial({ pinnedNamespaces: ['app.users', 'app.orders'] }), contract: 'pinNamespacesPatch' });
      t.expectResponse(await t.api.call('PATCH', `${base}/collStats/unpin`, { version: CS, body: { namespaces: ['app.users'] } }), { status: 200, body: m.partial({ pinnedNamespaces: ['app.orders'] }), contract: 'unpinNamespaces' });
      t.expectResponse(await t.api.call('GET', `${base}/collStats/pinned`, { version: CS }), { status: 200, body: m.partial({ pinnedNamespaces: ['app.orders'] }), contract: 'getPinnedNamespaces' });
      await missing(t, 'GET', `/groups/ffffffffffffffffffffffff/collStats/metrics`, CS);
      await missing(t, 'GET', `${nope}/PRIMARY/collStats/namespaces?period=PT1H`, CS);
      await missing(t, 'GET', `${nope}/PRIMARY/app/users/collStats/measurements?period=PT1H`, CS);
      await missing(t, 'GET', `${noHost}/collStats/namespaces?period=PT1H`, CS);
      await missing(t, 'GET', `${noHost}/app/users/collStats/measurements?period=PT1H`, CS);
      await missing(t, 'GET', `${nope}/collStats/pinned`, CS);
      await missing(t, 'PUT', `${nope}/collStats/pinned`, CS, { namespaces: ['a.b'] });
      await missing(t, 'PATCH', `${nope}/collStats/pinned`, CS, { namespaces: ['a.b'] });
      await missing(t, 'PATCH', `${nope}/collStats/unpin`, CS, { namespaces: ['a.b'] });

      // Search indexes, both generations.
      const created = await t.api.call('POST', `${base}/search/indexes`, { version: S, body: { database: 'app', collectionName: 'users', name: 'default', definition: { mappings: { dynamic: true } } } });
      t.expectResponse(created, { status: 201, body: m.partial({ name: 'default', indexID: m.objectId() }), contract: 'createAtlasSearchIndex' });
      const indexId = (created.json as { indexID: string }).indexID;
      t.expectResponse(await t.api.call('GET', `${base}/search/indexes`, { version: S }), { status: 200, body: m.some(m.partial({ indexID: indexId })), contract: 'listAtlasSearchIndexesCluster' });
      t.expectResponse(await t.api.call('GET', `${base}/search/indexes/app/users`, { version: S }), { status: 200, body: m.some(m.partial({ indexID: indexId })), contract: 'listAtlasSearchIndexes' });
      t.expectResponse(await t.api.call('GET', `${base}/search/indexes/${indexId}`, { version: S }), { status: 200, body: m.partial({ indexID: indexId }), contract: 'getAtlasSearchIndex' });
      t.expectResponse(await t.api.call('GET', `${base}/search/indexes/app/users/default`, { version: S }), { status: 200, body: m.partial({ indexID: indexId }), contract: 'getAtlasSearchIndexByName' });
      const fields = { mappings: { dynamic: false, fields: { email: { type: 'string' } } } };
      t.expectResponse(await t.api.call('PATCH', `${base}/search/indexes/${indexId}`, { version: S, body: { definition: fields } }), { status: 200, body: m.partial({ indexID: indexId }), contract: 'updateAtlasSearchIndex' });
      t.expectResponse(await t.api.call('PATCH', `${base}/search/indexes/app/users/default`, { version: S, body: { definition: { mappings: { dynamic: true } } } }), { status: 200, body: m.partial({ indexID: indexId }), contract: 'updateAtlasSearchIndexByName' });
      const legacy = await t.api.call('POST', `${base}/fts/indexes`, { version: V1, body: { database: 'app', collectionName: 'orders', name: 'legacy', mappings: { dynamic: true } } });
      t.expectResponse(legacy, { status: 200, body: m.partial({ name: 'legacy', indexID: m.objectId() }), contract: 'createAtlasSearchIndexDeprecated' });
      const legacyId = (legacy.json as { indexID: string }).indexID;
      t.expectResponse(await t.api.call('GET', `${base}/fts/indexes/app/orders`, { version: V1 }), { status: 200, body: m.some(m.partial({ indexID: legacyId })), contract: 'listAtlasSearchIndexesDeprecated' });
      t.expectResponse(await t.api.call('GET', `${base}/fts/indexes/${legacyId}`, { version: V1 }), { status: 200, body: m.partial({ indexID: legacyId }), contract: 'getAtlasSearchIndexDeprecated' });
      t.expectResponse(await t.api.call('PATCH', `${base}/fts/indexes/${legacyId}`, { version: V1, body: { database: 'app', collectionName: 'orders', name: 'legacy', mappings: { dynamic: false, fields: { total: { type: 'number' } } } } }), { status: 200, body: m.partial({ indexID: legacyId }), contract: 'updateAtlasSearchIndexDeprecated' });
      t.expectResponse(await t.api.call('DELETE', `${base}/fts/indexes/${legacyId}`, { version: V1 }), { status: 204, body: undefined });
      const second = await t.api.call('POST', `${base}/search/indexes`, { version: S, body: { database: 'app', collectionName: 'users', name: 'second', definition: { mappings: { dynamic: true } } } });
      t.expectResponse(await t.api.call('DELETE', `${base}/search/indexes/${(second.json as { indexID: string }).indexID}`, { version: S }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `${base}/search/indexes/app/users/default`, { version: S }), { status: 204, body: undefined });
      for (const [method, path, version] of [
        ['GET', '/search/indexes', S], ['POST', '/search/indexes', S], ['GET', '/search/indexes/app/users', S], ['GET', '/search/indexes/app/users/x', S], ['PATCH', '/search/indexes/app/users/x', S], ['DELETE', '/search/indexes/app/users/x', S],
        ['GET', `/search/indexes/${indexId}`, S], ['PATCH', `/search/indexes/${indexId}`, S], ['DELETE', `/search/indexes/${indexId}`, S],
        ['POST', '/fts/indexes', V1], ['GET', '/fts/indexes/app/users', V1], ['GET', `/fts/indexes/${legacyId}`, V1], ['PATCH', `/fts/indexes/${legacyId}`, V1], ['DELETE', `/fts/indexes/${legacyId}`, V1],
      ] as const) {
        const index = { database: 'a', collectionName: 'b', name: 'c' };
        const definition = { mappings: { dynamic: true } };
        const writes = version === S ? { POST: { ...index, definition }, PATCH: { definition } } : { POST: { ...index, ...definition }, PATCH: { ...index, ...definition } };
        await missing(t, method, `${nope}${path}`, version, method === 'POST' || method === 'PATCH' ? writes[method] : undefined);
      }

      // Search nodes.
      const dep = `${base}/search/deployment`;
      t.expectResponse(await t.api.call('GET', dep, { version: '2025-03-12' }), { status: 200, body: {} }, 'no search nodes yet');
      t.expectResponse(await t.api.call('POST', dep, { version: S, body: { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] } }), { status: 201, body: m.partial({ stateName: 'UPDATING' }), contract: 'createAtlasSearchDeployment' });
      await t.waitFor('search nodes to be IDLE', async () => ((await t.api.call('GET', dep, { version: '2025-03-12' })).json as { stateName?: string }).stateName === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      t.expectResponse(await t.api.call('PATCH', dep, { version: S, body: { specs: [{ instanceSize: 'S30_HIGHCPU_NVME', nodeCount: 2 }] } }), { status: 200, body: m.partial({ stateName: 'UPDATING' }), contract: 'updateAtlasSearchDeployment' });
      await t.waitFor('search nodes to be IDLE after resizing', async () => ((await t.api.call('GET', dep, { version: '2025-03-12' })).json as { stateName?: string }).stateName === 'IDLE', { timeoutSeconds: 3600, intervalSeconds: 30 });
      t.expectResponse(await t.api.call('DELETE', dep, { version: S }), { status: 204, body: undefined });
      await t.waitFor('search nodes to be gone', async () => ((await t.api.call('GET', dep, { version: '2025-03-12' })).json as { stateName?: string }).stateName === undefined, { timeoutSeconds: 3600, intervalSeconds: 30 });
      await missing(t, 'GET', `${nope}/search/deployment`, '2025-03-12');
      await missing(t, 'POST', `${nope}/search/deployment`, S, { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] });
      await missing(t, 'PATCH', `${nope}/search/deployment`, S, { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] });
      await missing(t, 'DELETE', `${nope}/search/deployment`, S);

      // A regional outage of the second region, then recovery.
      const outage = `${base}/outageSimulation`;
      t.expectResponse(await t.api.call('POST', outage, { version: V1, body: { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_EAST_2', type: 'REGION' }] } }), { status: 200, body: m.partial({ clusterName: name, state: m.string() }), contract: 'startOutageSimulation' });
      t.cleanup(`outage simulation of ${name}`, async () => {
        await t.api.call('DELETE', outage, { version: V1 });
        await t.waitFor('the outage simulation to end', async () => (await t.api.call('GET', outage, { version: V1 })).status === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
      });
      await t.waitFor('the outage to be simulated', async () => ((await t.api.call('GET', outage, { version: V1 })).json as { state?: string }).state === 'SIMULATING', { timeoutSeconds: 3600, intervalSeconds: 30 });
      t.expectResponse(await t.api.call('GET', outage, { version: V1 }), { status: 200, body: m.partial({ state: 'SIMULATING' }), contract: 'getOutageSimulation' });
      t.expectResponse(await t.api.call('DELETE', outage, { version: V1 }), { status: 200, body: m.partial({ state: m.string() }), contract: 'endOutageSimulation' });
      await missing(t, 'GET', `${nope}/outageSimulation`, V1);
      await missing(t, 'POST', `${nope}/outageSimulation`, V1, { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_EAST_2', type: 'REGION' }] });
      await missing(t, 'DELETE', `${nope}/outageSimulation`, V1);
    },
  },
];
