import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

/** Cluster outage simulation and the rolling index build's refusals. */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };
let seq = 0;

/** An IDLE two-region Government cluster: 2 nodes in US_GOV_WEST_1, 1 in US_GOV_EAST_1. */
async function twoRegions(): Promise<{ groupId: string; name: string; path: string }> {
  const groupId = makeProject(atlas, 'GOV_REGIONS_ONLY');
  const name = `outage-${++seq}`;
  const spec = (region: string, nodes: number, priority: number) => ({ electableSpecs: { instanceSize: 'M30', nodeCount: nodes }, priority, providerName: 'AWS', regionName: region });
  const body = { clusterType: 'REPLICASET', name, replicationSpecs: [{ regionConfigs: [spec('US_GOV_WEST_1', 2, 7), spec('US_GOV_EAST_1', 1, 6)] }] };
  const res = await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body });
  expect(res.status, res.text).toBe(201);
  atlas.advance(60);
  return { groupId, name, path: `/groups/${groupId}/clusters/${name}/outageSimulation` };
}

describe('cluster outage simulation', () => {
  it('starts, moves through its states on the clock, blocks cluster deletion, ends and goes away', async () => {
    await setLifecycle(atlas, { outageSimulation: 10 });
    const { groupId, name, path } = await twoRegions();
    expectError(await atlas.call('GET', path, V1), 404, 'CLUSTER_OUTAGE_SIMULATION_NOT_FOUND', [name, groupId]);
    const started = await atlas.call('POST', path, { ...V1, body: { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1', type: 'REGION' }] } });
    expect(started.status, started.text).toBe(200);
    expectConforms('POST', path, started);
    expect(started.json).toEqual({
      clusterName: name,
      groupId,
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1', type: 'REGION' }],
      startRequestDate: expect.stringMatching(/Z$/),
      state: 'START_REQUESTED',
    });
    expectError(await atlas.call('POST', path, { ...V1, body: { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1' }] } }), 409, 'CLUSTER_OUTAGE_SIMULATION_ALREADY_EXISTS');
    atlas.advance(10);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('STARTING');
    atlas.advance(10);
    const simulating = await atlas.call('GET', path, V1);
    expectConforms('GET', path, simulating);
    expect(simulating.json.state).toBe('SIMULATING');
    // The cluster cannot go while the outage is simulated.
    expectError(await atlas.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' }), 400, 'CANNOT_TERMINATE_CLUSTER_WITH_UNDERGOING_REGIONAL_OUTAGE_SIMULATION', [name, groupId]);

    const ended = await atlas.call('DELETE', path, V1);
    expect(ended.status).toBe(200);
    expectConforms('DELETE', path, ended);
    expect(ended.json.state).toBe('RECOVERY_REQUESTED');
    expect((await atlas.call('DELETE', path, V1)).json.state).toBe('RECOVERY_REQUESTED');
    atlas.advance(10);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('RECOVERING');
    atlas.advance(10);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('COMPLETE');
    atlas.advance(10);
    expectError(await atlas.call('GET', path, V1), 404, 'CLUSTER_OUTAGE_SIMULATION_NOT_FOUND');
    expect((await atlas.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' })).status).toBe(202);
  });

  it('waits on manual completion when told to', async () => {
    await setLifecycle(atlas, { outageSimulation: 'manual' });
    const { groupId, name, path } = await twoRegions();
    await atlas.call('POST', path, { ...V1, body: { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_WEST_1' }] } });
    atlas.advance(600);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('START_REQUESTED');
    const done = await atlas.call('POST', '/_mock/lifecycle/complete', { body: { all: true, groupId }, version: null, auth: 'none' });
    expect(done.status).toBe(200);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('SIMULATING');
    await atlas.call('DELETE', path, V1);
    await atlas.call('POST', '/_mock/lifecycle/complete', { body: { all: true, groupId, name }, version: null, auth: 'none' });
    expectError(await atlas.call('GET', path, V1), 404, 'CLUSTER_OUTAGE_SIMULATION_NOT_FOUND');
    await setLifecycle(atlas, { outageSimulation: 5 });
  });

  it('refuses filters that do not fit the cluster, bad input and callers without Cluster Manager; a refusal changes nothing', async () => {
    const { groupId, name, path } = await twoRegions();
    const start = (body: unknown, extra = {}) => atlas.call('POST', path, { ...V1, body, ...extra });
    expectError(await start({}), 400, 'MISSING_ATTRIBUTE', ['outageFilters']);
    expectError(await start({ outageFilters: [] }), 400, 'MISSING_ATTRIBUTE', ['outageFilters']);
    expectError(await start({ outageFilters: [{ cloudProvider: 'AZURE', regionName: 'US_GOV_WEST_1' }] }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_EAST_1' }] }), 400, 'CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS');
    const all = await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_WEST_1' }, { cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1' }] });
    expectError(all, 400, 'CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', ['at least one electable node must remain outside the outage']);
    expectError(await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1' }, { cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1' }] }), 400, 'CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS');
    expectError(await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1', type: 'ZONE' }] }), 400, 'INVALID_ENUM_VALUE');
    expectError(await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1', color: 'red' }] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await start({ outageFilters: 'US_GOV_EAST_1' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', path, { ...V1, rawBody: '{"outageFilters":[' }), 400, 'MALFORMED_JSON');
    const reader = keyWith(atlas, groupId, ['GROUP_READ_ONLY']);
    expectError(await start({ outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_EAST_1' }] }, reader), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('GET', path, { ...V1, ...reader }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('GET', path, V1), 404, 'CLUSTER_OUTAGE_SIMULATION_NOT_FOUND');
    expectError(await atlas.call('POST', `/groups/${groupId}/clusters/nope/outageSimulation`, { ...V1, body: { outageFilters: [] } }), 404, 'CLUSTER_NOT_FOUND');
    expectError(await atlas.call('GET', `/groups/not-an-id/clusters/${name}/outageSimulation`, V1), 404, 'INVALID_GROUP_ID', ['not-an-id']);

    // A single-region cluster has nothing to take out.
    const single = makeProject(atlas, 'GOV_REGIONS_ONLY');
    await atlas.call('POST', `/groups/${single}/clusters`, { version: '2024-10-23', body: body20240805('one-region', { region: 'US_GOV_WEST_1' }) });
    const one = await atlas.call('POST', `/groups/${single}/clusters/one-region/outageSimulation`, { ...V1, body: { outageFilters: [{ cloudProvider: 'AWS', regionName: 'US_GOV_WEST_1' }] } });
    expectError(one, 400, 'CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', ['an outage can only be simulated on a multi-region cluster']);
  });
});

describe('rolling index build', () => {
  it('accepts an index (202), once; refuses bad keys, namespaces, clashes, paused or deleting clusters and callers without Data Access Admin', async () => {
    const { groupId, name } = await twoRegions();
    const path = `/groups/${groupId}/clusters/${name}/index`;
    const build = (body: unknown, extra = {}) => atlas.call('POST', path, { ...V1, body, ...extra });
    const ok = await build({ db: 'app', collection: 'users', keys: [{ email: '1' }, { created: '-1' }], options: { unique: undefined, sparse: true }, collation: { locale: 'en', strength: 2 } });
    expect(ok.status, ok.text).toBe(202);
    expect(ok.text).toBe('');
    expect((await build({ db: 'app', collection: 'users', keys: [{ email: '1' }, { created: '-1' }] })).status).toBe(202);
    expectError(await build({ db: 'app', collection: 'users', keys: [{ email: '1' }, { created: '-1' }], options: { name: 'other' } }), 400, 'INDEX_ALREADY_EXISTS');
    expectError(await build({ db: 'app', collection: 'users', keys: [{ phone: '1' }], options: { name: 'email_1_created_-1' } }), 400, 'INDEX_ALREADY_EXISTS');
    expectError(await build({ db: 'app', collection: 'users' }), 400, 'MISSING_ATTRIBUTE', ['keys']);
    expectError(await build({ db: 'app', collection: 'users', keys: [] }), 400, 'MISSING_ATTRIBUTE', ['keys']);
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: '2' }] }), 400, 'INVALID_ATTRIBUTE', ['keys']);
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: '1', b: '1' }] }), 400, 'INVALID_ATTRIBUTE', ['keys']);
    expectError(await build({ db: 'admin', collection: 'users', keys: [{ a: '1' }] }), 400, 'INVALID_ATTRIBUTE', ['db']);
    expectError(await build({ db: 'a$b', collection: 'users', keys: [{ a: '1' }] }), 400, 'INVALID_ATTRIBUTE', ['db']);
    expectError(await build({ db: 'app', collection: 'x'.repeat(300), keys: [{ a: '1' }] }), 400, 'INVALID_NAMESPACE');
    expectError(await build({ collection: 'users', keys: [{ a: '1' }] }), 400, 'MISSING_ATTRIBUTE', ['db']);
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: 1 }] }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: '1' }], color: 'red' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: '1' }], collation: { locale: 'xx' } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await atlas.call('POST', path, { ...V1, rawBody: '{"db":' }), 400, 'MALFORMED_JSON');
    expectError(await build({ db: 'app', collection: 'users', keys: [{ a: '1' }] }, keyWith(atlas, groupId, ['GROUP_READ_ONLY'])), 401, 'USER_UNAUTHORIZED');
    expect((await build({ db: 'app', collection: 'users', keys: [{ a: '1' }] }, keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_ADMIN']))).status).toBe(202);
    expectError(await atlas.call('POST', `/groups/${groupId}/clusters/nope/index`, { ...V1, body: { db: 'a', collection: 'b', keys: [{ a: '1' }] } }), 404, 'CLUSTER_NOT_FOUND');
    expect((await atlas.call('DELETE', `/groups/${groupId}/clusters/${name}`, { version: '2023-02-01' })).status).toBe(202);
    expectError(await build({ db: 'app', collection: 'users', keys: [{ z: '1' }] }), 400, 'CLUSTER_ALREADY_REQUESTED_DELETION');
  });
});
