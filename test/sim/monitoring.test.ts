/**
 * Monitoring and Logs: processes, disks and databases derived from each cluster's
 * topology, measurements (windows, metrics, deterministic values), Atlas Search metrics,
 * and the roles and errors of each operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { advance, body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
import { keyWith } from '../support/projectKeys.js';

let atlas: TestAtlas;
let groupId: string;
const V = { version: '2023-01-01' } as const;
const get = (path: string, o: Record<string, unknown> = {}) => atlas.call('GET', path, { ...V, ...o });

beforeAll(async () => {
  atlas = await startAtlas();
  groupId = makeProject(atlas);
  expect((await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: body20240805('Metrics1') })).status).toBe(201);
});
afterAll(() => atlas.close());

describe('processes', () => {
  it('has none while the cluster is being created, then one per node, named as the connection strings say', async () => {
    const before = await get(`/groups/${groupId}/processes`);
    expect(before.status).toBe(200);
    expect(before.json.results).toEqual([]);
    await advance(atlas, 3600);
    const res = await get(`/groups/${groupId}/processes`);
    expectConforms('GET', `/groups/${groupId}/processes`, res);
    expect(res.json.totalCount).toBe(3);
    const cluster = (await atlas.call('GET', `/groups/${groupId}/clusters/Metrics1`)).json;
    const aliases = res.json.results.map((p: { userAlias: string; port: number }) => `${p.userAlias}:${p.port}`);
    expect(cluster.connectionStrings.standard).toContain(aliases.join(','));
    const rs = /replicaSet=([^&]+)/.exec(cluster.connectionStrings.standard)![1];
    for (const p of res.json.results) {
      expect(p.replicaSetName).toBe(rs);
      expect(p.id).toBe(`${p.hostname}:27017`);
      expect(p.hostname).toMatch(/^atlas-[a-z0-9]{6}-shard-00-0\d\.[a-z0-9]{6}\.mongodbgov\.net$/);
    }
    expect(res.json.results.map((p: { typeName: string }) => p.typeName).sort()).toEqual(['REPLICA_PRIMARY', 'REPLICA_SECONDARY', 'REPLICA_SECONDARY']);
    expect(Object.keys(res.json.results[0])).toEqual(['created', 'groupId', 'hostname', 'id', 'lastPing', 'links', 'port', 'replicaSetName', 'typeName', 'userAlias', 'version']);
    const one = await get(`/groups/${groupId}/processes/${res.json.results[1].id}`);
    expectConforms('GET', `/groups/${groupId}/processes/${res.json.results[1].id}`, one);
    expect(one.json).toEqual(res.json.results[1]);
  });

  it('gives a sharded cluster a mongod and a mongos per node', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('Sharded1', { shards: 2 }) });
    await advance(atlas, 3600);
    const res = await get(`/groups/${g}/processes`);
    expectConforms('GET', `/groups/${g}/processes`, res);
    const types = res.json.results.map((p: { typeName: string }) => p.typeName);
    expect(types.filter((t: string) => t === 'SHARD_MONGOS')).toHaveLength(6);
    expect(types.filter((t: string) => t === 'SHARD_PRIMARY')).toHaveLength(2);
    const cluster = (await atlas.call('GET', `/groups/${g}/clusters/Sharded1`)).json;
    const mongos = res.json.results.filter((p: { typeName: string }) => p.typeName === 'SHARD_MONGOS').map((p: { userAlias: string }) => `${p.userAlias}:27016`);
    expect(cluster.connectionStrings.standard).toBe(`mongodb://${mongos.join(',')}/?ssl=true&authSource=admin`);
  });

  it('go when the cluster goes', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('Gone1') });
    await advance(atlas, 3600);
    const id = (await get(`/groups/${g}/processes`)).json.results[0].id;
    await atlas.call('DELETE', `/groups/${g}/clusters/Gone1`, { version: '2023-02-01' });
    await advance(atlas, 3600);
    expect((await get(`/groups/${g}/processes`)).json.results).toEqual([]);
    expectError(await get(`/groups/${g}/processes/${id}`), 404, 'HOST_NOT_FOUND', [id, g]);
  });

  it('refuses unknown processes, bad project ids and callers without a project role', async () => {
    expectError(await get(`/groups/${groupId}/processes/nohost.example.com:27017`), 404, 'HOST_NOT_FOUND');
    expectError(await get(`/groups/nothex/processes`), 404, 'INVALID_GROUP_ID');
    const other = makeProject(atlas);
    const key = keyWith(atlas, other, ['GROUP_READ_ONLY']);
    expectError(await get(`/groups/${groupId}/processes`, key), 401, 'USER_UNAUTHORIZED');
    expect((await get(`/groups/${groupId}/processes`, keyWith(atlas, groupId, ['GROUP_READ_ONLY']))).status).toBe(200);
    const anonymous = await get(`/groups/${groupId}/processes`, { auth: 'none' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBeDefined();
  });
});

describe('disks and databases', () => {
  let pid: string;
  beforeAll(async () => {
    pid = (await get(`/groups/${groupId}/processes`)).json.results[0].id;
  });

  it('lists the data partition and the system databases, and the sample databases once loaded', async () => {
    const disks = await get(`/groups/${groupId}/processes/${pid}/disks`);
    expectConforms('GET', `/groups/${groupId}/processes/${pid}/disks`, disks);
    expect(disks.json.results.map((d: { partitionName: string }) => d.partitionName)).toEqual(['data']);
    const disk = await get(`/groups/${groupId}/processes/${pid}/disks/data`);
    expectConforms('GET', `/groups/${groupId}/processes/${pid}/disks/data`, disk);
    expect(disk.json.partitionName).toBe('data');
    expectError(await get(`/groups/${groupId}/processes/${pid}/disks/other`), 404, 'RESOURCE_NOT_FOUND');
    const dbs = await get(`/groups/${groupId}/processes/${pid}/databases`);
    expectConforms('GET', `/groups/${groupId}/processes/${pid}/databases`, dbs);
    expect(dbs.json.results.map((d: { databaseName: string }) => d.databaseName)).toEqual(['admin', 'config', 'local']);
    expect((await atlas.call('POST', `/groups/${groupId}/sampleDatasetLoad/Metrics1`, V)).status).toBe(201);
    await advance(atlas, 3600);
    const loaded = (await get(`/groups/${groupId}/processes/${pid}/databases`)).json.results.map((d: { databaseName: string }) => d.databaseName);
    expect(loaded).toContain('sample_mflix');
    const db = await get(`/groups/${groupId}/processes/${pid}/databases/sample_mflix`);
    expectConforms('GET', `/groups/${groupId}/processes/${pid}/databases/sample_mflix`, db);
    expectError(await get(`/groups/${groupId}/processes/${pid}/databases/nodb`), 404, 'RESOURCE_NOT_FOUND');
  });
});

describe('measurements', () => {
  let pid: string;
  beforeAll(async () => {
    pid = (await get(`/groups/${groupId}/processes`)).json.results[0].id;
  });
  const path = () => `/groups/${groupId}/processes/${pid}/measurements`;

  it('answers a period at a granularity with one aligned point per step, in the metric’s units', async () => {
    const q = `${path()}?granularity=PT5M&period=PT1H&m=CONNECTIONS&m=SYSTEM_NORMALIZED_CPU_USER`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.granularity).toBe('PT5M');
    expect(res.json.hostId).toBe(pid);
    expect(res.json.measurements.map((m: { name: string; units: string }) => [m.name, m.units])).toEqual([
      ['CONNECTIONS', 'SCALAR'],
      ['SYSTEM_NORMALIZED_CPU_USER', 'PERCENT'],
    ]);
    const points = res.json.measurements[0].dataPoints;
    expect(points.length).toBeGreaterThanOrEqual(12);
    for (const p of points) expect(Date.parse(p.timestamp) % 300_000).toBe(0);
    for (const p of res.json.measurements[1].dataPoints) expect(p.value).toBeGreaterThanOrEqual(0), expect(p.value).toBeLessThanOrEqual(100);
  });

  it('gives the same series for the same window, and every host metric when m is absent', async () => {
    const now = atlas.sim.world.clock.now();
    const start = new Date(now - 3 * 3600_000).toISOString();
    const end = new Date(now - 3600_000).toISOString();
    const q = `${path()}?granularity=PT1H&start=${start}&end=${end}`;
    const a = await get(q);
    expectConforms('GET', q, a);
    expect(a.json.measurements).toHaveLength(139);
    await advance(atlas, 600);
    const b = await get(q);
    expect(b.json.measurements).toEqual(a.json.measurements);
  });

  it('keeps disk space consistent with the disk size', async () => {
    const q = `/groups/${groupId}/processes/${pid}/disks/data/measurements?granularity=PT1M&period=PT10M&m=DISK_PARTITION_SPACE_USED&m=DISK_PARTITION_SPACE_FREE&m=DISK_PARTITION_SPACE_PERCENT_USED`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.partitionName).toBe('data');
    const [used, free, pct] = res.json.measurements;
    const disk = atlas.sim.world.processes.get(groupId, pid).diskSizeGB * 2 ** 30;
    used.dataPoints.forEach((p: { value: number }, i: number) => {
      expect(p.value + free.dataPoints[i].value).toBe(disk);
      expect(pct.dataPoints[i].value).toBeCloseTo((100 * p.value) / disk, 1);
    });
  });

  it('answers database measurements for a database of the process', async () => {
    const q = `/groups/${groupId}/processes/${pid}/databases/admin/measurements?granularity=P1D&period=P2D&m=DATABASE_DATA_SIZE`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.databaseName).toBe('admin');
    expect(res.json.measurements[0].units).toBe('BYTES');
  });

  it('refuses bad windows and metric names with Atlas errors, changing nothing', async () => {
    expectError(await get(`${path()}?period=PT1H`), 400, 'MISSING_QUERY_PARAMETER', ['granularity']);
    expectError(await get(`${path()}?granularity=PT2M&period=PT1H`), 400, 'INVALID_GRANULARITY', ['PT2M']);
    expectError(await get(`${path()}?granularity=PT1M`), 400, 'MISSING_QUERY_PARAMETER', ['period']);
    expectError(await get(`${path()}?granularity=PT1M&period=1h`), 400, 'INVALID_PERIOD');
    expectError(await get(`${path()}?granularity=PT1M&period=PT1H&start=2026-01-01T00:00:00Z`), 400, 'MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS');
    expectError(await get(`${path()}?granularity=PT1M&start=2026-01-01T00:00:00Z`), 400, 'MISSING_QUERY_PARAMETER', ['end']);
    expectError(await get(`${path()}?granularity=PT1M&start=yesterday&end=today`), 400, 'INVALID_DATE_FORMAT', ['yesterday']);
    expectError(await get(`${path()}?granularity=PT1M&start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z`), 400, 'INVALID_DATE_RANGE');
    expectError(await get(`${path()}?granularity=PT1M&period=PT1H&m=NOT_A_METRIC`), 404, 'INVALID_METRIC_NAME', ['NOT_A_METRIC']);
    expectError(await get(`${path()}?granularity=PT1M&period=PT1H&m=DATABASE_DATA_SIZE`), 404, 'INVALID_METRIC_NAME');
  });
});

describe('Atlas Search metrics', () => {
  let pid: string;
  beforeAll(async () => {
    pid = (await get(`/groups/${groupId}/processes`)).json.results[0].id;
  });

  it('lists the metric types and answers hardware and status series', async () => {
    const types = await get(`/groups/${groupId}/hosts/${pid}/fts/metrics`);
    expectConforms('GET', `/groups/${groupId}/hosts/${pid}/fts/metrics`, types);
    expect(types.json.indexMetrics).toHaveLength(10);
    expect(types.json.hardwareMetrics.length + types.json.statusMetrics.length).toBe(11);
    const q = `/groups/${groupId}/hosts/${pid}/fts/metrics/measurements?granularity=PT1M&period=PT5M&metrics=FTS_PROCESS_CPU_USER&metrics=JVM_CURRENT_MEMORY`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.hardwareMeasurements.map((m: { name: string }) => m.name)).toEqual(['FTS_PROCESS_CPU_USER']);
    expect(res.json.statusMeasurements.map((m: { name: string }) => m.name)).toEqual(['JVM_CURRENT_MEMORY']);
    expectError(await get(`/groups/${groupId}/hosts/${pid}/fts/metrics/measurements?granularity=PT1M&period=PT5M`), 400, 'MISSING_QUERY_PARAMETER', ['metrics']);
  });

  it('answers index measurements of a namespace without search indexes, and 404 for a named index', async () => {
    const q = `/groups/${groupId}/hosts/${pid}/fts/metrics/indexes/sample_mflix/movies/measurements?granularity=PT1M&period=PT5M&metrics=INDEX_SIZE_ON_DISK`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.indexIds).toEqual([]);
    expect(res.json.indexStatsMeasurements[0].dataPoints).toEqual([]);
    expectError(await get(`/groups/${groupId}/hosts/${pid}/fts/metrics/indexes/sample_mflix/movies/default/measurements?granularity=PT1M&period=PT5M&metrics=INDEX_SIZE_ON_DISK`), 404, 'RESOURCE_NOT_FOUND');
  });
});

describe('determinism', () => {
  it('gives two simulations with one seed the same series', async () => {
    const run = async () => {
      const a = await startAtlas({ seed: 42 });
      try {
        const g = makeProject(a);
        await a.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('Same1') });
        await advance(a, 3600);
        const p = (await a.call('GET', `/groups/${g}/processes`, V)).json.results[0].id;
        return (await a.call('GET', `/groups/${g}/processes/${p}/measurements?granularity=PT1M&period=PT30M&m=OPCOUNTER_QUERY`, V)).json.measurements;
      } finally {
        await a.close();
      }
    };
    expect(await run()).toEqual(await run());
  });
});
