import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../support/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { backedUpCluster, keyWith, settleClusters } from './support.js';

/**
 * Schedules and snapshots through the API: the default policy, snapshots the clock takes,
 * on-demand snapshots, retention changes and deletions, and the refusals.
 */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };
const get = (path: string) => atlas.call('GET', path, V1);

describe('the schedule', () => {
  it('starts with the recorded default policy and a random reference time, and names the next snapshot', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const res = await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2024-08-05' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    const items = res.json.policies[0].policyItems.map((i: any) => [i.frequencyType, i.frequencyInterval, i.retentionUnit, i.retentionValue]);
    expect(items).toEqual([['hourly', 6, 'days', 7], ['daily', 1, 'days', 7], ['weekly', 6, 'weeks', 4], ['monthly', 40, 'months', 12], ['yearly', 12, 'years', 1]]);
    expect(res.json).toMatchObject({ autoExportEnabled: false, clusterName: c.name, copyPolicyItemsEnabled: false, copySettings: [], restoreWindowDays: 7, useOrgAndGroupNamesInExportPrefix: false });
    expect(res.json.links[1]).toEqual({ href: expect.stringMatching(/\/api\/public\/v1\.0\/groups\/[a-f0-9]{24}$/), rel: 'https://cloud.mongodb.com/group' });
    const next = Date.parse(res.json.nextSnapshot);
    expect(next).toBeGreaterThan(atlas.sim.clock.now());
    expect(new Date(next).getUTCMinutes()).toBe(res.json.referenceMinuteOfHour);
  });

  it('changes the policy; refuses bad intervals, retention out of order, bad reference times and a restore window without continuous backup, changing nothing', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const path = `${c.path}/backup/schedule`;
    const patch = (body: unknown) => atlas.call('PATCH', path, { version: '2024-08-05', body });
    const before = (await atlas.call('GET', path, { version: '2024-08-05' })).json;
    const hourly = { frequencyType: 'hourly', frequencyInterval: 4, retentionUnit: 'days', retentionValue: 2 };
    expectError(await patch({ policies: [{ policyItems: [{ ...hourly, frequencyInterval: 5 }] }] }), 400, 'INVALID_BACKUP_POLICY', ['frequencyInterval 5 is not valid for a hourly policy item']);
    expectError(await patch({ policies: [{ policyItems: [hourly, { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 }] }] }), 400, 'INVALID_BACKUP_POLICY');
    expectError(await patch({ policies: [{ policyItems: [hourly, hourly] }] }), 400, 'INVALID_BACKUP_POLICY');
    expectError(await patch({ referenceHourOfDay: 24 }), 400, 'INVALID_REFERENCE_HOUR_OF_DAY');
    expectError(await patch({ referenceMinuteOfHour: -1 }), 400, 'INVALID_REFERENCE_MINUTE_OF_HOUR');
    expectError(await patch({ restoreWindowDays: 3 }), 400, 'CANNOT_SET_POINT_IN_TIME_WINDOW');
    expectError(await patch({ policies: [{ policyItems: [{ ...hourly, frequencyType: 'sometimes' }] }] }), 400, 'INVALID_ENUM_VALUE');
    expectError(await patch({ referenceHourOfDay: 'noon' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch({ colour: 'blue' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path, { version: '2024-08-05', rawBody: '{"policies": [', headers: { 'Content-Type': 'application/json' } }), 400, 'MALFORMED_JSON');
    expect((await atlas.call('GET', path, { version: '2024-08-05' })).json).toEqual(before);

    // The default policy sent back as read is valid (12 months are not longer than a year).
    expect((await patch({ policies: before.policies })).status).toBe(200);
    const ok = await patch({ referenceHourOfDay: 1, referenceMinuteOfHour: 0, policies: [{ policyItems: [hourly] }] });
    expect(ok.status).toBe(200);
    expect(ok.json.policies[0].policyItems).toEqual([{ ...hourly, id: before.policies[0].policyItems[0].id }]);
    expect(ok.json.nextSnapshot).toMatch(/T(01|05|09|13|17|21):00:00Z$/);
  });

  it('DELETE answers 200 with the emptied schedule, and no snapshot is scheduled any more', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const res = await atlas.call('DELETE', `${c.path}/backup/schedule`, { version: '2024-08-05' });
    expect(res.status).toBe(200);
    expect(res.json.policies).toEqual([{ id: expect.stringMatching(/^[a-f0-9]{24}$/), policyItems: [] }]);
    expect(res.json.nextSnapshot).toBeUndefined();
    const count = (await get(`${c.path}/backup/snapshots`)).json.totalCount;
    atlas.advance(3 * 86400);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBe(count);
  });

  it('copies snapshots only to regions of the project designation', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const zoneId = (await atlas.call('GET', c.path, { version: '2024-08-05' })).json.replicationSpecs[0].zoneId;
    const copy = (cloudProvider: string, regionName: string) =>
      atlas.call('PATCH', `${c.path}/backup/schedule`, { version: '2024-08-05', body: { copySettings: [{ cloudProvider, regionName, zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false }] } });
    expectError(await copy('AWS', 'US_EAST_1'), 409, 'REGION_UNAVAILABLE', ['US_EAST_1']);
    expectError(await copy('AZURE', 'US_GOV_VIRGINIA'), 400, 'INVALID_PROVIDER', ['AZURE']);
    const ok = await copy('GCP', 'US_EAST_4_AW');
    expect(ok.status).toBe(200);
    expect(ok.json.copySettings).toEqual([{ cloudProvider: 'GCP', frequencies: ['DAILY'], regionName: 'US_EAST_4_AW', shouldCopyOplogs: false, zoneId }]);

    // The deprecated 2023-01-01 schedule (what the Atlas CLI asks for) names the replication spec instead.
    const specId = (await atlas.call('GET', c.path, { version: '2023-02-01' })).json.replicationSpecs[0].id;
    const old = await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2023-01-01' });
    expect(old.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(old.headers.sunset).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    expect(old.json.copySettings).toEqual([{ cloudProvider: 'GCP', frequencies: ['DAILY'], regionName: 'US_EAST_4_AW', replicationSpecId: specId, shouldCopyOplogs: false }]);
    const viaSpec = await atlas.call('PATCH', `${c.path}/backup/schedule`, {
      version: '2023-01-01',
      body: { copySettings: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1', replicationSpecId: specId, frequencies: ['HOURLY'], shouldCopyOplogs: true }] },
    });
    expect(viaSpec.status).toBe(200);
    expect((await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2024-08-05' })).json.copySettings).toEqual([
      { cloudProvider: 'AWS', frequencies: ['HOURLY'], regionName: 'US_GOV_EAST_1', shouldCopyOplogs: true, zoneId },
    ]);
  });

  it('is 404 BACKUP_CONFIG_NOT_FOUND on a cluster without cloud backup and 404 CLUSTER_NOT_FOUND on an unknown one', async () => {
    const c = await backedUpCluster(atlas, { backup: false });
    settleClusters(atlas);
    expectError(await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2024-08-05' }), 404, 'BACKUP_CONFIG_NOT_FOUND', [c.name, c.groupId]);
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: {} }), 400, 'BACKUP_JOB_NOT_FOUND');
    expect((await get(`${c.path}/backup/snapshots`)).json).toMatchObject({ results: [], totalCount: 0 });
    expectError(await atlas.call('GET', `/groups/${c.groupId}/clusters/nope/backup/schedule`, { version: '2024-08-05' }), 404, 'CLUSTER_NOT_FOUND');
  });

  it('takes Project Owner to change and Project Read Only to read', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const reader = keyWith(atlas, { [c.groupId]: ['GROUP_READ_ONLY'] });
    expect((await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2024-08-05', ...reader })).status).toBe(200);
    expectError(await atlas.call('PATCH', `${c.path}/backup/schedule`, { version: '2024-08-05', body: { referenceHourOfDay: 2 }, ...reader }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: {}, ...reader }), 401, 'USER_UNAUTHORIZED');
    const manager = keyWith(atlas, { [c.groupId]: ['GROUP_BACKUP_MANAGER'] });
    expect((await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: {}, ...manager })).status).toBe(200);
  });
});

describe('snapshots', () => {
  it('are taken by the clock once the cluster is IDLE, newest first, and page without walking the history', async () => {
    const c = await backedUpCluster(atlas);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBe(0);
    settleClusters(atlas);
    const first = (await get(`${c.path}/backup/snapshots`)).json;
    expect(first.totalCount).toBe(1);
    expect(first.results[0]).toMatchObject({ snapshotType: 'scheduled', status: 'completed', type: 'replicaSet', replicaSetName: c.name, cloudProvider: 'AWS', copyRegions: [] });
    atlas.advance(30 * 86400);
    const all = (await get(`${c.path}/backup/snapshots?itemsPerPage=500`)).json;
    const times = all.results.map((s: any) => Date.parse(s.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(all.results.map((s: any) => s.id)).size).toBe(all.totalCount);
    const page = (await get(`${c.path}/backup/snapshots?itemsPerPage=7&pageNum=3`)).json;
    expect(page.results.map((s: any) => s.id)).toEqual(all.results.slice(14, 21).map((s: any) => s.id));
    const one = await get(`${c.path}/backup/snapshots/${all.results[5].id}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(all.results[5]);
  });

  it('on demand: 200 queued, then inProgress, then completed with its expiry counted from completion; one at a time', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const taken = await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: { description: 'before upgrade', retentionInDays: 3 } });
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ copyRegions: [], description: 'before upgrade', frequencyType: 'ondemand', policyItems: [], snapshotType: 'onDemand', status: 'queued', storageSizeBytes: 0, type: 'replicaSet' });
    expect(taken.json.createdAt).toBeUndefined();
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: {} }), 400, 'UNFINISHED_ON_DEMAND_SNAPSHOT');
    const path = `${c.path}/backup/snapshots/${taken.json.id}`;
    atlas.advance(30);
    expect((await get(path)).json).toMatchObject({ status: 'inProgress', mongodVersion: expect.any(String) });
    expectError(await atlas.call('DELETE', path, V1), 400, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT', [taken.json.id]);
    expectError(await atlas.call('PATCH', path, { ...V1, body: { retentionUnit: 'DAYS', retentionValue: 9 } }), 400, 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION');
    atlas.advance(60);
    const done = (await get(path)).json;
    expect(done).toMatchObject({ status: 'completed', cloudProvider: 'AWS' });
    expect(done.storageSizeBytes).toBeGreaterThan(0);
    expect(Date.parse(done.expiresAt) - Date.parse(taken.json.expiresAt)).toBe(90_000);
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: { retentionInDays: 0 } }), 400, 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID');
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: { retentionInDays: 'x' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    atlas.advance(3 * 86400);
    expectError(await get(path), 404, 'SNAPSHOT_NOT_FOUND', [taken.json.id, c.name]);
  });

  it('a scheduled snapshot keeps a changed retention and disappears when deleted; the list agrees', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    atlas.advance(2 * 86400);
    const before = (await get(`${c.path}/backup/snapshots?itemsPerPage=500`)).json;
    const [a, b] = [before.results[2], before.results[4]];
    const kept = await atlas.call('PATCH', `${c.path}/backup/snapshots/${a.id}`, { ...V1, body: { retentionUnit: 'MONTHS', retentionValue: 2 } });
    expect(kept.status).toBe(200);
    expect(kept.json.expiresAt.slice(5, 7)).not.toBe(a.expiresAt.slice(5, 7));
    expect((await atlas.call('DELETE', `${c.path}/backup/snapshots/${b.id}`, V1)).status).toBe(204);
    expectError(await get(`${c.path}/backup/snapshots/${b.id}`), 404, 'SNAPSHOT_NOT_FOUND');
    const after = (await get(`${c.path}/backup/snapshots?itemsPerPage=500`)).json;
    expect(after.totalCount).toBe(before.totalCount - 1);
    expect(after.results.map((s: any) => s.id)).toEqual(before.results.filter((s: any) => s.id !== b.id).map((s: any) => s.id));
    // Three weeks on, the six-hourly ones are gone but the one with the longer retention stays, in place.
    atlas.advance(21 * 86400);
    const later = (await get(`${c.path}/backup/snapshots?itemsPerPage=500`)).json;
    expect(later.results.map((s: any) => s.id)).toContain(a.id);
    expect(later.results.map((s: any) => s.id)).not.toContain(b.id);
    const pageOfOne = (await get(`${c.path}/backup/snapshots?itemsPerPage=1&pageNum=${later.results.findIndex((s: any) => s.id === a.id) + 1}`)).json;
    expect(pageOfOne.results[0].id).toBe(a.id);
    expectError(await atlas.call('PATCH', `${c.path}/backup/snapshots/${a.id}`, { ...V1, body: { retentionUnit: 'DAYS', retentionValue: 0 } }), 400, 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID');
    expectError(await atlas.call('PATCH', `${c.path}/backup/snapshots/${a.id}`, { ...V1, body: { retentionUnit: 'FORTNIGHTS', retentionValue: 1 } }), 400, 'INVALID_ENUM_VALUE');
  });

  it('go when cloud backup is turned off, and start afresh when it is turned on again', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    atlas.advance(86400);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBeGreaterThan(1);
    const off = await atlas.call('PATCH', c.path, { version: '2024-10-23', body: { backupEnabled: false } });
    expect(off.status).toBe(200);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBe(0);
    await atlas.call('PATCH', c.path, { version: '2024-10-23', body: { backupEnabled: true } });
    settleClusters(atlas);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBe(1);
  });

  it('of a sharded cluster are listed through the sharded endpoints, with one member per shard', async () => {
    const c = await backedUpCluster(atlas, { shards: 2 });
    settleClusters(atlas);
    expect((await get(`${c.path}/backup/snapshots`)).json.totalCount).toBe(0);
    const list = (await get(`${c.path}/backup/snapshots/shardedClusters`)).json;
    expect(list.totalCount).toBe(1);
    const s = list.results[0];
    expect(s).toMatchObject({ type: 'shardedCluster', status: 'completed', configServerType: expect.any(String) });
    expect(s.members).toHaveLength(2);
    expect(s.snapshotIds).toEqual(s.members.map((m: any) => m.id));
    expect((await get(`${c.path}/backup/snapshots/shardedCluster/${s.id}`)).json).toEqual(s);
    expectError(await get(`${c.path}/backup/snapshots/${s.id}`), 404, 'SNAPSHOT_NOT_FOUND');
    expect((await atlas.call('DELETE', `${c.path}/backup/snapshots/shardedCluster/${s.id}`, V1)).status).toBe(204);
    expectError(await get(`${c.path}/backup/snapshots/shardedCluster/${s.id}`), 404, 'SNAPSHOT_NOT_FOUND');
    expectError(await get(`${c.path}/backup/snapshots/shardedCluster/zzz`), 404, 'SNAPSHOT_NOT_FOUND');
  });
});
