import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClusterDescription20240805, ClusterStatus } from '../../../contracts/api/schemas/clusters.js';
import { EmptyObject as Empty } from '../../../contracts/api/schemas/common.js';
import { SYSTEM_ACTOR } from '../../../src/sim/world.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { advance, body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 600, clusterUpdate: 300, clusterDelete: 120 }));

const NEW = '2024-10-23';
const clusterEvents = (groupId: string) => atlas.sim.world.events.list((e) => e.groupId === groupId && e.eventTypeName.startsWith('CLUSTER_'));
const READ = '2024-08-05';

describe('cluster lifecycle', () => {
  it('creates with every server-filled default, CREATING, then IDLE with mongodbgov.net hosts after the delay', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters`;
    const created = await atlas.call('POST', path, { version: NEW, body: body20240805('Lifecycle-1') });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/vnd.atlas.2024-10-23+json;charset=utf-8');
    expect(created.headers.deprecation).toBeUndefined();
    expect(created.headers.location).toBeUndefined();
    ClusterDescription20240805.parse(created.json);
    expectConforms('POST', path, created);
    const c = created.json;
    expect(c.stateName).toBe('CREATING');
    expect(c.connectionStrings).toEqual({});
    expect(c.createDate).toMatch(/^2026-01-01T00:00:00Z$/);
    expect(c.groupId).toBe(g);
    // Defaults seen on the wire (wire-facts F).
    expect(c).toMatchObject({
      adaptiveCapacity: null,
      advancedConfiguration: { customOpensslCipherConfigTls12: [], customOpensslCipherConfigTls13: [], minimumEnabledTlsProtocol: 'TLS1_2', tlsCipherConfigMode: 'DEFAULT' },
      backupEnabled: false,
      biConnector: { enabled: false, readPreference: 'secondary' },
      clusterType: 'REPLICASET',
      diskWarmingMode: 'FULLY_WARMED',
      effectiveDatabaseEdition: 'CORE',
      encryptionAtRestProvider: 'NONE',
      featureCompatibilityVersion: '8.0',
      globalClusterSelfManagedSharding: false,
      internalClusterRole: 'NONE',
      labels: [],
      mongoDBMajorVersion: '8.0',
      mongoDBVersion: '8.0.29',
      paused: false,
      pitEnabled: false,
      redactClientLogData: false,
      retainBackups: false,
      rootCertType: 'ISRGROOTX1',
      tags: [],
      terminationProtectionEnabled: false,
      useAwsTimeBasedSnapshotCopyForFastInitialSync: false,
      versionReleaseSystem: 'LTS',
    });
    expect(c.configServerType).toBeUndefined();
    const spec = c.replicationSpecs[0];
    expect(spec.zoneName).toBe('Zone 1');
    expect(spec.id).not.toBe(spec.zoneId);
    // M30 default disk is 40 GB; gp3 standard IOPS; read-only and analytics nodes default to 0.
    const hw = { instanceSize: 'M30', diskIOPS: 3000, diskSizeGB: 40, ebsVolumeType: 'STANDARD' };
    expect(spec.regionConfigs[0]).toEqual({
      analyticsSpecs: { ...hw, nodeCount: 0 },
      autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } },
      effectiveAnalyticsSpecs: { ...hw, nodeCount: 0 },
      effectiveElectableSpecs: { ...hw, nodeCount: 3 },
      effectiveReadOnlySpecs: { ...hw, nodeCount: 0 },
      electableSpecs: { ...hw, nodeCount: 3 },
      priority: 7,
      providerName: 'AWS',
      readOnlySpecs: { ...hw, nodeCount: 0 },
      regionName: 'US_EAST_1',
    });
    expect(c.effectiveReplicationSpecs[0].regionConfigs[0].effectiveElectableSpecs).toBeUndefined();
    // Java doubles on the wire, hardware keys with instanceSize first.
    expect(created.text).toContain('"electableSpecs":{"instanceSize":"M30","diskIOPS":3000,"diskSizeGB":40.0,"ebsVolumeType":"STANDARD","nodeCount":3}');
    expect(Object.keys(c)).toEqual([...Object.keys(c)].sort());

    await advance(atlas, 599);
    const stillCreating = await atlas.call('GET', `${path}/Lifecycle-1`, { version: READ });
    expect(stillCreating.json.stateName).toBe('CREATING');
    expect(stillCreating.json.connectionStrings).toEqual({});

    await advance(atlas, 1);
    const idle = await atlas.call('GET', `${path}/Lifecycle-1`, { version: READ });
    expect(idle.status).toBe(200);
    expectConforms('GET', `${path}/Lifecycle-1`, idle);
    expect(idle.json.stateName).toBe('IDLE');
    const { standard, standardSrv } = idle.json.connectionStrings;
    expect(standardSrv).toMatch(/^mongodb\+srv:\/\/lifecycle-1\.[a-z0-9]{6}\.mongodbgov\.net$/);
    const hostId = standardSrv.split('.')[1];
    expect(standard).toBe(
      `mongodb://lifecycle-1-shard-00-00.${hostId}.mongodbgov.net:27017,lifecycle-1-shard-00-01.${hostId}.mongodbgov.net:27017,` +
        `lifecycle-1-shard-00-02.${hostId}.mongodbgov.net:27017/?ssl=true&authSource=admin&replicaSet=${/replicaSet=(atlas-[a-z0-9]{6}-shard-0)/.exec(standard)![1]}`,
    );
    // Everything else is as created.
    expect({ ...idle.json, stateName: 'CREATING', connectionStrings: {} }).toEqual(c);

    const events = clusterEvents(g).map((e) => [e.eventTypeName, e.created - Date.UTC(2026, 0, 1)]);
    expect(events).toEqual([
      ['CLUSTER_READY', 600_000],
      ['CLUSTER_CREATED', 0],
    ]);
  });

  it('updates tier, disk and flags: the new configuration at once, UPDATING until the delay, then IDLE', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters/upd`;
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('upd') });
    await advance(atlas, 600);
    const patch = body20240805('upd', { size: 'M40', disk: 100 });
    const res = await atlas.call('PATCH', path, { version: NEW, body: { ...patch, terminationProtectionEnabled: true, tags: [{ key: 'env', value: 'test' }], backupEnabled: true } });
    expect(res.status).toBe(200);
    expectConforms('PATCH', path, res);
    expect(res.json.stateName).toBe('UPDATING');
    expect(res.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toEqual({ instanceSize: 'M40', diskIOPS: 3000, diskSizeGB: 100, ebsVolumeType: 'STANDARD', nodeCount: 3 });
    expect(res.json).toMatchObject({ terminationProtectionEnabled: true, backupEnabled: true, tags: [{ key: 'env', value: 'test' }] });
    // Shard ids and hosts stay.
    const before = atlas.sim.world.clusters.findInGroup(g, 'upd')!;
    expect(res.json.replicationSpecs[0].id).toBe(before.shards[0]!.id);
    expect(res.json.connectionStrings.standardSrv).toContain('mongodbgov.net');

    const status = await atlas.call('GET', `${path}/status`, { version: '2023-01-01' });
    expect(status.status).toBe(200);
    ClusterStatus.parse(status.json);
    expectConforms('GET', `${path}/status`, status);
    expect(status.json).toEqual({ changeStatus: 'PENDING', links: [{ href: `${atlas.url}/api/atlas/v2${path}/status`, rel: 'self' }] });

    await advance(atlas, 300);
    const idle = await atlas.call('GET', path, { version: READ });
    expect(idle.json.stateName).toBe('IDLE');
    expect((await atlas.call('GET', `${path}/status`, { version: '2023-01-01' })).json.changeStatus).toBe('APPLIED');
    expect(clusterEvents(g).map((e) => e.eventTypeName)).toEqual([
      'CLUSTER_UPDATE_COMPLETED',
      'CLUSTER_UPDATE_SUBMITTED',
      'CLUSTER_READY',
      'CLUSTER_CREATED',
    ]);
  });

  it('any API request settles due transitions first, so the activity feed stays in time order across resources', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('feed') });
    await advance(atlas, 600);
    // A request about something else entirely; then another resource records an event.
    expect((await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`, { version: '2023-01-01' })).status).toBe(200);
    atlas.sim.world.events.record('GROUP_UPDATED', { orgId: atlas.tenant.orgId, groupId: g }, SYSTEM_ACTOR);
    const feed = atlas.sim.world.events.list((e) => e.groupId === g).map((e) => e.eventTypeName);
    expect(feed.slice(0, 3)).toEqual(['GROUP_UPDATED', 'CLUSTER_READY', 'CLUSTER_CREATED']);
  });

  it('a PATCH that changes nothing leaves the cluster IDLE and records nothing', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('same') });
    await advance(atlas, 600);
    const read = await atlas.call('GET', `/groups/${g}/clusters/same`, { version: READ });
    // Sending back what was read (read-only attributes included) is no change.
    const res = await atlas.call('PATCH', `/groups/${g}/clusters/same`, { version: NEW, body: read.json });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(read.json);
    expect(clusterEvents(g)).toHaveLength(2);
  });

  it('deletes: 202 {} with Content-Length 2, DELETING, then 404 CLUSTER_NOT_FOUND', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters/del-1`;
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('del-1') });
    await advance(atlas, 600);
    const del = await atlas.call('DELETE', path, { version: '2023-02-01', socket: true });
    expect(del.status).toBe(202);
    expect(del.text).toBe('{}');
    expect(del.headers['content-length']).toBe('2');
    expect(del.headers['content-type']).toBe('application/vnd.atlas.2023-02-01+json;charset=utf-8');
    expect(del.headers.deprecation).toBeUndefined();
    Empty.parse(del.json);
    expectConforms('DELETE', path, del);

    const deleting = await atlas.call('GET', path, { version: READ });
    expect(deleting.json.stateName).toBe('DELETING');
    expect(deleting.json.connectionStrings.standardSrv).toBeDefined();
    expect(atlas.sim.world.clusters.countIn(g)).toBe(1);
    expectError(await atlas.call('DELETE', path, { version: '2023-02-01' }), 400, 'CLUSTER_ALREADY_REQUESTED_DELETION', ['del-1']);

    await advance(atlas, 120);
    const gone = await atlas.call('GET', path, { version: READ });
    expectError(gone, 404, 'CLUSTER_NOT_FOUND', ['del-1', g]);
    expect(gone.json.detail).toBe(`No cluster named del-1 exists in group ${g}.`);
    expectConforms('GET', path, gone);
    expect(atlas.sim.world.clusters.countIn(g)).toBe(0);
    expect((await atlas.call('GET', `/groups/${g}/clusters`, { version: READ })).json.totalCount).toBe(0);
    expect(clusterEvents(g).map((e) => e.eventTypeName).slice(0, 2)).toEqual(['CLUSTER_DELETED', 'CLUSTER_DELETE_SUBMITTED']);
  });

  it('termination protection blocks delete with the recorded error', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters/protected`;
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('protected', { extra: { terminationProtectionEnabled: true } }) });
    const res = await atlas.call('DELETE', path, { version: '2023-02-01' });
    expectError(res, 400, 'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED');
    expect(res.json).toEqual({
      detail: 'Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again.',
      error: 400,
      errorCode: 'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED',
      parameters: [`Cannot terminate cluster protected in group ${g} because termination protection is enabled. Disable termination protection and try again.`],
      reason: 'Bad Request',
    });
    expect((await atlas.call('GET', path, { version: READ })).json.stateName).toBe('CREATING');
  });

  it("'manual' delays wait for POST /_mock/lifecycle/complete, which can target one cluster", async () => {
    await setLifecycle(atlas, { clusterCreate: 'manual', clusterDelete: 'manual' });
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('man-a') });
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('man-b') });
    await advance(atlas, 86_400);
    expect((await atlas.call('GET', `/groups/${g}/clusters/man-a`, { version: READ })).json.stateName).toBe('CREATING');

    const one = await atlas.call('POST', '/_mock/lifecycle/complete', { version: null, auth: 'none', body: { groupId: g, name: 'man-a' } });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ completed: [{ kind: 'clusterCreate', groupId: g, name: 'man-a', to: 'IDLE' }] });
    expect((await atlas.call('GET', `/groups/${g}/clusters/man-a`, { version: READ })).json.stateName).toBe('IDLE');
    expect((await atlas.call('GET', `/groups/${g}/clusters/man-b`, { version: READ })).json.stateName).toBe('CREATING');

    await atlas.call('DELETE', `/groups/${g}/clusters/man-a`, { version: '2023-02-01' });
    const rest = await atlas.call('POST', '/_mock/lifecycle/complete', { version: null, auth: 'none', body: { groupId: g } });
    expect(rest.json.completed).toEqual([
      { kind: 'clusterCreate', groupId: g, name: 'man-b', to: 'IDLE' },
      { kind: 'clusterDelete', groupId: g, name: 'man-a', to: 'DELETED' },
    ]);
    expect((await atlas.call('GET', `/groups/${g}/clusters/man-a`, { version: READ })).status).toBe(404);
    const bad = await atlas.call('POST', '/_mock/lifecycle/complete', { version: null, auth: 'none', body: { kind: 'nope' } });
    expect(bad.status).toBe(400);
    expect((await atlas.call('GET', '/_mock', { version: null, auth: 'none' })).json.routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/_mock/lifecycle/complete' }));
  });

  it('a delay of 0 completes on the next read; the create response itself still says CREATING', async () => {
    await setLifecycle(atlas, { clusterCreate: 0 });
    const g = makeProject(atlas);
    const created = await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('instant') });
    expect(created.json.stateName).toBe('CREATING');
    expect((await atlas.call('GET', `/groups/${g}/clusters/instant`, { version: READ })).json.stateName).toBe('IDLE');
  });

  it('lists clusters of the project only, in creation order, paged with Atlas links', async () => {
    const g = makeProject(atlas);
    const other = makeProject(atlas);
    await atlas.call('POST', `/groups/${other}/clusters`, { version: NEW, body: body20240805('elsewhere') });
    for (const n of ['p1', 'p2', 'p3']) await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805(n) });
    const page = await atlas.call('GET', `/groups/${g}/clusters?itemsPerPage=2&pageNum=2`, { version: READ });
    expect(page.status).toBe(200);
    expectConforms('GET', `/groups/${g}/clusters`, page);
    expect(page.json.totalCount).toBe(3);
    expect(page.json.results.map((c: { name: string }) => c.name)).toEqual(['p3']);
    const base = `${atlas.url}/api/atlas/v2/groups/${g}/clusters`;
    expect(page.json.links).toEqual([
      { href: `${base}?includeCount=true&includeDeletedWithRetainedBackups=false&pageNum=2&itemsPerPage=2`, rel: 'self' },
      { href: `${base}?includeCount=true&includeDeletedWithRetainedBackups=false&itemsPerPage=2&pageNum=1`, rel: 'previous' },
    ]);
    const first = await atlas.call('GET', `/groups/${g}/clusters`, { version: READ });
    expect(first.json.results.map((c: { name: string }) => c.name)).toEqual(['p1', 'p2', 'p3']);
    expect(first.json.links).toEqual([{ href: `${base}?includeCount=true&includeDeletedWithRetainedBackups=false&pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    const noCount = await atlas.call('GET', `/groups/${g}/clusters?includeCount=false`, { version: READ });
    expect(noCount.json.totalCount).toBe(0);
    expect(noCount.json.results).toHaveLength(3);
  });

  it('state with transitions in flight survives export and import, and settles afterwards', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: NEW, body: body20240805('persisted') });
    const state = await atlas.call('GET', '/_mock/state', { version: null, auth: 'none' });
    const put = await atlas.call('PUT', '/_mock/state', { version: null, auth: 'none', body: state.json });
    expect(put.status).toBe(204);
    expect((await atlas.call('GET', `/groups/${g}/clusters/persisted`, { version: READ })).json.stateName).toBe('CREATING');
    await advance(atlas, 600);
    expect((await atlas.call('GET', `/groups/${g}/clusters/persisted`, { version: READ })).json.stateName).toBe('IDLE');
  });
});
