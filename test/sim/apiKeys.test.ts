import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject, withKey } from '../support/iam.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());

/** The document says count has minimum 1; Atlas itself sends 0 for unused entries (recorded). */
const COUNT_ZERO = ['$.results[*].count minimum'];

async function createKey(desc: string, roles: string[] = ['ORG_READ_ONLY']) {
  const res = await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc, roles } });
  expect(res.status, res.text).toBe(200);
  return res.json as { id: string; publicKey: string; privateKey: string; desc: string; roles: unknown[] };
}

describe('organization API keys', () => {
  it('creates a key with 200 and the full private key only in that response, as recorded', async () => {
    const res = await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'ci-pipeline', roles: ['ORG_READ_ONLY'] } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(res.headers['location']).toBeUndefined();
    expect(res.headers['ratelimit-limit']).toBe('500');
    expect(Object.keys(res.json)).toEqual(['desc', 'id', 'links', 'privateKey', 'publicKey', 'roles']);
    expect(res.json.publicKey).toMatch(/^[a-z]{8}$/);
    expect(res.json.privateKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/apiKeys/${res.json.id}`, rel: 'self' }]);
    expect(res.json.roles).toEqual([{ orgId, roleName: 'ORG_READ_ONLY' }]);
    expectConforms('POST', `/orgs/${orgId}/apiKeys`, res);

    const get = await atlas.call('GET', `/orgs/${orgId}/apiKeys/${res.json.id}`);
    expect(get.status).toBe(200);
    expect(get.json.privateKey).toBe(`********-****-****-${res.json.privateKey.slice(-12)}`);
    expect({ ...get.json, privateKey: res.json.privateKey }).toEqual(res.json);
    expectConforms('GET', `/orgs/${orgId}/apiKeys/${res.json.id}`, get);
  });

  it('works at once with Digest, and is refused once deleted', async () => {
    const key = await createKey('digest-user', ['ORG_MEMBER']);
    const ok = await atlas.call('GET', `/orgs/${orgId}`, withKey(atlas.tenant, key));
    expect(ok.status).toBe(200);
    const del = await atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(del.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    const refused = await atlas.call('GET', `/orgs/${orgId}`, withKey(atlas.tenant, key));
    expect(refused.status).toBe(401);
    expect(refused.json.errorCode).toBe('UNEXPECTED_ERROR');
    expect(refused.headers['www-authenticate']).toMatch(/^Digest realm="MMS Public API"/);
  });

  it('lists keys by public key, paged, with masked private keys', async () => {
    await createKey('list-a');
    await createKey('list-b');
    const res = await atlas.call('GET', `/orgs/${orgId}/apiKeys?itemsPerPage=2`);
    expect(res.status).toBe(200);
    const all = await atlas.call('GET', `/orgs/${orgId}/apiKeys`);
    const publicKeys = all.json.results.map((k: { publicKey: string }) => k.publicKey);
    expect(publicKeys).toEqual([...publicKeys].sort());
    expect(all.json.totalCount).toBe(publicKeys.length);
    expect(all.json.results.every((k: { privateKey: string }) => k.privateKey.startsWith('********-****-****-'))).toBe(true);
    expect(res.json.results).toEqual(all.json.results.slice(0, 2));
    expect(res.json.links).toEqual([
      { href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/apiKeys?includeCount=true&pageNum=1&itemsPerPage=2`, rel: 'self' },
      { href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/apiKeys?includeCount=true&itemsPerPage=2&pageNum=2`, rel: 'next' },
    ]);
    expectConforms('GET', `/orgs/${orgId}/apiKeys`, all);
  });

  it('updates the description and organization roles, keeping project roles', async () => {
    const key = await createKey('before');
    const groupId = seedProject(atlas, 'update-keeps-project-roles');
    expect((await atlas.call('POST', `/groups/${groupId}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] })).status).toBe(204);
    const res = await atlas.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'after', roles: ['ORG_MEMBER', 'ORG_BILLING_ADMIN'] } });
    expect(res.status).toBe(200);
    expect(res.json.desc).toBe('after');
    expect(res.json.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { orgId, roleName: 'ORG_BILLING_ADMIN' },
      { groupId, roleName: 'GROUP_READ_ONLY' },
    ]);
    expectConforms('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, res);
    const descOnly = await atlas.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'again' } });
    expect(descOnly.json.roles).toEqual(res.json.roles);
  });
});

describe('API key access lists', () => {
  it('adds entries with 200 and the whole list, in the recorded shape', async () => {
    const key = await createKey('access-list');
    const path = `/orgs/${orgId}/apiKeys/${key.id}/accessList`;
    const res = await atlas.call('POST', path, { body: [{ ipAddress: '192.168.0.229' }, { cidrBlock: '10.0.0.0/8' }] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      links: [{ href: `${atlas.url}/api/atlas/v2${path}?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self' }],
      results: [
        {
          cidrBlock: '192.168.0.229/32',
          count: 0,
          created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          ipAddress: '192.168.0.229',
          links: [{ href: `${atlas.url}/api/atlas/v2${path}/192.168.0.229`, rel: 'self' }],
        },
        {
          cidrBlock: '10.0.0.0/8',
          count: 0,
          created: expect.any(String),
          links: [{ href: `${atlas.url}/api/atlas/v2${path}/10.0.0.0%2F8`, rel: 'self' }],
        },
      ],
      totalCount: 2,
    });
    expect(Object.keys(res.json.results[0])).toEqual(['cidrBlock', 'count', 'created', 'ipAddress', 'links']);
    expectConforms('POST', path, res, COUNT_ZERO);

    const one = await atlas.call('GET', `${path}/10.0.0.0%2F8`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(res.json.results[1]);
    const list = await atlas.call('GET', path);
    expect(list.json).toEqual(res.json);
    expectConforms('GET', path, list, COUNT_ZERO);

    expect((await atlas.call('DELETE', `${path}/192.168.0.229`)).status).toBe(204);
    expect((await atlas.call('DELETE', `${path}/10.0.0.0%2F8`)).status).toBe(204);
    expect((await atlas.call('GET', path)).json.totalCount).toBe(0);
  });

  it('enforces the list on the key: 403 IP_ADDRESS_NOT_ON_ACCESS_LIST outside it, counted use inside it', async () => {
    const key = await createKey('guarded', ['ORG_MEMBER']);
    const path = `/orgs/${orgId}/apiKeys/${key.id}/accessList`;
    await atlas.call('POST', path, { body: [{ cidrBlock: '10.0.0.0/8' }] });
    const outside = await atlas.call('GET', `/orgs/${orgId}`, withKey(atlas.tenant, key));
    expectError(outside, 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', ['127.0.0.1']);
    expect(outside.json.detail).toBe('IP address 127.0.0.1 is not allowed to access this resource.');

    await atlas.call('POST', path, { body: [{ ipAddress: '127.0.0.1' }] });
    expect((await atlas.call('GET', `/orgs/${orgId}`, withKey(atlas.tenant, key))).status).toBe(200);
    const entry = (await atlas.call('GET', `${path}/127.0.0.1`)).json;
    expect(entry.count).toBe(1);
    expect(entry.lastUsedAddress).toBe('127.0.0.1');
    expect(entry.lastUsed).toMatch(/Z$/);
  });

  it('lets the key itself change its list but not remove the entry it calls from', async () => {
    const key = await createKey('self-managed', ['ORG_MEMBER']);
    const path = `/orgs/${orgId}/apiKeys/${key.id}/accessList`;
    const as = withKey(atlas.tenant, key);
    expect((await atlas.call('POST', path, { ...as, body: [{ ipAddress: '127.0.0.1' }, { ipAddress: '10.1.1.1' }] })).status).toBe(200);
    expect((await atlas.call('DELETE', `${path}/10.1.1.1`, as)).status).toBe(204);
    expectError(await atlas.call('DELETE', `${path}/127.0.0.1`, as), 400, 'CANNOT_REMOVE_CALLER_FROM_WHITELIST', ['127.0.0.1']);
    expect((await atlas.call('GET', path)).json.results.map((e: { ipAddress: string }) => e.ipAddress)).toEqual(['127.0.0.1']);
    // An owner may remove it (the owner is not calling through that list).
    expect((await atlas.call('DELETE', `${path}/127.0.0.1`)).status).toBe(204);
  });

  it('refuses another member’s change with 401 API_KEY_WHITELIST_ACCESS_DENIED', async () => {
    const target = await createKey('target');
    const member = await createKey('member', ['ORG_READ_ONLY']);
    const path = `/orgs/${orgId}/apiKeys/${target.id}/accessList`;
    expectError(await atlas.call('POST', path, { ...withKey(atlas.tenant, member), body: [{ ipAddress: '10.2.2.2' }] }), 401, 'API_KEY_WHITELIST_ACCESS_DENIED');
    expect((await atlas.call('GET', path, withKey(atlas.tenant, member))).json.totalCount).toBe(0);
  });
});

describe('project API keys', () => {
  it('creates an Organization Member key with roles in the project, linked to the organization key', async () => {
    const groupId = seedProject(atlas, 'project-keys');
    const res = await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'e2e-test', roles: ['GROUP_READ_ONLY'] } });
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBe('1200');
    expect(res.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/apiKeys/${res.json.id}`, rel: 'self' }]);
    expect(res.json.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId, roleName: 'GROUP_READ_ONLY' },
    ]);
    expect(res.json.privateKey).not.toContain('*');
    expectConforms('POST', `/groups/${groupId}/apiKeys`, res);

    const patched = await atlas.call('PATCH', `/groups/${groupId}/apiKeys/${res.json.id}`, { body: { roles: ['GROUP_DATA_ACCESS_READ_ONLY'] } });
    expect(patched.status).toBe(200);
    expect(patched.json.roles).toEqual([
      { orgId, roleName: 'ORG_MEMBER' },
      { groupId, roleName: 'GROUP_DATA_ACCESS_READ_ONLY' },
    ]);
    expectConforms('PATCH', `/groups/${groupId}/apiKeys/${res.json.id}`, patched);

    const list = await atlas.call('GET', `/groups/${groupId}/apiKeys`);
    expect(list.status).toBe(200);
    expect(list.json.results).toHaveLength(1);
    // The project list puts the project's roles first (recorded).
    expect(list.json.results[0].roles).toEqual([
      { groupId, roleName: 'GROUP_DATA_ACCESS_READ_ONLY' },
      { orgId, roleName: 'ORG_MEMBER' },
    ]);
    expectConforms('GET', `/groups/${groupId}/apiKeys`, list);

    const removed = await atlas.call('DELETE', `/groups/${groupId}/apiKeys/${res.json.id}`);
    expect(removed.status).toBe(204);
    expect((await atlas.call('GET', `/groups/${groupId}/apiKeys`)).json.totalCount).toBe(0);
    // Unassigned, not deleted: the key is still in the organization.
    expect((await atlas.call('GET', `/orgs/${orgId}/apiKeys/${res.json.id}`)).json.roles).toEqual([{ orgId, roleName: 'ORG_MEMBER' }]);
  });

  it('assigns an existing organization key to a project with 204', async () => {
    const groupId = seedProject(atlas, 'assign-existing');
    const key = await createKey('assign-me', ['ORG_MEMBER']);
    const res = await atlas.call('POST', `/groups/${groupId}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_CLUSTER_MANAGER'] }] });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const list = await atlas.call('GET', `/groups/${groupId}/apiKeys`);
    expect(list.json.results.map((k: { id: string }) => k.id)).toEqual([key.id]);
    // The key now has the role there: it can read the project's keys? No: that takes Project Owner.
    expectError(await atlas.call('GET', `/groups/${groupId}/apiKeys`, withKey(atlas.tenant, key)), 401, 'USER_UNAUTHORIZED', []);
    expect((await atlas.call('GET', `/groups/${groupId}/serviceAccounts`, withKey(atlas.tenant, key))).status).toBe(200);
  });
});

describe('API key events', () => {
  it('records creation, changes, access-list entries and deletion in the organization feed with the caller', async () => {
    const key = await createKey('evented');
    await atlas.call('PATCH', `/orgs/${orgId}/apiKeys/${key.id}`, { body: { desc: 'evented-2' } });
    await atlas.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ ipAddress: '52.190.182.226' }] });
    await atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}/accessList/52.190.182.226`);
    await atlas.call('DELETE', `/orgs/${orgId}/apiKeys/${key.id}`, { auth: 'digest' });
    const feed = await atlas.call('GET', `/orgs/${orgId}/events?itemsPerPage=5`);
    expect(feed.status).toBe(200);
    const mine = feed.json.results.filter((e: { targetPublicKey?: string }) => e.targetPublicKey === key.publicKey);
    expect(mine.map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual([
      'API_KEY_DELETED',
      'API_KEY_ACCESS_LIST_ENTRY_DELETED',
      'API_KEY_ACCESS_LIST_ENTRY_ADDED',
      'API_KEY_DESCRIPTION_CHANGED',
      'API_KEY_CREATED',
    ]);
    // Deleted with Digest: the event names the deleting key.
    expect(mine[0]).toEqual({
      apiKeyId: atlas.tenant.apiKey.id,
      created: expect.any(String),
      eventTypeName: 'API_KEY_DELETED',
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      isGlobalAdmin: false,
      links: [{ href: `${atlas.url}/api/atlas/v2/groups/null/events/${mine[0].id}`, rel: 'self' }],
      orgId,
      publicKey: atlas.tenant.apiKey.publicKey,
      remoteAddress: '127.0.0.1',
      targetPublicKey: key.publicKey,
    });
    expect(mine[1].whitelistEntry).toBe('52.190.182.226');
    // Done with a service-account token: no API key fields, only the address.
    expect(Object.keys(mine[4])).toEqual(['created', 'eventTypeName', 'id', 'isGlobalAdmin', 'links', 'orgId', 'remoteAddress', 'targetPublicKey']);
    expectConforms('GET', `/orgs/${orgId}/events`, feed);
  });

  it('records project assignment changes in the project feed only', async () => {
    const groupId = seedProject(atlas, 'key-project-events');
    const created = await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'p', roles: ['GROUP_READ_ONLY'] } });
    await atlas.call('PATCH', `/groups/${groupId}/apiKeys/${created.json.id}`, { body: { roles: ['GROUP_OWNER'] } });
    await atlas.call('DELETE', `/groups/${groupId}/apiKeys/${created.json.id}`);
    const feed = await atlas.call('GET', `/groups/${groupId}/events`);
    expect(feed.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual([
      'API_KEY_REMOVED_FROM_GROUP',
      'API_KEY_ROLES_CHANGED',
      'API_KEY_ADDED_TO_GROUP',
      'GROUP_CREATED',
    ]);
    expect(feed.json.results[0].groupId).toBe(groupId);
    expect(feed.json.results[0].orgId).toBeUndefined();
    expect(feed.json.results[0].links[0].href).toBe(`${atlas.url}/api/atlas/v2/groups/${groupId}/events/${feed.json.results[0].id}`);
    const orgFeed = await atlas.call('GET', `/orgs/${orgId}/events?eventType=API_KEY_ADDED_TO_GROUP&eventType=API_KEY_CREATED`);
    expect(orgFeed.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).toContain('API_KEY_CREATED');
    expect(orgFeed.json.results.map((e: { eventTypeName: string }) => e.eventTypeName)).not.toContain('API_KEY_ADDED_TO_GROUP');
    expectConforms('GET', `/groups/${groupId}/events`, feed);
  });
});
