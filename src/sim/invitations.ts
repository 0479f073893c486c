import { z } from 'zod';
import { checkUsername, union, type CloudUser, type Profile } from './cloudUsers.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { Principal } from './principals.js';
import { GROUP_ROLES, ORG_ROLES, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

export const InvitationRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  /** Set for an invitation to one project (the deprecated `/groups/{groupId}/invites`). */
  groupId: z.string().optional(),
  username: z.string(),
  /** The id the person has as a pending user, and keeps once active (see `pendingUserId`). */
  userId: z.string(),
  orgRoles: z.array(z.enum(ORG_ROLES)),
  groupRoles: z.record(z.string(), z.array(z.enum(GROUP_ROLES))),
  teamIds: z.array(z.string()),
  inviterUsername: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Invitation = z.infer<typeof InvitationRecord>;

/** "Invitations expire after 30 days" (createUser, createOrganizationUser descriptions). */
export const INVITATION_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export const INVITATION_EVENTS = {
  invitedToOrg: 'INVITED_TO_ORG',
  invitedToGroup: 'INVITED_TO_GROUP',
  invitedToTeam: 'INVITED_TO_TEAM',
  orgInvitationDeleted: 'ORG_INVITATION_DELETED',
  groupInvitationDeleted: 'GROUP_INVITATION_DELETED',
  joinedTeam: 'JOINED_TEAM',
} as const;

/** What an organization invitation asks for (OrganizationInvitationRequest / OrgUserRequest). */
export interface OrgInvitationInput {
  username?: string | undefined;
  roles?: readonly OrgRole[] | undefined;
  teamIds?: readonly string[] | undefined;
  groupRoleAssignments?: readonly { groupId?: string | undefined; roles?: readonly GroupRole[] | undefined }[] | undefined;
}

/**
 * Invitations to organizations and projects: how people join in Atlas for Government.
 * An invitation is pending until the person accepts it (in a browser: the simulator's
 * control plane) or it expires, 30 days after it was made; expired invitations are gone
 * when next read. An organization invitation is also what the 2025-02-19 user operations
 * show as a PENDING user.
 *
 * Decisions where Atlas's answers are not recorded: inviting someone who already has a
 * pending invitation to the same organization (or project), or who is already a member,
 * is 409 USER_ALREADY_EXISTS; an unknown invitation is 404 INVITATION_NOT_FOUND, except
 * when deleting, where Atlas documents 400 INVALID_INVITATION_ID.
 */
export class Invitations extends Table<Invitation> {
  constructor(private readonly world: World) {
    super('invitations', InvitationRecord, (i) => i.id, (i) => ({ orgId: i.orgId }));
  }

  /** Expired invitations disappear. */
  settle(): void {
    const now = this.world.clock.now();
    for (const i of [...this.rows.values()]) if (i.expiresAt <= now) this.remove(i.id);
  }

  #live(): IterableIterator<Invitation> {
    this.settle();
    return this.rows.values();
  }

  /** Organization invitations (not project ones), oldest first, optionally for one username. */
  listForOrg(orgId: string, username?: string): Invitation[] {
    this.world.orgs.get(orgId);
    return [...this.#live()].filter((i) => i.orgId === orgId && i.groupId === undefined && (username === undefined || same(i.username, username)));
  }

  /** Invitations of the deprecated project endpoints. */
  listForProject(groupId: string, username?: string): Invitation[] {
    this.world.projects.get(groupId);
    return [...this.#live()].filter((i) => i.groupId === groupId && (username === undefined || same(i.username, username)));
  }

  /** Organization invitations that name the project (pending project users). */
  namingProject(orgId: string, groupId: string): Invitation[] {
    return this.listForOrg(orgId).filter((i) => (i.groupRoles[groupId]?.length ?? 0) > 0);
  }

  override find(key: string): Invitation | undefined {
    this.settle();
    return this.rows.get(key);
  }

  getForOrg(orgId: string, invitationId: string): Invitation {
    const i = this.find(invitationId);
    if (!i || i.orgId !== orgId || i.groupId !== undefined) throw new AtlasError('INVITATION_NOT_FOUND', [invitationId]);
    return i;
  }

  getForProject(groupId: string, invitationId: string): Invitation {
    this.world.projects.get(groupId);
    const i = this.find(invitationId);
    if (!i || i.groupId !== groupId) throw new AtlasError('INVITATION_NOT_FOUND', [invitationId]);
    return i;
  }

  /** The pending organization invitation of a username, or 404 INVITATION_NOT_FOUND. */
  getForOrgByUsername(orgId: string, username: string | undefined): Invitation {
    if (username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    const i = this.listForOrg(orgId, username)[0];
    if (!i) throw new AtlasError('INVITATION_NOT_FOUND', [username]);
    return i;
  }

  getForProjectByUsername(groupId: string, username: string | undefined): Invitation {
    if (username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    const i = this.listForProject(groupId, username)[0];
    if (!i) throw new AtlasError('INVITATION_NOT_FOUND', [username]);
    return i;
  }

  /** A pending organization user: the organization invitation that announced this user id. */
  pendingUser(orgId: string, userId: string): Invitation | undefined {
    return this.listForOrg(orgId).find((i) => this.pendingUserId(i) === userId);
  }

  /** A person who already has an account keeps its id while pending elsewhere. */
  pendingUserId(i: Invitation): string {
    return this.world.cloudUsers.findByName(i.username)?.id ?? i.userId;
  }

  /** `POST /orgs/{orgId}/invites` and `POST /orgs/{orgId}/users`. */
  inviteToOrg(orgId: string, input: OrgInvitationInput, inviter: Principal, actor: Actor): Invitation {
    this.world.orgs.get(orgId);
    if (input.username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    const username = checkUsername(input.username);
    const orgRoles = this.#orgRoles(input.roles);
    const teamIds = this.#teams(orgId, input.teamIds ?? []);
    const groupRoles = this.#assignments(orgId, input.groupRoleAssignments ?? []);
    this.#refuseDuplicate(orgId, username, undefined);
    const invitation = this.#insert({ orgId, username, orgRoles, groupRoles, teamIds }, inviter);
    const fields = { targetUsername: username };
    this.world.events.record(INVITATION_EVENTS.invitedToOrg, { orgId }, actor, fields);
    for (const teamId of teamIds) this.world.events.record(INVITATION_EVENTS.invitedToTeam, { orgId }, actor, { ...fields, teamId });
    return invitation;
  }

  /** `POST /groups/{groupId}/invites` (deprecated): a project invitation. */
  inviteToProject(groupId: string, input: { username?: string | undefined; roles?: readonly GroupRole[] | undefined }, inviter: Principal, actor: Actor): Invitation {
    const project = this.world.projects.get(groupId);
    if (input.username === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['username']);
    const username = checkUsername(input.username);
    const roles = groupRoles(input.roles);
    this.#refuseDuplicate(project.orgId, username, groupId);
    const invitation = this.#insert({ orgId: project.orgId, groupId, username, orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles }, teamIds: [] }, inviter);
    this.world.events.record(INVITATION_EVENTS.invitedToGroup, { groupId }, actor, { targetUsername: username });
    return invitation;
  }

  /** PATCH of an organization invitation: what is sent replaces what was there. */
  updateOrgInvitation(i: Invitation, input: OrgInvitationInput): Invitation {
    const next: Invitation = {
      ...i,
      orgRoles: input.roles === undefined ? i.orgRoles : this.#orgRoles(input.roles),
      teamIds: input.teamIds === undefined ? i.teamIds : this.#teams(i.orgId, input.teamIds),
      groupRoles: input.groupRoleAssignments === undefined ? i.groupRoles : this.#assignments(i.orgId, input.groupRoleAssignments),
    };
    return this.insert(next);
  }

  updateProjectInvitation(i: Invitation, roles: readonly GroupRole[] | undefined): Invitation {
    if (roles === undefined) return i;
    return this.insert({ ...i, groupRoles: { [i.groupId!]: groupRoles(roles) } });
  }

  /** Changes a pending invitation in place (roles of a pending user). */
  replace(i: Invitation, change: Partial<Pick<Invitation, 'orgRoles' | 'groupRoles' | 'teamIds'>>): Invitation {
    return this.insert({ ...i, ...change });
  }

  /** `DELETE /orgs/{orgId}/invites/{id}`: a project invitation must be cancelled on its own path. */
  deleteForOrg(orgId: string, invitationId: string, actor: Actor): void {
    if (!OBJECT_ID.test(invitationId)) throw new AtlasError('INVALID_INVITATION_ID', []);
    const i = this.find(invitationId);
    if (!i || i.orgId !== orgId) throw new AtlasError('INVALID_INVITATION_ID', []);
    if (i.groupId !== undefined) throw new AtlasError('CANNOT_DELETE_GROUP_INVITATION', []);
    this.cancel(i, actor);
  }

  deleteForProject(groupId: string, invitationId: string, actor: Actor): void {
    this.world.projects.get(groupId);
    if (!OBJECT_ID.test(invitationId)) throw new AtlasError('INVALID_INVITATION_ID', []);
    const i = this.find(invitationId);
    if (!i) throw new AtlasError('INVALID_INVITATION_ID', []);
    if (i.groupId === undefined && i.orgId === this.world.projects.get(groupId).orgId) throw new AtlasError('CANNOT_DELETE_ORG_INVITATION', []);
    if (i.groupId !== groupId) throw new AtlasError('INVALID_INVITATION_ID', []);
    this.cancel(i, actor);
  }

  cancel(i: Invitation, actor: Actor): void {
    this.remove(i.id);
    const fields = { targetUsername: i.username };
    if (i.groupId !== undefined) this.world.events.record(INVITATION_EVENTS.groupInvitationDeleted, { groupId: i.groupId }, actor, fields);
    else this.world.events.record(INVITATION_EVENTS.orgInvitationDeleted, { orgId: i.orgId }, actor, fields);
  }

  /**
   * The person accepts (control plane): they become an active member with the roles and
   * teams the invitation named, and the invitation is gone. Projects or teams deleted
   * since the invitation was made are skipped.
   */
  accept(invitationId: string, profile: Profile, actor: Actor): CloudUser {
    const i = this.find(invitationId);
    if (!i) throw new AtlasError('INVITATION_NOT_FOUND', [invitationId]);
    const groupRoles = Object.fromEntries(Object.entries(i.groupRoles).filter(([g]) => this.world.projects.find(g)?.orgId === i.orgId));
    const pendingId = this.pendingUserId(i);
    this.remove(i.id);
    const user = this.world.cloudUsers.join({ userId: i.userId, username: i.username, orgId: i.orgId, orgRoles: i.orgRoles, groupRoles }, profile, actor);
    for (const team of this.world.teams.listForOrg(i.orgId)) {
      const wanted = i.teamIds.includes(team.id) || team.userIds.includes(pendingId);
      if (wanted) this.world.teams.admit(team, pendingId, user, actor);
    }
    return user;
  }

  #insert(input: Pick<Invitation, 'orgId' | 'username' | 'orgRoles' | 'groupRoles' | 'teamIds'> & { groupId?: string }, inviter: Principal): Invitation {
    const now = this.world.clock.now();
    return this.insert({
      id: this.world.ids.next(),
      ...input,
      userId: this.world.cloudUsers.findByName(input.username)?.id ?? this.world.ids.next(),
      inviterUsername: inviterName(this.world, inviter),
      createdAt: now,
      expiresAt: now + INVITATION_LIFETIME_MS,
    });
  }

  #refuseDuplicate(orgId: string, username: string, groupId: string | undefined): void {
    const user = this.world.cloudUsers.findByName(username);
    const member = user?.memberships[orgId];
    if (member && (groupId === undefined || member.groupRoles[groupId]?.length)) throw new AtlasError('USER_ALREADY_EXISTS', [username]);
    const pending = groupId === undefined ? this.listForOrg(orgId, username) : this.listForProject(groupId, username);
    if (pending.length) throw new AtlasError('USER_ALREADY_EXISTS', [username]);
  }

  /** An organization invitation names at least one organization role. */
  #orgRoles(roles: readonly OrgRole[] | undefined): OrgRole[] {
    if (!roles?.length) throw new AtlasError('MISSING_ATTRIBUTE', ['roles']);
    return union([], roles);
  }

  #teams(orgId: string, teamIds: readonly string[]): string[] {
    for (const id of teamIds) this.world.teams.get(orgId, id);
    return union([], teamIds);
  }

  #assignments(orgId: string, assignments: NonNullable<OrgInvitationInput['groupRoleAssignments']>): Record<string, GroupRole[]> {
    const out: Record<string, GroupRole[]> = {};
    for (const a of assignments) {
      if (a.groupId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['groupId']);
      if (!OBJECT_ID.test(a.groupId)) throw new AtlasError('INVALID_GROUP_ID', [a.groupId]);
      const project = this.world.projects.get(a.groupId);
      if (project.orgId !== orgId) throw new AtlasError('GROUP_NOT_FOUND', [a.groupId]);
      out[a.groupId] = union(out[a.groupId] ?? [], groupRoles(a.roles));
    }
    return out;
  }
}

/** A project invitation names at least one project role. */
function groupRoles(roles: readonly GroupRole[] | undefined): GroupRole[] {
  if (!roles?.length) throw new AtlasError('MISSING_ATTRIBUTE', ['roles']);
  return union([], roles);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Who invited, as `inviterUsername` shows it: the user behind a user credential, or the
 * API key's public key / the service account's client id (decision: Atlas names API
 * callers by these, and they are not email addresses).
 */
export function inviterName(world: World, principal: Principal): string {
  if (principal.userId !== undefined) return world.cloudUsers.find(principal.userId)?.username ?? principal.name;
  return principal.name;
}
