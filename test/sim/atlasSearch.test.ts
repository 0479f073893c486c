import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { keyWith } from '../support/projectKeys.js';

/** Atlas Search: indexes of both API generations building on the clock, mapping validation, and search nodes. */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
  await setLifecycle(atlas, { searchIndexBuild: 10, searchNodes: 30 });
});
afterAll(() => atlas.close());

const V = { version: '2024-05-30' };
const LEGACY = { version: '2023-01-01' };
let seq = 0;

async function cluster(restriction: 'GOV_REGIONS_ONLY' | 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' = 'GOV_REGIONS_ONLY'): Promise<{ groupId: string; name: string; base: string }> {
  const groupId = makeProject(atlas, restriction);
  const name = `search-${++seq}`;
  const region = restriction === 'GOV_REGIONS_ONLY' ? 'US_GOV_WEST_1' : 'US_EAST_1';
  expect((await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: body20240805(name, { region }) })).status).toBe(201);
  atlas.advance(60);
  return { groupId, name, base: `/groups/${groupId}/clusters/${name}` };
}

const MOVIES = { database: 'sample', collectionName: 'movies', name: 'default', definition: { mappings: { dynamic: true } } };

describe('search indexes', () => {
  it('build PENDING -> BUILDING -> READY on the clock; a new definition rebuilds while the old one stays queryable; delete goes through DELETING', async () => {
    const { base } = await cluster();
    const created = await atlas.call('POST', `${base}/search/indexes`, { ...V, body: MOVIES });
    expect(created.status, created.text).toBe(201);
    expectConforms('POST', `${base}/search/indexes`, created);
    expect(created.json).toMatchObject({ name: 'default', database: 'sample', collectionName: 'movies', type: 'search', status: 'PENDING', queryable: false, latestDefinitionVersion: { version: 0 }, latestDefinition: { mappings: { dynamic: true } } });
    expect(created.json.statusDetail).toHaveLength(3);
    const id = created.json.indexID;
    atlas.advance(10);
    expect((await atlas.call('GET', `${base}/search/indexes/${id}`, V)).json.status).toBe('BUILDING');
    atlas.advance(10);
    const ready = await atlas.call('GET', `${base}/search/indexes/${id}`, V);
    expectConforms('GET', `${base}/search/indexes/${id}`, ready);
    expect(ready.json).toMatchObject({ status: 'READY', queryable: true });

    const byName = `${base}/search/indexes/sample/movies/default`;
    const updated = await atlas.call('PATCH', byName, { ...V, body: { definition: { mappings: { dynamic: false, fields: { title: { type: 'string', analyzer: 'lucene.english' } } } } } });
    expect(updated.status, updated.text).toBe(200);
    expectConforms('PATCH', byName, updated);
    expect(updated.json).toMatchObject({ status: 'PENDING', queryable: true, latestDefinitionVersion: { version: 1 } });
    atlas.advance(20);
    expect((await atlas.call('GET', byName, V)).json).toMatchObject({ status: 'READY', latestDefinition: { mappings: { fields: { title: { type: 'string' } } } } });

    const lists = [`${base}/search/indexes`, `${base}/search/indexes/sample/movies`];
    for (const path of lists) {
      const l = await atlas.call('GET', path, V);
      expectConforms('GET', path, l);
      expect(l.json.map((i: any) => i.indexID)).toEqual([id]);
    }
    expect((await atlas.call('GET', `${base}/search/indexes/sample/other`, V)).json).toEqual([]);

    expect((await atlas.call('DELETE', byName, V)).status).toBe(204);
    expect((await atlas.call('GET', `${base}/search/indexes/${id}`, V)).json).toMatchObject({ status: 'DELETING', queryable: false });
    atlas.advance(10);
    expectError(await atlas.call('GET', `${base}/search/indexes/${id}`, V), 404, 'ATLAS_SEARCH_INDEX_NOT_FOUND');
    expectError(await atlas.call('DELETE', `${base}/search/indexes/${id}`, V), 404, 'ATLAS_SEARCH_INDEX_NOT_FOUND');
  });

  it('the 2023-01-01 fts API reads and writes the same indexes with its own statuses', async () => {
    const { base } = await cluster();
    const legacy = await atlas.call('POST', `${base}/fts/indexes`, { ...LEGACY, body: { database: 'sample', collectionName: 'movies', name: 'legacy', mappings: { dynamic: true }, analyzer: 'lucene.standard' } });
    expect(legacy.status, legacy.text).toBe(200);
    expectConforms('POST', `${base}/fts/indexes`, legacy);
    expect(legacy.json).toMatchObject({ name: 'legacy', status: 'IN_PROGRESS', mappings: { dynamic: true }, analyzer: 'lucene.standard' });
    const id = legacy.json.indexID;
    expect(legacy.headers.deprecation ?? legacy.headers.sunset ?? 'none').toBeDefined();
    atlas.advance(20);
    const got = await atlas.call('GET', `${base}/fts/indexes/${id}`, LEGACY);
    expectConforms('GET', `${base}/fts/indexes/${id}`, got);
    expect(got.json.status).toBe('STEADY');
    expect((await atlas.call('GET', `${base}/search/indexes/${id}`, V)).json).toMatchObject({ name: 'legacy', status: 'READY', latestDefinition: { mappings: { dynamic: true }, analyzer: 'lucene.standard' } });
    const listed = await atlas.call('GET', `${base}/fts/indexes/sample/movies`, LEGACY);
    expectConforms('GET', `${base}/fts/indexes/sample/movies`, listed);
    expect(listed.json.map((i: any) => i.name)).toEqual(['legacy']);
    const patched = await atlas.call('PATCH', `${base}/fts/indexes/${id}`, { ...LEGACY, body: { database: 'sample', collectionName: 'movies', name: 'legacy', mappings: { dynamic: false, fields: { year: { type: 'number' } } } } });
    expectConforms('PATCH', `${base}/fts/indexes/${id}`, patched);
    expect(patched.json).toMatchObject({ status: 'IN_PROGRESS', mappings: { fields: { year: { type: 'number' } } } });
    expectError(await atlas.call('PATCH', `${base}/fts/indexes/${id}`, { ...LEGACY, body: { database: 'sample', collectionName: 'movies', name: 'renamed', mappings: { dynamic: true } } }), 400, 'INVALID_ATTRIBUTE', ['name']);
    expect((await atlas.call('DELETE', `${base}/fts/indexes/${id}`, LEGACY)).status).toBe(204);
  });

  it('vector search indexes, and mapping validation that refuses what mongot would, changing nothing', async () => {
    const { base } = await cluster();
    const create = (body: unknown, extra = {}) => atlas.call('POST', `${base}/search/indexes`, { ...V, body, ...extra });
    const vector = await create({ database: 'ai', collectionName: 'docs', name: 'vec', type: 'vectorSearch', definition: { fields: [{ type: 'vector', path: 'embedding', numDimensions: 1536, similarity: 'cosine' }, { type: 'filter', path: 'tenant' }] } });
    // (Not checked against the document here: its BasicDBObject wants objects for the field attributes; see knownDifferences.)
    expect(vector.status, vector.text).toBe(201);
    expect(vector.json.type).toBe('vectorSearch');

    const bad: Array<[unknown, string | undefined]> = [
      [{ ...MOVIES, definition: {} }, 'mappings is required'],
      [{ ...MOVIES, definition: { mappings: { dynamic: false } } }, 'mappings: static mappings need fields'],
      [{ ...MOVIES, definition: { mappings: { fields: { t: { type: 'text' } } } } }, 'mappings.fields.t: unknown field type'],
      [{ ...MOVIES, definition: { mappings: { dynamic: true }, analyzer: 'my.analyzer' } }, 'analyzer: unknown analyzer my.analyzer'],
      [{ ...MOVIES, definition: { mappings: { dynamic: true }, numPartitions: 3 } }, 'numPartitions must be 1, 2 or 4'],
      [{ ...MOVIES, definition: { mappings: { dynamic: true }, synonyms: [{ name: 's', analyzer: 'lucene.standard' }] } }, 'a synonym mapping needs a name and a source collection'],
      [{ ...MOVIES, type: 'vectorSearch', definition: { fields: [] } }, 'a vector search index needs at least one field'],
      [{ ...MOVIES, type: 'vectorSearch', definition: { fields: [{ type: 'vector', path: 'e', numDimensions: 9000, similarity: 'cosine' }] } }, 'field e: numDimensions must be between 1 and 8192'],
      [{ ...MOVIES, type: 'vectorSearch', definition: { fields: [{ type: 'vector', path: 'e', numDimensions: 3, similarity: 'manhattan' }] } }, 'field e: similarity must be euclidean, cosine or dotProduct'],
    ];
    for (const [body, why] of bad) expectError(await create(body), 400, 'ATLAS_SEARCH_INDEX_INVALID_DEFINITION', [why]);
    // A custom analyzer defined in the index may be named.
    expect((await create({ ...MOVIES, name: 'custom', definition: { analyzers: [{ name: 'mine', tokenizer: { type: 'standard' } }], analyzer: 'mine', mappings: { dynamic: true } } })).status).toBe(201);

    expectError(await create({ ...MOVIES, name: 'custom' }), 400, 'ATLAS_FTS_DUPLICATE_INDEX');
    expectError(await create({ ...MOVIES, database: 'a.b' }), 400, 'INVALID_ATTRIBUTE', ['database']);
    expectError(await create({ ...MOVIES, name: ' ' }), 400, 'INVALID_ATTRIBUTE', ['name']);
    expectError(await create({ database: 'x', name: 'y', definition: {} }), 400, 'MISSING_ATTRIBUTE', ['collectionName']);
    expectError(await create({ ...MOVIES, type: 'lexical' }), 400, 'INVALID_ENUM_VALUE');
    expectError(await create({ ...MOVIES, definition: { mappings: { dynamic: true }, color: 'red' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await create({ ...MOVIES, definition: 'dynamic' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('POST', `${base}/search/indexes`, { ...V, rawBody: '{"name":' }), 400, 'MALFORMED_JSON');
    expect((await atlas.call('GET', `${base}/search/indexes`, V)).json.map((i: any) => i.name)).toEqual(['vec', 'custom']);

    expectError(await atlas.call('GET', `${base}/search/indexes/not-an-id`, V), 404, 'ATLAS_SEARCH_INDEX_NOT_FOUND');
    expectError(await atlas.call('GET', `${base}/search/indexes/ai/docs/nope`, V), 404, 'ATLAS_SEARCH_INDEX_NOT_FOUND');
    expectError(await atlas.call('PATCH', `${base}/search/indexes/ai/docs/vec`, { ...V, body: { definition: { fields: [{ type: 'vector', path: 'e', numDimensions: 0, similarity: 'cosine' }] } } }), 400, 'ATLAS_SEARCH_INDEX_INVALID_DEFINITION');
    expectError(await atlas.call('GET', `/groups/${base.split('/')[2]}/clusters/nope/search/indexes`, V), 404, 'CLUSTER_NOT_FOUND');
  });

  it('checks roles: reads take Data Access Read Write, changes Data Access Admin', async () => {
    const { groupId, base } = await cluster();
    const reader = keyWith(atlas, groupId, ['GROUP_READ_ONLY']);
    const rw = keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_READ_WRITE']);
    expectError(await atlas.call('GET', `${base}/search/indexes`, { ...V, ...reader }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', `${base}/search/indexes`, { ...V, ...rw })).status).toBe(200);
    expectError(await atlas.call('POST', `${base}/search/indexes`, { ...V, body: MOVIES, ...rw }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('POST', `${base}/search/indexes`, { ...V, body: MOVIES, ...keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_ADMIN']) })).status).toBe(201);
  });
});

describe('search nodes', () => {
  it('deploy (UPDATING -> IDLE), resize, remove; absent nodes read as {} and cannot change', async () => {
    const { groupId, base } = await cluster();
    const path = `${base}/search/deployment`;
    const none = await atlas.call('GET', path, { version: '2025-03-12' });
    expect(none.status).toBe(200);
    expectConforms('GET', path, none);
    expect(none.json).toEqual({});
    expectError(await atlas.call('PATCH', path, { ...V, body: { specs: [{ instanceSize: 'S30_HIGHCPU_NVME', nodeCount: 2 }] } }), 400, 'ATLAS_SEARCH_DEPLOYMENT_DOES_NOT_EXIST');
    expectError(await atlas.call('DELETE', path, V), 400, 'ATLAS_SEARCH_DEPLOYMENT_DOES_NOT_EXIST');

    const created = await atlas.call('POST', path, { ...V, body: { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] } });
    expect(created.status, created.text).toBe(201);
    expectConforms('POST', path, created);
    expect(created.json).toEqual({ encryptionAtRestProvider: 'NONE', groupId, id: expect.stringMatching(/^[a-f0-9]{24}$/), specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }], stateName: 'UPDATING' });
    expectError(await atlas.call('POST', path, { ...V, body: { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] } }), 409, 'ATLAS_SEARCH_DEPLOYMENT_ALREADY_EXISTS');
    atlas.advance(30);
    expect((await atlas.call('GET', path, { version: '2025-03-12' })).json.stateName).toBe('IDLE');
    const resized = await atlas.call('PATCH', path, { ...V, body: { specs: [{ instanceSize: 'S40_LOWCPU_NVME', nodeCount: 4 }] } });
    expectConforms('PATCH', path, resized);
    expect(resized.json).toMatchObject({ stateName: 'UPDATING', specs: [{ instanceSize: 'S40_LOWCPU_NVME', nodeCount: 4 }] });
    atlas.advance(30);
    expect((await atlas.call('DELETE', path, V)).status).toBe(204);
    expect((await atlas.call('GET', path, { version: '2025-03-12' })).json.stateName).toBe('UPDATING');
    atlas.advance(30);
    expect((await atlas.call('GET', path, { version: '2025-03-12' })).json).toEqual({});
  });

  it('refuses bad specs and callers without the role; a refusal changes nothing', async () => {
    const { groupId, base } = await cluster('COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    const path = `${base}/search/deployment`;
    const post = (body: unknown, extra = {}) => atlas.call('POST', path, { ...V, body, ...extra });
    expectError(await post({ specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 1 }] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await post({ specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 33 }] }), 400, 'INVALID_ATTRIBUTE');
    expectError(await post({ specs: [{ instanceSize: 'M30', nodeCount: 2 }] }), 400, 'INVALID_ENUM_VALUE');
    expectError(await post({ specs: [] }), 400, 'INVALID_ATTRIBUTE', ['specs']);
    expectError(await post({ specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }, { instanceSize: 'S30_HIGHCPU_NVME', nodeCount: 2 }] }), 400, 'INVALID_ATTRIBUTE', ['specs']);
    expectError(await post({}), 400, 'MISSING_ATTRIBUTE');
    expectError(await atlas.call('POST', path, { ...V, rawBody: '{"specs":' }), 400, 'MALFORMED_JSON');
    expectError(await post({ specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] }, keyWith(atlas, groupId, ['GROUP_CLUSTER_MANAGER'])), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', path, { version: '2025-03-12', ...keyWith(atlas, groupId, ['GROUP_READ_ONLY']) })).json).toEqual({});
    expectError(await atlas.call('POST', `/groups/${groupId}/clusters/nope/search/deployment`, { ...V, body: { specs: [{ instanceSize: 'S20_HIGHCPU_NVME', nodeCount: 2 }] } }), 404, 'CLUSTER_NOT_FOUND');
  });
});
