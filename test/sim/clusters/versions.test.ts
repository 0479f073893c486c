import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterDescription20240805, ClusterDescriptionV15, PaginatedClusterDescriptionV15 } from '../../../contracts/api/schemas/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { advance, body20240805, bodyV15, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 60, clusterDelete: 60 });
});
afterAll(() => atlas.close());

const V15_HEADERS = { deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', sunset: 'Thu, 1 Jul 2027 00:00:00 GMT' };

describe('cluster versions', () => {
  it('2023-02-01 create: the older shape (numShards, disk at the top), deprecated, no tags when none were sent', async () => {
    const g = makeProject(atlas);
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2023-02-01', body: bodyV15('old-shape', { disk: 30 }) });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-02-01+json;charset=utf-8');
    expect({ deprecation: res.headers.deprecation, sunset: res.headers.sunset }).toEqual(V15_HEADERS);
    ClusterDescriptionV15.parse(res.json);
    expect(res.json.tags).toBeUndefined();
    expect(res.json.connectionStrings).toEqual({});
    expect(res.text).toContain('"diskSizeGB":30.0');
    expect(res.text).toContain('"electableSpecs":{"instanceSize":"M30","diskIOPS":3000,"ebsVolumeType":"STANDARD","nodeCount":3}');
    const spec = res.json.replicationSpecs[0];
    expect(spec).toMatchObject({ numShards: 1, zoneName: 'Zone 1' });
    for (const absent of ['adaptiveCapacity', 'effectiveReplicationSpecs', 'featureCompatibilityVersion', 'redactClientLogData', 'retainBackups']) {
      expect(res.json).not.toHaveProperty(absent);
    }

    // The same cluster read through each version.
    const old = await atlas.call('GET', `/groups/${g}/clusters/old-shape`, { version: '2023-02-01' });
    expect({ deprecation: old.headers.deprecation, sunset: old.headers.sunset }).toEqual(V15_HEADERS);
    expect(old.json.tags).toEqual([]);
    expect({ ...old.json, tags: undefined }).toEqual({ ...res.json, tags: undefined });
    const now = await atlas.call('GET', `/groups/${g}/clusters/old-shape`, { version: '2024-08-05' });
    expect(now.headers.deprecation).toBeUndefined();
    ClusterDescription20240805.parse(now.json);
    expectConforms('GET', `/groups/${g}/clusters/old-shape`, now);
    const shard = now.json.replicationSpecs[0];
    expect(shard.id).not.toBe(spec.id);
    expect(shard.zoneId).toBe(spec.zoneId);
    expect(shard.regionConfigs[0].electableSpecs.diskSizeGB).toBe(30);
  });

  it('2023-02-01 numShards 2 is two shards of one zone from 2024-08-05 on, with the sharded attributes and hosts', async () => {
    const g = makeProject(atlas);
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2023-02-01', body: bodyV15('sharded-old', { numShards: 2 }) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      clusterType: 'SHARDED',
      configServerManagementMode: 'ATLAS_MANAGED',
      configServerType: 'EMBEDDED',
      connectionStrings: { awsPrivateLinkSrv: {}, privateEndpoint: [] },
    });
    expect(res.json.replicationSpecs).toHaveLength(1);
    expect(res.json.replicationSpecs[0].numShards).toBe(2);
    const now = await atlas.call('GET', `/groups/${g}/clusters/sharded-old`, { version: '2024-08-05' });
    const [a, b] = now.json.replicationSpecs;
    expect(a.id).not.toBe(b.id);
    expect(a.zoneId).toBe(b.zoneId);
    expect(now.json.effectiveReplicationSpecs.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);

    await advance(atlas, 60);
    const idle = await atlas.call('GET', `/groups/${g}/clusters/sharded-old`, { version: '2024-08-05' });
    expectConforms('GET', `/groups/${g}/clusters/sharded-old`, idle);
    const cs = idle.json.connectionStrings;
    expect(Object.keys(cs)).toEqual(['awsPrivateLinkSrv', 'privateEndpoint', 'standard', 'standardSrv']);
    const hosts = /^mongodb:\/\/(.*)\/\?ssl=true&authSource=admin$/.exec(cs.standard)![1]!.split(',');
    expect(hosts.map((h: string) => h.replace(/\.[a-z0-9]{6}\.mongodbgov\.net/, ''))).toEqual([
      'sharded-old-config-00-00:27016',
      'sharded-old-config-00-01:27016',
      'sharded-old-config-00-02:27016',
      'sharded-old-shard-00-00:27016',
      'sharded-old-shard-00-01:27016',
      'sharded-old-shard-00-02:27016',
    ]);
  });

  it('2024-10-23 asymmetric shards cannot be read through 2023-02-01 (ASYMMETRIC_SHARD_UNSUPPORTED, with the deprecation headers)', async () => {
    const g = makeProject(atlas);
    const body = body20240805('asym', { shards: 2 });
    body.replicationSpecs[1]!.regionConfigs[0]!.electableSpecs.instanceSize = 'M40';
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body });
    expect(res.status).toBe(201);
    expect(res.json.replicationSpecs.map((s: any) => s.regionConfigs[0].electableSpecs.instanceSize)).toEqual(['M30', 'M40']);
    const old = await atlas.call('GET', `/groups/${g}/clusters/asym`, { version: '2023-02-01' });
    expectError(old, 400, 'ASYMMETRIC_SHARD_UNSUPPORTED', []);
    expect({ deprecation: old.headers.deprecation, sunset: old.headers.sunset }).toEqual(V15_HEADERS);
    expectError(await atlas.call('GET', `/groups/${g}/clusters`, { version: '2023-02-01' }), 400, 'ASYMMETRIC_SHARD_UNSUPPORTED');
    expect((await atlas.call('GET', `/groups/${g}/clusters`, { version: '2024-08-05' })).status).toBe(200);
  });

  it('2024-08-05 create is deprecated by 2024-10-23 (Sunset 1 Mar 2027); the shape is the same', async () => {
    const g = makeProject(atlas);
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-08-05', body: body20240805('mid') });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    expect({ deprecation: res.headers.deprecation, sunset: res.headers.sunset }).toEqual({ deprecation: 'Wed, 23 Oct 2024 00:00:00 GMT', sunset: 'Mon, 1 Mar 2027 00:00:00 GMT' });
    ClusterDescription20240805.parse(res.json);
  });

  it('each version accepts only its own shape', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters`;
    const withNumShards = body20240805('x1') as any;
    withNumShards.replicationSpecs[0].numShards = 1;
    expectError(await atlas.call('POST', path, { version: '2024-10-23', body: withNumShards }), 400, 'INVALID_ATTRIBUTE', ['numShards']);
    expectError(await atlas.call('POST', path, { version: '2024-10-23', body: { ...body20240805('x2'), diskSizeGB: 40 } }), 400, 'INVALID_ATTRIBUTE', ['diskSizeGB']);
    const specDisk = bodyV15('x3') as any;
    specDisk.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB = 40;
    expectError(await atlas.call('POST', path, { version: '2023-02-01', body: specDisk }), 400, 'INVALID_ATTRIBUTE', ['diskSizeGB']);
    expectError(await atlas.call('POST', path, { version: '2023-02-01', body: { ...bodyV15('x4'), redactClientLogData: true } }), 400, 'INVALID_ATTRIBUTE', ['redactClientLogData']);
    expect(atlas.sim.world.clusters.countIn(g)).toBe(0);
  });

  it('a 2023-02-01 update of a cluster made with 2024-10-23 keeps its shard ids; the PATCH answer shows the change at once', async () => {
    const g = makeProject(atlas);
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('cross') });
    await advance(atlas, 60);
    const res = await atlas.call('PATCH', `/groups/${g}/clusters/cross`, {
      version: '2023-02-01',
      body: { ...bodyV15('cross', { size: 'M40', disk: 80 }), mongoDBMajorVersion: '8.0' },
    });
    expect(res.status).toBe(200);
    expect({ deprecation: res.headers.deprecation, sunset: res.headers.sunset }).toEqual(V15_HEADERS);
    ClusterDescriptionV15.parse(res.json);
    expect(res.json).toMatchObject({ stateName: 'UPDATING', diskSizeGB: 80 });
    expect(res.json.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize).toBe('M40');
    const now = await atlas.call('GET', `/groups/${g}/clusters/cross`, { version: '2024-08-05' });
    expect(now.json.replicationSpecs[0].id).toBe(created.json.replicationSpecs[0].id);
    expect(now.json.replicationSpecs[0].regionConfigs[0].readOnlySpecs).toEqual({ instanceSize: 'M40', diskIOPS: 3000, diskSizeGB: 80, ebsVolumeType: 'STANDARD', nodeCount: 0 });
    const list = await atlas.call('GET', `/groups/${g}/clusters`, { version: '2023-02-01' });
    PaginatedClusterDescriptionV15.parse(list.json);
    expect({ deprecation: list.headers.deprecation, sunset: list.headers.sunset }).toEqual(V15_HEADERS);
  });

  it('negotiates the newest version at or before the requested date, per operation', async () => {
    const g = makeProject(atlas);
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2025-03-12', body: body20240805('neg') });
    expect(created.headers['content-type']).toBe('application/vnd.atlas.2024-10-23+json;charset=utf-8');
    const got = await atlas.call('GET', `/groups/${g}/clusters/neg`, { version: '2025-03-12' });
    expect(got.headers['content-type']).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    const status = await atlas.call('GET', `/groups/${g}/clusters/neg/status`, { version: '2025-03-12' });
    expect(status.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    const del = await atlas.call('DELETE', `/groups/${g}/clusters/neg`, { version: '2025-03-12' });
    expect(del.headers['content-type']).toBe('application/vnd.atlas.2023-02-01+json;charset=utf-8');
    // 2023-01-01 cluster versions are not served; a missing Accept is refused.
    expectError(await atlas.call('GET', `/groups/${g}/clusters/neg`, { version: '2023-01-01' }), 406, 'INVALID_VERSION_DATE');
    expectError(await atlas.call('GET', `/groups/${g}/clusters`, { version: null }), 406, 'INVALID_VERSION_DATE');
  });

  it('after the sunset, 2023-02-01 reads answer 410 VERSION_GONE; delete keeps working', async () => {
    const late = await startAtlas({ clockStart: '2027-07-01T00:00:00Z' });
    try {
      const g = makeProject(late);
      await late.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('late') });
      expectError(await late.call('GET', `/groups/${g}/clusters/late`, { version: '2023-02-01' }), 410, 'VERSION_GONE');
      expect((await late.call('GET', `/groups/${g}/clusters/late`, { version: '2024-08-05' })).status).toBe(200);
      expect((await late.call('DELETE', `/groups/${g}/clusters/late`, { version: '2023-02-01' })).status).toBe(202);
    } finally {
      await late.close();
    }
  });
});
