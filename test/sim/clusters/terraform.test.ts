/**
 * The calls the Terraform provider's `mongodbatlas_advanced_cluster` makes, in its order
 * (create, refresh, delete), each answered so that the provider carries on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAtlas, type ApiResponse, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectConforms, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 120, clusterUpdate: 60, clusterDelete: 60 }));

/** What the provider's state machine does: GET until the target state, 30 s apart. */
async function waitFor(g: string, name: string, target: 'IDLE' | 404): Promise<number> {
  for (let polls = 1; polls < 50; polls++) {
    const res = await atlas.call('GET', `/groups/${g}/clusters/${name}?useEffectiveInstanceFields=true`, { version: '2024-08-05' });
    if (target === 404 && res.status === 404) {
      expect(res.json.errorCode).toBe('CLUSTER_NOT_FOUND');
      return polls;
    }
    expect(res.status).toBe(200);
    if (res.json.stateName === target) return polls;
    expect(['CREATING', 'UPDATING', 'DELETING', 'IDLE']).toContain(res.json.stateName);
    atlas.advance(30);
  }
  throw new Error(`cluster ${name} never reached ${target}`);
}

function ok(res: ApiResponse, method: string, path: string, status = 200): any {
  expect(res.status, res.text).toBe(status);
  expectConforms(method, path, res);
  return res.json;
}

describe('Terraform mongodbatlas_advanced_cluster', () => {
  it('create: POST, wait IDLE, PATCH processArgs, wait IDLE, then containers and processArgs reads', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters`;
    const body = body20240805('tf-adv', { extra: { backupEnabled: true } });
    ok(await atlas.call('POST', `${path}?useEffectiveInstanceFields=true`, { version: '2024-10-23', body }), 'POST', path, 201);
    expect(await waitFor(g, 'tf-adv', 'IDLE')).toBeGreaterThan(1);
    const args = `${path}/tf-adv/processArgs`;
    ok(await atlas.call('PATCH', args, { version: '2024-08-05', body: { javascriptEnabled: false, minimumEnabledTlsProtocol: 'TLS1_2', oplogMinRetentionHours: 24 } }), 'PATCH', args);
    expect(await waitFor(g, 'tf-adv', 'IDLE')).toBeGreaterThan(1);
    // pinned_fcv: pin, then wait again.
    const pin = await atlas.call('POST', `${path}/tf-adv:pinFeatureCompatibilityVersion`, { version: '2024-05-30', body: {} });
    expect(pin.status, pin.text).toBe(204);
    expect(await waitFor(g, 'tf-adv', 'IDLE')).toBeGreaterThan(1);
    const containers = ok(await atlas.call('GET', `/groups/${g}/containers?providerName=AWS`, { version: '2023-01-01' }), 'GET', `/groups/${g}/containers?providerName=AWS`);
    // resolveContainerIDs maps each region of the cluster to its container.
    expect(containers.results.map((c: any) => [c.regionName, c.provisioned])).toEqual([['US_EAST_1', true]]);
    expect(ok(await atlas.call('GET', args, { version: '2024-08-05' }), 'GET', args)).toMatchObject({ javascriptEnabled: false, oplogMinRetentionHours: 24 });
  });

  it('refresh: cluster at 2024-08-05 and 2023-02-01, processArgs, containers of each provider', async () => {
    const g = makeProject(atlas);
    const path = `/groups/${g}/clusters`;
    ok(await atlas.call('POST', path, { version: '2024-10-23', body: body20240805('tf-read') }), 'POST', path, 201);
    await waitFor(g, 'tf-read', 'IDLE');
    const current = ok(await atlas.call('GET', `${path}/tf-read?useEffectiveInstanceFields=true`, { version: '2024-08-05' }), 'GET', `${path}/tf-read`);
    const legacy = await atlas.call('GET', `${path}/tf-read`, { version: '2023-02-01' });
    expect(legacy.status).toBe(200);
    expect(legacy.json.id).toBe(current.id);
    expect(legacy.json.replicationSpecs[0].numShards).toBe(1);
    const args = ok(await atlas.call('GET', `${path}/tf-read/processArgs`, { version: '2024-08-05' }), 'GET', `${path}/tf-read/processArgs`);
    expect(args.minimumEnabledTlsProtocol).toBe(current.advancedConfiguration.minimumEnabledTlsProtocol);
    for (const provider of new Set<string>(current.replicationSpecs.flatMap((s: any) => s.regionConfigs.map((rc: any) => rc.providerName)))) {
      const containers = ok(await atlas.call('GET', `/groups/${g}/containers?providerName=${provider}`, { version: '2023-01-01' }), 'GET', `/groups/${g}/containers?providerName=${provider}`);
      expect(containers.totalCount).toBeGreaterThan(0);
    }
  });

  it('delete: DELETE with retainBackups at 2023-02-01, then polls until 404', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('tf-del') });
    await waitFor(g, 'tf-del', 'IDLE');
    const del = await atlas.call('DELETE', `/groups/${g}/clusters/tf-del?retainBackups=false`, { version: '2023-02-01' });
    expect(del.status).toBe(202);
    expect(await waitFor(g, 'tf-del', 404)).toBeGreaterThan(1);
  });
});
