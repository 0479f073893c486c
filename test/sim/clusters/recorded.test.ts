import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnaphost, recordedDir } from '../../../contracts/harness/recorded.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../../support/harness.js';
import { advance, body20240805, bodyV15, makeProject, setLifecycle } from '../../support/clusters.js';

/**
 * Replays the cluster exchanges recorded from Atlas (`../shared/atlas/recorded/clusters`)
 * against the simulator: same status, content type, version headers and error code, and
 * the same body shape (keys in the same order, with the same JSON types); ids, names,
 * dates and hosts differ. The recordings come from commercial Atlas with M10 clusters;
 * the simulator gets the same requests with a Government tier (M30).
 */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 60, clusterDelete: 60 });
});
afterAll(() => atlas.close());

const FLAGS = 'clusters/flags/clustersflags/TestClustersFlags';
const SHARDED = 'clusters/sharded/clusterssharded/TestShardedCluster';

function recorded(rel: string) {
  const file = path.join(recordedDir(), rel);
  const r = readSnaphost(file);
  return { ...r, json: JSON.parse(r.body) as unknown };
}

/** Keys in order and JSON types; arrays as the set of their elements' shapes. */
function shape(v: unknown): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return [...new Set(v.map((x) => JSON.stringify(shape(x))))].map((s) => JSON.parse(s));
  if (typeof v === 'object') return Object.entries(v as object).map(([k, x]) => [k, shape(x)]);
  return typeof v;
}

function expectLike(ours: ApiResponse, rel: string): void {
  const rec = recorded(rel);
  expect(ours.status).toBe(rec.status);
  expect(ours.headers['content-type']).toBe(rec.headers['content-type']);
  expect(ours.headers.deprecation).toBe(rec.headers.deprecation);
  expect(ours.headers.sunset).toBe(rec.headers.sunset);
  expect(ours.headers['x-error-code']).toBe(rec.headers['x-error-code']);
  expect(shape(ours.json)).toEqual(shape(rec.json));
}

describe('recorded cluster exchanges, replayed', () => {
  it('create (2023-02-01), watch (2024-08-05), update (2023-02-01), list, protected delete, delete, gone', async () => {
    const g = makeProject(atlas);
    const tags = [{ key: 'env', value: 'test' }];
    const create = await atlas.call('POST', `/groups/${g}/clusters`, {
      version: '2023-02-01',
      body: bodyV15('cluster-712', { disk: 30, extra: { tags, terminationProtectionEnabled: true, mongoDBMajorVersion: '7.0' } }),
    });
    expectLike(create, `${FLAGS}/Create/POST_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_1.snaphost`);
    expect(create.text).toContain('"diskSizeGB":30.0');

    const creating = await atlas.call('GET', `/groups/${g}/clusters/cluster-712`, { version: '2024-08-05' });
    expectLike(creating, `${FLAGS}/Create/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_1.snaphost`);
    await advance(atlas, 60);
    const idle = await atlas.call('GET', `/groups/${g}/clusters/cluster-712`, { version: '2024-08-05' });
    expectLike(idle, `${FLAGS}/Create/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_2.snaphost`);

    const list = await atlas.call('GET', `/groups/${g}/clusters`, { version: '2023-02-01' });
    expectLike(list, `${FLAGS}/List/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_1.snaphost`);
    const regions = await atlas.call('GET', `/groups/${g}/clusters/provider/regions?providers=AWS&tier=M30`, { version: '2023-01-01' });
    expectLike(regions, `${FLAGS}/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_provider_regions_1.snaphost`);

    const refused = await atlas.call('DELETE', `/groups/${g}/clusters/cluster-712`, { version: '2023-02-01' });
    expectLike(refused, `${FLAGS}/Fail_Delete_for_Termination_Protection_enabled/DELETE_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_1.snaphost`);

    const update = await atlas.call('PATCH', `/groups/${g}/clusters/cluster-712`, {
      version: '2023-02-01',
      body: bodyV15('cluster-712', { disk: 40, extra: { tags, terminationProtectionEnabled: false, mongoDBMajorVersion: '8.0' } }),
    });
    expectLike(update, `${FLAGS}/Update/PATCH_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_1.snaphost`);
    expect(update.json).toMatchObject({ stateName: 'UPDATING', diskSizeGB: 40, mongoDBMajorVersion: '8.0', mongoDBVersion: '8.0.29', terminationProtectionEnabled: false });
    await advance(atlas, 60);
    await atlas.call('PATCH', `/groups/${g}/clusters/cluster-712`, { version: '2024-10-23', body: { tags: [] } });
    await advance(atlas, 60);

    const del = await atlas.call('DELETE', `/groups/${g}/clusters/cluster-712`, { version: '2023-02-01' });
    expectLike(del, `${FLAGS}/Delete/DELETE_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_1.snaphost`);
    const deleting = await atlas.call('GET', `/groups/${g}/clusters/cluster-712`, { version: '2024-08-05' });
    expectLike(deleting, `${FLAGS}/Delete/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_1.snaphost`);
    await advance(atlas, 60);
    const gone = await atlas.call('GET', `/groups/${g}/clusters/cluster-712`, { version: '2024-08-05' });
    expectLike(gone, `${FLAGS}/Delete/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_2.snaphost`);
  });

  it('a sharded cluster: create without tags (2023-02-01), then read (2023-02-01 and 2024-08-05)', async () => {
    const g = makeProject(atlas);
    const create = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2023-02-01', body: bodyV15('cluster-703', { numShards: 2, disk: 30 }) });
    expectLike(create, `${SHARDED}/Create_sharded_cluster/POST_api_atlas_v2_groups_6a793f53c0eb9e7a177137bd_clusters_1.snaphost`);
    const old = await atlas.call('GET', `/groups/${g}/clusters/cluster-703`, { version: '2023-02-01' });
    expectLike(old, `${SHARDED}/GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137bd_clusters_cluster-703_1.snaphost`);
    const creating = await atlas.call('GET', `/groups/${g}/clusters/cluster-703`, { version: '2024-08-05' });
    expectLike(creating, `${SHARDED}/GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137bd_clusters_cluster-703_2.snaphost`);
    await advance(atlas, 60);
    const idle = await atlas.call('GET', `/groups/${g}/clusters/cluster-703`, { version: '2024-08-05' });
    expectLike(idle, `${SHARDED}/GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137bd_clusters_cluster-703_3.snaphost`);
  });

  it('a replica set created through 2024-10-23 reads like the recorded one', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('modern', { disk: 30, extra: { tags: [{ key: 'env', value: 'test' }] } }) });
    await advance(atlas, 60);
    const idle = await atlas.call('GET', `/groups/${g}/clusters/modern`, { version: '2024-08-05' });
    expectLike(idle, `${FLAGS}/Create/GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_cluster-712_2.snaphost`);
  });
});
