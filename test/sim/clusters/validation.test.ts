import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/sim/world.js';
import type { TenantCredentials } from '../../../src/sim/tenants.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { advance, body20240805, bodyV15, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 60, clusterDelete: 60 });
});
afterAll(() => atlas.close());

const NEW = '2024-10-23';
const create = (groupId: string, body: unknown, version = NEW) => atlas.call('POST', `/groups/${groupId}/clusters`, { version, body });
const clone = <T>(v: T): any => structuredClone(v);

describe('missing attributes, one at a time in Atlas order', () => {
  it('name, replicationSpecs, regionConfigs, clusterType, priority, nodeCount, then providerName, regionName, instanceSize', async () => {
    const g = makeProject(atlas);
    const full = clone(body20240805('order'));
    const rc = () => full.replicationSpecs[0].regionConfigs[0];
    const steps: Array<[string, () => void]> = [
      ['instanceSize', () => delete rc().electableSpecs.instanceSize],
      ['regionName', () => delete rc().regionName],
      ['providerName', () => delete rc().providerName],
      ['nodeCount', () => delete rc().electableSpecs.nodeCount],
      ['priority', () => delete rc().priority],
      ['clusterType', () => delete full.clusterType],
      ['regionConfigs', () => delete full.replicationSpecs[0].regionConfigs],
      ['replicationSpecs', () => delete full.replicationSpecs],
      ['name', () => delete full.name],
    ];
    // Remove one more attribute each time: the error names the one Atlas reports first.
    for (const [attribute, remove] of steps) {
      remove();
      const res = await create(g, full);
      expectError(res, 400, 'MISSING_ATTRIBUTE', [attribute]);
      expect(res.json.detail).toBe(`The required attribute ${attribute} was not specified.`);
    }
    expectError(await create(g, {}), 400, 'MISSING_ATTRIBUTE', ['name']);
    expectError(await create(g, { ...body20240805('e'), replicationSpecs: [] }), 400, 'MISSING_ATTRIBUTE', ['replicationSpecs']);
    const noSpecs = clone(body20240805('no-specs'));
    noSpecs.replicationSpecs[0].regionConfigs[0] = { priority: 7, providerName: 'AWS', regionName: 'US_EAST_1' };
    expectError(await create(g, noSpecs), 400, 'MISSING_ONE_OF_THREE_ATTRIBUTES', ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs']);
    // null is "not specified" too, as Jackson reads it.
    expectError(await create(g, { ...body20240805('n'), clusterType: null }), 400, 'MISSING_ATTRIBUTE', ['clusterType']);
    expect(atlas.sim.world.clusters.countIn(g)).toBe(0);
  });

  it('shape errors come before missing attributes', async () => {
    const g = makeProject(atlas);
    expectError(await create(g, { replicationSpecs: 'nope' }), 400, 'INVALID_JSON_ATTRIBUTE', ['replicationSpecs']);
    expectError(await create(g, { bogus: 1 }), 400, 'INVALID_ATTRIBUTE', ['bogus']);
  });
});

describe('names', () => {
  it.each([
    ['a'.repeat(65), 'CLUSTER_NAME_TOO_LONG', ['a'.repeat(65), 64]],
    ['bad_name', 'CLUSTER_NAME_INVALID', ['bad_name']],
    ['-lead', 'CLUSTER_NAME_INVALID', ['-lead']],
    ['has space', 'CLUSTER_NAME_INVALID', ['has space']],
    ['atlas-abc123', 'ATLAS_RESERVED_CLUSTER_NAME', ['atlas-abc123']],
    ['abcdefghijklmnopqrstuv-x', 'CLUSTER_NAME_PREFIX_INVALID', ['abcdefghijklmnopqrstuv-x', 23, 'abcdefghijklmnopqrstuv-']],
  ])('refuses %s with %s', async (name, code, parameters) => {
    expectError(await create(makeProject(atlas), body20240805(name)), 400, code, parameters);
  });

  it('accepts 64 characters; the CLUSTER_NAME_INVALID text is Atlas’s', async () => {
    const g = makeProject(atlas);
    expect((await create(g, body20240805('a'.repeat(64)))).status).toBe(201);
    const res = await create(g, body20240805('x.y'));
    expect(res.json.detail).toBe('The cluster name x.y is invalid. The name can only contain ASCII letters, numbers, and hyphens.');
  });

  it('DUPLICATE_CLUSTER_NAME with the recorded parameters; DUPLICATE_CLUSTER_NAME_PREFIX for the same first 23 characters', async () => {
    const g = makeProject(atlas);
    expect((await create(g, body20240805('Dup'))).status).toBe(201);
    const dup = await create(g, body20240805('Dup'), '2023-02-01');
    expectError(dup, 400, 'DUPLICATE_CLUSTER_NAME', ['cluster or serverless instance Dup', g]);
    expect(dup.json.detail).toBe(`A cluster or serverless instance Dup is already present in group ${g}.`);
    expectError(await create(g, body20240805('dup')), 400, 'DUPLICATE_CLUSTER_NAME_PREFIX', ['dup', 23]);
    expect((await create(g, body20240805('abcdefghijklmnopqrstuvw1'))).status).toBe(201);
    expectError(await create(g, body20240805('abcdefghijklmnopqrstuvw2')), 400, 'DUPLICATE_CLUSTER_NAME_PREFIX', ['abcdefghijklmnopqrstuvw2', 23]);
    // Other projects may reuse the name.
    expect((await create(makeProject(atlas), body20240805('Dup'))).status).toBe(201);
  });

  it('cannot be changed by an update', async () => {
    const g = makeProject(atlas);
    await create(g, body20240805('keep'));
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/keep`, { version: NEW, body: { name: 'other' } }), 400, 'CLUSTER_CANNOT_CHANGE_NAME', []);
  });
});

describe('topology', () => {
  it('exactly one region of priority 7 per replication spec', async () => {
    const g = makeProject(atlas);
    const none = await create(g, body20240805('p6', { priority: 6 }));
    expectError(none, 400, 'ATLAS_GENERAL_ERROR', ['A replication spec must specify a region with priority 7']);
    expect(none.json.detail).toBe('Reason: A replication spec must specify a region with priority 7.');
    const two = clone(body20240805('p77', { nodes: 2 }));
    two.replicationSpecs[0].regionConfigs.push({ electableSpecs: { instanceSize: 'M30', nodeCount: 1 }, priority: 7, providerName: 'AWS', regionName: 'US_EAST_2' });
    expectError(await create(g, two), 400, 'ATLAS_GENERAL_ERROR', ['A replication spec must specify exactly one region with priority 7']);
    expectError(await create(g, body20240805('p8', { priority: 8 })), 400, 'INVALID_ATTRIBUTE', ['priority']);
    const sharded = clone(body20240805('p-shard', { shards: 2 }));
    sharded.replicationSpecs[1].regionConfigs[0].priority = 5;
    expectError(await create(g, sharded), 400, 'ATLAS_GENERAL_ERROR');
  });

  it('3, 5 or 7 electable nodes per shard; read-only and analytics nodes extra', async () => {
    const g = makeProject(atlas);
    for (const nodes of [0, 1, 2, 4, 6, 8]) expectError(await create(g, body20240805(`n${nodes}`, { nodes })), 400, 'CLUSTER_REPLICATION_FACTOR_INVALID', []);
    expectError(await create(g, body20240805('neg', { nodes: -3 })), 400, 'ATTRIBUTE_NEGATIVE', ['nodeCount']);
    for (const nodes of [3, 5, 7]) expect((await create(g, body20240805(`ok${nodes}`, { nodes }))).status).toBe(201);
    const extra = clone(body20240805('extra'));
    Object.assign(extra.replicationSpecs[0].regionConfigs[0], { readOnlySpecs: { instanceSize: 'M30', nodeCount: 2 }, analyticsSpecs: { instanceSize: 'M40', nodeCount: 1 } });
    const res = await create(g, extra);
    expect(res.status).toBe(201);
    expect(res.json.replicationSpecs[0].regionConfigs[0].analyticsSpecs.instanceSize).toBe('M40');
    const badRo = clone(body20240805('bad-ro'));
    badRo.replicationSpecs[0].regionConfigs[0].readOnlySpecs = { instanceSize: 'M40', nodeCount: 1 };
    expectError(await create(g, badRo), 400, 'INVALID_CLUSTER_CONFIGURATION');
    const negRo = clone(body20240805('neg-ro'));
    negRo.replicationSpecs[0].regionConfigs[0].readOnlySpecs = { nodeCount: -1 };
    expectError(await create(g, negRo), 400, 'ATTRIBUTE_NEGATIVE', ['nodeCount']);
  });

  it('shard counts: a replica set has one; sharded clusters 1 to 70, M30 or larger', async () => {
    const g = makeProject(atlas);
    expectError(await create(g, body20240805('rs2', { shards: 2, clusterType: 'REPLICASET' })), 400, 'CLUSTER_NUM_SHARDS_INVALID', [1]);
    expectError(await create(g, bodyV15('rs2v', { numShards: 2, clusterType: 'REPLICASET' }), '2023-02-01'), 400, 'CLUSTER_NUM_SHARDS_INVALID', [1]);
    expectError(await create(g, bodyV15('ns0', { numShards: 0, clusterType: 'SHARDED' }), '2023-02-01'), 400, 'CLUSTER_NUM_SHARDS_INVALID', [70]);
    expectError(await create(g, bodyV15('ns71', { numShards: 71 }), '2023-02-01'), 400, 'CLUSTER_NUM_SHARDS_INVALID', [70]);
    expectError(await create(g, body20240805('m20-sh', { shards: 2, size: 'M20' })), 400, 'SHARDING_NOT_SUPPORTED', ['M20']);
    expect((await create(g, body20240805('one-shard', { clusterType: 'SHARDED' }))).status).toBe(201);
    const zones = clone(body20240805('zones', { shards: 2 }));
    zones.replicationSpecs[1].zoneName = 'Zone 2';
    expectError(await create(g, zones), 400, 'INVALID_CLUSTER_CONFIGURATION');
  });

  it('disk sizes: raised to 10 GB, whole, within the tier, equal everywhere; NVMe fixed', async () => {
    const g = makeProject(atlas);
    const small = await create(g, body20240805('d5', { disk: 5 }));
    expect(small.json.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBe(10);
    expectError(await create(g, body20240805('d0', { disk: 0 })), 400, 'CLUSTER_DISK_SIZE_INVALID', [0]);
    const frac = await create(g, body20240805('dfrac', { disk: 40.5 }));
    expectError(frac, 400, 'CLUSTER_DISK_SIZE_NOT_WHOLE_NUMBER', [40.5]);
    expect(frac.json.detail).toBe("The cluster's disk size of 40.5 GB is invalid. The disk size must be a positive whole number.");
    expectError(await create(g, body20240805('dbig', { size: 'M30', disk: 513 })), 400, 'CLUSTER_DISK_SIZE_INVALID', [513]);
    expect((await create(g, body20240805('dmax', { size: 'M30', disk: 512 }))).status).toBe(201);
    const uneven = clone(body20240805('uneven', { disk: 50 }));
    uneven.replicationSpecs[0].regionConfigs[0].readOnlySpecs = { instanceSize: 'M30', nodeCount: 0, diskSizeGB: 60 };
    expectError(await create(g, uneven), 400, 'DISK_SIZE_GB_INCONSISTENT', []);
    const nvme = await create(g, body20240805('nvme', { size: 'M40_NVME', extra: { backupEnabled: true } }));
    expect(nvme.status).toBe(201);
    expect(nvme.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ diskSizeGB: 380, ebsVolumeType: 'PROVISIONED' });
    expectError(await create(g, body20240805('nvme-nb', { size: 'M40_NVME' })), 400, 'NVME_STORAGE_PROVIDER_BACKUP_REQUIRED');
    expectError(await create(g, body20240805('nvme-d', { size: 'M40_NVME', disk: 500, extra: { backupEnabled: true } })), 400, 'CLUSTER_DISK_SIZE_INVALID', [500]);
    // A smaller tier whose limit the current disk exceeds.
    await advance(atlas, 60);
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/dmax`, { version: NEW, body: body20240805('dmax', { size: 'M20' }) }), 400, 'CLUSTER_DISK_SIZE_INVALID', [512]);
  });

  it('volumes: provisioned IOPS for M30 and larger, within bounds; GCP has no volume settings', async () => {
    const g = makeProject(atlas);
    const prov = clone(body20240805('prov', { size: 'M40' }));
    Object.assign(prov.replicationSpecs[0].regionConfigs[0].electableSpecs, { ebsVolumeType: 'PROVISIONED', diskIOPS: 6000 });
    const res = await create(g, prov);
    expect(res.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ diskIOPS: 6000, ebsVolumeType: 'PROVISIONED' });
    const lowTier = clone(body20240805('prov20', { size: 'M20' }));
    lowTier.replicationSpecs[0].regionConfigs[0].electableSpecs.ebsVolumeType = 'PROVISIONED';
    expectError(await create(g, lowTier), 400, 'INVALID_ATTRIBUTE', ['ebsVolumeType']);
    Object.assign(prov.replicationSpecs[0].regionConfigs[0].electableSpecs, { diskIOPS: 70000 });
    expectError(await create(g, { ...prov, name: 'prov-big' }), 400, 'INVALID_IOPS_OUT_OF_BOUNDS', [70000]);
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const gcp = clone(body20240805('gcp-iops', { provider: 'GCP', region: 'CENTRAL_US_AW' }));
    gcp.replicationSpecs[0].regionConfigs[0].electableSpecs.diskIOPS = 3000;
    expectError(await create(gov, gcp), 400, 'INVALID_ATTRIBUTE', ['diskIOPS']);
  });

  it('auto-scaling bounds', async () => {
    const g = makeProject(atlas);
    const withScaling = (name: string, compute: object) => {
      const b = clone(body20240805(name, { size: 'M30' }));
      b.replicationSpecs[0].regionConfigs[0].autoScaling = { compute, diskGB: { enabled: true } };
      return b;
    };
    expectError(await create(g, withScaling('as1', { enabled: false, scaleDownEnabled: true })), 400, 'COMPUTE_AUTO_SCALING_SCALE_DOWN_ENABLED_INVALID');
    expectError(await create(g, withScaling('as2', { enabled: true })), 400, 'COMPUTE_AUTO_SCALING_MAX_INSTANCE_SIZE_REQUIRED');
    expectError(await create(g, withScaling('as3', { enabled: true, scaleDownEnabled: true, maxInstanceSize: 'M50' })), 400, 'COMPUTE_AUTO_SCALING_MIN_INSTANCE_SIZE_REQUIRED');
    expectError(await create(g, withScaling('as4', { enabled: true, maxInstanceSize: 'M20' })), 400, 'COMPUTE_AUTO_SCALING_MAX_INSTANCE_SIZE_INVALID', ['M20', 'M30']);
    expectError(await create(g, withScaling('as5', { enabled: true, scaleDownEnabled: true, minInstanceSize: 'M40', maxInstanceSize: 'M50' })), 400, 'COMPUTE_AUTO_SCALING_MIN_INSTANCE_SIZE_INVALID', ['M40', 'M30']);
    const ok = await create(g, withScaling('as6', { enabled: true, scaleDownEnabled: true, minInstanceSize: 'M20', maxInstanceSize: 'M50' }));
    expect(ok.status).toBe(201);
    expect(ok.json.replicationSpecs[0].regionConfigs[0].autoScaling).toEqual({
      compute: { enabled: true, maxInstanceSize: 'M50', minInstanceSize: 'M20', scaleDownEnabled: true },
      diskGB: { enabled: true },
    });
  });

  it('MongoDB versions and other settings', async () => {
    const g = makeProject(atlas);
    expect((await create(g, body20240805('v7', { extra: { mongoDBMajorVersion: '7.0' } }))).json).toMatchObject({ mongoDBMajorVersion: '7.0', mongoDBVersion: '7.0.40', featureCompatibilityVersion: '7.0' });
    expectError(await create(g, body20240805('v6', { extra: { mongoDBMajorVersion: '6.0' } })), 400, 'ATLAS_CLUSTER_VERSION_DEPRECATED');
    expectError(await create(g, body20240805('v9', { extra: { mongoDBMajorVersion: '9.9' } })), 400, 'MONGODB_VERSION_INVALID', ['9.9']);
    expectError(await create(g, body20240805('vc', { extra: { versionReleaseSystem: 'CONTINUOUS', mongoDBMajorVersion: '8.0' } })), 400, 'INVALID_MONGODB_VERSION_CONFIG');
    expectError(await create(g, body20240805('paused', { extra: { paused: true } })), 400, 'CANNOT_CREATE_PAUSED_CLUSTER', ['paused']);
    expectError(await create(g, body20240805('bi', { extra: { biConnector: { enabled: true, readPreference: 'analytics' } } })), 400, 'INVALID_BI_CONNECTOR_READ_PREFERENCE_FOR_TOPOLOGY');
    expectError(await create(g, body20240805('ear', { extra: { encryptionAtRestProvider: 'AWS' } })), 400, 'ENCRYPTION_AT_REST_NOT_ENABLED', [g]);
    expectError(await create(g, body20240805('smsh', { extra: { globalClusterSelfManagedSharding: true } })), 400, 'CANNOT_SET_SELF_MANAGED_SHARDING_FOR_NON_GLOBAL_CLUSTER');
    const upper = await create(g, body20240805('bi-up', { extra: { biConnector: { enabled: true, readPreference: 'PRIMARY' } } }));
    expect(upper.json.biConnector).toEqual({ enabled: true, readPreference: 'primary' });
    // Upgrades go one way.
    await advance(atlas, 60);
    const up = await atlas.call('PATCH', `/groups/${g}/clusters/v7`, { version: NEW, body: { mongoDBMajorVersion: '8.0' } });
    expect(up.json).toMatchObject({ mongoDBMajorVersion: '8.0', mongoDBVersion: '8.0.29', stateName: 'UPDATING' });
    await advance(atlas, 60);
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/v7`, { version: NEW, body: { mongoDBMajorVersion: '7.0' } }), 400, 'CLUSTER_UPGRADE_INVALID');
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/v7`, { version: NEW, body: { clusterType: 'REPLICASET', replicationSpecs: body20240805('v7', { shards: 1 }).replicationSpecs, globalClusterSelfManagedSharding: true } }), 400, 'CANNOT_MODIFY_GLOBAL_CLUSTER_MANAGEMENT_SETTING');
  });

  it('a replica set becomes sharded, never the other way round', async () => {
    const g = makeProject(atlas);
    await create(g, body20240805('grow'));
    await advance(atlas, 60);
    const sharded = await atlas.call('PATCH', `/groups/${g}/clusters/grow`, { version: NEW, body: { clusterType: 'SHARDED' } });
    expect(sharded.json).toMatchObject({ clusterType: 'SHARDED', configServerType: 'EMBEDDED', stateName: 'UPDATING' });
    await advance(atlas, 60);
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/grow`, { version: NEW, body: { clusterType: 'REPLICASET' } }), 400, 'SHARDED_CLUSTER_CANT_BECOME_REPLICA_SET');
    const more = await atlas.call('PATCH', `/groups/${g}/clusters/grow`, { version: NEW, body: body20240805('grow', { shards: 3 }) });
    expect(more.json.replicationSpecs).toHaveLength(3);
    expect(more.json.replicationSpecs[0].id).toBe(sharded.json.replicationSpecs[0].id);
  });
});

describe('pause and resume', () => {
  it('follows Atlas’s rules', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters/pz`;
    await create(g, body20240805('pz'));
    const patch = (body: unknown) => atlas.call('PATCH', path, { version: NEW, body });
    expectError(await patch({ paused: true }), 409, 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES');
    await advance(atlas, 60);
    expectError(await patch({ paused: true, backupEnabled: true }), 409, 'CANNOT_UPDATE_AND_PAUSE_CLUSTER', ['pz']);
    const paused = await patch({ paused: true });
    expect(paused.json).toMatchObject({ paused: true, stateName: 'UPDATING' });
    await advance(atlas, 60);
    expect((await atlas.call('GET', path, { version: '2024-08-05' })).json).toMatchObject({ paused: true, stateName: 'IDLE' });
    expectError(await patch({ backupEnabled: true }), 409, 'CANNOT_UPDATE_PAUSED_CLUSTER', ['pz']);
    expectError(await patch({ paused: false, backupEnabled: true }), 409, 'CANNOT_UPDATE_PAUSED_CLUSTER', ['pz']);
    expectError(await patch({ paused: true }), 409, 'CLUSTER_ALREADY_PAUSED');
    expect((await patch({ paused: false })).json).toMatchObject({ paused: false, stateName: 'UPDATING' });
    await advance(atlas, 60);
    const recent = await patch({ paused: true });
    expectError(recent, 400, 'CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER', [60]);
    expect(recent.json.detail).toBe('Recently resumed clusters must remain running for 60 minutes to process all queued maintenance.');
    await advance(atlas, 3600);
    expect((await patch({ paused: true })).status).toBe(200);
    // A paused cluster can still be deleted.
    await advance(atlas, 60);
    expect((await atlas.call('DELETE', path, { version: '2023-02-01' })).status).toBe(202);
    expectError(await patch({ paused: false }), 400, 'CLUSTER_ALREADY_REQUESTED_DELETION', ['pz']);
  });
});

describe('roles', () => {
  /** A Digest API key of the default organization with the given project roles only. */
  function keyWith(groupId: string, roles: Array<'GROUP_CLUSTER_MANAGER' | 'GROUP_READ_ONLY' | 'GROUP_OWNER'>): TenantCredentials {
    const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: 'cluster roles', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } });
    return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
  }

  it('read for Project Read Only; create and delete for Project Owner; termination protection for Project Owner only', async () => {
    const g = makeProject(atlas);
    await create(g, body20240805('roles'));
    await advance(atlas, 60);
    const reader = keyWith(g, ['GROUP_READ_ONLY']);
    const manager = keyWith(g, ['GROUP_CLUSTER_MANAGER']);
    const as = (tenant: TenantCredentials, method: string, path: string, body?: unknown, version = NEW) =>
      atlas.call(method, `/groups/${g}/clusters${path}`, { version, auth: 'digest', tenant, ...(body !== undefined && { body }) });

    expect((await as(reader, 'GET', '/roles', undefined, '2024-08-05')).status).toBe(200);
    expect((await as(reader, 'GET', '', undefined, '2024-08-05')).status).toBe(200);
    expect((await as(reader, 'GET', '/provider/regions', undefined, '2023-01-01')).status).toBe(200);
    expectError(await as(reader, 'PATCH', '/roles', { backupEnabled: true }), 401, 'USER_UNAUTHORIZED');
    expectError(await as(manager, 'POST', '', body20240805('by-manager')), 401, 'USER_UNAUTHORIZED');
    expectError(await as(manager, 'DELETE', '/roles', undefined, '2023-02-01'), 401, 'USER_UNAUTHORIZED');
    expect((await as(manager, 'PATCH', '/roles', { backupEnabled: true })).status).toBe(200);
    await advance(atlas, 60);
    expectError(await as(manager, 'PATCH', '/roles', { terminationProtectionEnabled: true }), 401, 'USER_UNAUTHORIZED');
    // Sending the current value is no change and needs no owner.
    expect((await as(manager, 'PATCH', '/roles', { terminationProtectionEnabled: false })).status).toBe(200);
    expect((await atlas.call('PATCH', `/groups/${g}/clusters/roles`, { version: NEW, body: { terminationProtectionEnabled: true } })).json.terminationProtectionEnabled).toBe(true);
    // Another organization's project does not exist for this key.
    const otherOrg = atlas.sim.world.orgs.create({ name: 'elsewhere' });
    const foreign = atlas.sim.world.projects.create(otherOrg.id, { name: 'foreign' }, SYSTEM_ACTOR).id;
    expectError(await atlas.call('GET', `/groups/${foreign}/clusters`, { version: '2024-08-05' }), 401, 'USER_UNAUTHORIZED');
  });
});
