import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { findAccessListEntry, newAccessListEntries, type AccessListInput } from './apiAccessList.js';
import { ipInAny } from './cidr.js';
import { AtlasError } from './errors.js';
import { keepOwnerCredential } from './orgOwners.js';
import { AccessListEntryRecord, RoleAssignmentRecord, type AccessListEntry, type Principal } from './principals.js';
import { ALNUM } from './random.js';
import { satisfiesAny, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

export const CLIENT_ID_PREFIX = 'mdb_sa_id_';
export const SECRET_PREFIX = 'mdb_sa_sk_';

/**
 * Secret lifetimes Atlas accepts: "anywhere from 8 hours to 365 days" (Atlas docs,
 * Rotate Service Account Secrets). The document says organization settings control the
 * bounds; these are the defaults of those settings.
 */
export const SECRET_LIFETIME_HOURS = { min: 8, max: 365 * 24 } as const;

/**
 * "Once you generate a new client secret, the old client secret expires within 7 days":
 * older secrets that would outlive the new one by more than this are shortened to it.
 */
export const OLD_SECRET_GRACE_MS = 7 * 24 * 3_600_000;

/** Event types of service accounts, as the document's ServiceAccountEventTypeViewForOrg lists them. */
export const SERVICE_ACCOUNT_EVENTS = {
  created: 'SERVICE_ACCOUNT_CREATED',
  deleted: 'SERVICE_ACCOUNT_DELETED',
  rolesChanged: 'SERVICE_ACCOUNT_ROLES_CHANGED',
  detailsChanged: 'SERVICE_ACCOUNT_DETAILS_CHANGED',
  addedToGroup: 'SERVICE_ACCOUNT_ADDED_TO_GROUP',
  removedFromGroup: 'SERVICE_ACCOUNT_REMOVED_FROM_GROUP',
  accessListEntryAdded: 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_ADDED',
  accessListEntryDeleted: 'SERVICE_ACCOUNT_ACCESS_LIST_ENTRY_DELETED',
  secretAdded: 'SERVICE_ACCOUNT_SECRET_ADDED',
  secretDeleted: 'SERVICE_ACCOUNT_SECRET_DELETED',
} as const;

export const ServiceAccountSecretRecord = z.object({
  id: z.string(),
  /** Full secret; returned to the client only in the response that created it. */
  secret: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number().optional(),
});
export type ServiceAccountSecret = z.infer<typeof ServiceAccountSecretRecord>;

export const ServiceAccountRecord = z.object({
  clientId: z.string(),
  orgId: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
  ...RoleAssignmentRecord,
  secrets: z.array(ServiceAccountSecretRecord),
  accessList: z.array(AccessListEntryRecord),
});
export type ServiceAccount = z.infer<typeof ServiceAccountRecord>;

/** Where a request addresses an account: its organization, or one project it belongs to. */
export type ServiceAccountScope = { orgId: string; groupId?: undefined } | { groupId: string; orgId?: undefined };

/** The document caps one access-list request at 200 entries. */
export const MAX_ACCESS_LIST_ENTRIES_PER_REQUEST = 200;

/** Why a client-credentials check failed (audit reasons; the client sees one answer for all). */
export type SecretFailure = 'unknown-client' | 'invalid-secret' | 'expired-secret';

/**
 * Decision: Atlas's code for a lifetime outside the bounds is unrecorded; 400
 * INVALID_ATTRIBUTE names the field. The upper bound is the organization's setting
 * `maxServiceAccountSecretValidityInHours` (at most 8760).
 */
function checkLifetime(world: World, orgId: string, hours: number): void {
  const max = world.orgSettings.get(orgId).maxServiceAccountSecretValidityInHours;
  if (!Number.isInteger(hours) || hours < SECRET_LIFETIME_HOURS.min || hours > max) {
    throw new AtlasError('INVALID_ATTRIBUTE', ['secretExpiresAfterHours']);
  }
}

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Service accounts: OAuth 2.0 client-credentials principals of organizations, with
 * project assignments, secrets and IP access lists. One account is one record whether it
 * is managed through its organization or through a project it belongs to. Every change
 * validates first and mutates after, so a refused request changes nothing.
 */
export class ServiceAccounts extends Table<ServiceAccount> {
  /** orgId -> client ids in creation order. */
  readonly #byOrg = new Map<string, Set<string>>();

  constructor(private readonly world: World) {
    super('serviceAccounts', ServiceAccountRecord, (s) => s.clientId, (s) => ({ orgId: s.orgId }));
  }

  protected override onInsert(s: ServiceAccount): void {
    let ids = this.#byOrg.get(s.orgId);
    if (!ids) this.#byOrg.set(s.orgId, (ids = new Set()));
    ids.add(s.clientId);
  }

  protected override onRemove(s: ServiceAccount): void {
    this.#byOrg.get(s.orgId)?.delete(s.clientId);
  }

  /** Makes an account and its first secret with no checks and no event: for tenants the control plane creates. */
  mint(
    orgId: string,
    input: { name: string; description: string; orgRoles: OrgRole[]; groupRoles?: Record<string, GroupRole[]>; secretExpiresAfterHours: number },
  ): { account: ServiceAccount; secret: ServiceAccountSecret } {
    const account: ServiceAccount = {
      clientId: CLIENT_ID_PREFIX + this.world.ids.next(),
      orgId,
      name: input.name,
      description: input.description,
      createdAt: this.world.clock.now(),
      orgRoles: [...new Set(input.orgRoles)],
      groupRoles: input.groupRoles ?? {},
      secrets: [],
      accessList: [],
    };
    const secret = this.#newSecret(account, input.secretExpiresAfterHours);
    this.insert(account);
    return { account, secret };
  }

  #newSecret(account: ServiceAccount, expiresAfterHours: number): ServiceAccountSecret {
    const now = this.world.clock.now();
    const secret: ServiceAccountSecret = {
      id: this.world.ids.next(),
      secret: SECRET_PREFIX + this.world.random.chars(40, ALNUM),
      createdAt: now,
      expiresAt: now + expiresAfterHours * 3_600_000,
    };
    for (const old of account.secrets) if (old.expiresAt > now + OLD_SECRET_GRACE_MS) old.expiresAt = now + OLD_SECRET_GRACE_MS;
    account.secrets.push(secret);
    return secret;
  }

  /** `POST /orgs/{orgId}/serviceAccounts`. */
  create(
    orgId: string,
    input: { name: string; description: string; roles: OrgRole[]; secretExpiresAfterHours: number },
    actor: Actor,
  ): { account: ServiceAccount; secret: ServiceAccountSecret } {
    this.world.orgs.get(orgId);
    checkLifetime(this.world, orgId, input.secretExpiresAfterHours);
    const made = this.mint(orgId, { ...input, orgRoles: input.roles });
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.created, { orgId }, actor);
    return made;
  }

  /**
   * `POST /groups/{groupId}/serviceAccounts`: "The Service Account will automatically be
   * added as an Organization Member to the Organization that the specified Project is a
   * part of."
   */
  createInProject(
    groupId: string,
    input: { name: string; description: string; roles: GroupRole[]; secretExpiresAfterHours: number },
    actor: Actor,
  ): { account: ServiceAccount; secret: ServiceAccountSecret } {
    const project = this.world.projects.get(groupId);
    checkLifetime(this.world, project.orgId, input.secretExpiresAfterHours);
    const made = this.mint(project.orgId, {
      name: input.name,
      description: input.description,
      orgRoles: ['ORG_MEMBER'],
      groupRoles: { [groupId]: [...new Set(input.roles)] },
      secretExpiresAfterHours: input.secretExpiresAfterHours,
    });
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.created, { orgId: project.orgId }, actor);
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.addedToGroup, { groupId }, actor);
    return made;
  }

  /**
   * The account as addressed: in the organization, or assigned to the project. Anything
   * else, a malformed client id included, is 404 RESOURCE_NOT_FOUND (decision: Atlas has
   * no service-account code in its error table; wire-facts D.3 recommends this one).
   */
  get(scope: ServiceAccountScope, clientId: string): ServiceAccount {
    const orgId = scope.groupId !== undefined ? this.world.projects.get(scope.groupId).orgId : this.world.orgs.get(scope.orgId).id;
    const s = this.rows.get(clientId);
    if (!s || s.orgId !== orgId || (scope.groupId !== undefined && !s.groupRoles[scope.groupId]?.length)) {
      throw new AtlasError('RESOURCE_NOT_FOUND', [`Service Account with client ID ${clientId}`]);
    }
    return s;
  }

  /**
   * Managing an account through a project: "If a project-level service account has access
   * to the organization or to other projects, you must have the Organization Owner role to
   * manage its lifecycle, including rotating or revoking its secrets" (Atlas docs).
   * Otherwise a Project Owner could take over an organization-wide account.
   */
  #manage(scope: ServiceAccountScope, clientId: string, caller: Principal): ServiceAccount {
    const s = this.get(scope, clientId);
    if (scope.groupId === undefined) return s;
    const beyond =
      s.orgRoles.some((r) => r !== 'ORG_MEMBER') || Object.entries(s.groupRoles).some(([g, roles]) => g !== scope.groupId && roles.length > 0);
    if (beyond && !(caller.orgId === s.orgId && satisfiesAny(caller.orgRoles, ['ORG_OWNER']))) throw new AtlasError('USER_UNAUTHORIZED', []);
    return s;
  }

  #where(scope: ServiceAccountScope, s: ServiceAccount): { orgId?: string; groupId?: string } {
    return scope.groupId !== undefined ? { groupId: scope.groupId } : { orgId: s.orgId };
  }

  /**
   * `PATCH .../serviceAccounts/{clientId}`: name, description, and the roles of the
   * addressed level (organization roles, or roles in the project).
   */
  update(
    scope: ServiceAccountScope,
    clientId: string,
    input: { name?: string | undefined; description?: string | undefined; roles?: string[] | undefined },
    caller: Principal,
    actor: Actor,
  ): ServiceAccount {
    const s = this.#manage(scope, clientId, caller);
    const current = scope.groupId !== undefined ? s.groupRoles[scope.groupId]! : s.orgRoles;
    const roles = input.roles === undefined ? current : [...new Set(input.roles)];
    if (scope.groupId === undefined && s.orgRoles.includes('ORG_OWNER') && !roles.includes('ORG_OWNER')) {
      keepOwnerCredential(this.world, s.orgId, { clientId }, 'CANNOT_DEMOTE_LAST_ORG_OWNER');
    }
    const detailsChanged = (input.name !== undefined && input.name !== s.name) || (input.description !== undefined && input.description !== s.description);
    const rolesChanged = !sameRoles(roles, current);
    if (input.name !== undefined) s.name = input.name;
    if (input.description !== undefined) s.description = input.description;
    if (scope.groupId !== undefined) s.groupRoles[scope.groupId] = roles as GroupRole[];
    else s.orgRoles = roles as OrgRole[];
    if (detailsChanged) this.world.events.record(SERVICE_ACCOUNT_EVENTS.detailsChanged, { orgId: s.orgId }, actor);
    if (rolesChanged) this.world.events.record(SERVICE_ACCOUNT_EVENTS.rolesChanged, this.#where(scope, s), actor);
    return s;
  }

  /** `DELETE /orgs/{orgId}/serviceAccounts/{clientId}`: the account, its secrets and the tokens they minted. */
  delete(orgId: string, clientId: string, actor: Actor): void {
    this.get({ orgId }, clientId);
    keepOwnerCredential(this.world, orgId, { clientId }, 'CANNOT_DELETE_LAST_ADMIN');
    this.remove(clientId);
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.deleted, { orgId }, actor);
  }

  /**
   * `POST /groups/{groupId}/serviceAccounts/{clientId}:invite`: assigns an account of the
   * project's organization to it. Decision: inviting an account already in the project
   * replaces its roles there (the document names no conflict for this operation).
   */
  invite(groupId: string, clientId: string, roles: GroupRole[], actor: Actor): ServiceAccount {
    const project = this.world.projects.get(groupId);
    const s = this.get({ orgId: project.orgId }, clientId);
    const next = [...new Set(roles)];
    if (next.length === 0) throw new AtlasError('INVALID_ATTRIBUTE', ['roles']);
    const before = s.groupRoles[groupId];
    s.groupRoles[groupId] = next;
    if (!before?.length) this.world.events.record(SERVICE_ACCOUNT_EVENTS.addedToGroup, { groupId }, actor);
    else if (!sameRoles(before, next)) this.world.events.record(SERVICE_ACCOUNT_EVENTS.rolesChanged, { groupId }, actor);
    return s;
  }

  /**
   * `DELETE /groups/{groupId}/serviceAccounts/{clientId}`: "The Service Account will still
   * be a part of the Organization it was created in, and the credentials will remain
   * active until expired or manually revoked."
   */
  removeFromProject(groupId: string, clientId: string, actor: Actor): void {
    const s = this.get({ groupId }, clientId);
    delete s.groupRoles[groupId];
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.removedFromGroup, { groupId }, actor);
  }

  /** `POST .../secrets`: a new secret, whose value the caller returns exactly once. */
  addSecret(scope: ServiceAccountScope, clientId: string, expiresAfterHours: number, caller: Principal, actor: Actor): ServiceAccountSecret {
    const s = this.#manage(scope, clientId, caller);
    checkLifetime(this.world, s.orgId, expiresAfterHours);
    const secret = this.#newSecret(s, expiresAfterHours);
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.secretAdded, this.#where(scope, s), actor);
    return secret;
  }

  /** `DELETE .../secrets/{secretId}`: tokens minted with the secret stop working at once. */
  deleteSecret(scope: ServiceAccountScope, clientId: string, secretId: string, caller: Principal, actor: Actor): void {
    const s = this.#manage(scope, clientId, caller);
    const i = s.secrets.findIndex((x) => x.id === secretId);
    if (i < 0) throw new AtlasError('RESOURCE_NOT_FOUND', [`Service Account secret with ID ${secretId}`]);
    if (s.orgRoles.includes('ORG_OWNER')) keepOwnerCredential(this.world, s.orgId, { secretId }, 'CANNOT_DELETE_LAST_ADMIN');
    s.secrets.splice(i, 1);
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.secretDeleted, this.#where(scope, s), actor);
  }

  /** `POST .../accessList`: adds entries, all or nothing. */
  addAccessListEntries(scope: ServiceAccountScope, clientId: string, inputs: readonly AccessListInput[], caller: Principal, actor: Actor): ServiceAccount {
    const s = this.#manage(scope, clientId, caller);
    // Decision: the code for the document's `maxItems: 200` is unrecorded; VALIDATION_ERROR
    // is Atlas's generic one for request content that fails validation.
    if (inputs.length > MAX_ACCESS_LIST_ENTRIES_PER_REQUEST) {
      throw new AtlasError('VALIDATION_ERROR', [`at most ${MAX_ACCESS_LIST_ENTRIES_PER_REQUEST} access list entries can be added in one request`]);
    }
    const added = newAccessListEntries(s.accessList, inputs, this.world.clock.now());
    s.accessList.push(...added);
    for (let i = 0; i < added.length; i++) this.world.events.record(SERVICE_ACCOUNT_EVENTS.accessListEntryAdded, this.#where(scope, s), actor);
    return s;
  }

  /**
   * `DELETE .../accessList/{ipAddress}`: "You can't remove the requesting IP address from
   * the access list" (400 CANNOT_REMOVE_CALLER_FROM_WHITELIST when an account removes the
   * entry it is calling from). Unknown entries are 404 RESOURCE_NOT_FOUND.
   */
  deleteAccessListEntry(scope: ServiceAccountScope, clientId: string, pathValue: string, caller: Principal, callerIp: string, actor: Actor): void {
    const s = this.#manage(scope, clientId, caller);
    const i = findAccessListEntry(s.accessList, pathValue);
    if (i < 0) throw new AtlasError('RESOURCE_NOT_FOUND', [`Access list entry ${pathValue}`]);
    const entry: AccessListEntry = s.accessList[i]!;
    if (caller.kind === 'SERVICE_ACCOUNT' && caller.id === s.clientId && ipInAny(callerIp, [entry.cidrBlock])) {
      throw new AtlasError('CANNOT_REMOVE_CALLER_FROM_WHITELIST', [callerIp]);
    }
    s.accessList.splice(i, 1);
    this.world.events.record(SERVICE_ACCOUNT_EVENTS.accessListEntryDeleted, this.#where(scope, s), actor);
  }

  /**
   * The account and secret that match, or why not. Compares in constant time per secret
   * so a timing probe learns nothing about prefixes. An expired secret matches but is
   * refused: "an expired secret can no longer obtain tokens".
   */
  verifySecret(clientId: string, secret: string): { account: ServiceAccount; secret: ServiceAccountSecret } | { failure: SecretFailure } {
    const account = this.rows.get(clientId);
    if (!account) return { failure: 'unknown-client' };
    const now = this.world.clock.now();
    const given = Buffer.from(secret);
    for (const s of account.secrets) {
      const stored = Buffer.from(s.secret);
      if (stored.length === given.length && timingSafeEqual(stored, given)) {
        if (now >= s.expiresAt) return { failure: 'expired-secret' };
        s.lastUsedAt = now;
        return { account, secret: s };
      }
    }
    return { failure: 'invalid-secret' };
  }

  /** Accounts of an organization, in creation order. */
  listByOrg(orgId: string): ServiceAccount[] {
    const out: ServiceAccount[] = [];
    for (const id of this.#byOrg.get(orgId) ?? []) out.push(this.rows.get(id)!);
    return out;
  }

  /** Accounts assigned to a project, in creation order. */
  listByProject(groupId: string): ServiceAccount[] {
    const project = this.world.projects.get(groupId);
    return this.listByOrg(project.orgId).filter((s) => s.groupRoles[groupId]?.length);
  }

  /** Projects the account belongs to (that still exist), in assignment order. */
  projectsOf(s: ServiceAccount): string[] {
    return Object.keys(s.groupRoles).filter((g) => s.groupRoles[g]!.length > 0 && this.world.projects.find(g) !== undefined);
  }

  static principal(s: ServiceAccount): Principal {
    return {
      kind: 'SERVICE_ACCOUNT',
      id: s.clientId,
      name: s.clientId,
      orgId: s.orgId,
      orgRoles: s.orgRoles,
      groupRoles: s.groupRoles,
      accessList: s.accessList,
    };
  }
}
