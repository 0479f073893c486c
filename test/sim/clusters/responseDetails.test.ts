import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 30, clusterDelete: 30 }));

const NEW = '2024-10-23';

describe('free and shared tiers', () => {
  it('refuses the MCP server\'s free-cluster body for being a free tier, before noticing what it lacks', async () => {
    const g = makeProject(atlas);
    // What atlas-create-free-cluster sends: no priority, no nodeCount.
    const body = {
      groupId: g,
      name: 'free-one',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [{ providerName: 'TENANT', backingProviderName: 'AWS', regionName: 'US_EAST_1', electableSpecs: { instanceSize: 'M0' } }] }],
      terminationProtectionEnabled: false,
    };
    expectError(await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body }), 400, 'INVALID_PROVIDER', ['TENANT']);
    // A shared size under a dedicated provider, also with nothing else filled in.
    const shared = { name: 'shared-one', replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M2' } }] }] };
    expectError(await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: shared }), 400, 'INSUFFICIENT_INSTANCE_SIZE', ['M20']);
    expect((await atlas.call('GET', `/groups/${g}/clusters`, { version: '2024-08-05' })).json.totalCount).toBe(0);
  });
});

describe('response details recorded from Atlas', () => {
  it('zero-node read-only and analytics specs carry the electable volume type and IOPS', async () => {
    const g = makeProject(atlas);
    const body = body20240805('vol-1', { size: 'M40' });
    Object.assign(body.replicationSpecs[0]!.regionConfigs[0]!.electableSpecs, { ebsVolumeType: 'PROVISIONED', diskIOPS: 4000 });
    const res = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body });
    expect(res.status, res.text).toBe(201);
    expectConforms('POST', `/groups/${g}/clusters`, res);
    const rc = res.json.replicationSpecs[0].regionConfigs[0];
    for (const key of ['readOnlySpecs', 'analyticsSpecs', 'effectiveReadOnlySpecs', 'effectiveAnalyticsSpecs']) {
      expect(rc[key]).toMatchObject({ nodeCount: 0, ebsVolumeType: 'PROVISIONED', diskIOPS: 4000 });
    }
  });

  it('backupEnabled reads false while the cluster is DELETING', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('bk-1', { extra: { backupEnabled: true } }) });
    atlas.advance(60);
    expect((await atlas.call('GET', `/groups/${g}/clusters/bk-1`, { version: '2024-08-05' })).json.backupEnabled).toBe(true);
    await atlas.call('DELETE', `/groups/${g}/clusters/bk-1`, { version: '2023-02-01' });
    const deleting = await atlas.call('GET', `/groups/${g}/clusters/bk-1`, { version: '2024-08-05' });
    expect(deleting.json).toMatchObject({ stateName: 'DELETING', backupEnabled: false });
  });

  it('predictiveEnabled shows on tiers with predictive scaling once compute auto-scaling is on, and is refused elsewhere', async () => {
    const g = makeProject(atlas);
    const withScaling = (name: string, size: string, compute: object) => {
      const b = body20240805(name, { size });
      Object.assign(b.replicationSpecs[0]!.regionConfigs[0]!, { autoScaling: { compute, diskGB: { enabled: true } } });
      return b;
    };
    const m30 = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: withScaling('pr-1', 'M30', { enabled: true, maxInstanceSize: 'M50' }) });
    expect(m30.json.replicationSpecs[0].regionConfigs[0].autoScaling.compute).toEqual({ enabled: true, maxInstanceSize: 'M50', predictiveEnabled: false, scaleDownEnabled: false });
    const on = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: withScaling('pr-2', 'M30', { enabled: true, maxInstanceSize: 'M50', predictiveEnabled: true }) });
    expect(on.json.replicationSpecs[0].regionConfigs[0].autoScaling.compute.predictiveEnabled).toBe(true);
    // M20 is below the predictive tiers: no flag, and asking for it is refused.
    const m20 = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: withScaling('pr-3', 'M20', { enabled: true, maxInstanceSize: 'M50' }) });
    expect(m20.json.replicationSpecs[0].regionConfigs[0].autoScaling.compute.predictiveEnabled).toBeUndefined();
    expectError(await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: withScaling('pr-4', 'M20', { enabled: true, maxInstanceSize: 'M50', predictiveEnabled: true }) }), 400, 'INVALID_ATTRIBUTE', ['predictiveEnabled']);
    // Without compute auto-scaling nothing changes (recorded M30 clusters show no flag).
    const plain = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('pr-5') });
    expect(plain.json.replicationSpecs[0].regionConfigs[0].autoScaling.compute).toEqual({ enabled: false, scaleDownEnabled: false });
  });
});
