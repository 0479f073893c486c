/**
 * Monitoring and Logs, and Access Tracking, on a Gov-valid cluster: once it is IDLE its
 * processes appear (named after the connection strings' hosts), with their disk, their
 * databases, measurements at a granularity over a period, Atlas Search metrics, a log
 * download (gzip) and the database access history; and the documented refusals.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';
const MEASURED = m.partial({ granularity: 'PT5M', processId: m.string(), start: m.date(), end: m.date() });

export const monitoringScenarios: readonly Scenario[] = [
  {
    id: 'monitoring/processes-metrics-logs',
    title: 'lists the processes of an IDLE cluster, their disk and databases, answers measurements, Atlas Search metrics, a gzip log and the access history, and refuses unknown hosts',
    operations: [
      'createCluster',
      'deleteCluster',
      'listAtlasProcesses',
      'getAtlasProcess',
      'getHostMeasurements',
      'listDiskPartitions',
      'listDiskMeasurements',
      'getDiskMeasurements',
      'listDatabases',
      'getDatabase',
      'getDatabaseMeasurements',
      'listMetricTypes',
      'getMeasurements',
      'listIndexMetrics',
      'getIndexMetrics',
      'getHostLogs',
      'listAccessLogsByClusterName',
      'listAccessLogsByHostname',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'monitoring');
      const name = t.name('mon').slice(-23).replace(/^-+/, '');
      const body = {
        name,
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }],
      };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body }), { status: 201 }, `creating cluster ${name}`);
      const cluster = `/groups/${groupId}/clusters/${name}`;
      t.cleanup(`cluster ${name}`, async () => {
        const del = await t.api.call('DELETE', cluster, { version: '2023-02-01' });
        if (del.status >= 300 && del.status !== 404 && !/CLUSTER_ALREADY_REQUESTED_DELETION/.test(del.text)) throw new Error(`deleting cluster ${name}: ${del.status} ${del.text}`);
        await t.waitFor(`cluster ${name} to be gone`, async () => (await t.api.call('GET', cluster, { version: '2024-08-05' })).status === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
      });
      const processes = await t.waitFor(
        `the processes of ${name}`,
        async () => {
          const res = await t.api.call('GET', `/groups/${groupId}/processes`, { version: V });
          t.expectResponse(res, { status: 200, contentType: { version: V }, contract: 'listAtlasProcesses' }, 'listing processes');
          const results = (res.json as { results: Array<{ id: string; hostname: string; userAlias: string }> }).results;
          return results.length >= 3 ? results : undefined;
        },
        { timeoutSeconds: 3600, intervalSeconds: 30 },
      );
      t.expectResponse(await t.api.call('GET', '/groups/not-a-project/processes', { version: V }), { status: 404, errorCode: 'INVALID_GROUP_ID' });
      const p = processes[0]!;
      const base = `/groups/${groupId}/processes/${p.id}`;
      t.expectResponse(await t.api.call('GET', base, { version: V }), { status: 200, body: m.partial({ id: p.id, hostname: p.hostname, port: 27017 }), contract: 'getAtlasProcess' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/processes/nohost.example.com:27017`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      const missing = `/groups/${groupId}/processes/nohost.example.com:27017`;

      t.expectResponse(await t.api.call('GET', `${base}/measurements?granularity=PT5M&period=PT1H&m=CONNECTIONS`, { version: V }), { status: 200, body: MEASURED, contract: 'getHostMeasurements' });
      t.expectResponse(await t.api.call('GET', `${missing}/measurements?granularity=PT5M&period=PT1H`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });

      t.expectResponse(await t.api.call('GET', `${base}/disks`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ partitionName: 'data' })) }), contract: 'listDiskPartitions' });
      t.expectResponse(await t.api.call('GET', `${missing}/disks`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/disks/data`, { version: V }), { status: 200, body: m.partial({ partitionName: 'data' }), contract: 'listDiskMeasurements' });
      t.expectResponse(await t.api.call('GET', `${missing}/disks/data`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/disks/data/measurements?granularity=PT5M&period=PT1H&m=DISK_PARTITION_SPACE_USED`, { version: V }), { status: 200, body: MEASURED, contract: 'getDiskMeasurements' });
      t.expectResponse(await t.api.call('GET', `${missing}/disks/data/measurements?granularity=PT5M&period=PT1H`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });

      t.expectResponse(await t.api.call('GET', `${base}/databases`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ databaseName: 'admin' })) }), contract: 'listDatabases' });
      t.expectResponse(await t.api.call('GET', `${missing}/databases`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/databases/admin`, { version: V }), { status: 200, body: m.partial({ databaseName: 'admin' }), contract: 'getDatabase' });
      t.expectResponse(await t.api.call('GET', `${missing}/databases/admin`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${base}/databases/admin/measurements?granularity=PT5M&period=PT1H&m=DATABASE_DATA_SIZE`, { version: V }), { status: 200, body: MEASURED, contract: 'getDatabaseMeasurements' });
      t.expectResponse(await t.api.call('GET', `${missing}/databases/admin/measurements?granularity=PT5M&period=PT1H`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });

      const fts = `/groups/${groupId}/hosts/${p.id}/fts/metrics`;
      const ftsMissing = `/groups/${groupId}/hosts/nohost.example.com:27017/fts/metrics`;
      t.expectResponse(await t.api.call('GET', fts, { version: V }), { status: 200, body: m.partial({ processId: p.id }), contract: 'listMetricTypes' });
      t.expectResponse(await t.api.call('GET', ftsMissing, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      const window = '?granularity=PT5M&period=PT1H';
      t.expectResponse(await t.api.call('GET', `${fts}/measurements${window}&metrics=FTS_PROCESS_CPU_USER`, { version: V }), { status: 200, body: MEASURED, contract: 'getMeasurements' });
      t.expectResponse(await t.api.call('GET', `${ftsMissing}/measurements${window}&metrics=FTS_PROCESS_CPU_USER`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${fts}/indexes/admin/system/measurements${window}&metrics=INDEX_SIZE_ON_DISK`, { version: V }), { status: 200, body: MEASURED, contract: 'listIndexMetrics' });
      t.expectResponse(await t.api.call('GET', `${ftsMissing}/indexes/admin/system/measurements${window}&metrics=INDEX_SIZE_ON_DISK`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${ftsMissing}/indexes/admin/system/none/measurements${window}&metrics=INDEX_SIZE_ON_DISK`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
      if (t.target.isSimulator) {
        // No search index exists on a fresh cluster: a real host's answer for one is unknown.
        t.expectResponse(await t.api.call('GET', `${fts}/indexes/admin/system/none/measurements${window}&metrics=INDEX_SIZE_ON_DISK`, { version: V }), { status: 404, errorCode: 'RESOURCE_NOT_FOUND' });
      }

      const gz = { version: null, headers: { Accept: 'application/vnd.atlas.2023-02-01+gzip' } };
      const log = await t.api.call('GET', `/groups/${groupId}/clusters/${p.hostname}/logs/mongodb.gz`, gz);
      t.expectResponse(log, { status: 200, contentType: 'application/vnd.atlas.2023-02-01+gzip', headers: { 'content-disposition': m.string(/^attachment; filename=/) } });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/nohost.example.com/logs/mongodb.gz`, gz), { status: 404, errorCode: 'HOST_NOT_FOUND' });

      const history = await t.api.call('GET', `/groups/${groupId}/dbAccessHistory/clusters/${name}`, { version: V });
      t.expectResponse(history, { status: 200, contentType: { version: V }, body: { accessLogs: m.arrayOf(m.any()) }, contract: 'listAccessLogsByClusterName' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/dbAccessHistory/clusters/${t.name('none').slice(-23).replace(/^-+/, '')}`, { version: V }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/dbAccessHistory/processes/${p.hostname}`, { version: V }), { status: 200, body: { accessLogs: m.arrayOf(m.any()) }, contract: 'listAccessLogsByHostname' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/dbAccessHistory/processes/nohost.example.com`, { version: V }), { status: 404, errorCode: 'HOST_NOT_FOUND' });
    },
  },
];
