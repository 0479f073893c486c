import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';
import { runningCluster } from '../support/runningCluster.js';

/** Collection-level latency metrics: pinned namespaces, rankings and measurements from injected operations. */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = { version: '2023-11-15' };
const idleCluster = () => runningCluster(atlas, 'cs');

describe('collection-level metrics', () => {
  it('pins (PUT replaces, PATCH adds), unpins, and refuses bad namespaces, too many pins and a missing list without changing anything', async () => {
    const { groupId, name } = await idleCluster();
    const path = `/groups/${groupId}/clusters/${name}/collStats/pinned`;
    const empty = await atlas.call('GET', path, V);
    expectConforms('GET', path, empty);
    expect(empty.json).toEqual({ clusterId: expect.stringMatching(/^[a-f0-9]{24}$/), groupId, pinnedNamespaces: [] });
    const put = await atlas.call('PUT', path, { ...V, body: { namespaces: ['shop.orders', 'shop.users'] } });
    expect(put.status, put.text).toBe(200);
    expectConforms('PUT', path, put);
    expect(put.json.pinnedNamespaces).toEqual(['shop.orders', 'shop.users']);
    const patched = await atlas.call('PATCH', path, { ...V, body: { namespaces: ['shop.users', 'app.logs'] } });
    expectConforms('PATCH', path, patched);
    expect(patched.json.pinnedNamespaces).toEqual(['shop.orders', 'shop.users', 'app.logs']);
    const unpinned = await atlas.call('PATCH', `/groups/${groupId}/clusters/${name}/collStats/unpin`, { ...V, body: { namespaces: ['shop.orders', 'never.pinned'] } });
    expectConforms('PATCH', `/groups/${groupId}/clusters/${name}/collStats/unpin`, unpinned);
    expect(unpinned.json.pinnedNamespaces).toEqual(['shop.users', 'app.logs']);
    expect((await atlas.call('PUT', path, { ...V, body: { namespaces: ['only.one'] } })).json.pinnedNamespaces).toEqual(['only.one']);

    expectError(await atlas.call('PATCH', path, { ...V, body: { namespaces: ['nodot'] } }), 400, 'INVALID_ATTRIBUTE', ['namespaces']);
    expectError(await atlas.call('PATCH', path, { ...V, body: {} }), 400, 'MISSING_ATTRIBUTE', ['namespaces']);
    expectError(await atlas.call('PATCH', path, { ...V, body: { namespaces: 'a.b' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path, { ...V, body: { namespaces: ['a.b'], extra: 1 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path, { ...V, rawBody: '{"namespaces":[' }), 400, 'MALFORMED_JSON');
    const many = Array.from({ length: 20 }, (_, i) => `db.c${i}`);
    expectError(await atlas.call('PATCH', path, { ...V, body: { namespaces: many } }), 400, 'TOO_MANY_PINNED_NAMESPACES', [20]);
    expect((await atlas.call('GET', path, V)).json.pinnedNamespaces).toEqual(['only.one']);
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/nope/collStats/pinned`, V), 404, 'CLUSTER_NOT_FOUND');
    const elsewhere = makeProject(atlas, 'GOV_REGIONS_ONLY');
    expectError(await atlas.call('GET', path, { ...V, ...keyWith(atlas, elsewhere, ['GROUP_OWNER']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', path, { ...V, ...keyWith(atlas, groupId, ['GROUP_READ_ONLY']) })).status).toBe(200);
  });

  it('lists the metric names with their units', async () => {
    const { groupId } = await idleCluster();
    const res = await atlas.call('GET', `/groups/${groupId}/collStats/metrics`, V);
    expect(res.status).toBe(200);
    expectConforms('GET', `/groups/${groupId}/collStats/metrics`, res);
    expect(res.json.metrics).toHaveLength(24);
    expect(res.json.metrics).toEqual(expect.arrayContaining([{ metricName: 'READS_OPS', units: 'SCALAR_PER_SECOND' }, { metricName: 'TOTAL_OPS_P99_VALUE', units: 'MICROSECONDS' }]));
  });

  it('ranks namespaces by execution time and measures their latency, per cluster view and per process', async () => {
    const { groupId, name, hosts } = await idleCluster();
    const now = atlas.sim.clock.now();
    await atlas.call('POST', `/_mock/groups/${groupId}/clusters/${name}/slowQueries`, {
      version: null,
      auth: 'none',
      body: {
        queries: [
          { namespace: 'shop.orders', filter: { a: 1 }, millis: 200, at: now - 120_000 },
          { namespace: 'shop.orders', opType: 'update', filter: { a: 1 }, millis: 400, at: now - 60_000 },
          { namespace: 'shop.users', filter: { b: 1 }, millis: 900, at: now - 60_000 },
          { namespace: 'shop.logs', filter: { c: 1 }, millis: 50, at: now - 60_000, processId: hosts[1] },
        ],
      },
    });
    const ranked = `/groups/${groupId}/clusters/${name}/PRIMARY/collStats/namespaces?period=PT1H`;
    const r = await atlas.call('GET', ranked, V);
    expect(r.status, r.text).toBe(200);
    expectConforms('GET', ranked, r);
    expect(r.json).toEqual({ groupId, identifierId: expect.stringMatching(/^[a-f0-9]{24}$/), rankedNamespaces: ['shop.users', 'shop.orders'] });
    expect((await atlas.call('GET', `/groups/${groupId}/clusters/${name}/SECONDARY/collStats/namespaces?period=PT1H`, V)).json.rankedNamespaces).toEqual(['shop.logs']);
    expect((await atlas.call('GET', `/groups/${groupId}/clusters/${name}/INDIVIDUAL_PROCESS/collStats/namespaces?period=PT1H`, V)).json.rankedNamespaces).toEqual(['shop.users', 'shop.orders', 'shop.logs']);
    const host = await atlas.call('GET', `/groups/${groupId}/processes/${hosts[1]}/collStats/namespaces?period=PT1H`, V);
    expectConforms('GET', `/groups/${groupId}/processes/${hosts[1]}/collStats/namespaces?period=PT1H`, host);
    expect(host.json).toEqual({ groupId, identifierId: hosts[1], rankedNamespaces: ['shop.logs'] });

    const mpath = `/groups/${groupId}/clusters/${name}/PRIMARY/shop/orders/collStats/measurements?period=PT10M&metrics=READS_OPS&metrics=WRITES_LATENCY&metrics=TOTAL_OPS`;
    const m = await atlas.call('GET', mpath, V);
    expect(m.status, m.text).toBe(200);
    expectConforms('GET', mpath, m);
    expect(m.json).toMatchObject({ clusterView: 'PRIMARY', databaseName: 'shop', collectionName: 'orders', granularity: 'PT1M', groupId });
    const byName = Object.fromEntries(m.json.measurements.map((s: any) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(['READS_OPS', 'WRITES_LATENCY', 'TOTAL_OPS']);
    expect(byName.WRITES_LATENCY.units).toBe('MICROSECONDS');
    expect(byName.TOTAL_OPS.dataPoints.reduce((n: number, p: any) => n + p.value * 60, 0)).toBeCloseTo(2);
    expect(byName.WRITES_LATENCY.dataPoints.reduce((n: number, p: any) => n + p.value, 0)).toBe(400_000);

    const hpath = `/groups/${groupId}/processes/${hosts[0]}/shop/users/collStats/measurements?start=${new Date(now - 3_600_000).toISOString()}&end=${new Date(now).toISOString()}`;
    const h = await atlas.call('GET', hpath, V);
    expect(h.status, h.text).toBe(200);
    expectConforms('GET', hpath, h);
    expect(h.json.measurements).toHaveLength(24);
    expect(h.json.processId).toBe(hosts[0]);

    // The window is required and must make sense.
    const base = `/groups/${groupId}/clusters/${name}/PRIMARY/collStats/namespaces`;
    expectError(await atlas.call('GET', base, V), 400, 'MISSING_QUERY_PARAMETER', ['period']);
    expectError(await atlas.call('GET', `${base}?start=2026-01-01T00:00:00Z`, V), 400, 'MISSING_QUERY_PARAMETER', ['end']);
    expectError(await atlas.call('GET', `${base}?period=ten-hours`, V), 400, 'INVALID_QUERY_PARAMETER', ['period']);
    expectError(await atlas.call('GET', `${base}?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z`, V), 400, 'INVALID_QUERY_PARAMETER', ['end']);
    expectError(await atlas.call('GET', `${mpath}&metrics=NOPE`, V), 400, 'INVALID_ENUM_VALUE', ['NOPE']);
    expectError(await atlas.call('GET', `/groups/${groupId}/clusters/${name}/TERTIARY/collStats/namespaces?period=PT1H`, V), 400, 'INVALID_PATH_PARAMETER', ['clusterView']);
    expectError(await atlas.call('GET', `/groups/${groupId}/processes/nohost:27017/collStats/namespaces?period=PT1H`, V), 404, 'HOSTNAME_AND_PORT_NOT_FOUND');
  });
});
