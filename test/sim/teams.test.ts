/**
 * Teams: made of users of the organization, assigned to projects with roles, and those
 * roles apply to the members exactly like roles given directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject } from '../support/iam.js';
import { asUser, invite, member } from '../support/people.js';

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
  groupId = seedProject(atlas, 'teams');
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };

async function team(name: string, usernames: string[]) {
  const res = await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name, usernames } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string };
}

describe('teams of an organization', () => {
  it('creates a team with 201, a Location outside /api/atlas/v2 and its usernames, as recorded', async () => {
    await member(atlas, 'ann@example.gov');
    const res = await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: 'ops', usernames: ['ann@example.gov'] } });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${atlas.url}/orgs/${orgId}/teams/${res.json.id}`);
    expect(res.json).toEqual({ id: res.json.id, links: [{ href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/teams/${res.json.id}`, rel: 'self' }], name: 'ops', usernames: ['ann@example.gov'] });
    expectConforms('POST', `/orgs/${orgId}/teams`, res, ['$ status']);
    expect((await atlas.call('GET', `/orgs/${orgId}/teams/byName/OPS`, V1)).json.id).toBe(res.json.id);
    const feed = (await atlas.call('GET', `/orgs/${orgId}/events?eventType=TEAM_CREATED&eventType=JOINED_TEAM`)).json.results;
    expect(feed.map((e: { eventTypeName: string; teamId: string }) => [e.eventTypeName, e.teamId])).toEqual([['JOINED_TEAM', res.json.id], ['TEAM_CREATED', res.json.id]]);
  });

  it('refuses an empty team, a taken name, a stranger, and a bad name, creating nothing', async () => {
    await member(atlas, 'bo@example.gov');
    await team('taken', ['bo@example.gov']);
    const before = (await atlas.call('GET', `/orgs/${orgId}/teams`, V1)).json.totalCount;
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: 'empty', usernames: [] } }), 400, 'CANNOT_CREATE_EMPTY_TEAM');
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: 'TAKEN', usernames: ['bo@example.gov'] } }), 409, 'TEAM_NAME_NOT_AVAILABLE');
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: 'x', usernames: ['stranger@example.gov'] } }), 404, 'USERNAME_NOT_FOUND');
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: '   ', usernames: ['bo@example.gov'] } }), 400, 'INVALID_TEAM_NAME');
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, body: { name: 'x' } }), 400, 'MISSING_ATTRIBUTE');
    expectError(await atlas.call('POST', `/orgs/${orgId}/teams`, { ...V1, rawBody: '{"name":' }), 400, 'MALFORMED_JSON');
    expect((await atlas.call('GET', `/orgs/${orgId}/teams`, V1)).json.totalCount).toBe(before);
  });

  it('takes pending users, who keep their place once they accept', async () => {
    const inv = await invite(atlas, 'pending@example.gov');
    const t = await team('with-pending', ['pending@example.gov']);
    const users = (await atlas.call('GET', `/orgs/${orgId}/teams/${t.id}/users`)).json.results;
    expect(users.map((u: { orgMembershipStatus: string }) => u.orgMembershipStatus)).toEqual(['PENDING']);
    await atlas.call('POST', `/_mock/invitations/${inv.id}/accept`, { auth: 'none', body: {} });
    const after = await atlas.call('GET', `/orgs/${orgId}/teams/${t.id}/users`);
    expect(after.json.results.map((u: { id: string; orgMembershipStatus: string }) => [u.id, u.orgMembershipStatus])).toEqual([[users[0].id, 'ACTIVE']]);
    expectConforms('GET', `/orgs/${orgId}/teams/${t.id}/users`, after);
  });

  it('renames, and deletes only once the team is out of every project', async () => {
    await member(atlas, 'cy@example.gov');
    const t = await team('renamable', ['cy@example.gov']);
    const renamed = await atlas.call('PATCH', `/orgs/${orgId}/teams/${t.id}`, { ...V1, body: { name: 'renamed' } });
    expect(renamed.json).toEqual({ id: t.id, links: [{ href: `${atlas.url}/api/atlas/v2/orgs/${orgId}/teams/${t.id}`, rel: 'self' }], name: 'renamed' });
    await atlas.call('POST', `/groups/${groupId}/teams`, { ...V1, body: [{ teamId: t.id, roleNames: ['GROUP_READ_ONLY'] }] });
    expectError(await atlas.call('DELETE', `/orgs/${orgId}/teams/${t.id}`, V1), 404, 'CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT');
    expect((await atlas.call('DELETE', `/groups/${groupId}/teams/${t.id}`, V1)).status).toBe(204);
    expect((await atlas.call('DELETE', `/orgs/${orgId}/teams/${t.id}`, V1)).status).toBe(204);
    expectError(await atlas.call('GET', `/orgs/${orgId}/teams/${t.id}`, V1), 404, 'TEAM_NOT_FOUND');
    expectError(await atlas.call('GET', `/orgs/${orgId}/teams/not-an-id`, V1), 404, 'INVALID_TEAM_ID');
  });
});

describe('teams in projects', () => {
  it('answers the project’s whole team list on assignment and one team on a role change, as recorded', async () => {
    await member(atlas, 'dee@example.gov');
    const t = await team('assigned', ['dee@example.gov']);
    const added = await atlas.call('POST', `/groups/${groupId}/teams`, { ...V1, body: [{ teamId: t.id, roleNames: ['GROUP_READ_ONLY'] }] });
    expect(added.status).toBe(200);
    expect(added.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/teams?pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    expect(added.json.results).toContainEqual({ links: [{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/teams/${t.id}`, rel: 'self' }], roleNames: ['GROUP_READ_ONLY'], teamId: t.id });
    expectConforms('POST', `/groups/${groupId}/teams`, added);
    const patched = await atlas.call('PATCH', `/groups/${groupId}/teams/${t.id}`, { ...V1, body: { roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] } });
    expect(patched.json).toEqual({
      links: [{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/teams/${t.id}?pageNum=1&itemsPerPage=100`, rel: 'self' }],
      results: [{ links: [{ href: `${atlas.url}/api/atlas/v2/groups/${groupId}/teams/${t.id}`, rel: 'self' }], roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'], teamId: t.id }],
      totalCount: 1,
    });
    expectError(await atlas.call('PATCH', `/groups/${groupId}/teams/${t.id}`, { ...V1, body: { roleNames: [] } }), 403, 'NO_ROLES_IN_ASSIGNMENT');
    expectError(await atlas.call('POST', `/groups/${groupId}/teams`, { ...V1, body: [{ teamId: t.id, roleNames: ['GROUP_OWNER'] }] }), 409, 'TEAM_EXISTS_IN_GROUP');
    expectError(await atlas.call('POST', `/groups/${groupId}/teams`, { ...V1, body: [{ teamId: t.id, roleNames: ['GROUP_KING'] }] }), 400, 'INVALID_ENUM_VALUE');
    expect((await atlas.call('GET', `/groups/${groupId}/teams/${t.id}`, V1)).json.roleNames).toEqual(['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY']);
  });

  it('gives a member the team’s project roles when authorization is decided, and takes them away with the team', async () => {
    const { id } = await member(atlas, 'eve@example.gov');
    const as = await asUser(atlas, id);
    expectError(await atlas.call('GET', `/groups/${groupId}`, as), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', '/groups', as)).json.totalCount).toBe(0);
    const t = await team('grants', ['eve@example.gov']);
    await atlas.call('POST', `/groups/${groupId}/teams`, { ...V1, body: [{ teamId: t.id, roleNames: ['GROUP_DATABASE_ACCESS_ADMIN'] }] });
    expect((await atlas.call('GET', `/groups/${groupId}`, as)).status).toBe(200);
    expect((await atlas.call('GET', '/groups', as)).json.results.map((p: { id: string }) => p.id)).toEqual([groupId]);
    const body = { databaseName: 'admin', groupId, username: 'by-team', password: 'Correct-Horse-Battery-9', roles: [{ databaseName: 'admin', roleName: 'read' }] };
    expect((await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { ...as, body, version: '2023-01-01' })).status).toBe(201);
    expectError(await atlas.call('PATCH', `/groups/${groupId}`, { ...as, body: { name: 'nope' } }), 401, 'USER_UNAUTHORIZED');
    const flat = await atlas.call('GET', `/groups/${groupId}/users?flattenTeams=true&username=eve@example.gov`);
    expect(flat.json.results[0].roles).toEqual(['GROUP_DATABASE_ACCESS_ADMIN']);
    expect((await atlas.call('GET', `/groups/${groupId}/users?username=eve@example.gov`)).json.totalCount).toBe(0);
    await atlas.call('POST', `/orgs/${orgId}/teams/${t.id}:removeUser`, { body: { id } });
    expectError(await atlas.call('GET', `/groups/${groupId}`, as), 401, 'USER_UNAUTHORIZED');
  });
});
