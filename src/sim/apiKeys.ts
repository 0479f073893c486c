import { z } from 'zod';
import { accessListPathValue, findAccessListEntry, newAccessListEntries, type AccessListInput } from './apiAccessList.js';
import { ipInAny } from './cidr.js';
import { AtlasError } from './errors.js';
import { keepOwnerCredential } from './orgOwners.js';
import { AccessListEntryRecord, RoleAssignmentRecord, type AccessListEntry, type Principal } from './principals.js';
import { LOWER } from './random.js';
import { isGroupRole, isOrgRole, satisfiesAny, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

export const ApiKeyRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  /** 8 lowercase letters: the Digest username. */
  publicKey: z.string(),
  /** UUID v4: the Digest password. Kept in clear because Digest needs it to verify. */
  privateKey: z.string(),
  desc: z.string(),
  created: z.number(),
  ...RoleAssignmentRecord,
  accessList: z.array(AccessListEntryRecord),
});
export type ApiKey = z.infer<typeof ApiKeyRecord>;

/** `desc` is 1 to 250 characters (CreateAtlasOrganizationApiKey). */
export const API_KEY_DESC_MAX = 250;

/** Atlas allows at most 500 API keys per organization. */
export const MAX_API_KEYS_PER_ORG = 500;

/** Event types of API keys, as the OpenAPI document's ApiUserEventTypeViewForOrg lists them. */
export const API_KEY_EVENTS = {
  created: 'API_KEY_CREATED',
  deleted: 'API_KEY_DELETED',
  descriptionChanged: 'API_KEY_DESCRIPTION_CHANGED',
  rolesChanged: 'API_KEY_ROLES_CHANGED',
  addedToGroup: 'API_KEY_ADDED_TO_GROUP',
  removedFromGroup: 'API_KEY_REMOVED_FROM_GROUP',
  accessListEntryAdded: 'API_KEY_ACCESS_LIST_ENTRY_ADDED',
  accessListEntryDeleted: 'API_KEY_ACCESS_LIST_ENTRY_DELETED',
} as const;

/** `null` and missing both reach the rule, which answers Atlas's own code for them. */
type Desc = string | null | undefined;

function checkDesc(desc: Desc): string {
  if (typeof desc !== 'string' || desc.trim().length === 0 || desc.length > API_KEY_DESC_MAX) {
    throw new AtlasError('INVALID_API_KEY_DESC', [API_KEY_DESC_MAX]);
  }
  return desc;
}

function checkOrgRoles(roles: readonly string[] | null | undefined): OrgRole[] {
  if (!roles || roles.length === 0) throw new AtlasError('MISSING_API_KEY_ROLES', []);
  for (const r of roles) if (!isOrgRole(r)) throw new AtlasError('INVALID_ENUM_VALUE', [r]);
  return [...new Set(roles as OrgRole[])];
}

/**
 * Project roles of a project-level request. Decision: the create contract's enum also
 * lists organization roles, but a project cannot hand out organization power; every
 * project key is an Organization Member anyway (as recorded), so `ORG_MEMBER` is
 * accepted and any other organization role is 400 INVALID_ROLE_FOR_GROUP.
 */
function checkGroupRoles(roles: readonly string[] | null | undefined, groupId: string): GroupRole[] {
  if (!roles) throw new AtlasError('MISSING_API_KEY_ROLES', []);
  const out: GroupRole[] = [];
  for (const r of roles) {
    if (isGroupRole(r)) {
      if (!out.includes(r)) out.push(r);
    } else if (r !== 'ORG_MEMBER') throw new AtlasError(isOrgRole(r) ? 'INVALID_ROLE_FOR_GROUP' : 'INVALID_ENUM_VALUE', isOrgRole(r) ? [r, groupId] : [r]);
  }
  if (out.length === 0) throw new AtlasError('MISSING_API_KEY_ROLES', []);
  return out;
}

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Programmatic API keys (HTTP Digest credentials): organization keys, their project
 * assignments and their IP access lists. Every change validates everything before it
 * touches the record, so a refused request leaves the key exactly as it was.
 */
export class ApiKeys extends Table<ApiKey> {
  readonly #byPublicKey = new Map<string, string>();
  /** orgId -> key ids: lists and owner counts never scan other organizations. */
  readonly #byOrg = new Map<string, Set<string>>();

  constructor(private readonly world: World) {
    super('apiKeys', ApiKeyRecord, (k) => k.id, (k) => ({ orgId: k.orgId }));
  }

  protected override onInsert(k: ApiKey): void {
    this.#byPublicKey.set(k.publicKey, k.id);
    let ids = this.#byOrg.get(k.orgId);
    if (!ids) this.#byOrg.set(k.orgId, (ids = new Set()));
    ids.add(k.id);
  }

  protected override onRemove(k: ApiKey): void {
    this.#byPublicKey.delete(k.publicKey);
    this.#byOrg.get(k.orgId)?.delete(k.id);
  }

  findByPublicKey(publicKey: string): ApiKey | undefined {
    const id = this.#byPublicKey.get(publicKey);
    return id === undefined ? undefined : this.rows.get(id);
  }

  /** Makes a key with no checks and no event: for tenants the control plane creates. */
  mint(orgId: string, input: { desc: string; orgRoles: OrgRole[]; groupRoles?: Record<string, GroupRole[]> }): ApiKey {
    let publicKey: string;
    do publicKey = this.world.random.chars(8, LOWER);
    while (this.#byPublicKey.has(publicKey));
    return this.insert({
      id: this.world.ids.next(),
      orgId,
      publicKey,
      privateKey: this.world.random.uuid(),
      desc: input.desc,
      created: this.world.clock.now(),
      orgRoles: [...new Set(input.orgRoles)],
      groupRoles: input.groupRoles ?? {},
      accessList: [],
    });
  }

  #checkRoom(orgId: string): void {
    if ((this.#byOrg.get(orgId)?.size ?? 0) >= MAX_API_KEYS_PER_ORG) throw new AtlasError('MAX_API_KEYS_PER_ORG_EXCEEDED', [MAX_API_KEYS_PER_ORG, orgId]);
  }

  /** `POST /orgs/{orgId}/apiKeys`. */
  create(orgId: string, input: { desc?: Desc; roles?: readonly string[] | null }, actor: Actor): ApiKey {
    this.world.orgs.get(orgId);
    const desc = checkDesc(input.desc);
    const orgRoles = checkOrgRoles(input.roles);
    this.#checkRoom(orgId);
    const key = this.mint(orgId, { desc, orgRoles });
    this.world.events.record(API_KEY_EVENTS.created, { orgId }, actor, { targetPublicKey: key.publicKey });
    return key;
  }

  /** `POST /groups/{groupId}/apiKeys`: a new organization member key with roles in one project. */
  createForProject(groupId: string, input: { desc?: Desc; roles?: readonly string[] | null }, actor: Actor): ApiKey {
    const project = this.world.projects.get(groupId);
    const desc = checkDesc(input.desc);
    const roles = checkGroupRoles(input.roles, groupId);
    this.#checkRoom(project.orgId);
    const key = this.mint(project.orgId, { desc, orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } });
    // Recorded: the organization feed gets the creation, the project feed the assignment.
    this.world.events.record(API_KEY_EVENTS.created, { orgId: project.orgId }, actor, { targetPublicKey: key.publicKey });
    this.world.events.record(API_KEY_EVENTS.addedToGroup, { groupId }, actor, { targetPublicKey: key.publicKey });
    return key;
  }

  /** The key of the organization, or 400 API_KEY_NOT_FOUND (Atlas's documented status for it). */
  get(orgId: string, id: string): ApiKey {
    const k = this.rows.get(id);
    if (!k || k.orgId !== orgId) throw new AtlasError('API_KEY_NOT_FOUND', [id]);
    return k;
  }

  /**
   * A key assigned to the project, or API_KEY_NOT_FOUND. Decision: changing or removing the
   * project roles of a key the project does not have is answered like an unknown key
   * (assigning it is `POST /groups/{groupId}/apiKeys/{id}`).
   */
  getInProject(groupId: string, id: string): ApiKey {
    const project = this.world.projects.get(groupId);
    const k = this.get(project.orgId, id);
    if (!k.groupRoles[groupId]?.length) throw new AtlasError('API_KEY_NOT_FOUND', [id]);
    return k;
  }

  /** `PATCH /orgs/{orgId}/apiKeys/{id}`: description and organization roles; project roles stay. */
  update(orgId: string, id: string, input: { desc?: Desc; roles?: readonly string[] | null }, actor: Actor): ApiKey {
    const k = this.get(orgId, id);
    const desc = input.desc === undefined ? k.desc : checkDesc(input.desc);
    const roles = input.roles === undefined ? k.orgRoles : checkOrgRoles(input.roles);
    if (k.orgRoles.includes('ORG_OWNER') && !roles.includes('ORG_OWNER')) {
      keepOwnerCredential(this.world, orgId, { apiKeyId: id }, 'CANNOT_DEMOTE_LAST_ORG_OWNER');
    }
    const descChanged = desc !== k.desc;
    const rolesChanged = !sameRoles(roles, k.orgRoles);
    k.desc = desc;
    k.orgRoles = roles;
    if (descChanged) this.world.events.record(API_KEY_EVENTS.descriptionChanged, { orgId }, actor, { targetPublicKey: k.publicKey });
    if (rolesChanged) this.world.events.record(API_KEY_EVENTS.rolesChanged, { orgId }, actor, { targetPublicKey: k.publicKey });
    return k;
  }

  /** `DELETE /orgs/{orgId}/apiKeys/{id}`: the key, its project assignments and access list go at once. */
  delete(orgId: string, id: string, actor: Actor): void {
    const k = this.get(orgId, id);
    keepOwnerCredential(this.world, orgId, { apiKeyId: id }, 'CANNOT_DELETE_LAST_ADMIN');
    this.remove(id);
    this.world.events.record(API_KEY_EVENTS.deleted, { orgId }, actor, { targetPublicKey: k.publicKey });
  }

  /** `POST /groups/{groupId}/apiKeys/{id}`: assigns an organization key to a project (roles replace any it had there). */
  assignToProject(groupId: string, id: string, roles: readonly string[], actor: Actor): ApiKey {
    const project = this.world.projects.get(groupId);
    const k = this.get(project.orgId, id);
    const next = checkGroupRoles(roles, groupId);
    const before = k.groupRoles[groupId];
    k.groupRoles[groupId] = next;
    if (!before?.length) this.world.events.record(API_KEY_EVENTS.addedToGroup, { groupId }, actor, { targetPublicKey: k.publicKey });
    else if (!sameRoles(before, next)) this.world.events.record(API_KEY_EVENTS.rolesChanged, { groupId }, actor, { targetPublicKey: k.publicKey });
    return k;
  }

  /**
   * `PATCH /groups/{groupId}/apiKeys/{id}`: the key's roles in the project (at least one;
   * roles not sent are removed) and optionally its description.
   */
  updateProjectRoles(groupId: string, id: string, input: { desc?: Desc; roles?: readonly string[] | null }, actor: Actor): ApiKey {
    const k = this.getInProject(groupId, id);
    const desc = input.desc === undefined ? k.desc : checkDesc(input.desc);
    const roles = checkGroupRoles(input.roles, groupId);
    const descChanged = desc !== k.desc;
    const rolesChanged = !sameRoles(roles, k.groupRoles[groupId]!);
    k.desc = desc;
    k.groupRoles[groupId] = roles;
    if (descChanged) this.world.events.record(API_KEY_EVENTS.descriptionChanged, { orgId: k.orgId }, actor, { targetPublicKey: k.publicKey });
    if (rolesChanged) this.world.events.record(API_KEY_EVENTS.rolesChanged, { groupId }, actor, { targetPublicKey: k.publicKey });
    return k;
  }

  /** `DELETE /groups/{groupId}/apiKeys/{id}`: unassigns the key; it stays in the organization. */
  removeFromProject(groupId: string, id: string, actor: Actor): void {
    const k = this.getInProject(groupId, id);
    delete k.groupRoles[groupId];
    this.world.events.record(API_KEY_EVENTS.removedFromGroup, { groupId }, actor, { targetPublicKey: k.publicKey });
  }

  /** Keys of an organization, by public key as Atlas lists them (recorded lists are in that order). */
  listByOrg(orgId: string): ApiKey[] {
    const out: ApiKey[] = [];
    for (const id of this.#byOrg.get(orgId) ?? []) out.push(this.rows.get(id)!);
    return out.sort((a, b) => (a.publicKey < b.publicKey ? -1 : a.publicKey > b.publicKey ? 1 : 0));
  }

  /** Keys assigned to a project, by public key. */
  listByProject(groupId: string): ApiKey[] {
    const project = this.world.projects.get(groupId);
    return this.listByOrg(project.orgId).filter((k) => k.groupRoles[groupId]?.length);
  }

  /**
   * "API key whitelists are only accessible by the API key or by a user administrator":
   * changing a key's access list takes the key itself or an Organization Owner of its
   * organization, else 401 API_KEY_WHITELIST_ACCESS_DENIED.
   */
  #checkAccessListWriter(k: ApiKey, caller: Principal): void {
    const self = caller.kind === 'API_KEY' && caller.id === k.id;
    const owner = caller.orgId === k.orgId && satisfiesAny(caller.orgRoles, ['ORG_OWNER']);
    if (!self && !owner) throw new AtlasError('API_KEY_WHITELIST_ACCESS_DENIED', []);
  }

  /** `POST /orgs/{orgId}/apiKeys/{id}/accessList`: adds entries, all or nothing. */
  addAccessListEntries(orgId: string, id: string, inputs: readonly AccessListInput[], caller: Principal, actor: Actor): ApiKey {
    const k = this.get(orgId, id);
    this.#checkAccessListWriter(k, caller);
    const added = newAccessListEntries(k.accessList, inputs, this.world.clock.now());
    k.accessList.push(...added);
    for (const e of added) {
      this.world.events.record(API_KEY_EVENTS.accessListEntryAdded, { orgId }, actor, { targetPublicKey: k.publicKey, whitelistEntry: accessListPathValue(e) });
    }
    return k;
  }

  /** One entry by its path value, or 404 API_KEY_WHITELIST_NOT_FOUND. */
  accessListEntry(orgId: string, id: string, pathValue: string): AccessListEntry {
    const k = this.get(orgId, id);
    const i = findAccessListEntry(k.accessList, pathValue);
    if (i < 0) throw new AtlasError('API_KEY_WHITELIST_NOT_FOUND', [pathValue, id]);
    return k.accessList[i]!;
  }

  /**
   * `DELETE /orgs/{orgId}/apiKeys/{id}/accessList/{ipAddress}`. A key cannot remove the
   * entry it is calling from (400 CANNOT_REMOVE_CALLER_FROM_WHITELIST), as documented.
   */
  deleteAccessListEntry(orgId: string, id: string, pathValue: string, caller: Principal, callerIp: string, actor: Actor): void {
    const k = this.get(orgId, id);
    this.#checkAccessListWriter(k, caller);
    const i = findAccessListEntry(k.accessList, pathValue);
    if (i < 0) throw new AtlasError('API_KEY_WHITELIST_NOT_FOUND', [pathValue, id]);
    const entry = k.accessList[i]!;
    if (caller.kind === 'API_KEY' && caller.id === k.id && ipInAny(callerIp, [entry.cidrBlock])) {
      throw new AtlasError('CANNOT_REMOVE_CALLER_FROM_WHITELIST', [callerIp]);
    }
    k.accessList.splice(i, 1);
    this.world.events.record(API_KEY_EVENTS.accessListEntryDeleted, { orgId }, actor, { targetPublicKey: k.publicKey, whitelistEntry: accessListPathValue(entry) });
  }

  static principal(k: ApiKey): Principal {
    return {
      kind: 'API_KEY',
      id: k.id,
      name: k.publicKey,
      orgId: k.orgId,
      orgRoles: k.orgRoles,
      groupRoles: k.groupRoles,
      accessList: k.accessList,
    };
  }
}
