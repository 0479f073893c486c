/**
 * People: users by invitation only, invitations, teams and what a team's roles allow.
 * People accept invitations in a browser, so the scenarios that need an active user
 * accept through the simulator's control plane and run only against a simulator; the
 * rest are target-agnostic. Usernames are made with the run's prefix under example.com.
 */
import type { AtlasClient } from '../client/http.js';
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V1 = '2023-01-01';
const V2 = '2025-02-19';
const NONE = 'ffffffffffffffffffffffff';

const email = (t: ScenarioContext, who: string) => `${t.name(who).toLowerCase().replace(/[^a-z0-9.-]/g, '-')}@example.com`;

/** An organization invitation, cancelled after the scenario unless accepted. */
async function inviteToOrg(t: ScenarioContext, username: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await t.api.call('POST', `/orgs/${t.orgId}/invites`, { version: V1, body: { username, ...body } });
  t.expectResponse(res, { status: 200, body: m.partial({ id: m.objectId(), username, orgId: t.orgId }), contract: 'createOrganizationInvitation' }, `inviting ${username}`);
  const id = (res.json as { id: string }).id;
  t.cleanup(`invitation of ${username}`, () => t.api.call('DELETE', `/orgs/${t.orgId}/invites/${id}`, { version: V1 }));
  return { id };
}

/** Accepts an invitation through the control plane; the user is removed from the organization afterwards. */
async function accept(t: ScenarioContext, invitationId: string): Promise<{ id: string; username: string }> {
  const res = await t.anonymous.call('POST', `/_mock/invitations/${invitationId}/accept`, { body: {} });
  t.expectResponse(res, { status: 200, body: { id: m.objectId(), username: m.string(), orgId: m.objectId() } }, 'accepting the invitation');
  const user = res.json as { id: string; username: string };
  t.cleanup(`user ${user.username}`, () => t.api.call('DELETE', `/orgs/${t.orgId}/users/${user.id}`, { version: V2 }));
  return user;
}

/** A client acting as the user, with the user's own credential. */
async function asUser(t: ScenarioContext, userId: string): Promise<AtlasClient> {
  const res = await t.anonymous.call('POST', `/_mock/orgs/${t.orgId}/users/${userId}/credentials`, { body: {} });
  t.expectResponse(res, { status: 201, body: m.partial({ publicKey: m.string(), privateKey: m.string() }) }, 'the user’s credential');
  return t.withDigest(res.json as { publicKey: string; privateKey: string });
}

async function createTeam(t: ScenarioContext, usernames: string[]): Promise<{ id: string; name: string }> {
  const name = t.name('team');
  const res = await t.api.call('POST', `/orgs/${t.orgId}/teams`, { version: V1, body: { name, usernames } });
  t.expectResponse(res, { status: 201, headers: { location: m.urlEndingWith(`/orgs/${t.orgId}/teams/${(res.json as { id?: string })?.id ?? ''}`) }, body: { id: m.objectId(), links: m.arrayOf(m.any(), { min: 1 }), name, usernames }, contract: 'createTeam' });
  const id = (res.json as { id: string }).id;
  t.cleanup(`team ${name}`, () => t.api.call('DELETE', `/orgs/${t.orgId}/teams/${id}`, { version: V1 }));
  return { id, name };
}

const eventTypes = (res: { json: unknown }) => (res.json as { results: Array<{ eventTypeName: string }> }).results.map((e) => e.eventTypeName);

export const peopleScenarios: readonly Scenario[] = [
  {
    id: 'people/create-user-refused',
    title: 'refuses to create a MongoDB Cloud user: Atlas for Government is available by invitation only',
    operations: ['createUser'],
    writes: true,
    async run(t) {
      const body = { country: 'US', firstName: 'Ada', lastName: 'Lovelace', mobileNumber: '2025550123', password: 'correct-horse-battery-9', username: email(t, 'ada') };
      t.expectResponse(await t.api.call('POST', '/users', { version: V1, body }), { status: 403, errorCode: 'INVITATION_ONLY_MODE_OR_LDAP' });
    },
  },
  {
    id: 'people/team-credential',
    title: 'invites a user to a project, who accepts; a team of that user gets project roles, and the user’s credential can do what the team’s role allows and no more; every step is in the feeds',
    operations: [
      'createProjectInvitation', 'listProjectInvitations', 'getProjectInvitation', 'updateProjectInvitationById', 'updateProjectInvitation', 'deleteProjectInvitation',
      'getProjectUser', 'listProjectUsers', 'createTeam', 'addAllTeamsToProject', 'listProjectTeams', 'getProjectTeam', 'updateTeamRoles', 'removeProjectTeam',
      'deleteTeam', 'removeOrganizationUser', 'listOrganizationEvents', 'listProjectEvents',
    ],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const project = await createProject(t, 'people');
      const username = email(t, 'pat');
      const invited = await t.api.call('POST', `/groups/${project.id}/invites`, { version: V1, body: { username, roles: ['GROUP_DATA_ACCESS_READ_ONLY'] } });
      t.expectResponse(invited, { status: 200, body: m.partial({ groupId: project.id, groupName: project.name, username, roles: ['GROUP_DATA_ACCESS_READ_ONLY'] }), contract: 'createProjectInvitation' });
      const invitationId = (invited.json as { id: string }).id;
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/invites`, { version: V1 }), { status: 200, body: m.some(m.partial({ id: invitationId })), contract: 'listProjectInvitations' });
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/invites/${invitationId}`, { version: V1 }), { status: 200, body: m.partial({ id: invitationId }), contract: 'getProjectInvitation' });
      const updated = await t.api.call('PATCH', `/groups/${project.id}/invites/${invitationId}`, { version: V1, body: { roles: ['GROUP_READ_ONLY'] } });
      t.expectResponse(updated, { status: 200, body: m.partial({ roles: ['GROUP_READ_ONLY'] }), contract: 'updateProjectInvitationById' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${project.id}/invites`, { version: V1, body: { username: email(t, 'nobody'), roles: ['GROUP_READ_ONLY'] } }), { status: 404, errorCode: 'INVITATION_NOT_FOUND' }, 'updating an invitation nobody has');
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/invites/${NONE}`, { version: V1 }), { status: 400, errorCode: 'INVALID_INVITATION_ID' }, 'cancelling an unknown invitation');
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/invites/${NONE}`, { version: V1 }), { status: 404, errorCode: 'INVITATION_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${project.id}/invites/${NONE}`, { version: V1, body: { roles: ['GROUP_READ_ONLY'] } }), { status: 404, errorCode: 'INVITATION_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/invites`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/invites`, { version: V1, body: { username: 'not-an-email', roles: ['GROUP_READ_ONLY'] } }), { status: 400, errorCode: 'INVALID_USERNAME' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/invites`, { version: V1, body: { username, roles: ['GROUP_READ_ONLY'] } }), { status: 409, errorCode: 'USER_ALREADY_EXISTS' }, 'a second pending invitation');

      const user = await accept(t, invitationId);
      const member = await t.api.call('GET', `/groups/${project.id}/users/${user.id}`, { version: V2 });
      t.expectResponse(member, { status: 200, body: m.partial({ id: user.id, orgMembershipStatus: 'ACTIVE', roles: ['GROUP_READ_ONLY'], username }), contract: 'getProjectUser' });
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/users`, { version: V2 }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: user.id })) }), contract: 'listProjectUsers' });

      const as = await asUser(t, user.id);
      const dbUser = (name: string) => ({ databaseName: 'admin', groupId: project.id, username: t.name(name), password: 'Correct-Horse-Battery-9', roles: [{ databaseName: 'admin', roleName: 'read' }] });
      t.expectResponse(await as.call('POST', `/groups/${project.id}/databaseUsers`, { version: V1, body: dbUser('before') }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'a read-only user creating a database user');

      const team = await createTeam(t, [username]);
      const assigned = await t.api.call('POST', `/groups/${project.id}/teams`, { version: V1, body: [{ teamId: team.id, roleNames: ['GROUP_DATABASE_ACCESS_ADMIN'] }] });
      t.expectResponse(assigned, { status: 200, body: m.partial({ results: [{ links: m.any(), roleNames: ['GROUP_DATABASE_ACCESS_ADMIN'], teamId: team.id }], totalCount: 1 }), contract: 'addAllTeamsToProject' });
      t.cleanup('the team’s project roles', () => t.api.call('DELETE', `/groups/${project.id}/teams/${team.id}`, { version: V1 }));
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/teams`, { version: V1, body: [{ teamId: team.id, roleNames: ['GROUP_READ_ONLY'] }] }), { status: 409, errorCode: 'TEAM_EXISTS_IN_GROUP' }, 'assigning the team twice');
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/teams`, { version: V1 }), { status: 200, body: m.partial({ results: m.some(m.partial({ teamId: team.id })) }), contract: 'listProjectTeams' });
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/teams/${team.id}`, { version: V1 }), { status: 200, body: m.partial({ teamId: team.id }), contract: 'getProjectTeam' });

      const made = await as.call('POST', `/groups/${project.id}/databaseUsers`, { version: V1, body: dbUser('byteam') });
      t.expectResponse(made, { status: 201, body: m.partial({ username: t.name('byteam') }) }, 'the team member creating a database user');
      t.cleanup('the database user', () => t.api.call('DELETE', `/groups/${project.id}/databaseUsers/admin/${t.name('byteam')}`, { version: V1 }));
      t.expectResponse(await as.call('PATCH', `/groups/${project.id}`, { version: V1, body: { name: t.name('renamed') } }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'the team member renaming the project');
      t.expectResponse(await as.call('DELETE', `/orgs/${t.orgId}/teams/${team.id}`, { version: V1 }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'the team member deleting its team');

      const demoted = await t.api.call('PATCH', `/groups/${project.id}/teams/${team.id}`, { version: V1, body: { roleNames: ['GROUP_READ_ONLY'] } });
      t.expectResponse(demoted, { status: 200, body: m.partial({ results: [m.partial({ roleNames: ['GROUP_READ_ONLY'], teamId: team.id })], totalCount: 1 }), contract: 'updateTeamRoles' });
      t.expectResponse(await as.call('POST', `/groups/${project.id}/databaseUsers`, { version: V1, body: dbUser('after') }), { status: 401, errorCode: 'USER_UNAUTHORIZED' }, 'the demoted team member creating a database user');
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/teams/${team.id}`, { version: V1 }), { status: 404, errorCode: 'CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT' }, 'deleting a team still assigned');
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/teams/${team.id}`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/teams/${team.id}`, { version: V1 }), { status: 404, errorCode: 'TEAM_NOT_IN_GROUP' });

      const projectFeed = eventTypes(await t.api.call('GET', `/groups/${project.id}/events?itemsPerPage=500`, { version: V1 }));
      for (const type of ['INVITED_TO_GROUP', 'JOINED_GROUP', 'TEAM_ADDED_TO_GROUP', 'MONGODB_USER_ADDED', 'TEAM_ROLES_MODIFIED', 'TEAM_REMOVED_FROM_GROUP']) {
        t.expectMatch(projectFeed.includes(type), true, `${type} in the project feed`);
      }
      const orgFeed = eventTypes(await t.api.call('GET', `/orgs/${t.orgId}/events?itemsPerPage=500&eventType=JOINED_ORG&eventType=TEAM_CREATED&eventType=JOINED_TEAM`, { version: V1 }));
      for (const type of ['JOINED_ORG', 'TEAM_CREATED', 'JOINED_TEAM']) t.expectMatch(orgFeed.includes(type), true, `${type} in the organization feed`);

      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/teams/${team.id}`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/users/${user.id}`, { version: V2 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/users/${user.id}`, { version: V2 }), { status: 404, errorCode: 'USER_NOT_IN_ORG' }, 'removing the user twice');

      // A second project invitation, cancelled.
      const other = await t.api.call('POST', `/groups/${project.id}/invites`, { version: V1, body: { username: email(t, 'sam'), roles: ['GROUP_READ_ONLY'] } });
      const otherId = (other.json as { id: string }).id;
      t.expectResponse(await t.api.call('PATCH', `/groups/${project.id}/invites`, { version: V1, body: { username: email(t, 'sam'), roles: ['GROUP_OWNER'] } }), { status: 200, body: m.partial({ roles: ['GROUP_OWNER'] }), contract: 'updateProjectInvitation' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/invites/${otherId}`, { version: V1 }), { status: 204, body: undefined });
    },
  },
  {
    id: 'people/org-invitations',
    title: 'invites a person to the organization, reads, lists, changes and cancels the invitation, and refuses a username that is not an email address',
    operations: ['createOrganizationInvitation', 'listOrganizationInvitations', 'getOrganizationInvitation', 'updateOrganizationInvitation', 'updateOrganizationInvitationById', 'deleteOrganizationInvitation'],
    writes: true,
    async run(t) {
      const username = email(t, 'invitee');
      const { id } = await inviteToOrg(t, username, { roles: ['ORG_MEMBER'] });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/invites?username=${encodeURIComponent(username)}`, { version: V1 }), { status: 200, body: [m.partial({ id, username })], contract: 'listOrganizationInvitations' });
      const one = await t.api.call('GET', `/orgs/${t.orgId}/invites/${id}`, { version: V1 });
      t.expectResponse(one, { status: 200, body: m.partial({ id, roles: ['ORG_MEMBER'], createdAt: m.date(), expiresAt: m.date() }), contract: 'getOrganizationInvitation' });
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/invites`, { version: V1, body: { username, roles: ['ORG_READ_ONLY'] } }), { status: 200, body: m.partial({ id, roles: ['ORG_READ_ONLY'] }), contract: 'updateOrganizationInvitation' });
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/invites/${id}`, { version: V1, body: { roles: ['ORG_MEMBER'] } }), { status: 200, body: m.partial({ id, roles: ['ORG_MEMBER'] }), contract: 'updateOrganizationInvitationById' });
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/invites/${id}`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/invites/${id}`, { version: V1 }), { status: 404 }, 'reading the cancelled invitation');
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/invites/${id}`, { version: V1, body: { roles: ['ORG_MEMBER'] } }), { status: 404 }, 'changing the cancelled invitation');
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/invites`, { version: V1, body: { username, roles: ['ORG_MEMBER'] } }), { status: 404 }, 'changing it by username');
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/invites/${id}`, { version: V1 }), { status: 400, errorCode: 'INVALID_INVITATION_ID' }, 'cancelling it again');
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/invites`, { version: V1, body: { username: 'not-an-email', roles: ['ORG_MEMBER'] } }), { status: 400 }, 'a username that is not an email address');
      t.expectResponse(await t.api.call('GET', `/orgs/${NONE}/invites`, { version: V1 }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
    },
  },
  {
    id: 'people/org-users',
    title: 'a person invited with POST /orgs/{orgId}/users is PENDING, then ACTIVE once accepted, and is given and taken organization, team and project roles',
    operations: [
      'createOrganizationUser', 'getOrganizationUser', 'listOrganizationUsers', 'updateOrganizationUser', 'addOrganizationRole', 'removeOrganizationRole', 'updateOrganizationRoles',
      'getUser', 'getUserByUsername', 'listOrganizationTeams', 'getTeamById', 'getTeamByName', 'renameTeam', 'addUserToTeam', 'removeUserFromTeam', 'listTeamUsers', 'addTeamUser', 'removeTeamUser',
      'addProjectUser', 'addProjectRole', 'removeProjectRole', 'updateProjectRoles', 'removeProjectUser', 'addUserToProject',
    ],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const project = await createProject(t, 'org-users');
      const username = email(t, 'lee');
      const created = await t.api.call('POST', `/orgs/${t.orgId}/users`, { version: V2, body: { username, roles: { orgRoles: ['ORG_MEMBER'] } } });
      t.expectResponse(created, { status: 201, body: m.partial({ orgMembershipStatus: 'PENDING', username, invitationExpiresAt: m.date() }), contract: 'createOrganizationUser' });
      const pendingId = (created.json as { id: string }).id;
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/users`, { version: V2, body: { username, roles: { orgRoles: ['ORG_MEMBER'] } } }), { status: 409, errorCode: 'USER_ALREADY_EXISTS' }, 'inviting the same person twice');
      const invitation = (await t.api.call('GET', `/orgs/${t.orgId}/invites?username=${encodeURIComponent(username)}`, { version: V1 })).json as Array<{ id: string }>;
      const user = await accept(t, invitation[0]!.id);
      t.expectMatch(user.id, pendingId, 'the pending user keeps its id once active');

      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/users/${user.id}`, { version: V2 }), { status: 200, body: m.partial({ orgMembershipStatus: 'ACTIVE', roles: { groupRoleAssignments: [], orgRoles: ['ORG_MEMBER'] } }), contract: 'getOrganizationUser' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/users?orgMembershipStatus=ACTIVE&username=${encodeURIComponent(username)}`, { version: V2 }), { status: 200, body: m.partial({ results: [m.partial({ id: user.id })], totalCount: 1 }), contract: 'listOrganizationUsers' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/users/${user.id}:addRole`, { version: V2, body: { orgRole: 'ORG_READ_ONLY' } }), { status: 200, body: m.partial({ roles: m.partial({ orgRoles: ['ORG_MEMBER', 'ORG_READ_ONLY'] }) }), contract: 'addOrganizationRole' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/users/${user.id}:removeRole`, { version: V2, body: { orgRole: 'ORG_READ_ONLY' } }), { status: 200, body: m.partial({ roles: m.partial({ orgRoles: ['ORG_MEMBER'] }) }), contract: 'removeOrganizationRole' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/users/${user.id}:removeRole`, { version: V2, body: { orgRole: 'ORG_MEMBER' } }), { status: 403, errorCode: 'CANNOT_REMOVE_ALL_USER_ROLES' }, 'taking the last role');
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/users/${NONE}:addRole`, { version: V2, body: { orgRole: 'ORG_MEMBER' } }), { status: 404, errorCode: 'USER_NOT_IN_ORG' });
      t.expectResponse(await t.api.call('GET', `/orgs/${NONE}/teams`, { version: V1 }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      t.expectResponse(await t.api.call('PUT', `/orgs/${t.orgId}/users/${user.id}/roles`, { version: V1, body: { orgRoles: ['ORG_BILLING_READ_ONLY'] } }), { status: 200, body: m.partial({ orgRoles: ['ORG_BILLING_READ_ONLY'] }), contract: 'updateOrganizationRoles' });
      t.expectResponse(await t.api.call('PUT', `/orgs/${t.orgId}/users/${user.id}/roles`, { version: V1, body: { orgRoles: [] } }), { status: 403, errorCode: 'CANNOT_REMOVE_ALL_USER_ROLES' });
      t.expectResponse(await t.api.call('GET', `/users/${user.id}`, { version: V1 }), { status: 200, body: m.partial({ id: user.id, username, emailAddress: username }), contract: 'getUser' });
      t.expectResponse(await t.api.call('GET', `/users/byName/${encodeURIComponent(username)}`, { version: V1 }), { status: 200, body: m.partial({ id: user.id }), contract: 'getUserByUsername' });
      t.expectResponse(await t.api.call('GET', `/users/${NONE}`, { version: V1 }), { status: 404, errorCode: 'USER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/users/byName/${encodeURIComponent(email(t, 'nobody'))}`, { version: V1 }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });

      const team = await createTeam(t, [username]);
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams?itemsPerPage=500`, { version: V1 }), { status: 200, body: m.partial({ results: m.some({ id: team.id, links: m.any(), name: team.name }) }), contract: 'listOrganizationTeams' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/${team.id}`, { version: V1 }), { status: 200, body: m.partial({ id: team.id, name: team.name }), contract: 'getTeamById' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/byName/${encodeURIComponent(team.name)}`, { version: V1 }), { status: 200, body: m.partial({ id: team.id }), contract: 'getTeamByName' });
      const renamed = t.name('team-renamed');
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/teams/${team.id}`, { version: V1, body: { name: renamed } }), { status: 200, body: m.partial({ id: team.id, name: renamed }), contract: 'renameTeam' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/byName/${encodeURIComponent(team.name)}`, { version: V1 }), { status: 404, errorCode: 'TEAM_NAME_NOT_FOUND' }, 'the old name');
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/${NONE}`, { version: V1 }), { status: 404, errorCode: 'TEAM_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/teams/${NONE}`, { version: V1, body: { name: 'x' } }), { status: 404, errorCode: 'TEAM_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/${team.id}/users`, { version: V2 }), { status: 200, body: m.partial({ results: [m.partial({ id: user.id })] }), contract: 'listTeamUsers' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/teams/${NONE}/users`, { version: V2 }), { status: 404, errorCode: 'TEAM_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}:removeUser`, { version: V2, body: { id: user.id } }), { status: 200, body: m.partial({ id: user.id, teamIds: [] }), contract: 'removeUserFromTeam' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}:removeUser`, { version: V2, body: { id: user.id } }), { status: 404 }, 'removing a user not in the team');
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}:addUser`, { version: V2, body: { id: user.id } }), { status: 200, body: m.partial({ id: user.id, teamIds: [team.id] }), contract: 'addUserToTeam' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}:addUser`, { version: V2, body: { id: user.id } }), { status: 409, errorCode: 'USER_ALREADY_IN_TEAM' });
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/teams/${team.id}/users/${user.id}`, { version: V1 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `/orgs/${t.orgId}/teams/${team.id}/users/${user.id}`, { version: V1 }), { status: 404 }, 'removing it twice (legacy)');
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}/users`, { version: V1, body: [{ id: user.id }] }), { status: 200, body: m.partial({ results: [m.partial({ id: user.id })] }), contract: 'addTeamUser' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams/${team.id}/users`, { version: V1, body: [{ id: NONE }] }), { status: 404, errorCode: 'USER_NOT_IN_ORG' });
      const patched = await t.api.call('PATCH', `/orgs/${t.orgId}/users/${user.id}`, { version: V2, body: { roles: { orgRoles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId: project.id, groupRoles: ['GROUP_READ_ONLY'] }] }, teamIds: [] } });
      t.expectResponse(patched, { status: 200, body: m.partial({ roles: { groupRoleAssignments: [{ groupId: project.id, groupRoles: ['GROUP_READ_ONLY'] }], orgRoles: ['ORG_MEMBER'] }, teamIds: [] }), contract: 'updateOrganizationUser' });
      t.expectResponse(await t.api.call('PATCH', `/orgs/${t.orgId}/users/${NONE}`, { version: V2, body: { teamIds: [] } }), { status: 404, errorCode: 'USER_NOT_IN_ORG' });

      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users`, { version: V2, body: { username, roles: ['GROUP_OWNER'] } }), { status: 409, errorCode: 'USER_ALREADY_EXISTS' }, 'adding a project member again');
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/users/${user.id}`, { version: V2 }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/users/${user.id}`, { version: V2 }), { status: 404, errorCode: 'USER_NOT_IN_GROUP' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users`, { version: V2, body: { username, roles: ['GROUP_READ_ONLY'] } }), { status: 201, body: m.partial({ id: user.id, orgMembershipStatus: 'ACTIVE', roles: ['GROUP_READ_ONLY'] }), contract: 'addProjectUser' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users/${user.id}:addRole`, { version: V2, body: { groupRole: 'GROUP_CLUSTER_MANAGER' } }), { status: 200, body: m.partial({ id: user.id }), contract: 'addProjectRole' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users/${user.id}:removeRole`, { version: V2, body: { groupRole: 'GROUP_READ_ONLY' } }), { status: 200, body: m.partial({ roles: m.partial({ groupRoleAssignments: [{ groupId: project.id, groupRoles: ['GROUP_CLUSTER_MANAGER'] }] }) }), contract: 'removeProjectRole' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users/${user.id}:removeRole`, { version: V2, body: { groupRole: 'GROUP_CLUSTER_MANAGER' } }), { status: 403, errorCode: 'CANNOT_REMOVE_ALL_USER_ROLES' });
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/users/${NONE}:addRole`, { version: V2, body: { groupRole: 'GROUP_OWNER' } }), { status: 404 });
      t.expectResponse(await t.api.call('PUT', `/groups/${project.id}/users/${user.id}/roles`, { version: V1, body: { groupRoles: ['GROUP_READ_ONLY'] } }), { status: 200, body: m.partial({ groupRoles: ['GROUP_READ_ONLY'] }), contract: 'updateProjectRoles' });
      t.expectResponse(await t.api.call('PUT', `/groups/${project.id}/users/${NONE}/roles`, { version: V1, body: { groupRoles: ['GROUP_READ_ONLY'] } }), { status: 404 });
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/users/${user.id}`, { version: V2 }), { status: 204, body: undefined }, 'removeProjectUser');

      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/access`, { version: '2023-02-01', body: { username, roles: ['GROUP_READ_ONLY'] } }), { status: 204, body: undefined }, 'adding a member to the project (no invitation)');
      const invited = await t.api.call('POST', `/groups/${project.id}/access`, { version: '2023-02-01', body: { username: email(t, 'kim'), roles: ['GROUP_READ_ONLY'] } });
      t.expectResponse(invited, { status: 200, body: m.partial({ username: email(t, 'kim'), roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId: project.id, groupRole: 'GROUP_READ_ONLY' }] }), contract: 'addUserToProject' });
      t.cleanup('the invitation of kim', () => t.api.call('DELETE', `/orgs/${t.orgId}/invites/${(invited.json as { id: string }).id}`, { version: V1 }));
      t.expectResponse(await t.api.call('POST', `/groups/${project.id}/access`, { version: '2023-02-01', body: { username: 'not-an-email', roles: ['GROUP_READ_ONLY'] } }), { status: 400, errorCode: 'INVALID_USERNAME' });
      t.expectResponse(await t.api.call('GET', `/groups/${project.id}/users/${NONE}`, { version: V2 }), { status: 404 });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/users/${NONE}`, { version: V2 }), { status: 404, errorCode: 'USER_NOT_IN_ORG' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/users`, { version: V2 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${NONE}/users`, { version: V2 }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${NONE}/teams`, { version: V1 }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${project.id}/teams/${NONE}`, { version: V1, body: { roleNames: ['GROUP_READ_ONLY'] } }), { status: 404, errorCode: 'TEAM_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${project.id}/teams/${NONE}`, { version: V1 }), { status: 404, errorCode: 'TEAM_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/teams`, { version: V1, body: { name: t.name('empty'), usernames: [] } }), { status: 400, errorCode: 'CANNOT_CREATE_EMPTY_TEAM' });
    },
  },
];
