/**
 * MongoDB Cloud users on Atlas for Government: nobody signs up through the API, people
 * join by accepting an invitation, and are then listed, read, given and taken roles,
 * and removed with Atlas's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject } from '../support/iam.js';
import { accept, asUser, invite, member } from '../support/people.js';

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
  groupId = seedProject(atlas, 'people');
});
afterAll(() => atlas.close());

const V25 = { version: '2025-02-19' };

describe('creating users', () => {
  it('refuses POST /users: Atlas for Government is by invitation only, and nothing is created', async () => {
    const body = { country: 'US', firstName: 'Ada', lastName: 'Lovelace', mobileNumber: '2025550123', password: 'correct-horse-9', username: 'ada@example.gov' };
    const res = await atlas.call('POST', '/users', { body, version: '2023-01-01' });
    expectError(res, 403, 'INVITATION_ONLY_MODE_OR_LDAP');
    expect(res.json.detail).toMatch(/invitation-only mode/);
    expectError(await atlas.call('GET', '/users/byName/ada@example.gov', { version: '2023-01-01' }), 404, 'USERNAME_NOT_FOUND');
  });
});

describe('joining by invitation', () => {
  it('lists an invited person as PENDING, then ACTIVE with the invited roles once accepted', async () => {
    const created = await atlas.call('POST', `/orgs/${orgId}/users`, { ...V25, body: { username: 'grace@example.gov', roles: { orgRoles: ['ORG_READ_ONLY'], groupRoleAssignments: [{ groupId, groupRoles: ['GROUP_CLUSTER_MANAGER'] }] } } });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ orgMembershipStatus: 'PENDING', username: 'grace@example.gov', roles: { orgRoles: ['ORG_READ_ONLY'], groupRoleAssignments: [{ groupId, groupRoles: ['GROUP_CLUSTER_MANAGER'] }] }, teamIds: [] });
    expect(Object.keys(created.json)).toEqual(['id', 'invitationCreatedAt', 'invitationExpiresAt', 'inviterUsername', 'orgMembershipStatus', 'roles', 'teamIds', 'username']);
    expectConforms('POST', `/orgs/${orgId}/users`, created);
    const userId = created.json.id;

    const invitation = (await atlas.call('GET', `/orgs/${orgId}/invites?username=grace@example.gov`, { version: '2023-01-01' })).json[0];
    const joined = await accept(atlas, invitation.id, { firstName: 'Grace', lastName: 'Hopper' });
    expect(joined).toEqual({ id: userId, username: 'grace@example.gov', orgId });

    const res = await atlas.call('GET', `/orgs/${orgId}/users/${userId}`, V25);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['country', 'createdAt', 'firstName', 'id', 'lastAuth', 'lastName', 'mobileNumber', 'orgMembershipStatus', 'roles', 'teamIds', 'username']);
    expect(res.json).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', mobileNumber: null, orgMembershipStatus: 'ACTIVE', roles: { orgRoles: ['ORG_READ_ONLY'] } });
    expectConforms('GET', `/orgs/${orgId}/users/${userId}`, res);

    const project = await atlas.call('GET', `/groups/${groupId}/users`, V25);
    expect(project.json.results.map((u: { username: string; roles: string[] }) => [u.username, u.roles])).toContainEqual(['grace@example.gov', ['GROUP_CLUSTER_MANAGER']]);
    expect(project.json.links[0].href).toMatch(/\/users\?flattenTeams=false&includeCount=true&includeOrgUsers=false&pageNum=1&itemsPerPage=100$/);
    expectConforms('GET', `/groups/${groupId}/users`, project);

    const byName = await atlas.call('GET', '/users/byName/grace@example.gov', { version: '2023-01-01' });
    expect(byName.json).toMatchObject({ id: userId, emailAddress: 'grace@example.gov', roles: [{ orgId, roleName: 'ORG_READ_ONLY' }, { groupId, roleName: 'GROUP_CLUSTER_MANAGER' }] });
    expectConforms('GET', '/users/byName/grace@example.gov', byName);
    expect((await atlas.call('GET', `/users/${userId}`, { version: '2023-01-01' })).json.username).toBe('grace@example.gov');
  });

  it('records the invitation and the joining in the feeds', async () => {
    const { id } = await member(atlas, 'feed@example.gov', { roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: ['GROUP_READ_ONLY'] }] });
    const org = (await atlas.call('GET', `/orgs/${orgId}/events?eventType=INVITED_TO_ORG&eventType=JOINED_ORG`)).json.results;
    expect(org.filter((e: { targetUsername: string }) => e.targetUsername === 'feed@example.gov').map((e: { eventTypeName: string }) => e.eventTypeName)).toEqual(['JOINED_ORG', 'INVITED_TO_ORG']);
    const project = (await atlas.call('GET', `/groups/${groupId}/events?eventType=JOINED_GROUP`)).json.results;
    expect(project.some((e: { targetUsername: string }) => e.targetUsername === 'feed@example.gov')).toBe(true);
    expect(id).toMatch(/^[a-f0-9]{24}$/);
  });

  it('expires invitations after 30 days on the simulation clock', async () => {
    const inv = await invite(atlas, 'late@example.gov');
    atlas.advance(30 * 24 * 3600 + 1);
    expectError(await atlas.call('GET', `/orgs/${orgId}/invites/${inv.id}`, { version: '2023-01-01' }), 404, 'INVITATION_NOT_FOUND');
    const res = await atlas.call('POST', `/_mock/invitations/${inv.id}/accept`, { auth: 'none', body: {} });
    expectError(res, 404, 'INVITATION_NOT_FOUND');
  });

  it('refuses a duplicate pending invitation, a username that is not an email, and an unknown role, changing nothing', async () => {
    await invite(atlas, 'twice@example.gov');
    const before = (await atlas.call('GET', `/orgs/${orgId}/invites`, { version: '2023-01-01' })).json.length;
    expectError(await atlas.call('POST', `/orgs/${orgId}/invites`, { body: { username: 'twice@example.gov', roles: ['ORG_MEMBER'] } }), 409, 'USER_ALREADY_EXISTS');
    expectError(await atlas.call('POST', `/orgs/${orgId}/invites`, { body: { username: 'not-an-email', roles: ['ORG_MEMBER'] } }), 400, 'INVALID_USERNAME');
    expectError(await atlas.call('POST', `/orgs/${orgId}/invites`, { body: { username: 'x@example.gov', roles: ['ORG_EMPEROR'] } }), 400, 'INVALID_ENUM_VALUE');
    expectError(await atlas.call('POST', `/orgs/${orgId}/users`, { ...V25, body: { username: 'x@example.gov', roles: {} } }), 400, 'MISSING_ATTRIBUTE');
    expect((await atlas.call('GET', `/orgs/${orgId}/invites`, { version: '2023-01-01' })).json.length).toBe(before);
  });
});

describe('roles of users', () => {
  it('adds and removes organization roles, and refuses to take the last one', async () => {
    const { id } = await member(atlas, 'roles@example.gov');
    const added = await atlas.call('POST', `/orgs/${orgId}/users/${id}:addRole`, { ...V25, body: { orgRole: 'ORG_BILLING_ADMIN' } });
    expect(added.json.roles.orgRoles).toEqual(['ORG_MEMBER', 'ORG_BILLING_ADMIN']);
    const removed = await atlas.call('POST', `/orgs/${orgId}/users/${id}:removeRole`, { ...V25, body: { orgRole: 'ORG_MEMBER' } });
    expect(removed.json.roles.orgRoles).toEqual(['ORG_BILLING_ADMIN']);
    expectError(await atlas.call('POST', `/orgs/${orgId}/users/${id}:removeRole`, { ...V25, body: { orgRole: 'ORG_BILLING_ADMIN' } }), 403, 'CANNOT_REMOVE_ALL_USER_ROLES');
  });

  it('never leaves the organization without its last user owner', async () => {
    const { id } = await member(atlas, 'owner@example.gov', { roles: ['ORG_OWNER'] });
    expectError(await atlas.call('POST', `/orgs/${orgId}/users/${id}:removeRole`, { ...V25, body: { orgRole: 'ORG_OWNER' } }), 403, 'CANNOT_DEMOTE_LAST_ORG_OWNER');
    expectError(await atlas.call('DELETE', `/orgs/${orgId}/users/${id}`, V25), 403, 'CANNOT_DELETE_LAST_ADMIN');
    const second = await member(atlas, 'owner2@example.gov', { roles: ['ORG_OWNER'] });
    expect((await atlas.call('POST', `/orgs/${orgId}/users/${id}:removeRole`, { ...V25, body: { orgRole: 'ORG_OWNER' } })).status).toBe(403);
    expect((await atlas.call('POST', `/orgs/${orgId}/users/${id}:addRole`, { ...V25, body: { orgRole: 'ORG_MEMBER' } })).status).toBe(200);
    expect((await atlas.call('POST', `/orgs/${orgId}/users/${id}:removeRole`, { ...V25, body: { orgRole: 'ORG_OWNER' } })).json.roles.orgRoles).toEqual(['ORG_MEMBER']);
    expectError(await atlas.call('DELETE', `/orgs/${orgId}/users/${second.id}`, V25), 403, 'CANNOT_DELETE_LAST_ADMIN');
  });

  it('gives project roles, changes them, and takes the user out of the project', async () => {
    const { id } = await member(atlas, 'proj@example.gov');
    const added = await atlas.call('POST', `/groups/${groupId}/users`, { ...V25, body: { username: 'proj@example.gov', roles: ['GROUP_READ_ONLY'] } });
    expect(added.status, added.text).toBe(201);
    expect(added.json).toMatchObject({ id, orgMembershipStatus: 'ACTIVE', roles: ['GROUP_READ_ONLY'] });
    expectConforms('POST', `/groups/${groupId}/users`, added);
    expectError(await atlas.call('POST', `/groups/${groupId}/users`, { ...V25, body: { username: 'proj@example.gov', roles: ['GROUP_OWNER'] } }), 409, 'USER_ALREADY_EXISTS');
    const more = await atlas.call('POST', `/groups/${groupId}/users/${id}:addRole`, { ...V25, body: { groupRole: 'GROUP_DATA_ACCESS_READ_ONLY' } });
    expect(more.json.roles.groupRoleAssignments).toEqual([{ groupId, groupRoles: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] }]);
    const put = await atlas.call('PUT', `/groups/${groupId}/users/${id}/roles`, { version: '2023-01-01', body: { groupRoles: ['GROUP_OWNER'] } });
    expect(put.json).toEqual({ groupRoles: ['GROUP_OWNER'], links: [{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/users/${id}/roles`, rel: 'self' }] });
    expectError(await atlas.call('POST', `/groups/${groupId}/users/${id}:removeRole`, { ...V25, body: { groupRole: 'GROUP_OWNER' } }), 403, 'CANNOT_REMOVE_ALL_USER_ROLES');
    expect((await atlas.call('DELETE', `/groups/${groupId}/users/${id}`, V25)).status).toBe(204);
    expectError(await atlas.call('GET', `/groups/${groupId}/users/${id}`, V25), 404, 'USER_NOT_IN_GROUP');
  });

  it('invites someone new to the organization when adding them to a project', async () => {
    const res = await atlas.call('POST', `/groups/${groupId}/users`, { ...V25, body: { username: 'newbie@example.gov', roles: ['GROUP_READ_ONLY'] } });
    expect(res.json).toMatchObject({ orgMembershipStatus: 'PENDING', roles: ['GROUP_READ_ONLY'], username: 'newbie@example.gov' });
    const org = await atlas.call('GET', `/orgs/${orgId}/users?username=newbie@example.gov`, V25);
    expect(org.json.results[0].roles).toEqual({ groupRoleAssignments: [{ groupId, groupRoles: ['GROUP_READ_ONLY'] }], orgRoles: ['ORG_MEMBER'] });
    expect((await atlas.call('DELETE', `/orgs/${orgId}/users/${res.json.id}`, V25)).status).toBe(204);
    expect((await atlas.call('GET', `/orgs/${orgId}/users?username=newbie@example.gov`, V25)).json.totalCount).toBe(0);
  });

  it('answers unknown and malformed user ids with Atlas errors', async () => {
    expectError(await atlas.call('GET', `/orgs/${orgId}/users/not-an-id`, V25), 404, 'INVALID_USER_ID');
    expectError(await atlas.call('GET', `/orgs/${orgId}/users/${'a'.repeat(24)}`, V25), 404, 'USER_NOT_IN_ORG');
    expectError(await atlas.call('GET', `/users/${'a'.repeat(24)}`, { version: '2023-01-01' }), 404, 'USER_NOT_FOUND');
    expectError(await atlas.call('POST', `/orgs/${orgId}/users/${'a'.repeat(24)}:addRole`, { ...V25, body: { orgRole: 'ORG_KING' } }), 400, 'INVALID_ENUM_VALUE');
  });
});

describe('the deprecated 2023-01-01 user lists', () => {
  it('still answer the Terraform provider, with active users in the CloudAppUser view', async () => {
    const { id } = await member(atlas, 'legacy@example.gov', { roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: ['GROUP_READ_ONLY'] }] });
    await invite(atlas, 'legacy-pending@example.gov');
    const res = await atlas.call('GET', `/orgs/${orgId}/users?itemsPerPage=500`, { version: '2023-01-01' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    const names = res.json.results.map((u: { username: string }) => u.username);
    expect(names).toContain('legacy@example.gov');
    expect(names).not.toContain('legacy-pending@example.gov');
    expect(res.json.results.find((u: { id: string }) => u.id === id)).toMatchObject({ emailAddress: 'legacy@example.gov', roles: [{ orgId, roleName: 'ORG_MEMBER' }, { groupId, roleName: 'GROUP_READ_ONLY' }] });
    const project = await atlas.call('GET', `/groups/${groupId}/users?username=legacy@example.gov`, { version: '2023-01-01' });
    expect(project.json.results.map((u: { id: string }) => u.id)).toEqual([id]);
  });
});

describe('a user acting through the API', () => {
  it('has exactly its own roles', async () => {
    const { id } = await member(atlas, 'actor@example.gov', { roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: ['GROUP_READ_ONLY'] }] });
    const as = await asUser(atlas, id);
    expect((await atlas.call('GET', `/groups/${groupId}`, as)).status).toBe(200);
    expectError(await atlas.call('PATCH', `/groups/${groupId}`, { ...as, body: { name: 'renamed' } }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', '/groups', as)).json.results.map((p: { id: string }) => p.id)).toEqual([groupId]);
  });
});
