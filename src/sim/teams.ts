import { z } from 'zod';
import { union, type CloudUser } from './cloudUsers.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import { INVITATION_EVENTS } from './invitations.js';
import { GROUP_ROLES, type GroupRole } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

export const TeamRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  /** Active or pending users of the organization, in the order they joined the team. */
  userIds: z.array(z.string()),
  /** Projects the team is assigned to, with its roles there, in assignment order. */
  groupRoles: z.record(z.string(), z.array(z.enum(GROUP_ROLES))),
  created: z.number(),
});
export type Team = z.infer<typeof TeamRecord>;

/** Atlas's limits (createTeam, addUserToTeam and addAllTeamsToProject descriptions). */
export const MAX_TEAMS_PER_ORG = 250;
export const MAX_USERS_PER_TEAM = 250;
export const MAX_TEAMS_PER_PROJECT = 100;

export const TEAM_EVENTS = {
  created: 'TEAM_CREATED',
  deleted: 'TEAM_DELETED',
  nameChanged: 'TEAM_NAME_CHANGED',
  addedToGroup: 'TEAM_ADDED_TO_GROUP',
  removedFromGroup: 'TEAM_REMOVED_FROM_GROUP',
  rolesModified: 'TEAM_ROLES_MODIFIED',
  removedFromTeam: 'REMOVED_FROM_TEAM',
} as const;

/** Team names: 1 to 255 characters, not only spaces (decision: Atlas states no pattern). */
function checkName(name: string): string {
  if (name.trim() === '' || name.length > 255) throw new AtlasError('INVALID_TEAM_NAME', [name]);
  return name;
}

/**
 * Teams of an organization: groups of users that are given project roles together. A
 * team's project roles apply to every member when authorization is decided
 * (`CloudUsers.principal` hands them to roles.ts).
 */
export class Teams extends Table<Team> {
  constructor(private readonly world: World) {
    super('teams', TeamRecord, (t) => t.id, (t) => ({ orgId: t.orgId }));
  }

  listForOrg(orgId: string): Team[] {
    return [...this.rows.values()].filter((t) => t.orgId === orgId);
  }

  /** 404 INVALID_TEAM_ID for a malformed id, TEAM_NOT_FOUND for one not in the organization. */
  get(orgId: string, teamId: string): Team {
    if (!OBJECT_ID.test(teamId)) throw new AtlasError('INVALID_TEAM_ID', [teamId]);
    const t = this.rows.get(teamId);
    if (!t || t.orgId !== orgId) throw new AtlasError('TEAM_NOT_FOUND', [teamId]);
    return t;
  }

  getByName(orgId: string, name: string): Team {
    const t = this.listForOrg(orgId).find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new AtlasError('TEAM_NAME_NOT_FOUND', [name]);
    return t;
  }

  /** Teams a user (or pending user) is in. */
  ofUser(orgId: string, userId: string): Team[] {
    return this.listForOrg(orgId).filter((t) => t.userIds.includes(userId));
  }

  /** `POST /orgs/{orgId}/teams`: a name unique in the organization and at least one user. */
  create(orgId: string, input: { name: string; usernames: readonly string[] }, actor: Actor): Team {
    this.world.orgs.get(orgId);
    const name = checkName(input.name);
    if (input.usernames.length === 0) throw new AtlasError('CANNOT_CREATE_EMPTY_TEAM', []);
    const userIds = union([], input.usernames.map((u) => this.#memberIdByName(orgId, u)));
    if (userIds.length > MAX_USERS_PER_TEAM) throw new AtlasError('MAX_USERS_PER_TEAM_EXCEEDED', [MAX_USERS_PER_TEAM]);
    this.#checkNameFree(orgId, name);
    if (this.listForOrg(orgId).length >= MAX_TEAMS_PER_ORG) throw new AtlasError('MAX_TEAMS_PER_ORG_EXCEEDED', [MAX_TEAMS_PER_ORG]);
    const team = this.insert({ id: this.world.ids.next(), orgId, name, userIds, groupRoles: {}, created: this.world.clock.now() });
    this.world.events.record(TEAM_EVENTS.created, { orgId }, actor, { teamId: team.id });
    for (const id of userIds) this.#joinedEvent(team, id, actor);
    return team;
  }

  rename(orgId: string, teamId: string, name: string, actor: Actor): Team {
    const team = this.get(orgId, teamId);
    checkName(name);
    if (name === team.name) return team;
    this.#checkNameFree(orgId, name, teamId);
    const next = this.insert({ ...team, name });
    this.world.events.record(TEAM_EVENTS.nameChanged, { orgId }, actor, { teamId });
    return next;
  }

  /** Refused while the team is assigned to a project (TF retries on this code). */
  delete(orgId: string, teamId: string, actor: Actor): void {
    const team = this.get(orgId, teamId);
    if (Object.keys(team.groupRoles).length > 0) throw new AtlasError('CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT', [teamId]);
    this.remove(teamId);
    this.world.events.record(TEAM_EVENTS.deleted, { orgId }, actor, { teamId });
  }

  /**
   * Adds users (active or pending) of the organization. All or nothing: a user of
   * another organization is 404 USER_NOT_IN_ORG, one already in the team 409
   * USER_ALREADY_IN_TEAM.
   */
  addUsers(orgId: string, teamId: string, userIds: readonly string[], actor: Actor): Team {
    const team = this.get(orgId, teamId);
    const ids = union([], userIds);
    for (const id of ids) {
      this.#checkMember(orgId, id);
      if (team.userIds.includes(id)) throw new AtlasError('USER_ALREADY_IN_TEAM', [id, teamId]);
    }
    if (team.userIds.length + ids.length > MAX_USERS_PER_TEAM) throw new AtlasError('MAX_USERS_PER_TEAM_EXCEEDED', [MAX_USERS_PER_TEAM]);
    team.userIds.push(...ids);
    for (const id of ids) this.#joinedEvent(team, id, actor);
    return team;
  }

  removeUser(orgId: string, teamId: string, userId: string, actor: Actor): Team {
    const team = this.get(orgId, teamId);
    if (!OBJECT_ID.test(userId)) throw new AtlasError('INVALID_USER_ID', [userId]);
    if (!team.userIds.includes(userId)) throw new AtlasError('USER_NOT_FOUND', [userId]);
    team.userIds = team.userIds.filter((id) => id !== userId);
    const user = this.world.cloudUsers.find(userId);
    this.world.events.record(TEAM_EVENTS.removedFromTeam, { orgId }, actor, { teamId, ...(user && { targetUsername: user.username }) });
    return team;
  }

  /** An accepted invitation: the pending id becomes the user's id in the team. */
  admit(team: Team, pendingId: string, user: CloudUser, actor: Actor): void {
    const ids = team.userIds.filter((id) => id !== pendingId && id !== user.id);
    team.userIds = [...ids, user.id];
    this.world.events.record(INVITATION_EVENTS.joinedTeam, { orgId: team.orgId }, actor, { teamId: team.id, targetUsername: user.username });
  }

  dropUser(orgId: string, userId: string): void {
    for (const t of this.ofUser(orgId, userId)) t.userIds = t.userIds.filter((id) => id !== userId);
  }

  // ---- Project assignments ----

  /** Teams assigned to the project, in assignment order per team creation. */
  listForProject(groupId: string): Team[] {
    const project = this.world.projects.get(groupId);
    return this.listForOrg(project.orgId).filter((t) => t.groupRoles[groupId] !== undefined);
  }

  /** The team as assigned to the project, or 404 TEAM_NOT_IN_GROUP. */
  inProject(groupId: string, teamId: string): Team {
    const project = this.world.projects.get(groupId);
    const team = this.get(project.orgId, teamId);
    if (!team.groupRoles[groupId]) throw new AtlasError('TEAM_NOT_IN_GROUP', []);
    return team;
  }

  /** `POST /groups/{groupId}/teams`: all or nothing. */
  assign(groupId: string, assignments: readonly { teamId?: string | undefined; roleNames?: readonly GroupRole[] | undefined }[], actor: Actor): void {
    const project = this.world.projects.get(groupId);
    const planned = new Map<string, GroupRole[]>();
    for (const a of assignments) {
      if (a.teamId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['teamId']);
      const team = this.get(project.orgId, a.teamId);
      if (!a.roleNames?.length) throw new AtlasError('MISSING_ATTRIBUTE', ['roleNames']);
      if (team.groupRoles[groupId] || planned.has(team.id)) throw new AtlasError('TEAM_EXISTS_IN_GROUP', []);
      planned.set(team.id, union([], a.roleNames));
    }
    if (this.listForProject(groupId).length + planned.size > MAX_TEAMS_PER_PROJECT) throw new AtlasError('MAX_TEAMS_PER_GROUP_EXCEEDED', [groupId, project.orgId]);
    for (const [teamId, roles] of planned) {
      this.rows.get(teamId)!.groupRoles[groupId] = roles;
      this.world.events.record(TEAM_EVENTS.addedToGroup, { groupId }, actor, { teamId });
    }
  }

  /** New project roles; a team cannot be left without any (403 NO_ROLES_IN_ASSIGNMENT). */
  updateRoles(groupId: string, teamId: string, roleNames: readonly GroupRole[] | undefined, actor: Actor): Team {
    const team = this.inProject(groupId, teamId);
    if (!roleNames?.length) throw new AtlasError('NO_ROLES_IN_ASSIGNMENT', []);
    team.groupRoles[groupId] = union([], roleNames);
    this.world.events.record(TEAM_EVENTS.rolesModified, { groupId }, actor, { teamId });
    return team;
  }

  unassign(groupId: string, teamId: string, actor: Actor): void {
    const team = this.inProject(groupId, teamId);
    delete team.groupRoles[groupId];
    this.world.events.record(TEAM_EVENTS.removedFromGroup, { groupId }, actor, { teamId });
  }

  /** Assignments go with the project (project deletion, project moved to another organization). */
  dropGroup(groupId: string): void {
    for (const t of this.rows.values()) delete t.groupRoles[groupId];
  }

  #checkNameFree(orgId: string, name: string, except?: string): void {
    if (this.listForOrg(orgId).some((t) => t.id !== except && t.name.toLowerCase() === name.toLowerCase())) {
      throw new AtlasError('TEAM_NAME_NOT_AVAILABLE', [name, orgId]);
    }
  }

  /** An active member or a pending invitee of the organization, by username. */
  #memberIdByName(orgId: string, username: string): string {
    const user = this.world.cloudUsers.findByName(username);
    if (user?.memberships[orgId]) return user.id;
    const pending = this.world.invitations.listForOrg(orgId, username)[0];
    if (pending) return this.world.invitations.pendingUserId(pending);
    throw new AtlasError('USERNAME_NOT_FOUND', [username]);
  }

  #checkMember(orgId: string, userId: string): void {
    if (!OBJECT_ID.test(userId)) throw new AtlasError('INVALID_USER_ID', [userId]);
    if (this.world.cloudUsers.find(userId)?.memberships[orgId] || this.world.invitations.pendingUser(orgId, userId)) return;
    throw new AtlasError('USER_NOT_IN_ORG', [userId, orgId]);
  }

  #joinedEvent(team: Team, userId: string, actor: Actor): void {
    const user = this.world.cloudUsers.find(userId);
    const pending = user ? undefined : this.world.invitations.pendingUser(team.orgId, userId);
    const username = user?.username ?? pending?.username;
    const type = user ? INVITATION_EVENTS.joinedTeam : INVITATION_EVENTS.invitedToTeam;
    this.world.events.record(type, { orgId: team.orgId }, actor, { teamId: team.id, ...(username !== undefined && { targetUsername: username }) });
  }
}
