import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import type { GroupRole, OrgRole } from '../../src/sim/roles.js';
import { openApiDifferences } from '../support/conformance.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());
// Each test starts from the seeded tenant alone, so names and counts are the test's own.
beforeEach(() => atlas.sim.resetTenant(orgId));

const ID = /^[a-f0-9]{24}$/;

async function createProject(body: Record<string, unknown>, tenant?: TenantCredentials): Promise<ApiResponse> {
  return atlas.call('POST', '/groups', { body: { orgId: tenant?.orgId ?? orgId, ...body }, ...(tenant && { tenant }) });
}

async function newProject(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await createProject({ name, ...extra });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** Test-only: a cluster row in a project, until the clusters engineer's create API lands. */
function plantCluster(groupId: string, name: string): void {
  (atlas.sim.world.clusters as unknown as { insert(row: unknown): void }).insert({ id: atlas.sim.world.ids.next(), groupId, name });
}

/** An API key of the default organization with exactly these roles, as Digest credentials. */
function keyWith(orgRoles: OrgRole[], groupRoles: Record<string, GroupRole[]> = {}): TenantCredentials {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'test key', orgRoles, groupRoles });
  return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
}

const listNames = async (query = ''): Promise<string[]> =>
  ((await atlas.call('GET', `/groups${query}`)).json.results as Array<{ name: string }>).map((p) => p.name);

describe('create a project', () => {
  it('answers 201 with the recorded shape, the Gov default region designation and the Location quirk', async () => {
    const res = await createProject({ name: 'gov-app' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    // Recorded on every POST /groups: the v1.0 root behind a double slash.
    expect(res.headers.location).toBe(`${atlas.url}//api/atlas/v1.0`);
    const id = res.json.id as string;
    expect(id).toMatch(ID);
    const base = `${atlas.url}/api/atlas/v2/groups/${id}`;
    // No tags were sent, so the create answer has no `tags` (recorded), and keys are alphabetical.
    expect(Object.keys(res.json)).toEqual(['clusterCount', 'created', 'id', 'links', 'name', 'orgId', 'regionUsageRestrictions', 'withDefaultAlertsSettings']);
    expect(res.json).toEqual({
      clusterCount: 0,
      created: new Date(atlas.sim.clock.now()).toISOString().replace('.000Z', 'Z'),
      id,
      links: [
        { href: base, rel: 'self' },
        { href: `${base}/containers`, rel: 'https://cloud.mongodb.com/containers' },
        { href: `${base}/clusters`, rel: 'https://cloud.mongodb.com/clusters' },
        { href: `${base}/databaseUsers`, rel: 'https://cloud.mongodb.com/databaseUsers' },
        { href: `${base}/peers`, rel: 'https://cloud.mongodb.com/peers' },
        { href: `${base}/processes`, rel: 'https://cloud.mongodb.com/processes' },
        { href: `${base}/whitelist`, rel: 'https://cloud.mongodb.com/whitelist' },
      ],
      name: 'gov-app',
      orgId,
      regionUsageRestrictions: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY',
      withDefaultAlertsSettings: true,
    });
    expect(openApiDifferences('POST', '/groups', res)).toEqual([]);
    expect(atlas.sim.world.events.list((e) => e.groupId === id).map((e) => e.eventTypeName)).toEqual(['GROUP_CREATED']);
  });

  it('keeps GOV_REGIONS_ONLY, tags and withDefaultAlertsSettings as sent, and logs GROUP_TAGS_MODIFIED', async () => {
    atlas.advance(90);
    const now = new Date(atlas.sim.clock.now()).toISOString().replace('.000Z', 'Z');
    const res = await createProject({
      name: 'govcloud',
      regionUsageRestrictions: 'GOV_REGIONS_ONLY',
      withDefaultAlertsSettings: false,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'core' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      created: now,
      regionUsageRestrictions: 'GOV_REGIONS_ONLY',
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'core' },
      ],
      withDefaultAlertsSettings: false,
    });
    const got = await atlas.call('GET', `/groups/${res.json.id}`);
    expect(got.json).toEqual(res.json);
    const events = atlas.sim.world.events.list((e) => e.groupId === res.json.id);
    expect(events.map((e) => e.eventTypeName)).toEqual(['GROUP_TAGS_MODIFIED', 'GROUP_CREATED']);
    expect(events[0]!.fields).toEqual({ resourceId: res.json.id, resourceType: 'project' });
  });

  it('refuses a second project with the same name in the organization with 409 GROUP_ALREADY_EXISTS', async () => {
    await newProject('twice');
    const res = await createProject({ name: 'twice' });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      detail: 'A group with name "twice" already exists.',
      error: 409,
      errorCode: 'GROUP_ALREADY_EXISTS',
      parameters: ['twice'],
      reason: 'Conflict',
    });
    expect(openApiDifferences('POST', '/groups', res)).toEqual([]);
  });

  it('allows the same name in another organization', async () => {
    const other = atlas.sim.createTenant({ name: 'Other agency' });
    await newProject('shared-name');
    const res = await createProject({ name: 'shared-name' }, other);
    expect(res.status).toBe(201);
    expect(res.json.orgId).toBe(other.orgId);
  });

  it('applies the project name rules: 1 to 64 letters, digits, spaces and -_.(),:&@+\'', async () => {
    for (const name of ['', ' ', 'x'.repeat(65), 'semi;colon', 'slash/name', 'tab\tname']) {
      const res = await createProject({ name });
      expect(res.status, name).toBe(400);
      expect(res.json.errorCode).toBe('INVALID_GROUP_NAME');
      expect(res.json.detail).toBe(`An invalid group name "${name}" was specified.`);
    }
    for (const name of ["Ops (east): web & api + db's @1.0", 'x'.repeat(64), 'Proyecto-ñ', 'Atlas CLI E2E']) {
      expect((await createProject({ name })).status, name).toBe(201);
    }
    // The document's pattern has no space; Atlas accepts one (a recorded project is "Atlas CLI E2E").
    const spaced = await atlas.call('GET', '/groups/byName/Atlas%20CLI%20E2E');
    expect(openApiDifferences('GET', '/groups/byName/Atlas%20CLI%20E2E', spaced)).toEqual([]);
  });

  it('needs Organization Project Creator on the body organization: 401 USER_UNAUTHORIZED without it, another org too', async () => {
    const member = keyWith(['ORG_MEMBER']);
    const refused = await atlas.call('POST', '/groups', { auth: 'digest', tenant: member, body: { name: 'nope', orgId } });
    expect(refused.status).toBe(401);
    expect(refused.json.errorCode).toBe('USER_UNAUTHORIZED');
    const other = atlas.sim.createTenant();
    const foreign = await atlas.call('POST', '/groups', { body: { name: 'elsewhere', orgId: other.orgId } });
    expect(foreign.status).toBe(401);
    expect(foreign.json.errorCode).toBe('USER_UNAUTHORIZED');
    const creator = keyWith(['ORG_GROUP_CREATOR']);
    expect((await atlas.call('POST', '/groups', { auth: 'digest', tenant: creator, body: { name: 'by-creator', orgId } })).status).toBe(201);
    expect(await listNames()).toEqual(['by-creator']);
  });

  it('makes the creator Project Owner of what it created, and of nothing else', async () => {
    const creator = keyWith(['ORG_GROUP_CREATOR']);
    const mine = await atlas.call('POST', '/groups', { auth: 'digest', tenant: creator, body: { name: 'by-creator', orgId } });
    await newProject('not-theirs');
    const seen = await atlas.call('GET', '/groups', { auth: 'digest', tenant: creator });
    expect(seen.json.results.map((p: { name: string }) => p.name)).toEqual(['by-creator']);
    expect(atlas.sim.world.apiKeys.find(creator.apiKey.id)!.groupRoles).toEqual({ [mine.json.id]: ['GROUP_OWNER'] });
    const patched = await atlas.call('PATCH', `/groups/${mine.json.id}`, { auth: 'digest', tenant: creator, body: { tags: [{ key: 'owner', value: 'key' }] } });
    expect(patched.status).toBe(200);
    // Deleting the project takes the grant with it.
    expect((await atlas.call('DELETE', `/groups/${mine.json.id}`, { auth: 'digest', tenant: creator })).status).toBe(202);
    expect(atlas.sim.world.apiKeys.find(creator.apiKey.id)!.groupRoles).toEqual({});
  });

  it('leaves exactly one winner among 60 parallel creates of one name; the rest get 409 GROUP_ALREADY_EXISTS', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => createProject({ name: 'race' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(59);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.errorCode).toBe('GROUP_ALREADY_EXISTS');
    const list = await atlas.call('GET', '/groups');
    expect(list.json.totalCount).toBe(1);
    expect(list.json.results[0].id).toBe(results.find((r) => r.status === 201)!.json.id);
  });
});

describe('read projects', () => {
  it('lists the caller’s projects by name, one self link each, tags always present', async () => {
    await newProject('beta', { tags: [{ key: 'k', value: 'v' }] });
    await newProject('Alpha');
    await newProject('alpha');
    const other = atlas.sim.createTenant();
    expect((await createProject({ name: 'aaa-foreign' }, other)).status).toBe(201);
    const res = await atlas.call('GET', '/groups');
    expect(res.status).toBe(200);
    expect(res.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/groups?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    // Binary (Java String) order, as recorded: upper case before lower case.
    expect(res.json.results.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'alpha', 'beta']);
    expect(res.json.totalCount).toBe(3);
    for (const p of res.json.results) {
      expect(p.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/groups/${p.id}`, rel: 'self' }]);
      expect(p.tags).toEqual(p.name === 'beta' ? [{ key: 'k', value: 'v' }] : []);
    }
    expect(openApiDifferences('GET', '/groups', res)).toEqual([]);
  });

  it('pages with next and previous links, and builds views only for the page', async () => {
    for (let i = 0; i < 12; i++) await newProject(`p${String(i).padStart(2, '0')}`);
    const countIn = vi.spyOn(atlas.sim.world.clusters, 'countIn');
    const res = await atlas.call('GET', '/groups?itemsPerPage=3&pageNum=3');
    expect(res.json.results.map((p: { name: string }) => p.name)).toEqual(['p06', 'p07', 'p08']);
    expect(res.json.totalCount).toBe(12);
    expect(res.json.links).toEqual([
      { href: `${atlas.url}/api/atlas/v2/groups?includeCount=true&pageNum=3&itemsPerPage=3`, rel: 'self' },
      { href: `${atlas.url}/api/atlas/v2/groups?includeCount=true&itemsPerPage=3&pageNum=4`, rel: 'next' },
      { href: `${atlas.url}/api/atlas/v2/groups?includeCount=true&itemsPerPage=3&pageNum=2`, rel: 'previous' },
    ]);
    // One view (one clusterCount) per item of the page, none for the other nine projects.
    expect(countIn).toHaveBeenCalledTimes(3);
    countIn.mockRestore();
    const noCount = await atlas.call('GET', '/groups?includeCount=false&itemsPerPage=5&pageNum=3');
    expect(noCount.json.totalCount).toBe(0);
    expect(noCount.json.results.map((p: { name: string }) => p.name)).toEqual(['p10', 'p11']);
  });

  it('shows a project-scoped key only the projects it has a role in', async () => {
    const a = await newProject('a-visible');
    await newProject('b-hidden');
    const key = keyWith(['ORG_MEMBER'], { [a]: ['GROUP_READ_ONLY'] });
    const res = await atlas.call('GET', '/groups', { auth: 'digest', tenant: key });
    expect(res.status).toBe(200);
    expect(res.json.results.map((p: { name: string }) => p.name)).toEqual(['a-visible']);
    expect(res.json.totalCount).toBe(1);
    expect((await atlas.call('GET', '/groups/byName/b-hidden', { auth: 'digest', tenant: key })).json.errorCode).toBe('USER_UNAUTHORIZED');
    expect((await atlas.call('GET', '/groups/byName/a-visible', { auth: 'digest', tenant: key })).status).toBe(200);
  });

  it('gets a project by id, with clusterCount from the project’s clusters', async () => {
    const id = await newProject('counted');
    plantCluster(id, 'Cluster0');
    plantCluster(id, 'Cluster1');
    const res = await atlas.call('GET', `/groups/${id}`);
    expect(res.status).toBe(200);
    expect(res.json.clusterCount).toBe(2);
    expect(res.json.tags).toEqual([]);
    expect(res.json.links).toHaveLength(7);
    expect(openApiDifferences('GET', `/groups/${id}`, res)).toEqual([]);
    expect((await atlas.call('GET', '/groups')).json.results[0].clusterCount).toBe(2);
  });

  it('gets a project by name in the caller’s organization only: 404 GROUP_NAME_NOT_FOUND otherwise', async () => {
    const id = await newProject('named (1)');
    const res = await atlas.call('GET', `/groups/byName/${encodeURIComponent('named (1)')}`);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(id);
    expect(openApiDifferences('GET', `/groups/byName/named%20(1)`, res)).toEqual([]);
    const other = atlas.sim.createTenant();
    await createProject({ name: 'theirs' }, other);
    for (const name of ['missing', 'theirs', 'x'.repeat(65)]) {
      const miss = await atlas.call('GET', `/groups/byName/${name}`);
      expect(miss.status).toBe(404);
      expect(miss.json).toEqual({
        detail: `No group with name "${name}" exists.`,
        error: 404,
        errorCode: 'GROUP_NAME_NOT_FOUND',
        parameters: [name],
        reason: 'Not Found',
      });
    }
  });

  it('answers 404 INVALID_GROUP_ID for a malformed id and GROUP_NOT_FOUND for an unknown one', async () => {
    const bad = await atlas.call('GET', '/groups/not-a-group');
    expect(bad.status).toBe(404);
    expect(bad.json.errorCode).toBe('INVALID_GROUP_ID');
    expect(bad.json.detail).toBe('An invalid group ID not-a-group was specified.');
    const unknown = await atlas.call('GET', '/groups/0123456789abcdef01234567');
    expect(unknown.json).toEqual({
      detail: 'No group with ID 0123456789abcdef01234567 exists.',
      error: 404,
      errorCode: 'GROUP_NOT_FOUND',
      parameters: ['0123456789abcdef01234567'],
      reason: 'Not Found',
    });
  });

  it('lists an organization’s projects, filtered by a case-insensitive name prefix', async () => {
    for (const n of ['Web-east', 'web-west', 'api', 'WEBHOOKS']) await newProject(n);
    const all = await atlas.call('GET', `/orgs/${orgId}/groups`);
    expect(all.status).toBe(200);
    expect(all.json.results.map((p: { name: string }) => p.name)).toEqual(['WEBHOOKS', 'Web-east', 'api', 'web-west']);
    expect(openApiDifferences('GET', `/orgs/${orgId}/groups`, all)).toEqual([]);
    const web = await atlas.call('GET', `/orgs/${orgId}/groups?name=wEb`);
    expect(web.json.results.map((p: { name: string }) => p.name).sort()).toEqual(['WEBHOOKS', 'Web-east', 'web-west']);
    expect(web.json.totalCount).toBe(3);
    expect(web.json.links[0].href).toBe(`${atlas.url}/api/atlas/v2/orgs/${orgId}/groups?includeCount=true&name=wEb&pageNum=1&itemsPerPage=100`);
    const other = atlas.sim.createTenant();
    const foreign = await atlas.call('GET', `/orgs/${other.orgId}/groups`);
    expect(foreign.status).toBe(401);
    expect(foreign.json.errorCode).toBe('USER_UNAUTHORIZED');
    expect((await atlas.call('GET', '/orgs/xyz/groups')).json.errorCode).toBe('INVALID_ORG_ID');
  });
});

describe('change and delete a project', () => {
  it('renames and retags with PATCH, logging GROUP_TAGS_MODIFIED only when tags change', async () => {
    const id = await newProject('before', { tags: [{ key: 'env', value: 'e2e' }] });
    const res = await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'after', tags: [{ key: 'app', value: 'cli' }] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, name: 'after', tags: [{ key: 'app', value: 'cli' }], regionUsageRestrictions: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' });
    expect(res.json.links).toHaveLength(7);
    expect(openApiDifferences('PATCH', `/groups/${id}`, res)).toEqual([]);
    const renamedOnly = await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'after-2' } });
    expect(renamedOnly.json.tags).toEqual([{ key: 'app', value: 'cli' }]);
    const reset = await atlas.call('PATCH', `/groups/${id}`, { body: { tags: [] } });
    expect(reset.json).toMatchObject({ name: 'after-2', tags: [] });
    expect((await atlas.call('GET', '/groups/byName/after-2')).json.id).toBe(id);
    expect((await atlas.call('GET', '/groups/byName/before')).json.errorCode).toBe('GROUP_NAME_NOT_FOUND');
    const types = atlas.sim.world.events.list((e) => e.groupId === id).map((e) => e.eventTypeName);
    expect(types).toEqual(['GROUP_TAGS_MODIFIED', 'GROUP_TAGS_MODIFIED', 'GROUP_TAGS_MODIFIED', 'GROUP_CREATED']);
  });

  it('refuses to change regionUsageRestrictions (400 INVALID_ATTRIBUTE) and changes nothing', async () => {
    const id = await newProject('fixed-region', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
    const res = await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'renamed', regionUsageRestrictions: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      detail: 'Invalid attribute regionUsageRestrictions specified.',
      error: 400,
      errorCode: 'INVALID_ATTRIBUTE',
      parameters: ['regionUsageRestrictions'],
      reason: 'Bad Request',
    });
    expect((await atlas.call('GET', `/groups/${id}`)).json).toMatchObject({ name: 'fixed-region', regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
  });

  it('refuses a rename onto another project’s name (409) or an invalid name (400)', async () => {
    await newProject('taken');
    const id = await newProject('mine');
    expect((await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'taken' } })).json.errorCode).toBe('GROUP_ALREADY_EXISTS');
    expect((await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'no/slash' } })).json.errorCode).toBe('INVALID_GROUP_NAME');
    // Renaming to its own name is no conflict.
    expect((await atlas.call('PATCH', `/groups/${id}`, { body: { name: 'mine' } })).status).toBe(200);
    expect(await listNames()).toEqual(['mine', 'taken']);
  });

  it('needs Project Owner to change or delete, Project Read Only to read', async () => {
    const id = await newProject('guarded');
    const reader = keyWith(['ORG_MEMBER'], { [id]: ['GROUP_READ_ONLY'] });
    expect((await atlas.call('GET', `/groups/${id}`, { auth: 'digest', tenant: reader })).status).toBe(200);
    const patch = await atlas.call('PATCH', `/groups/${id}`, { auth: 'digest', tenant: reader, body: { name: 'x' } });
    expect(patch.status).toBe(401);
    expect(patch.json.errorCode).toBe('USER_UNAUTHORIZED');
    expect((await atlas.call('DELETE', `/groups/${id}`, { auth: 'digest', tenant: reader })).json.errorCode).toBe('USER_UNAUTHORIZED');
    const outsider = keyWith(['ORG_MEMBER']);
    expect((await atlas.call('GET', `/groups/${id}`, { auth: 'digest', tenant: outsider })).json.errorCode).toBe('USER_UNAUTHORIZED');
    expect(await listNames()).toEqual(['guarded']);
  });

  it('deletes with 202 {} and GROUP_DELETED; the project is then gone', async () => {
    const id = await newProject('short-lived');
    const res = await atlas.call('DELETE', `/groups/${id}`, { socket: true });
    expect(res.status).toBe(202);
    expect(res.text).toBe('{}');
    expect(res.headers['content-length']).toBe('2');
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(openApiDifferences('DELETE', `/groups/${id}`, res)).toEqual([]);
    expect((await atlas.call('GET', `/groups/${id}`)).json.errorCode).toBe('GROUP_NOT_FOUND');
    expect((await atlas.call('DELETE', `/groups/${id}`)).json.errorCode).toBe('GROUP_NOT_FOUND');
    expect(atlas.sim.world.events.list((e) => e.groupId === id)[0]!.eventTypeName).toBe('GROUP_DELETED');
  });

  it('refuses to delete a project that has clusters: 409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', async () => {
    const id = await newProject('busy');
    plantCluster(id, 'Cluster0');
    const res = await atlas.call('DELETE', `/groups/${id}`);
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      detail: 'Cannot close group while it has active clusters; please terminate all clusters.',
      error: 409,
      errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS',
      parameters: [],
      reason: 'Conflict',
    });
    expect((await atlas.call('GET', `/groups/${id}`)).status).toBe(200);
  });
});

describe('bad input to the project routes', () => {
  it('gets the Atlas error for each kind of bad create body, and creates nothing', async () => {
    await newProject('existing');
    const before = await atlas.call('GET', '/groups');
    const cases: Array<[string | Record<string, unknown> | unknown[], number, string, unknown[]]> = [
      ['{"name": "x",', 400, 'MALFORMED_JSON', []],
      ['', 400, 'MALFORMED_JSON', []],
      [[{ name: 'x', orgId }], 400, 'INVALID_JSON', []],
      [{ name: 5, orgId }, 400, 'INVALID_JSON_ATTRIBUTE', ['name']],
      [{ name: 'x', orgId, withDefaultAlertsSettings: 'yes' }, 400, 'INVALID_JSON_ATTRIBUTE', ['withDefaultAlertsSettings']],
      [{ name: 'x', orgId, tags: { key: 'a' } }, 400, 'INVALID_JSON_ATTRIBUTE', ['tags']],
      [{ name: 'x', orgId, tags: [{ key: '', value: 'v' }] }, 400, 'INVALID_ATTRIBUTE', ['key']],
      [{ name: 'x', orgId, tags: [{ key: 'k', value: 'v'.repeat(256) }] }, 400, 'INVALID_ATTRIBUTE', ['value']],
      [{ name: 'x', orgId, tags: [{ key: 'k', value: 'v', extra: 1 }] }, 400, 'INVALID_ATTRIBUTE', ['extra']],
      [{ name: 'x', orgId, color: 'red' }, 400, 'INVALID_ATTRIBUTE', ['color']],
      [{ name: 'x', orgId, regionUsageRestrictions: 'EU_ONLY' }, 400, 'INVALID_ENUM_VALUE', ['EU_ONLY']],
      [{ orgId }, 400, 'MISSING_ATTRIBUTE', ['name']],
      [{ name: 'x' }, 400, 'MISSING_ATTRIBUTE', ['orgId']],
      [{ name: null, orgId }, 400, 'MISSING_ATTRIBUTE', ['name']],
      [{ name: 'x', orgId: 'not-an-org' }, 404, 'INVALID_ORG_ID', ['not-an-org']],
      [{ name: 'x', orgId: '0123456789abcdef01234567' }, 404, 'ORG_NOT_FOUND', ['0123456789abcdef01234567']],
      [{ name: 'x', orgId, tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, 400, 'TOO_MANY_GROUP_TOKENS', [50]],
      [{ name: 'existing', orgId }, 409, 'GROUP_ALREADY_EXISTS', ['existing']],
    ];
    for (const [body, status, code, params] of cases) {
      const res = await atlas.call('POST', '/groups', typeof body === 'string' ? { rawBody: body } : { body });
      expect([res.status, res.json?.errorCode, res.json?.parameters], JSON.stringify(body)).toEqual([status, code, params]);
      expect(res.headers['x-error-code']).toBe(code);
    }
    const owner = await atlas.call('POST', '/groups?projectOwnerId=bogus', { body: { name: 'owned', orgId } });
    expect([owner.status, owner.json.errorCode]).toEqual([404, 'INVALID_USER_ID']);
    const huge = await atlas.call('POST', '/groups', { rawBody: JSON.stringify({ name: 'x', orgId, pad: 'a'.repeat(2 * 1024 * 1024) }) });
    expect([huge.status, huge.json.errorCode]).toEqual([413, 'REQUEST_ENTITY_TOO_LARGE']);
    const paging = await atlas.call('GET', '/groups?itemsPerPage=501');
    expect([paging.status, paging.json.errorCode]).toEqual([400, 'INVALID_QUERY_PARAMETER']);
    // Nothing changed.
    expect((await atlas.call('GET', '/groups')).json).toEqual(before.json);
  });

  it('gets the Atlas error for bad PATCH bodies and leaves the project as it was', async () => {
    const id = await newProject('stable', { tags: [{ key: 'a', value: 'b' }] });
    const before = await atlas.call('GET', `/groups/${id}`);
    const cases: Array<[string | Record<string, unknown>, string, unknown[]]> = [
      ['not json', 'MALFORMED_JSON', []],
      [{ name: ['x'] }, 'INVALID_JSON_ATTRIBUTE', ['name']],
      [{ orgId }, 'INVALID_ATTRIBUTE', ['orgId']],
      [{ withDefaultAlertsSettings: false }, 'INVALID_ATTRIBUTE', ['withDefaultAlertsSettings']],
      [{ tags: [{ key: 'k' }] }, 'MISSING_ATTRIBUTE', ['value']],
      [{ name: '' }, 'INVALID_GROUP_NAME', ['']],
    ];
    for (const [body, code, params] of cases) {
      const res = await atlas.call('PATCH', `/groups/${id}`, typeof body === 'string' ? { rawBody: body } : { body });
      expect([res.status, res.json.errorCode, res.json.parameters], JSON.stringify(body)).toEqual([400, code, params]);
    }
    expect((await atlas.call('PATCH', '/groups/zzz', { body: { name: 'y' } })).json.errorCode).toBe('INVALID_GROUP_ID');
    expect((await atlas.call('GET', `/groups/${id}`)).json).toEqual(before.json);
  });

  it('negotiates the version: a later date resolves to 2023-01-01, no or an earlier date is 406', async () => {
    const later = await atlas.call('GET', '/groups', { version: '2025-03-12' });
    expect(later.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    for (const version of [null, '2022-12-31']) {
      const res = await atlas.call('POST', '/groups', { version, body: { name: 'unversioned', orgId } });
      expect([res.status, res.json.errorCode]).toEqual([406, 'INVALID_VERSION_DATE']);
    }
    expect(await listNames()).toEqual([]);
  });
});

describe('real clients', () => {
  it('creates and reads a project with Digest (urllib), and the journal records both', async () => {
    const created = await atlas.call('POST', '/groups', { auth: 'digest', body: { name: 'digest-made', orgId } });
    expect(created.status).toBe(201);
    const read = await atlas.call('GET', `/groups/${created.json.id}`, { auth: 'digest' });
    expect(read.json.name).toBe('digest-made');
    // Digest clients first get the 401 challenge; those entries carry no operation.
    const journal = await atlas.call('GET', '/_mock/requests?limit=4');
    const entries = journal.json.requests.filter((r: { operationId?: string }) => r.operationId !== undefined);
    expect(entries.map((r: { operationId: string; status: number; authMethod: string }) => [r.operationId, r.status, r.authMethod])).toEqual([
      ['createProject', 201, 'DIGEST'],
      ['getProject', 200, 'DIGEST'],
    ]);
  });
});
