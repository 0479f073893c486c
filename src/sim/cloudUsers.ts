import { z } from 'zod';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { Principal } from './principals.js';
import { LOWER } from './random.js';
import { GROUP_ROLES, ORG_ROLES, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

/** A user's place in one organization: organization roles and, per project, project roles. */
export const MembershipRecord = z.object({
  orgRoles: z.array(z.enum(ORG_ROLES)),
  groupRoles: z.record(z.string(), z.array(z.enum(GROUP_ROLES))),
  joined: z.number(),
});
export type Membership = z.infer<typeof MembershipRecord>;

/**
 * The Digest credential a user acts on the API with (see `issueCredential`). One per
 * user and organization.
 */
export const UserCredentialRecord = z.object({ id: z.string(), orgId: z.string(), publicKey: z.string(), privateKey: z.string() });
export type UserCredential = z.infer<typeof UserCredentialRecord>;

export const CloudUserRecord = z.object({
  id: z.string(),
  /** The email address the user signed up with; lookups ignore case. */
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  country: z.string(),
  mobileNumber: z.string().nullable(),
  createdAt: z.number(),
  lastAuth: z.number().optional(),
  memberships: z.record(z.string(), MembershipRecord),
  credentials: z.array(UserCredentialRecord),
});
export type CloudUser = z.infer<typeof CloudUserRecord>;

/** What a person types on the invitation page (the control plane's acceptance). */
export interface Profile {
  firstName?: string | undefined;
  lastName?: string | undefined;
  country?: string | undefined;
  mobileNumber?: string | undefined;
}

/**
 * A plain email check, the one rule Atlas states for usernames ("Email address that
 * represents the username of the MongoDB Cloud user"): something@domain.tld, no spaces.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkUsername(username: string): string {
  if (!EMAIL.test(username) || username.length > 256) throw new AtlasError('INVALID_USERNAME', []);
  return username;
}

/** Event types of people, as the document's UserEventTypeViewForOrg / ForNdsGroup name them. */
export const USER_EVENTS = {
  joinedOrg: 'JOINED_ORG',
  removedFromOrg: 'REMOVED_FROM_ORG',
  joinedGroup: 'JOINED_GROUP',
  removedFromGroup: 'REMOVED_FROM_GROUP',
  rolesChanged: 'USER_ROLES_CHANGED_AUDIT',
} as const;

/**
 * MongoDB Cloud users: people, who join organizations and projects only by accepting an
 * invitation (Atlas for Government is available by invitation only, so `POST /users` is
 * refused). A user is not owned by one organization: it keeps a membership per
 * organization, and disappears with its last membership (tenant reset included).
 *
 * Decision (how a person reaches the API): Atlas users act on the Administration API
 * through credentials of their own (the Atlas CLI signs them in), with exactly their own
 * roles. The simulator gives an active user such a credential through the control plane,
 * as a Digest key pair: a principal that holds the user's organization and project roles
 * and, through `teams`, the project roles of every team the user is in. It is not an
 * organization API key and is never listed as one.
 */
export class CloudUsers extends Table<CloudUser> {
  readonly #byName = new Map<string, string>();
  readonly #byPublicKey = new Map<string, string>();
  /** Organization -> active member ids, in joining order. */
  readonly #byOrg = new Map<string, Set<string>>();

  constructor(private readonly world: World) {
    super('cloudUsers', CloudUserRecord, (u) => u.id, () => ({}));
  }

  protected override onInsert(u: CloudUser): void {
    this.#byName.set(u.username.toLowerCase(), u.id);
    for (const c of u.credentials) this.#byPublicKey.set(c.publicKey, u.id);
    for (const orgId of Object.keys(u.memberships)) {
      let s = this.#byOrg.get(orgId);
      if (!s) this.#byOrg.set(orgId, (s = new Set()));
      s.add(u.id);
    }
  }

  protected override onRemove(u: CloudUser): void {
    this.#byName.delete(u.username.toLowerCase());
    for (const c of u.credentials) this.#byPublicKey.delete(c.publicKey);
    for (const orgId of Object.keys(u.memberships)) this.#byOrg.get(orgId)?.delete(u.id);
  }

  /** Memberships of the organization go; a user left without any goes too. */
  override dropOrg(orgId: string, groupIds: ReadonlySet<string>): void {
    for (const id of [...(this.#byOrg.get(orgId) ?? [])]) this.leaveOrg(this.rows.get(id)!, orgId);
    for (const u of [...this.rows.values()]) for (const m of Object.values(u.memberships)) for (const g of groupIds) delete m.groupRoles[g];
    this.#byOrg.delete(orgId);
  }

  /** Rewrites a user record, keeping the indexes right. */
  #save(u: CloudUser): CloudUser {
    return this.insert(u);
  }

  /** 404 INVALID_USER_ID for a malformed id, USER_NOT_FOUND for an unknown one. */
  get(userId: string): CloudUser {
    if (!OBJECT_ID.test(userId)) throw new AtlasError('INVALID_USER_ID', [userId]);
    const u = this.rows.get(userId);
    if (!u) throw new AtlasError('USER_NOT_FOUND', [userId]);
    return u;
  }

  findByName(username: string): CloudUser | undefined {
    const id = this.#byName.get(username.toLowerCase());
    return id === undefined ? undefined : this.rows.get(id);
  }

  /**
   * `GET /users/{userId}` and `/users/byName/{userName}`: a caller sees the users of its
   * own organization (decision: the document lets owners read their members and anyone
   * read themselves; the simulator's callers are programmatic, so membership of the
   * caller's organization decides). Others are answered as unknown.
   */
  readable(principal: Principal, lookup: { id: string } | { username: string }): CloudUser {
    const u = 'id' in lookup ? this.get(lookup.id) : this.findByName(lookup.username);
    const notFound = () => ('id' in lookup ? new AtlasError('USER_NOT_FOUND', [lookup.id]) : new AtlasError('USERNAME_NOT_FOUND', [lookup.username]));
    if (!u || !u.memberships[principal.orgId]) throw notFound();
    return u;
  }

  /** Atlas for Government: nobody signs up through the API. */
  refuseCreate(): never {
    throw new AtlasError('INVITATION_ONLY_MODE_OR_LDAP', []);
  }

  /** Active members of an organization, in joining order. */
  membersOf(orgId: string): CloudUser[] {
    return [...(this.#byOrg.get(orgId) ?? [])].map((id) => this.rows.get(id)!);
  }

  /** The user's membership of the organization, or 404 USER_NOT_IN_ORG. */
  membership(orgId: string, userId: string): { user: CloudUser; membership: Membership } {
    const user = this.get(userId);
    const membership = user.memberships[orgId];
    if (!membership) throw new AtlasError('USER_NOT_IN_ORG', [userId, orgId]);
    return { user, membership };
  }

  /**
   * Joins a person to an organization with the roles of an accepted invitation, creating
   * the user on first acceptance. `userId` is the id the invitation announced, so that a
   * pending user keeps its id once active.
   */
  join(input: { userId: string; username: string; orgId: string; orgRoles: OrgRole[]; groupRoles: Record<string, GroupRole[]> }, profile: Profile, actor: Actor): CloudUser {
    const now = this.world.clock.now();
    const existing = this.findByName(input.username);
    const user: CloudUser = existing ?? {
      id: input.userId,
      username: input.username,
      firstName: profile.firstName ?? this.world.random.faker.person.firstName(),
      lastName: profile.lastName ?? this.world.random.faker.person.lastName(),
      country: profile.country ?? 'US',
      mobileNumber: profile.mobileNumber ?? null,
      createdAt: now,
      memberships: {},
      credentials: [],
    };
    const current = user.memberships[input.orgId];
    const membership: Membership = current ?? { orgRoles: [], groupRoles: {}, joined: now };
    membership.orgRoles = union(membership.orgRoles, input.orgRoles);
    for (const [g, roles] of Object.entries(input.groupRoles)) membership.groupRoles[g] = union(membership.groupRoles[g] ?? [], roles);
    user.memberships[input.orgId] = membership;
    user.lastAuth = now;
    this.#save(user);
    const fields = { targetUsername: user.username };
    if (!current) this.world.events.record(USER_EVENTS.joinedOrg, { orgId: input.orgId }, actor, fields);
    for (const g of Object.keys(input.groupRoles)) this.world.events.record(USER_EVENTS.joinedGroup, { groupId: g }, actor, fields);
    return user;
  }

  /** Organization roles: never empty, and the organization keeps a user owner if it had one. */
  setOrgRoles(orgId: string, userId: string, roles: readonly OrgRole[], actor: Actor): CloudUser {
    const { user, membership } = this.membership(orgId, userId);
    const next = union([], roles);
    if (membership.orgRoles.includes('ORG_OWNER') && !next.includes('ORG_OWNER')) this.#keepOwner(orgId, userId, 'CANNOT_DEMOTE_LAST_ORG_OWNER');
    if (next.length === 0) throw new AtlasError('CANNOT_REMOVE_ALL_USER_ROLES', []);
    if (!sameSet(membership.orgRoles, next)) {
      membership.orgRoles = next;
      this.world.events.record(USER_EVENTS.rolesChanged, { orgId }, actor, { targetUsername: user.username });
    }
    return user;
  }

  addOrgRole(orgId: string, userId: string, role: OrgRole, actor: Actor): CloudUser {
    const { membership } = this.membership(orgId, userId);
    return this.setOrgRoles(orgId, userId, [...membership.orgRoles, role], actor);
  }

  removeOrgRole(orgId: string, userId: string, role: OrgRole, actor: Actor): CloudUser {
    const { membership } = this.membership(orgId, userId);
    return this.setOrgRoles(orgId, userId, membership.orgRoles.filter((r) => r !== role), actor);
  }

  /**
   * Project roles of a member; an empty list takes the user out of the project. Decision:
   * taking away the last role with `:removeRole` is refused like the last organization
   * role (403 CANNOT_REMOVE_ALL_USER_ROLES); `DELETE` is how a user leaves a project.
   */
  setGroupRoles(groupId: string, userId: string, roles: readonly GroupRole[], actor: Actor, options: { allowEmpty?: boolean } = {}): CloudUser {
    const project = this.world.projects.get(groupId);
    const { user, membership } = this.membership(project.orgId, userId);
    const next = union([], roles);
    if (next.length === 0 && !options.allowEmpty) throw new AtlasError('CANNOT_REMOVE_ALL_USER_ROLES', []);
    const before = membership.groupRoles[groupId] ?? [];
    if (next.length === 0) delete membership.groupRoles[groupId];
    else membership.groupRoles[groupId] = next;
    const fields = { targetUsername: user.username };
    if (before.length === 0 && next.length > 0) this.world.events.record(USER_EVENTS.joinedGroup, { groupId }, actor, fields);
    else if (before.length > 0 && next.length === 0) this.world.events.record(USER_EVENTS.removedFromGroup, { groupId }, actor, fields);
    else if (!sameSet(before, next)) this.world.events.record(USER_EVENTS.rolesChanged, { groupId }, actor, fields);
    return user;
  }

  /** Project roles of an active member; 404 USER_NOT_IN_GROUP when it has none there. */
  groupRolesOf(groupId: string, userId: string): { user: CloudUser; roles: GroupRole[] } {
    const project = this.world.projects.get(groupId);
    const { user, membership } = this.membership(project.orgId, userId);
    const roles = membership.groupRoles[groupId];
    if (!roles?.length) throw new AtlasError('USER_NOT_IN_GROUP', [userId, groupId]);
    return { user, roles };
  }

  /** Removes a member from the organization (teams and credentials included). */
  removeFromOrg(orgId: string, userId: string, actor: Actor): void {
    const { user, membership } = this.membership(orgId, userId);
    if (membership.orgRoles.includes('ORG_OWNER')) this.#keepOwner(orgId, userId, 'CANNOT_DELETE_LAST_ADMIN');
    this.world.teams.dropUser(orgId, userId);
    this.leaveOrg(user, orgId);
    this.world.events.record(USER_EVENTS.removedFromOrg, { orgId }, actor, { targetUsername: user.username });
  }

  leaveOrg(user: CloudUser, orgId: string): void {
    const next: CloudUser = { ...user, memberships: { ...user.memberships }, credentials: user.credentials.filter((c) => c.orgId !== orgId) };
    delete next.memberships[orgId];
    if (Object.keys(next.memberships).length === 0) this.remove(user.id);
    else this.#save(next);
  }

  /** Project roles of a project's members go with the project (project deletion). */
  dropGroup(orgId: string, groupId: string): void {
    for (const u of this.membersOf(orgId)) delete u.memberships[orgId]!.groupRoles[groupId];
  }

  /**
   * Atlas refuses to leave an organization without a user owner (CANNOT_DEMOTE_LAST_ORG_OWNER
   * / CANNOT_DELETE_LAST_ADMIN). Decision: the rule counts users only, as Atlas does;
   * an organization that never had a user owner (a simulator tenant, run by its owner
   * credentials) has none to keep.
   */
  #keepOwner(orgId: string, userId: string, code: 'CANNOT_DEMOTE_LAST_ORG_OWNER' | 'CANNOT_DELETE_LAST_ADMIN'): void {
    const others = this.membersOf(orgId).some((u) => u.id !== userId && u.memberships[orgId]!.orgRoles.includes('ORG_OWNER'));
    if (!others) throw new AtlasError(code, []);
  }

  /** The user's credential for one organization, made on first request (control plane). */
  issueCredential(orgId: string, userId: string): UserCredential {
    const { user } = this.membership(orgId, userId);
    const existing = user.credentials.find((c) => c.orgId === orgId);
    if (existing) return existing;
    let publicKey: string;
    do publicKey = this.world.random.chars(8, LOWER);
    while (this.#byPublicKey.has(publicKey) || this.world.apiKeys.findByPublicKey(publicKey));
    const credential = { id: this.world.ids.next(), orgId, publicKey, privateKey: this.world.random.uuid() };
    this.#save({ ...user, credentials: [...user.credentials, credential] });
    return credential;
  }

  /** The user and credential a Digest username belongs to. */
  findCredential(publicKey: string): { user: CloudUser; credential: UserCredential } | undefined {
    const id = this.#byPublicKey.get(publicKey);
    const user = id === undefined ? undefined : this.rows.get(id);
    const credential = user?.credentials.find((c) => c.publicKey === publicKey);
    return user && credential ? { user, credential } : undefined;
  }

  /**
   * The principal of a user credential: the user's roles in that organization, with the
   * project roles of its teams alongside (roles.ts merges them when deciding).
   */
  principal(user: CloudUser, credential: UserCredential): Principal {
    const membership = user.memberships[credential.orgId] ?? { orgRoles: [], groupRoles: {} };
    return {
      kind: 'API_KEY',
      id: credential.id,
      name: credential.publicKey,
      orgId: credential.orgId,
      orgRoles: membership.orgRoles,
      groupRoles: membership.groupRoles,
      teamGroupRoles: this.world.teams.ofUser(credential.orgId, user.id).map((t) => t.groupRoles),
      accessList: [],
      userId: user.id,
    };
  }
}

export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
