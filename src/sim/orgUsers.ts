import { union, type CloudUser, type Membership } from './cloudUsers.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { Invitation, OrgInvitationInput } from './invitations.js';
import type { Principal } from './principals.js';
import type { GroupRole, OrgRole } from './roles.js';
import type { Actor, World } from './world.js';

/**
 * The users of an organization as the 2025-02-19 operations see them: ACTIVE members and
 * PENDING invitees (an organization invitation not yet accepted). Every change applies to
 * whichever the user is: the membership of an active user, the invitation of a pending one.
 */
export type OrgUser =
  | { status: 'ACTIVE'; id: string; user: CloudUser; membership: Membership }
  | { status: 'PENDING'; id: string; invitation: Invitation };

export interface UserFilter {
  username?: string | undefined;
  orgMembershipStatus?: 'PENDING' | 'ACTIVE' | undefined;
}

const matches = (u: OrgUser, f: UserFilter) =>
  (f.orgMembershipStatus === undefined || u.status === f.orgMembershipStatus) &&
  (f.username === undefined || usernameOf(u).toLowerCase() === f.username.toLowerCase());

export function usernameOf(u: OrgUser): string {
  return u.status === 'ACTIVE' ? u.user.username : u.invitation.username;
}

export function orgRolesOf(u: OrgUser): OrgRole[] {
  return u.status === 'ACTIVE' ? u.membership.orgRoles : u.invitation.orgRoles;
}

export function groupRolesOfUser(u: OrgUser): Record<string, GroupRole[]> {
  return u.status === 'ACTIVE' ? u.membership.groupRoles : u.invitation.groupRoles;
}

export class OrgUsers {
  constructor(private readonly world: World) {}

  /** Active members in joining order, then pending invitees, oldest first. */
  list(orgId: string, filter: UserFilter = {}): OrgUser[] {
    this.world.orgs.get(orgId);
    const active: OrgUser[] = this.world.cloudUsers.membersOf(orgId).map((user) => ({ status: 'ACTIVE', id: user.id, user, membership: user.memberships[orgId]! }));
    const pending: OrgUser[] = this.world.invitations.listForOrg(orgId).map((invitation) => ({ status: 'PENDING', id: this.world.invitations.pendingUserId(invitation), invitation }));
    return [...active, ...pending].filter((u) => matches(u, filter));
  }

  /** 404 INVALID_USER_ID for a malformed id, USER_NOT_IN_ORG when neither member nor invitee. */
  get(orgId: string, userId: string): OrgUser {
    this.world.orgs.get(orgId);
    if (!OBJECT_ID.test(userId)) throw new AtlasError('INVALID_USER_ID', [userId]);
    const user = this.world.cloudUsers.find(userId);
    const membership = user?.memberships[orgId];
    if (user && membership) return { status: 'ACTIVE', id: user.id, user, membership };
    const invitation = this.world.invitations.pendingUser(orgId, userId);
    if (invitation) return { status: 'PENDING', id: userId, invitation };
    throw new AtlasError('USER_NOT_IN_ORG', [userId, orgId]);
  }

  /** `POST /orgs/{orgId}/users`: an invitation; the person is PENDING until they accept. */
  invite(orgId: string, input: OrgInvitationInput, inviter: Principal, actor: Actor): OrgUser {
    const invitation = this.world.invitations.inviteToOrg(orgId, input, inviter, actor);
    return { status: 'PENDING', id: this.world.invitations.pendingUserId(invitation), invitation };
  }

  /**
   * PATCH: `roles` replaces the organization roles and every project assignment, `teamIds`
   * the teams. Validated in full before anything changes.
   */
  update(
    orgId: string,
    userId: string,
    input: { roles?: { orgRoles: readonly OrgRole[]; groupRoleAssignments?: readonly { groupId?: string | undefined; groupRoles?: readonly GroupRole[] | undefined }[] | undefined } | undefined; teamIds?: readonly string[] | undefined },
    actor: Actor,
  ): OrgUser {
    const u = this.get(orgId, userId);
    const assignments = input.roles?.groupRoleAssignments?.map((a) => ({ groupId: a.groupId, roles: a.groupRoles }));
    if (u.status === 'PENDING') {
      this.world.invitations.updateOrgInvitation(u.invitation, { roles: input.roles?.orgRoles, groupRoleAssignments: assignments, teamIds: input.teamIds });
      return this.get(orgId, userId);
    }
    const teams = input.teamIds?.map((id) => this.world.teams.get(orgId, id));
    const groups = new Map<string, GroupRole[]>();
    for (const a of assignments ?? []) {
      if (a.groupId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['groupId']);
      const project = this.world.projects.get(a.groupId);
      if (project.orgId !== orgId) throw new AtlasError('GROUP_NOT_FOUND', [a.groupId]);
      groups.set(a.groupId, union(groups.get(a.groupId) ?? [], a.roles ?? []));
    }
    if (input.roles) {
      this.world.cloudUsers.setOrgRoles(orgId, userId, input.roles.orgRoles, actor);
      for (const g of Object.keys(u.membership.groupRoles)) if (!groups.has(g)) this.world.cloudUsers.setGroupRoles(g, userId, [], actor, { allowEmpty: true });
      for (const [g, roles] of groups) this.world.cloudUsers.setGroupRoles(g, userId, roles, actor, { allowEmpty: true });
    }
    if (teams) {
      const wanted = new Set(teams.map((t) => t.id));
      for (const t of this.world.teams.ofUser(orgId, userId)) if (!wanted.has(t.id)) this.world.teams.removeUser(orgId, t.id, userId, actor);
      for (const t of teams) if (!t.userIds.includes(userId)) this.world.teams.addUsers(orgId, t.id, [userId], actor);
    }
    return this.get(orgId, userId);
  }

  addOrgRole(orgId: string, userId: string, role: OrgRole, actor: Actor): OrgUser {
    const u = this.get(orgId, userId);
    if (u.status === 'PENDING') this.world.invitations.replace(u.invitation, { orgRoles: union(u.invitation.orgRoles, [role]) });
    else this.world.cloudUsers.addOrgRole(orgId, userId, role, actor);
    return this.get(orgId, userId);
  }

  removeOrgRole(orgId: string, userId: string, role: OrgRole, actor: Actor): OrgUser {
    const u = this.get(orgId, userId);
    if (u.status === 'PENDING') {
      const orgRoles = u.invitation.orgRoles.filter((r) => r !== role);
      if (orgRoles.length === 0) throw new AtlasError('CANNOT_REMOVE_ALL_USER_ROLES', []);
      this.world.invitations.replace(u.invitation, { orgRoles });
    } else this.world.cloudUsers.removeOrgRole(orgId, userId, role, actor);
    return this.get(orgId, userId);
  }

  /** Removes a member, or cancels a pending user's invitation (teams included). */
  remove(orgId: string, userId: string, actor: Actor): void {
    const u = this.get(orgId, userId);
    if (u.status === 'ACTIVE') return this.world.cloudUsers.removeFromOrg(orgId, userId, actor);
    this.world.teams.dropUser(orgId, userId);
    this.world.invitations.cancel(u.invitation, actor);
  }

  /** `:addUser`: an active or pending user joins a team. */
  addToTeam(orgId: string, teamId: string, userId: string | undefined, actor: Actor): OrgUser {
    if (userId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['id']);
    this.world.teams.addUsers(orgId, teamId, [userId], actor);
    return this.get(orgId, userId);
  }

  removeFromTeam(orgId: string, teamId: string, userId: string | undefined, actor: Actor): OrgUser {
    if (userId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['id']);
    const u = this.get(orgId, userId);
    this.world.teams.removeUser(orgId, teamId, userId, actor);
    return u.status === 'ACTIVE' ? this.get(orgId, userId) : u;
  }

  teamUsers(orgId: string, teamId: string, filter: UserFilter = {}): OrgUser[] {
    const team = this.world.teams.get(orgId, teamId);
    return team.userIds.flatMap((id) => {
      try {
        return [this.get(orgId, id)];
      } catch {
        return [];
      }
    }).filter((u) => matches(u, filter));
  }

  // ---- Projects ----

  /**
   * Users of a project: those with project roles of their own, active or pending;
   * `flattenTeams` adds the members of its teams, `includeOrgUsers` the organization
   * users whose organization roles reach every project (owners, read-only).
   */
  listForProject(groupId: string, options: UserFilter & { flattenTeams?: boolean; includeOrgUsers?: boolean } = {}): Array<{ user: OrgUser; roles: GroupRole[] }> {
    const project = this.world.projects.get(groupId);
    const out: Array<{ user: OrgUser; roles: GroupRole[] }> = [];
    for (const u of this.list(project.orgId, options)) {
      const own = groupRolesOfUser(u)[groupId] ?? [];
      const team = options.flattenTeams ? this.world.teams.ofUser(project.orgId, u.id).flatMap((t) => t.groupRoles[groupId] ?? []) : [];
      const byOrg = options.includeOrgUsers && orgRolesOf(u).some((r) => r === 'ORG_OWNER' || r === 'ORG_READ_ONLY');
      const roles = union(own, team);
      if (roles.length > 0 || byOrg) out.push({ user: u, roles });
    }
    return out;
  }

  /** A user with roles of its own in the project, or 404 USER_NOT_IN_GROUP. */
  getInProject(groupId: string, userId: string): { user: OrgUser; roles: GroupRole[] } {
    const project = this.world.projects.get(groupId);
    const u = this.get(project.orgId, userId);
    const roles = groupRolesOfUser(u)[groupId];
    if (!roles?.length) throw new AtlasError('USER_NOT_IN_GROUP', [userId, groupId]);
    return { user: u, roles };
  }

  /**
   * `POST /groups/{groupId}/users`, as the document describes it: an active member gets
   * the roles at once; a pending invitation to the organization is amended to grant the
   * project; anyone else is invited to the organization (Organization Member) and the
   * project. 409 USER_ALREADY_EXISTS when the user already has roles there.
   */
  addToProject(groupId: string, input: { username: string; roles: readonly GroupRole[] }, inviter: Principal, actor: Actor): { user: OrgUser; roles: GroupRole[] } {
    const project = this.world.projects.get(groupId);
    if (input.roles.length === 0) throw new AtlasError('MISSING_ATTRIBUTE', ['roles']);
    const existing = this.list(project.orgId, { username: input.username })[0];
    if (existing && (groupRolesOfUser(existing)[groupId]?.length ?? 0) > 0) throw new AtlasError('USER_ALREADY_EXISTS', [input.username]);
    if (existing?.status === 'ACTIVE') this.world.cloudUsers.setGroupRoles(groupId, existing.id, input.roles, actor);
    else if (existing?.status === 'PENDING') {
      this.world.invitations.replace(existing.invitation, { groupRoles: { ...existing.invitation.groupRoles, [groupId]: union([], input.roles) } });
    } else {
      this.world.invitations.inviteToOrg(project.orgId, { username: input.username, roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: input.roles }] }, inviter, actor);
    }
    const user = this.list(project.orgId, { username: input.username })[0]!;
    return this.getInProject(groupId, user.id);
  }

  /** Project roles of a user: an empty list is refused unless the user is leaving. */
  setProjectRoles(groupId: string, userId: string, roles: readonly GroupRole[], actor: Actor, leaving = false): OrgUser {
    const project = this.world.projects.get(groupId);
    const u = this.get(project.orgId, userId);
    if (u.status === 'ACTIVE') {
      this.world.cloudUsers.setGroupRoles(groupId, userId, roles, actor, { allowEmpty: leaving });
    } else {
      if (roles.length === 0 && !leaving) throw new AtlasError('CANNOT_REMOVE_ALL_USER_ROLES', []);
      const groupRoles = { ...u.invitation.groupRoles };
      if (roles.length === 0) delete groupRoles[groupId];
      else groupRoles[groupId] = union([], roles);
      this.world.invitations.replace(u.invitation, { groupRoles });
    }
    return this.get(project.orgId, userId);
  }

  addProjectRole(groupId: string, userId: string, role: GroupRole, actor: Actor): OrgUser {
    const { roles } = this.getInProject(groupId, userId);
    return this.setProjectRoles(groupId, userId, union(roles, [role]), actor);
  }

  removeProjectRole(groupId: string, userId: string, role: GroupRole, actor: Actor): OrgUser {
    const { roles } = this.getInProject(groupId, userId);
    return this.setProjectRoles(groupId, userId, roles.filter((r) => r !== role), actor);
  }

  removeFromProject(groupId: string, userId: string, actor: Actor): void {
    this.getInProject(groupId, userId);
    this.setProjectRoles(groupId, userId, [], actor, true);
  }

  /**
   * `POST /groups/{groupId}/access` (deprecated): a member of the organization is added at
   * once (no invitation: `undefined`); anyone else gets an organization invitation that
   * grants the project.
   */
  addUserToProject(groupId: string, input: { username?: string | undefined; roles?: readonly GroupRole[] | undefined }, inviter: Principal, actor: Actor): Invitation | undefined {
    const project = this.world.projects.get(groupId);
    if (input.username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    if (!input.roles?.length) throw new AtlasError('MISSING_ATTRIBUTE', ['roles']);
    const member = this.world.cloudUsers.findByName(input.username);
    if (member?.memberships[project.orgId]) {
      const current = member.memberships[project.orgId]!.groupRoles[groupId] ?? [];
      this.world.cloudUsers.setGroupRoles(groupId, member.id, union(current, input.roles), actor);
      return undefined;
    }
    return this.world.invitations.inviteToOrg(project.orgId, { username: input.username, roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId, roles: input.roles }] }, inviter, actor);
  }
}
