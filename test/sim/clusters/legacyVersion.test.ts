import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LegacyCluster } from '../../../contracts/api/schemas/legacyClusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 30, clusterDelete: 30 }));

const V1 = '2023-01-01';
const legacyBody = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  clusterType: 'REPLICASET',
  providerSettings: { providerName: 'AWS', instanceSizeName: 'M30', regionName: 'US_EAST_1' },
  ...extra,
});

describe('the 2023-01-01 cluster versions', () => {
  it('create, get, list, update and delete in the legacy shape, deprecated with their sunset, read across versions', async () => {
    const g = makeProject(atlas);
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: V1, body: legacyBody('legacy-1', { providerBackupEnabled: true, diskSizeGB: 50 }) });
    expect(created.status, created.text).toBe(201);
    expect(created.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(created.headers.deprecation).toBe('Wed, 1 Feb 2023 00:00:00 GMT');
    expect(created.headers.sunset).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    const c = LegacyCluster.parse(created.json);
    expect(c).toMatchObject({
      stateName: 'CREATING',
      backupEnabled: false,
      providerBackupEnabled: true,
      diskSizeGB: 50,
      numShards: 1,
      replicationFactor: 3,
      replicationSpec: { US_EAST_1: { analyticsNodes: 0, electableNodes: 3, priority: 7, readOnlyNodes: 0 } },
      providerSettings: { providerName: 'AWS', instanceSizeName: 'M30', regionName: 'US_EAST_1', volumeType: 'STANDARD', encryptEBSVolume: true },
    });
    expect(Object.keys(created.json.providerSettings)[0]).toBe('providerName');
    expect(created.json.mongoURI).toBeUndefined();
    atlas.advance(60);
    const got = await atlas.call('GET', `/groups/${g}/clusters/legacy-1`, { version: V1 });
    expect(got.json).toMatchObject({ stateName: 'IDLE', srvAddress: expect.stringMatching(/^mongodb\+srv:\/\/legacy-1\./), mongoURI: expect.stringMatching(/^mongodb:\/\/[^?]+$/) });
    // The same cluster through the current version.
    const current = await atlas.call('GET', `/groups/${g}/clusters/legacy-1`, { version: '2024-08-05' });
    expect(current.json).toMatchObject({ id: c.id, backupEnabled: true, replicationSpecs: [{ regionConfigs: [{ electableSpecs: { instanceSize: 'M30', nodeCount: 3, diskSizeGB: 50 } }] }] });
    // A cluster made through 2024-10-23 reads through 2023-01-01 too.
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('modern-1') });
    const list = await atlas.call('GET', `/groups/${g}/clusters`, { version: V1 });
    expect(list.json.results.map((x: any) => x.name)).toEqual(['legacy-1', 'modern-1']);
    for (const r of list.json.results) LegacyCluster.parse(r);
    // Update: a bigger size and a second region, from the legacy fields alone.
    const patched = await atlas.call('PATCH', `/groups/${g}/clusters/legacy-1`, {
      version: V1,
      body: { providerSettings: { providerName: 'AWS', instanceSizeName: 'M40' }, replicationSpecs: [{ numShards: 1, regionsConfig: { US_EAST_1: { electableNodes: 2, priority: 7 }, US_WEST_2: { electableNodes: 1, priority: 6 } } }] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({ stateName: 'UPDATING', providerSettings: { instanceSizeName: 'M40' }, replicationFactor: 3 });
    expect(Object.keys(patched.json.replicationSpec)).toEqual(['US_EAST_1', 'US_WEST_2']);
    // A change of one setting keeps the topology.
    atlas.advance(30);
    const paused = await atlas.call('PATCH', `/groups/${g}/clusters/legacy-1`, { version: V1, body: { terminationProtectionEnabled: false, labels: [{ key: 'a', value: 'b' }] } });
    expect(paused.json).toMatchObject({ labels: [{ key: 'a', value: 'b' }], providerSettings: { instanceSizeName: 'M40' } });
    const del = await atlas.call('DELETE', `/groups/${g}/clusters/legacy-1`, { version: V1 });
    expect(del.status).toBe(202);
    expect(del.json).toEqual({});
  });

  it('a lenient client asking for application/json with --default-version 2023-01-01 gets the list', async () => {
    const lenient = await startAtlas({ defaultVersion: '2023-01-01' });
    try {
      const g = makeProject(lenient);
      await lenient.call('POST', `/groups/${g}/clusters`, { version: V1, body: legacyBody('lenient-1') });
      const res = await lenient.call('GET', `/groups/${g}/clusters`, { version: null, headers: { accept: 'application/json' } });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
      expect(res.json.results[0]).toMatchObject({ name: 'lenient-1', providerSettings: { providerName: 'AWS' } });
    } finally {
      await lenient.close();
    }
  });

  it('refuses what the rules refuse, the Government ones first', async () => {
    const g = makeProject(atlas);
    const post = (body: unknown) => atlas.call('POST', `/groups/${g}/clusters`, { version: V1, body });
    expectError(await post(legacyBody('free-1', { providerSettings: { providerName: 'TENANT', backingProviderName: 'AWS', instanceSizeName: 'M0', regionName: 'US_EAST_1' } })), 400, 'INVALID_PROVIDER', ['TENANT']);
    expectError(await post(legacyBody('eu-1', { providerSettings: { providerName: 'AWS', instanceSizeName: 'M30', regionName: 'EU_WEST_1' } })), 400, 'INVALID_REGION');
    expectError(await post(legacyBody('bk-1', { backupEnabled: true })), 400, 'CONTINUOUS_BACKUP_NOT_SUPPORTED_ON_NEW_CLUSTERS');
    expectError(await post(legacyBody('rf-1', { replicationFactor: 4 })), 400, 'CLUSTER_REPLICATION_FACTOR_INVALID');
    expectError(await post({ name: 'x-1', clusterType: 'REPLICASET' }), 400, 'MISSING_ATTRIBUTE', ['providerSettings']);
    expectError(await post({ providerSettings: { providerName: 'AWS' } }), 400, 'MISSING_ATTRIBUTE', ['name']);
    expectError(await post(legacyBody('odd-1', { colour: 'blue' })), 400, 'INVALID_ATTRIBUTE');
    expect((await atlas.call('GET', `/groups/${g}/clusters`, { version: V1 })).json.totalCount).toBe(0);
  });

  it('a cluster on two providers cannot be read through the one-provider view', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const body = body20240805('multi-1', { region: 'US_GOV_WEST_1', nodes: 2 });
    body.replicationSpecs[0]!.regionConfigs.push({ electableSpecs: { instanceSize: 'M30', nodeCount: 1 }, priority: 6, providerName: 'GCP', regionName: 'EASTERN_US_AW' });
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body });
    expect(created.status, created.text).toBe(201);
    expectError(await atlas.call('GET', `/groups/${g}/clusters/multi-1`, { version: V1 }), 400, 'MULTI_CLOUD_CLUSTER_INVALID');
  });
});
