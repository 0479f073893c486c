/**
 * Organizations: created with their first owner and an API key, renamed, deleted only
 * when empty; projects moved between organizations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject, withKey } from '../support/iam.js';
import { asUser, member } from '../support/people.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };

async function newOrg(name: string, ownerId: string) {
  const res = await atlas.call('POST', '/orgs', { ...V1, body: { name, orgOwnerId: ownerId, apiKey: { desc: 'first', roles: ['ORG_OWNER'] } } });
  expect(res.status, res.text).toBe(201);
  return res.json as { organization: { id: string }; apiKey: { id: string; publicKey: string; privateKey: string } };
}

describe('creating organizations', () => {
  it('creates an organization with its first owner and an API key that reaches it', async () => {
    const owner = await member(atlas, 'founder@example.gov');
    const res = await atlas.call('POST', '/orgs', { ...V1, body: { name: 'Gov Child', orgOwnerId: owner.id, apiKey: { desc: 'first', roles: ['ORG_OWNER'] } } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(['apiKey', 'orgOwnerId', 'organization', 'skipDefaultAlertsSettings']);
    expect(res.json.organization).toMatchObject({ name: 'Gov Child', isDeleted: false });
    expect(res.json.apiKey.privateKey).toMatch(/^[0-9a-f]{8}-/);
    expectConforms('POST', '/orgs', res);
    const childId = res.json.organization.id;
    const key = withKey(atlas.tenant, res.json.apiKey);
    expect((await atlas.call('GET', `/orgs/${childId}`, key)).status).toBe(200);
    expect((await atlas.call('GET', `/orgs/${childId}/users`, key)).json.results).toMatchObject([{ id: owner.id, roles: { orgRoles: ['ORG_OWNER'] } }]);
    expect((await atlas.call('GET', `/orgs/${childId}/events?eventType=ORG_CREATED`, key)).json.totalCount).toBe(1);
  });

  it('requires an owner from API key callers, and refuses a bad name or an owner from elsewhere, creating nothing', async () => {
    const before = atlas.sim.world.orgs.size;
    expectError(await atlas.call('POST', '/orgs', { ...V1, auth: 'digest', body: { name: 'NoOwner' } }), 400, 'MISSING_ATTRIBUTE');
    expectError(await atlas.call('POST', '/orgs', { ...V1, body: { name: 'bad/name' } }), 400, 'INVALID_ORG_NAME');
    expectError(await atlas.call('POST', '/orgs', { ...V1, body: { name: 'x', orgOwnerId: 'f'.repeat(24) } }), 404, 'USER_NOT_FOUND');
    expectError(await atlas.call('POST', '/orgs', { ...V1, body: { name: 'x', apiKey: { desc: '', roles: ['ORG_OWNER'] } } }), 400, 'INVALID_API_KEY_DESC');
    expectError(await atlas.call('POST', '/orgs', { ...V1, body: { name: 'x', federationSettingsId: 'f'.repeat(24) } }), 404, 'RESOURCE_NOT_FOUND');
    expect(atlas.sim.world.orgs.size).toBe(before);
  });

  it('refuses callers that are not Organization Owner', async () => {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'member', roles: ['ORG_MEMBER'] } })).json;
    expectError(await atlas.call('POST', '/orgs', { ...V1, ...withKey(atlas.tenant, key), body: { name: 'x' } }), 401, 'USER_UNAUTHORIZED');
  });
});

describe('renaming and deleting', () => {
  it('renames with an event, and deletes only an organization without projects', async () => {
    const owner = await member(atlas, 'renamer@example.gov');
    const made = await newOrg('Renamable', owner.id);
    const key = withKey(atlas.tenant, made.apiKey);
    const childId = made.organization.id;
    const renamed = await atlas.call('PATCH', `/orgs/${childId}`, { ...V1, ...key, body: { name: 'Renamed Org' } });
    expect(renamed.json).toMatchObject({ id: childId, name: 'Renamed Org' });
    expect((await atlas.call('GET', `/orgs/${childId}/events?eventType=ORG_RENAMED`, key)).json.totalCount).toBe(1);
    expectError(await atlas.call('PATCH', `/orgs/${childId}`, { ...V1, ...key, body: { name: 'x'.repeat(65) } }), 400, 'INVALID_ORG_NAME');
    seedProject(atlas, 'keeps-it', childId);
    expectError(await atlas.call('DELETE', `/orgs/${childId}`, { ...V1, ...key }), 409, 'ORG_NOT_EMPTY');
    atlas.sim.world.projects.delete(atlas.sim.world.projects.idsOf(childId)[0]!, { kind: 'SYSTEM', id: 'test' });
    expect((await atlas.call('DELETE', `/orgs/${childId}`, { ...V1, ...key })).status).toBe(204);
    expect(atlas.sim.world.orgs.find(childId)).toBeUndefined();
    // The user stays, a member of the organization that remains.
    expect((await atlas.call('GET', `/orgs/${orgId}/users/${owner.id}`)).status).toBe(200);
  });
});

describe('moving a project to another organization', () => {
  it('moves it with an owner key of the destination, keeping its users and their roles', async () => {
    const owner = await member(atlas, 'mover@example.gov');
    const made = await newOrg('Destination', owner.id);
    const groupId = seedProject(atlas, 'moving');
    const dev = await member(atlas, 'dev@example.gov', { roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: ['GROUP_CLUSTER_MANAGER'] }] });
    const refused = await atlas.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: { destinationOrgId: made.organization.id, destinationOrgPublicApiKey: made.apiKey.publicKey, destinationOrgPrivateApiKey: 'wrong' } });
    expectError(refused, 401, 'USER_UNAUTHORIZED');
    const res = await atlas.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: { destinationOrgId: made.organization.id, destinationOrgPublicApiKey: made.apiKey.publicKey, destinationOrgPrivateApiKey: made.apiKey.privateKey } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: groupId, orgId: made.organization.id });
    expectConforms('POST', `/groups/${groupId}:migrate`, res);
    expectError(await atlas.call('GET', `/groups/${groupId}`), 401, 'USER_UNAUTHORIZED');
    const key = withKey(atlas.tenant, made.apiKey);
    const users = (await atlas.call('GET', `/groups/${groupId}/users`, key)).json.results;
    expect(users.map((u: { id: string; roles: string[] }) => [u.id, u.roles])).toEqual([[dev.id, ['GROUP_CLUSTER_MANAGER']]]);
    expect((await atlas.call('GET', `/orgs/${orgId}/events?eventType=GROUP_MOVED_FROM_ORG`)).json.totalCount).toBe(1);
    // A user who owns only the project's organization cannot move it back without a key.
    const back = await atlas.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', ...(await asUser(atlas, owner.id, made.organization.id)), body: { destinationOrgId: orgId } });
    expectError(back, 401, 'USER_UNAUTHORIZED');
  });

  it('refuses an unknown destination and a missing one', async () => {
    const groupId = seedProject(atlas, 'staying');
    expectError(await atlas.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: { destinationOrgId: 'f'.repeat(24) } }), 404, 'ORG_NOT_FOUND');
    expectError(await atlas.call('POST', `/groups/${groupId}:migrate`, { version: '2024-05-30', body: {} }), 400, 'MISSING_ATTRIBUTE');
    expect(atlas.sim.world.projects.get(groupId).orgId).toBe(orgId);
  });
});
