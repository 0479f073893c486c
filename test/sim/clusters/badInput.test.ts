import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

/**
 * Bad input on every cluster route: each gets the Atlas error for it, never a 500, and
 * leaves the state (clusters and events) exactly as it was.
 */
let atlas: TestAtlas;
let g: string;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { clusterCreate: 60 });
  g = makeProject(atlas);
  expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('existing') })).status).toBe(201);
});
afterAll(() => atlas.close());

const V: Record<string, string> = { GET: '2024-08-05', POST: '2024-10-23', PATCH: '2024-10-23', DELETE: '2023-02-01' };

/** Every cluster route with a method, the path under the project, and the version it takes. */
const ROUTES: Array<[string, string, string]> = [
  ['GET', '/clusters', '2024-08-05'],
  ['POST', '/clusters', '2024-10-23'],
  ['GET', '/clusters/existing', '2024-08-05'],
  ['PATCH', '/clusters/existing', '2024-10-23'],
  ['DELETE', '/clusters/existing', '2023-02-01'],
  ['GET', '/clusters/existing/status', '2023-01-01'],
  ['GET', '/clusters/provider/regions', '2023-01-01'],
];

function snapshot() {
  const state = atlas.sim.world.exportState();
  // The id generator and the random stream too: a refused request takes no ids.
  return JSON.stringify({ clusters: state.slices.clusters, events: state.slices.events, ids: state.ids, random: state.random });
}

/** Runs a request and asserts it changed nothing. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = snapshot();
  const out = await fn();
  expect(snapshot()).toBe(before);
  return out;
}

describe('bad input on every cluster route', () => {
  it.each(ROUTES)('%s %s: malformed and unknown project ids', async (method, path, version) => {
    const body = method === 'POST' || method === 'PATCH' ? body20240805('x') : undefined;
    await unchanged(async () => {
      const bad = await atlas.call(method, `/groups/not-an-id${path}`, { version, ...(body && { body }) });
      expectError(bad, 404, 'INVALID_GROUP_ID', ['not-an-id']);
      expectError(await atlas.call(method, `/groups/0123456789abcdef01234567${path}`, { version, ...(body && { body }) }), 404, 'GROUP_NOT_FOUND', ['0123456789abcdef01234567']);
    });
  });

  it.each(ROUTES.filter(([m]) => m === 'POST' || m === 'PATCH'))('%s %s: malformed JSON, wrong types, unknown fields, bad enums, huge bodies', async (method, path, version) => {
    const call = (init: { body?: unknown; rawBody?: string | Buffer }) => atlas.call(method, `/groups/${g}${path}`, { version, ...init });
    const rcPath = 'replicationSpecs.java.util.ArrayList[0].regionConfigs.java.util.ArrayList[0]';
    const withRc = (patch: Record<string, unknown>) => {
      const b = structuredClone(body20240805('existing')) as any;
      Object.assign(b.replicationSpecs[0].regionConfigs[0], patch);
      return b;
    };
    await unchanged(async () => {
      expectError(await call({ rawBody: '{"name": ' }), 400, 'MALFORMED_JSON');
      expectError(await call({ rawBody: '' }), 400, 'MALFORMED_JSON');
      expectError(await call({ body: [] }), 400, 'INVALID_JSON');
      expectError(await call({ body: 'cluster' }), 400, 'INVALID_JSON');
      expectError(await call({ body: { ...body20240805('existing'), name: 5 } }), 400, 'INVALID_JSON_ATTRIBUTE', ['name']);
      expectError(await call({ body: { ...body20240805('existing'), backupEnabled: 'yes' } }), 400, 'INVALID_JSON_ATTRIBUTE', ['backupEnabled']);
      expectError(await call({ body: withRc({ priority: '7' }) }), 400, 'INVALID_JSON_ATTRIBUTE', [`${rcPath}.priority`]);
      expectError(await call({ body: withRc({ electableSpecs: { instanceSize: 'M30', nodeCount: 2.5 } }) }), 400, 'INVALID_JSON_ATTRIBUTE', [`${rcPath}.electableSpecs.nodeCount`]);
      expectError(await call({ body: { ...body20240805('existing'), replicationSpecs: {} } }), 400, 'INVALID_JSON_ATTRIBUTE', ['replicationSpecs']);
      expectError(await call({ body: { ...body20240805('existing'), surprise: true } }), 400, 'INVALID_ATTRIBUTE', ['surprise']);
      expectError(await call({ body: withRc({ nodes: 3 }) }), 400, 'INVALID_ATTRIBUTE', ['nodes']);
      expectError(await call({ body: { ...body20240805('existing'), clusterType: 'RING' } }), 400, 'INVALID_ENUM_VALUE', ['RING']);
      expectError(await call({ body: withRc({ providerName: 'aws' }) }), 400, 'INVALID_ENUM_VALUE', ['aws']);
      expectError(await call({ body: withRc({ electableSpecs: { instanceSize: 'M30', nodeCount: 3, ebsVolumeType: 'FAST' } }) }), 400, 'INVALID_ENUM_VALUE', ['FAST']);
      expectError(await call({ body: { ...body20240805('existing'), tags: [{ key: '', value: 'v' }] } }), 400, 'INVALID_ATTRIBUTE', ['key']);
      const huge = await call({ rawBody: JSON.stringify({ ...body20240805('existing'), labels: [{ key: 'k', value: 'v'.repeat(2 * 1024 * 1024) }] }) });
      expectError(huge, 413, 'REQUEST_ENTITY_TOO_LARGE');
    });
  });

  it.each(ROUTES.filter(([, p]) => p.includes('existing')))('%s %s: an unknown or malformed cluster name is CLUSTER_NOT_FOUND', async (method, path, version) => {
    const body = method === 'PATCH' ? { backupEnabled: true } : undefined;
    await unchanged(async () => {
      for (const name of ['missing', 'bad_name', '%24weird%20name', 'a'.repeat(300)]) {
        const res = await atlas.call(method, `/groups/${g}${path.replace('existing', name)}`, { version, ...(body && { body }) });
        expectError(res, 404, 'CLUSTER_NOT_FOUND', [decodeURIComponent(name), g]);
      }
    });
  });

  it.each(ROUTES.filter(([m, p]) => m === 'GET' && !p.includes('existing')))('%s %s: bad paging and query values are INVALID_QUERY_PARAMETER', async (method, path, version) => {
    await unchanged(async () => {
      for (const q of ['itemsPerPage=0', 'itemsPerPage=501', 'pageNum=0', 'pageNum=abc', 'includeCount=maybe']) {
        const res = await atlas.call(method, `/groups/${g}${path}?${q}`, { version });
        expectError(res, 400, 'INVALID_QUERY_PARAMETER', [q.split('=')[0]]);
      }
    });
    expectError(await atlas.call('GET', `/groups/${g}/clusters?includeDeletedWithRetainedBackups=sometimes`, { version: V.GET }), 400, 'INVALID_QUERY_PARAMETER', ['includeDeletedWithRetainedBackups']);
    expectError(await atlas.call('DELETE', `/groups/${g}/clusters/existing?retainBackups=perhaps`, { version: V.DELETE }), 400, 'INVALID_QUERY_PARAMETER', ['retainBackups']);
  });

  it('refusals found deep in a valid-looking body take no ids either', async () => {
    const twoShards = body20240805('deep', { shards: 3, disk: 50 }) as any;
    twoShards.replicationSpecs[2].regionConfigs[0].electableSpecs.diskSizeGB = 99;
    await unchanged(async () => {
      expectError(await atlas.call('POST', `/groups/${g}/clusters`, { version: V.POST, body: twoShards }), 400, 'DISK_SIZE_GB_INCONSISTENT');
      expectError(await atlas.call('PATCH', `/groups/${g}/clusters/existing`, { version: V.PATCH, body: body20240805('existing', { region: 'US_GOV_EAST_1' }) }), 409, 'REGION_UNAVAILABLE');
    });
  });

  it('a page past the end is empty; wrong methods are 405', async () => {
    const res = await atlas.call('GET', `/groups/${g}/clusters?pageNum=99`, { version: V.GET });
    expect(res.json).toMatchObject({ results: [], totalCount: 1 });
    expect((await atlas.call('PUT', `/groups/${g}/clusters/existing`, { version: V.GET, body: {} })).status).toBe(405);
  });

  it('a cluster may be called "provider": its routes and the regions listing do not collide', async () => {
    expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: V.POST, body: body20240805('provider') })).status).toBe(201);
    expect((await atlas.call('GET', `/groups/${g}/clusters/provider`, { version: V.GET })).json.name).toBe('provider');
    expect((await atlas.call('GET', `/groups/${g}/clusters/provider/status`, { version: '2023-01-01' })).json.changeStatus).toBe('APPLIED');
    expect((await atlas.call('GET', `/groups/${g}/clusters/provider/regions`, { version: '2023-01-01' })).json.results[0].provider).toBe('AWS');
  });
});
