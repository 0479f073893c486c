import { cloudUserOperations } from '../contracts/api/operations/cloudUsers.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { CloudUser } from '../src/sim/cloudUsers.js';
import type { Invitation } from '../src/sim/invitations.js';
import { groupRolesOfUser, orgRolesOf, usernameOf, type OrgUser } from '../src/sim/orgUsers.js';
import type { GroupRole } from '../src/sim/roles.js';
import { defineHandlers, Reply, type HandlerContext } from '../src/wire/context.js';

/** The fields an active user shows, in the recorded (alphabetical) order, up to `roles`. */
function activeFields(u: CloudUser) {
  return {
    country: u.country,
    createdAt: isoSeconds(u.createdAt),
    firstName: u.firstName,
    id: u.id,
    lastAuth: u.lastAuth === undefined ? undefined : isoSeconds(u.lastAuth),
    lastName: u.lastName,
    mobileNumber: u.mobileNumber,
    orgMembershipStatus: 'ACTIVE' as const,
  };
}

function pendingFields(id: string, i: Invitation) {
  return {
    id,
    invitationCreatedAt: isoSeconds(i.createdAt),
    invitationExpiresAt: isoSeconds(i.expiresAt),
    inviterUsername: i.inviterUsername,
    orgMembershipStatus: 'PENDING' as const,
  };
}

/** Project assignments of projects that still exist in the organization. */
function assignments(ctx: HandlerContext, orgId: string, groupRoles: Record<string, GroupRole[]>) {
  return Object.entries(groupRoles)
    .filter(([g, roles]) => roles.length > 0 && ctx.world.projects.find(g)?.orgId === orgId)
    .map(([groupId, roles]) => ({ groupId, groupRoles: [...roles] }));
}

/** OrgUserResponse (2025-02-19), ACTIVE or PENDING, keys as recorded. */
export function orgUserView(ctx: HandlerContext, orgId: string, u: OrgUser) {
  const roles = { groupRoleAssignments: assignments(ctx, orgId, groupRolesOfUser(u)), orgRoles: [...orgRolesOf(u)] };
  const teamIds = ctx.world.teams.ofUser(orgId, u.id).map((t) => t.id);
  return u.status === 'ACTIVE'
    ? { ...activeFields(u.user), roles, teamIds, username: u.user.username }
    : { ...pendingFields(u.id, u.invitation), roles, teamIds, username: usernameOf(u) };
}

/** GroupUserResponse (2025-02-19): the user's roles in that project only. */
function projectUserView(entry: { user: OrgUser; roles: GroupRole[] }) {
  const u = entry.user;
  const roles = [...entry.roles];
  return u.status === 'ACTIVE'
    ? { ...activeFields(u.user), roles, username: u.user.username }
    : { ...pendingFields(u.id, u.invitation), roles, username: usernameOf(u) };
}

/**
 * CloudAppUser (the older `/users` view): every role in every organization the user and
 * the caller share (only the caller's own: a principal belongs to one organization).
 */
export function cloudAppUserView(ctx: HandlerContext, u: CloudUser) {
  const orgId = ctx.principal.orgId;
  const m = u.memberships[orgId];
  const roles = [
    ...(m?.orgRoles ?? []).map((roleName) => ({ orgId, roleName })),
    ...assignments(ctx, orgId, m?.groupRoles ?? {}).flatMap((a) => a.groupRoles.map((roleName) => ({ groupId: a.groupId, roleName }))),
  ];
  return {
    country: u.country,
    createdAt: isoSeconds(u.createdAt),
    emailAddress: u.username,
    firstName: u.firstName,
    id: u.id,
    lastAuth: u.lastAuth === undefined ? undefined : isoSeconds(u.lastAuth),
    lastName: u.lastName,
    links: ctx.selfLink(`/users/${u.id}`),
    mobileNumber: u.mobileNumber,
    roles,
    teamIds: ctx.world.teams.ofUser(orgId, u.id).map((t) => t.id),
    username: u.username,
  };
}

/** OrganizationInvitation. `groupRoleAssignments` lists one entry per role, as the schema (GroupRole) has it. */
export function organizationInvitationView(ctx: HandlerContext, i: Invitation) {
  return {
    createdAt: isoSeconds(i.createdAt),
    expiresAt: isoSeconds(i.expiresAt),
    groupRoleAssignments: assignments(ctx, i.orgId, i.groupRoles).flatMap((a) => a.groupRoles.map((groupRole) => ({ groupId: a.groupId, groupRole }))),
    id: i.id,
    inviterUsername: i.inviterUsername,
    links: ctx.selfLink(`/orgs/${i.orgId}/invites/${i.id}`),
    orgId: i.orgId,
    orgName: ctx.world.orgs.get(i.orgId).name,
    roles: [...i.orgRoles],
    teamIds: [...i.teamIds],
    username: i.username,
  };
}

/** The 2023-01-01 lists: active users only, in the CloudAppUser view. */
function legacyList(ctx: HandlerContext, users: readonly OrgUser[]) {
  const active = users.flatMap((u) => (u.status === 'ACTIVE' ? [u.user] : []));
  return ctx.list(active, active.length, (u) => cloudAppUserView(ctx, u));
}

export const cloudUserHandlers = defineHandlers(cloudUserOperations, {
  /** Atlas for Government is available by invitation only. */
  createUser(ctx) {
    return ctx.world.cloudUsers.refuseCreate();
  },

  getUser(ctx) {
    return cloudAppUserView(ctx, ctx.world.cloudUsers.readable(ctx.principal, { id: ctx.params.userId }));
  },

  getUserByUsername(ctx) {
    return cloudAppUserView(ctx, ctx.world.cloudUsers.readable(ctx.principal, { username: ctx.params.userName }));
  },

  listOrganizationUsers(ctx) {
    const { orgId } = ctx.params;
    const users = ctx.world.orgUsers.list(orgId, ctx.query);
    if (ctx.version.date === '2023-01-01') return legacyList(ctx, users);
    return ctx.list(users, users.length, (u) => orgUserView(ctx, orgId, u));
  },

  createOrganizationUser(ctx) {
    const { orgId } = ctx.params;
    const b = ctx.body;
    const input = {
      username: b.username,
      roles: b.roles.orgRoles,
      teamIds: b.teamIds,
      groupRoleAssignments: b.roles.groupRoleAssignments?.map((a) => ({ groupId: a.groupId, roles: a.groupRoles })),
    };
    return new Reply(201, orgUserView(ctx, orgId, ctx.world.orgUsers.invite(orgId, input, ctx.principal, ctx.actor)));
  },

  getOrganizationUser(ctx) {
    const { orgId, userId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.get(orgId, userId));
  },

  updateOrganizationUser(ctx) {
    const { orgId, userId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.update(orgId, userId, ctx.body, ctx.actor));
  },

  removeOrganizationUser(ctx) {
    ctx.world.orgUsers.remove(ctx.params.orgId, ctx.params.userId, ctx.actor);
    return undefined;
  },

  addOrganizationRole(ctx) {
    const { orgId, userId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.addOrgRole(orgId, userId, ctx.body.orgRole, ctx.actor));
  },

  removeOrganizationRole(ctx) {
    const { orgId, userId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.removeOrgRole(orgId, userId, ctx.body.orgRole, ctx.actor));
  },

  /** The deprecated PUT: organization roles of an active member. */
  updateOrganizationRoles(ctx) {
    const { orgId, userId } = ctx.params;
    const user = ctx.world.cloudUsers.setOrgRoles(orgId, userId, ctx.body.orgRoles ?? [], ctx.actor);
    return { links: ctx.selfLink(`/orgs/${orgId}/users/${userId}/roles`), orgRoles: [...user.memberships[orgId]!.orgRoles] };
  },

  addUserToTeam(ctx) {
    const { orgId, teamId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.addToTeam(orgId, teamId, ctx.body.id, ctx.actor));
  },

  removeUserFromTeam(ctx) {
    const { orgId, teamId } = ctx.params;
    return orgUserView(ctx, orgId, ctx.world.orgUsers.removeFromTeam(orgId, teamId, ctx.body.id, ctx.actor));
  },

  listTeamUsers(ctx) {
    const { orgId, teamId } = ctx.params;
    const users = ctx.world.orgUsers.teamUsers(orgId, teamId, ctx.query);
    if (ctx.version.date === '2023-01-01') return legacyList(ctx, users);
    return ctx.list(users, users.length, (u) => orgUserView(ctx, orgId, u));
  },

  listProjectUsers(ctx) {
    const users = ctx.world.orgUsers.listForProject(ctx.params.groupId, ctx.query);
    if (ctx.version.date === '2023-01-01') return legacyList(ctx, users.map((u) => u.user));
    return ctx.list(users, users.length, projectUserView);
  },

  addProjectUser(ctx) {
    return new Reply(201, projectUserView(ctx.world.orgUsers.addToProject(ctx.params.groupId, ctx.body, ctx.principal, ctx.actor)));
  },

  getProjectUser(ctx) {
    return projectUserView(ctx.world.orgUsers.getInProject(ctx.params.groupId, ctx.params.userId));
  },

  removeProjectUser(ctx) {
    ctx.world.orgUsers.removeFromProject(ctx.params.groupId, ctx.params.userId, ctx.actor);
    return undefined;
  },

  addProjectRole(ctx) {
    const { groupId, userId } = ctx.params;
    const u = ctx.world.orgUsers.addProjectRole(groupId, userId, ctx.body.groupRole, ctx.actor);
    return orgUserView(ctx, ctx.world.projects.get(groupId).orgId, u);
  },

  removeProjectRole(ctx) {
    const { groupId, userId } = ctx.params;
    const u = ctx.world.orgUsers.removeProjectRole(groupId, userId, ctx.body.groupRole, ctx.actor);
    return orgUserView(ctx, ctx.world.projects.get(groupId).orgId, u);
  },

  /** The deprecated PUT: every project role of the user at once (never none). */
  updateProjectRoles(ctx) {
    const { groupId, userId } = ctx.params;
    ctx.world.orgUsers.getInProject(groupId, userId);
    const u = ctx.world.orgUsers.setProjectRoles(groupId, userId, ctx.body.groupRoles ?? [], ctx.actor);
    return { groupRoles: [...(groupRolesOfUser(u)[groupId] ?? [])], links: ctx.selfLink(`/groups/${groupId}/users/${userId}/roles`) };
  },

  addUserToProject(ctx) {
    const invitation = ctx.world.orgUsers.addUserToProject(ctx.params.groupId, ctx.body, ctx.principal, ctx.actor);
    return invitation ? organizationInvitationView(ctx, invitation) : new Reply(204, undefined);
  },
});
