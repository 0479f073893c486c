import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../support/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { backedUpCluster, keyWith, settleClusters, type BackedUpCluster } from './support.js';

/**
 * Restore jobs: the Government designation rules, the target kept busy while a restore
 * runs, point-in-time restores and their window, download restores and their URL.
 */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };

async function completedSnapshotOf(c: BackedUpCluster): Promise<string> {
  const list = (await atlas.call('GET', `${c.path}/backup/snapshots`, V1)).json;
  const done = list.results.find((s: any) => s.status === 'completed');
  expect(done, JSON.stringify(list)).toBeDefined();
  return done.id;
}

const restore = (source: BackedUpCluster, body: Record<string, unknown>, o = {}) => atlas.call('POST', `${source.path}/backup/restoreJobs`, { ...V1, body, ...o });
const automated = (source: BackedUpCluster, snapshotId: string, target: BackedUpCluster) =>
  restore(source, { deliveryType: 'automated', snapshotId, targetClusterName: target.name, targetGroupId: target.groupId });
const stateOf = async (c: BackedUpCluster) => (await atlas.call('GET', c.path, { version: '2024-08-05' })).json.stateName;

describe('the Government rules', () => {
  it('restore a Gov snapshot to another Gov project and to an Assured Workloads cluster, never to a standard project', async () => {
    const source = await backedUpCluster(atlas);
    const gov = await backedUpCluster(atlas);
    const assured = await backedUpCluster(atlas, { provider: 'GCP' });
    const standard = await backedUpCluster(atlas, { restriction: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' });
    settleClusters(atlas);
    const snapshotId = await completedSnapshotOf(source);

    const refused = await automated(source, snapshotId, standard);
    expectError(refused, 403, 'CANNOT_RESTORE_TO_TARGET', []);
    expect(refused.json.detail).toBe(
      'A snapshot of a Government-regions-only project can only be restored to a cluster in a Government-regions-only project, not in a standard (FedRAMP Moderate) project.',
    );
    expect(await stateOf(standard)).toBe('IDLE');
    expect((await atlas.call('GET', `${source.path}/backup/restoreJobs`, V1)).json.totalCount).toBe(0);

    const toGov = await automated(source, snapshotId, gov);
    expect(toGov.status).toBe(200);
    expect(toGov.json).toMatchObject({ cancelled: false, deliveryType: 'automated', deliveryUrl: [], desiredTimestamp: { increment: null, time: null, date: null }, expired: false, failed: false, snapshotId, targetClusterName: gov.name, targetGroupId: gov.groupId });
    expect(Object.keys(toGov.json.desiredTimestamp)).toEqual(['increment', 'time', 'date']);
    expect(toGov.json.targetDeploymentItemName).toMatch(/^atlas-[a-z0-9]{6}$/);
    expect(toGov.json.finishedAt).toBeUndefined();
    expect((await automated(source, snapshotId, assured)).status).toBe(200);

    // And the other way round: a standard project's snapshot does not go to a Gov project.
    const standardSnapshot = await completedSnapshotOf(standard);
    const back = await automated(standard, standardSnapshot, gov);
    expectError(back, 403, 'CANNOT_RESTORE_TO_TARGET');
    expect(back.json.detail).toContain('not in a Government-regions-only project');
  });

  it('need Project Backup Manager on the target project too', async () => {
    const source = await backedUpCluster(atlas);
    const target = await backedUpCluster(atlas);
    settleClusters(atlas);
    const snapshotId = await completedSnapshotOf(source);
    const sourceOnly = keyWith(atlas, { [source.groupId]: ['GROUP_BACKUP_MANAGER'] });
    const body = { deliveryType: 'automated', snapshotId, targetClusterName: target.name, targetGroupId: target.groupId };
    expectError(await restore(source, body, sourceOnly), 403, 'CANNOT_RESTORE_TO_TARGET');
    const reader = keyWith(atlas, { [source.groupId]: ['GROUP_READ_ONLY'], [target.groupId]: ['GROUP_BACKUP_MANAGER'] });
    expectError(await restore(source, body, reader), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('GET', `${source.path}/backup/restoreJobs`, { ...V1, ...reader }), 401, 'USER_UNAUTHORIZED');
    const both = keyWith(atlas, { [source.groupId]: ['GROUP_BACKUP_MANAGER'], [target.groupId]: ['GROUP_BACKUP_MANAGER'] });
    expect((await restore(source, body, both)).status).toBe(200);
  });
});

describe('automated restores', () => {
  it('keep the target UPDATING and refusing changes until done, then finish with finishedAt', async () => {
    const source = await backedUpCluster(atlas);
    const target = await backedUpCluster(atlas);
    settleClusters(atlas);
    const snapshotId = await completedSnapshotOf(source);
    const startedAt = atlas.sim.clock.now();
    const job = (await automated(source, snapshotId, target)).json;
    expect(await stateOf(target)).toBe('UPDATING');
    expectError(await atlas.call('PATCH', target.path, { version: '2024-10-23', body: { tags: [{ key: 'a', value: 'b' }] } }), 400, 'CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE');
    expectError(await automated(source, snapshotId, target), 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS');
    expectError(await atlas.call('DELETE', `${source.path}/backup/restoreJobs/${job.id}`, V1), 400, 'CANNOT_CANCEL_AUTOMATED_RESTORE');
    atlas.advance(299);
    expect((await atlas.call('GET', `${source.path}/backup/restoreJobs/${job.id}`, V1)).json.finishedAt).toBeUndefined();
    atlas.advance(2);
    const done = (await atlas.call('GET', `${source.path}/backup/restoreJobs/${job.id}`, V1)).json;
    expect(Date.parse(done.finishedAt)).toBe(Math.floor((startedAt + 300_000) / 1000) * 1000);
    expect(await stateOf(target)).toBe('IDLE');
    expect((await atlas.call('PATCH', target.path, { version: '2024-10-23', body: { tags: [{ key: 'a', value: 'b' }] } })).status).toBe(200);
    const list = (await atlas.call('GET', `${source.path}/backup/restoreJobs`, V1)).json;
    expect(list.results.map((j: any) => j.id)).toEqual([job.id]);
    expectError(await atlas.call('GET', `${target.path}/backup/restoreJobs/${job.id}`, V1), 404, 'RESTORE_JOB_NOT_FOUND', [job.id, target.name]);
  });

  it('refuse what is missing or wrong, changing nothing', async () => {
    const source = await backedUpCluster(atlas);
    const target = await backedUpCluster(atlas);
    const sharded = await backedUpCluster(atlas, { shards: 2 });
    settleClusters(atlas);
    const snapshotId = await completedSnapshotOf(source);
    expectError(await restore(source, { deliveryType: 'automated', snapshotId, targetGroupId: target.groupId }), 400, 'MISSING_ATTRIBUTE', ['targetClusterName']);
    expectError(await restore(source, { deliveryType: 'automated', snapshotId, targetClusterName: target.name }), 400, 'MISSING_ATTRIBUTE', ['targetGroupId']);
    expectError(await restore(source, { deliveryType: 'download' }), 400, 'MISSING_ATTRIBUTE', ['snapshotId']);
    expectError(await restore(source, { snapshotId }), 400, 'MISSING_ATTRIBUTE', ['deliveryType']);
    expectError(await restore(source, { deliveryType: 'scp', snapshotId }), 400, 'INVALID_ENUM_VALUE');
    expectError(await restore(source, { deliveryType: 'download', snapshotId: '5f0000000000000000000001' }), 404, 'SNAPSHOT_NOT_FOUND');
    expectError(await restore(source, { deliveryType: 'download', snapshotId: 'not-an-id' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await restore(source, { deliveryType: 'automated', snapshotId, targetClusterName: 'nope', targetGroupId: target.groupId }), 404, 'CLUSTER_NOT_FOUND');
    expectError(await automated(source, snapshotId, sharded), 400, 'INVALID_CLUSTER_CONFIGURATION');
    await atlas.call('PATCH', target.path, { version: '2024-10-23', body: { paused: true } });
    settleClusters(atlas);
    expectError(await automated(source, snapshotId, target), 400, 'CLUSTER_PAUSED_CANNOT_RESTORE');
    expect((await atlas.call('GET', `${source.path}/backup/restoreJobs`, V1)).json.totalCount).toBe(0);
    const taken = (await atlas.call('POST', `${source.path}/backup/snapshots`, { ...V1, body: {} })).json;
    expectError(await restore(source, { deliveryType: 'download', snapshotId: taken.id }), 409, 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT');
  });
});

describe('point-in-time restores', () => {
  it('need continuous cloud backup and a time inside the restore window', async () => {
    const plain = await backedUpCluster(atlas);
    const source = await backedUpCluster(atlas, { pit: true });
    const target = await backedUpCluster(atlas);
    settleClusters(atlas);
    const now = () => Math.floor(atlas.sim.clock.now() / 1000);
    const pit = (c: BackedUpCluster, seconds: number | undefined) =>
      restore(c, { deliveryType: 'pointInTime', targetClusterName: target.name, targetGroupId: target.groupId, ...(seconds !== undefined && { pointInTimeUTCSeconds: seconds }) });
    const noPit = await pit(plain, now() - 10);
    expectError(noPit, 400, 'INVALID_PIT_RESTORE_TIME');
    expect(noPit.json.detail).toContain('Continuous Cloud Backup is not enabled');
    expectError(await pit(source, undefined), 400, 'INVALID_PIT_RESTORE_TIME');
    atlas.advance(8 * 86400);
    expectError(await pit(source, now() - 7 * 86400 - 60), 400, 'INVALID_PIT_RESTORE_TIME');
    expectError(await pit(source, now() + 60), 400, 'INVALID_PIT_RESTORE_TIME');
    const at = now() - 3600;
    const ok = await pit(source, at);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ deliveryType: 'pointInTime', pointInTimeUTCSeconds: at, desiredTimestamp: { increment: null, time: null, date: new Date(at * 1000).toISOString().replace('.000Z', 'Z') } });
    expect(ok.json.snapshotId).toBeUndefined();
    const oplog = await restore(source, { deliveryType: 'pointInTime', oplogTs: at - 60, oplogInc: 3, targetClusterName: target.name, targetGroupId: target.groupId });
    expectError(oplog, 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS');
  });
});

describe('download restores', () => {
  it('get a delivery URL after a few minutes that expires an hour later; they can be cancelled until then', async () => {
    const source = await backedUpCluster(atlas);
    settleClusters(atlas);
    const snapshotId = await completedSnapshotOf(source);
    const job = (await restore(source, { deliveryType: 'download', snapshotId })).json;
    expect(job).toMatchObject({ deliveryType: 'download', deliveryUrl: [], snapshotId, expired: false });
    expect(job.targetClusterName).toBeUndefined();
    const path = `${source.path}/backup/restoreJobs/${job.id}`;
    atlas.advance(240);
    const ready = (await atlas.call('GET', path, V1)).json;
    expect(ready.deliveryUrl).toEqual([expect.stringMatching(new RegExp(`^https://restore-${job.id}\\.[a-z0-9]{6}\\.mongodbgov\\.net:27017/[A-Za-z0-9]{24}/restore-${snapshotId}\\.tar\\.gz$`))]);
    expect(Date.parse(ready.expiresAt) - atlas.sim.clock.now()).toBe(3600_000);
    atlas.advance(3600);
    expect((await atlas.call('GET', path, V1)).json.expired).toBe(true);
    expectError(await atlas.call('DELETE', path, V1), 400, 'CANNOT_DOWNLOAD_EXPIRED_JOB');

    const second = (await restore(source, { deliveryType: 'download', snapshotId })).json;
    expect((await atlas.call('DELETE', `${source.path}/backup/restoreJobs/${second.id}`, V1)).status).toBe(204);
    atlas.advance(300);
    expect((await atlas.call('GET', `${source.path}/backup/restoreJobs/${second.id}`, V1)).json).toMatchObject({ cancelled: true, deliveryUrl: [] });
    expectError(await atlas.call('DELETE', `${source.path}/backup/restoreJobs/5f0000000000000000000009`, V1), 404, 'RESTORE_JOB_NOT_FOUND');
  });
});
