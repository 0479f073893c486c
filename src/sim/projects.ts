import { z } from 'zod';
import { REGION_USAGE_RESTRICTIONS } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { Principal } from './principals.js';
import { groupRolesOf, ORG_ROLE_PROJECT_GRANT } from './roles.js';
import { SortedIndex } from './sortedIndex.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

/**
 * Atlas for Government region designation of a project, fixed at creation
 * (wire-facts E): FedRAMP Moderate commercial regions, or GovCloud / Assured Workloads.
 */
export { REGION_USAGE_RESTRICTIONS };
export type RegionUsageRestrictions = (typeof REGION_USAGE_RESTRICTIONS)[number];

export const TagRecord = z.object({ key: z.string(), value: z.string() });
export type Tag = z.infer<typeof TagRecord>;

export const ProjectRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  created: z.number(),
  withDefaultAlertsSettings: z.boolean(),
  regionUsageRestrictions: z.enum(REGION_USAGE_RESTRICTIONS),
  tags: z.array(TagRecord),
});
export type Project = z.infer<typeof ProjectRecord>;

/**
 * Project names: the document's pattern (`^[\p{L}\p{N}\-_.(),:&@+']{1,64}$`) plus the
 * space. Decision: Atlas accepts spaces although the pattern omits them (a recorded real
 * project is named "Atlas CLI E2E", and MongoDB's own MCP server validates names as
 * "letters, numbers, spaces, and ( ) @ & + : . _ - ' ,"); a name of spaces only is refused.
 */
const PROJECT_NAME = /^[\p{L}\p{N}\-_.(),:&@+' ]{1,64}$/u;

/** Tags per project (the Atlas limit for resource tags; TOO_MANY_GROUP_TOKENS is its error). */
export const MAX_PROJECT_TAGS = 50;

export function validProjectName(name: string): boolean {
  return PROJECT_NAME.test(name) && name.trim() !== '';
}

export interface ProjectInput {
  name: string;
  regionUsageRestrictions?: RegionUsageRestrictions | undefined;
  withDefaultAlertsSettings?: boolean | undefined;
  tags?: Tag[] | undefined;
  /**
   * `?projectOwnerId=`: the Atlas user to make Project Owner. Decision: the simulator has
   * no Atlas (console) users, so a well-formed id is accepted and has no effect; a
   * malformed one is 404 INVALID_USER_ID like any malformed user id.
   */
  projectOwnerId?: string | undefined;
}

/** One organization's projects, indexed so that lists and lookups by name never scan. */
interface OrgProjects {
  byName: Map<string, string>;
  /** By name, as `GET /groups` orders them (the recorded list is sorted by name). */
  sorted: SortedIndex;
  /** By lower-cased name, for the case-insensitive prefix filter of `GET /orgs/{orgId}/groups`. */
  folded: SortedIndex;
}

/**
 * Projects (groups): the unit that holds clusters, database users and access lists.
 * Every rule about them lives here; handlers only shape views.
 */
export class Projects extends Table<Project> {
  readonly #byOrg = new Map<string, OrgProjects>();

  constructor(private readonly world: World) {
    super('projects', ProjectRecord, (p) => p.id, (p) => ({ orgId: p.orgId, groupId: p.id }));
  }

  protected override onInsert(p: Project): void {
    let o = this.#byOrg.get(p.orgId);
    if (!o) this.#byOrg.set(p.orgId, (o = { byName: new Map(), sorted: new SortedIndex(), folded: new SortedIndex() }));
    o.byName.set(p.name, p.id);
    o.sorted.insert(p.name, p.id);
    o.folded.insert(p.name.toLowerCase(), p.id);
  }

  protected override onRemove(p: Project): void {
    const o = this.#byOrg.get(p.orgId);
    if (!o) return;
    o.byName.delete(p.name);
    o.sorted.remove(p.name, p.id);
    o.folded.remove(p.name.toLowerCase(), p.id);
    if (o.byName.size === 0) this.#byOrg.delete(p.orgId);
  }

  /** The project, or 404 GROUP_NOT_FOUND. */
  get(groupId: string): Project {
    const p = this.rows.get(groupId);
    if (!p) throw new AtlasError('GROUP_NOT_FOUND', [groupId]);
    return p;
  }

  findByName(orgId: string, name: string): Project | undefined {
    const id = this.#byOrg.get(orgId)?.byName.get(name);
    return id === undefined ? undefined : this.rows.get(id);
  }

  /**
   * `GET /groups/byName/{name}`: names are unique within an organization only, so the
   * lookup is in the caller's organization. 404 GROUP_NAME_NOT_FOUND otherwise (also for
   * names no project could have, e.g. longer than 64 characters).
   */
  getByName(orgId: string, name: string): Project {
    const p = this.findByName(orgId, name);
    if (!p) throw new AtlasError('GROUP_NAME_NOT_FOUND', [name]);
    return p;
  }

  /** Project ids of one organization, in name order. */
  idsOf(orgId: string): readonly string[] {
    return this.#byOrg.get(orgId)?.sorted.ids ?? [];
  }

  countOf(orgId: string): number {
    return this.#byOrg.get(orgId)?.byName.size ?? 0;
  }

  /**
   * Projects the principal can see, in name order, optionally only those of `orgId` and
   * whose name starts with `namePrefix` (case-insensitive, as documented for
   * `GET /orgs/{orgId}/groups`). An organization role that reaches every project
   * (Organization Owner, Organization Read Only) shows the whole organization: the
   * index is returned as is, so a page costs the same whatever the organization's size.
   * Otherwise only the projects the principal holds a project role in are listed.
   */
  visibleTo(principal: Principal, options: { orgId?: string; namePrefix?: string } = {}): readonly string[] {
    const orgId = options.orgId ?? principal.orgId;
    if (orgId !== principal.orgId) return [];
    const o = this.#byOrg.get(orgId);
    if (!o) return [];
    const prefix = options.namePrefix?.toLowerCase() ?? '';
    if (principal.orgRoles.some((r) => ORG_ROLE_PROJECT_GRANT[r] !== undefined)) {
      return prefix ? o.folded.withPrefix(prefix) : o.sorted.ids;
    }
    const mine: Project[] = [];
    const groupIds = new Set([...Object.keys(principal.groupRoles), ...(principal.teamGroupRoles ?? []).flatMap((t) => Object.keys(t))]);
    for (const groupId of groupIds) {
      const p = this.rows.get(groupId);
      if (p && p.orgId === orgId && groupRolesOf(principal, groupId).length > 0 && p.name.toLowerCase().startsWith(prefix)) mine.push(p);
    }
    const key = (p: Project) => (prefix ? p.name.toLowerCase() : p.name);
    return mine.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1)).map((p) => p.id);
  }

  /**
   * The organization a new project goes into (`orgId` of the request body). Decision:
   * a malformed id gets 404 INVALID_ORG_ID like the same id in a path, an unknown one 404
   * ORG_NOT_FOUND.
   */
  orgForNewProject(orgId: string): string {
    if (!OBJECT_ID.test(orgId)) throw new AtlasError('INVALID_ORG_ID', [orgId]);
    return this.world.orgs.get(orgId).id;
  }

  /**
   * Creates a project. `creator` is the caller: Atlas adds whoever creates a project as
   * its Project Owner.
   */
  create(orgId: string, input: ProjectInput, actor: Actor, creator?: Principal): Project {
    this.world.orgs.get(orgId);
    if (input.projectOwnerId !== undefined && !OBJECT_ID.test(input.projectOwnerId)) throw new AtlasError('INVALID_USER_ID', [input.projectOwnerId]);
    if (!validProjectName(input.name)) throw new AtlasError('INVALID_GROUP_NAME', [input.name]);
    const tags = checkTags(input.tags ?? []);
    if (this.findByName(orgId, input.name)) throw new AtlasError('GROUP_ALREADY_EXISTS', [input.name]);
    const project = this.insert({
      id: this.world.ids.next(),
      orgId,
      name: input.name,
      created: this.world.clock.now(),
      withDefaultAlertsSettings: input.withDefaultAlertsSettings ?? true,
      regionUsageRestrictions: input.regionUsageRestrictions ?? 'COMMERCIAL_FEDRAMP_REGIONS_ONLY',
      tags,
    });
    if (creator) grantCreator(this.world, creator, project.id);
    if (project.withDefaultAlertsSettings) this.world.alertConfigs.addDefaults(project.id);
    const scope = { orgId, groupId: project.id };
    this.world.events.record('GROUP_CREATED', scope, actor);
    // Recorded: creating a project with tags also logs GROUP_TAGS_MODIFIED.
    if (tags.length) this.world.events.record('GROUP_TAGS_MODIFIED', scope, actor, tagEventFields(project.id));
    return project;
  }

  /**
   * PATCH: name and tags only (GroupUpdate). `regionUsageRestrictions` is fixed at
   * creation: GroupUpdate has no such property, so the request contract refuses it as an
   * unknown attribute (400 INVALID_ATTRIBUTE) before this runs.
   *
   * Events: GROUP_TAGS_MODIFIED when the tags change. Renaming logs nothing: the recorded
   * events of a project renamed by PATCH show only GROUP_TAGS_MODIFIED.
   */
  update(groupId: string, input: { name?: string | undefined; tags?: Tag[] | undefined }, actor: Actor): Project {
    const current = this.get(groupId);
    const name = input.name ?? current.name;
    if (!validProjectName(name)) throw new AtlasError('INVALID_GROUP_NAME', [name]);
    const tags = input.tags === undefined ? current.tags : checkTags(input.tags);
    if (name !== current.name && this.findByName(current.orgId, name)) throw new AtlasError('GROUP_ALREADY_EXISTS', [name]);
    const next: Project = { ...current, name, tags };
    this.insert(next);
    if (!sameTags(current.tags, tags)) {
      this.world.events.record('GROUP_TAGS_MODIFIED', { orgId: current.orgId, groupId }, actor, tagEventFields(groupId));
    }
    return next;
  }

  /**
   * Deletes the project with its database users and access list. Refused with 409
   * CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS while it still has clusters (in any state,
   * deleting ones included: they are still in the project until teardown completes),
   * and with 409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES while it has
   * private endpoint services.
   */
  delete(groupId: string, actor: Actor): void {
    const p = this.get(groupId);
    if (this.world.clusters.countIn(groupId) > 0) throw new AtlasError('CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', []);
    if (this.world.peeringConnections.countIn(groupId) > 0) throw new AtlasError('CANNOT_CLOSE_GROUP_ACTIVE_PEERING_CONNECTIONS', []);
    if (this.world.privateEndpointServices.hasServices(groupId)) throw new AtlasError('CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_PRIVATE_ENDPOINT_SERVICES', []);
    this.world.databaseUsers.dropGroup(groupId);
    this.world.peeringConnections.dropGroup(groupId);
    this.world.networkContainers.dropGroup(groupId);
    this.world.privateIpModes.dropGroup(groupId);
    this.world.sampleDatasetLoads.dropGroup(groupId);
    this.world.ipAccessList.dropGroup(groupId);
    for (const slice of [this.world.alerts, this.world.alertConditions, this.world.alertConfigs, this.world.integrations, this.world.projectSecurity, this.world.ldapVerifications, this.world.userCerts, this.world.projectCas, this.world.customDbRoles]) {
      slice.dropGroup(groupId);
    }
    this.world.encryptionAtRest.dropGroup(groupId);
    this.world.encryptionAtRestPrivateEndpoints.dropGroup(groupId);
    this.world.cloudProviderAccess.dropGroup(groupId);
    this.world.networkSettings.dropGroup(groupId);
    this.world.liveMigrations.dropGroup(groupId);
    this.world.liveMigrationValidations.dropGroup(groupId);
    this.#dropAccess(p);
    this.world.projectSettings.dropGroup(groupId);
    // What tools read from the project's clusters (advisor, indexes, metrics, search, outage simulations).
    for (const slice of [this.world.managedSlowMs, this.world.slowQueries, this.world.rollingIndexes, this.world.outageSimulations, this.world.collStats, this.world.searchIndexes, this.world.searchDeployments]) {
      slice.dropGroup(groupId);
    }
    this.remove(groupId);
    this.world.events.record('GROUP_DELETED', { orgId: p.orgId, groupId }, actor);
  }

  /** Who had access to the project through its organization: keys, accounts, users and teams. */
  #dropAccess(p: Project): void {
    for (const principal of [...this.world.apiKeys.listByOrg(p.orgId), ...this.world.serviceAccounts.listByOrg(p.orgId)]) {
      delete principal.groupRoles[p.id];
    }
    this.world.cloudUsers.dropGroup(p.orgId, p.id);
    this.world.teams.dropGroup(p.id);
    for (const i of this.world.invitations.listForOrg(p.orgId)) delete i.groupRoles[p.id];
  }

  /**
   * `POST /groups/{groupId}:migrate`: the project moves to another organization. The
   * caller proves it may act there with an Organization Owner API key of the
   * destination (required of API keys by the document), unless it is itself Organization
   * Owner of both (a user credential). Decisions: a missing or wrong destination key is
   * 401 USER_UNAUTHORIZED, like any missing role; a name already used in the destination
   * is 409 GROUP_ALREADY_EXISTS. Project users keep their roles (they become Organization
   * Members of the destination); keys, service accounts and teams of the source
   * organization lose theirs, since they cannot reach another organization.
   */
  migrate(groupId: string, input: { destinationOrgId?: string | undefined; publicKey?: string | undefined; privateKey?: string | undefined }, caller: Principal, actor: Actor): Project {
    const p = this.get(groupId);
    if (input.destinationOrgId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['destinationOrgId']);
    const destination = this.orgForNewProject(input.destinationOrgId);
    if (destination === p.orgId) return p;
    const key = input.publicKey === undefined ? undefined : this.world.apiKeys.findByPublicKey(input.publicKey);
    const keyAllows = key !== undefined && key.privateKey === input.privateKey && key.orgId === destination && key.orgRoles.includes('ORG_OWNER');
    const userAllows = caller.userId !== undefined && this.world.cloudUsers.find(caller.userId)?.memberships[destination]?.orgRoles.includes('ORG_OWNER') === true;
    if (!keyAllows && !userAllows) throw new AtlasError('USER_UNAUTHORIZED', []);
    if (this.findByName(destination, p.name)) throw new AtlasError('GROUP_ALREADY_EXISTS', [p.name]);
    const projectUsers = this.world.cloudUsers.membersOf(p.orgId).filter((u) => u.memberships[p.orgId]!.groupRoles[groupId]?.length);
    const carried = projectUsers.map((u) => ({ user: u, roles: u.memberships[p.orgId]!.groupRoles[groupId]! }));
    this.#dropAccess(p);
    const moved = this.insert({ ...p, orgId: destination });
    for (const { user, roles } of carried) {
      if (user.memberships[destination]) user.memberships[destination].groupRoles[groupId] = roles;
      else this.world.cloudUsers.join({ userId: user.id, username: user.username, orgId: destination, orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } }, {}, actor);
    }
    this.world.events.record('GROUP_MOVED_FROM_ORG', { orgId: p.orgId }, actor, { resourceId: groupId, resourceType: 'project' });
    return moved;
  }
}

/**
 * "When you create a project, you are added as Project Owner for the project" (Atlas
 * documentation). A creator whose organization role already makes it owner of every
 * project (Organization Owner) needs nothing more; any other creator (Organization
 * Project Creator) gets GROUP_OWNER on the new project, on its API key or service account
 * record, so that it can manage what it made.
 */
function grantCreator(world: World, principal: Principal, groupId: string): void {
  if (principal.orgRoles.some((r) => ORG_ROLE_PROJECT_GRANT[r] === 'GROUP_OWNER')) return;
  const record = principal.kind === 'API_KEY' ? world.apiKeys.find(principal.id) : world.serviceAccounts.find(principal.id);
  if (record) record.groupRoles[groupId] = ['GROUP_OWNER'];
}

function checkTags(tags: readonly Tag[]): Tag[] {
  if (tags.length > MAX_PROJECT_TAGS) throw new AtlasError('TOO_MANY_GROUP_TOKENS', [MAX_PROJECT_TAGS]);
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i]!.key && t.value === b[i]!.value);
}

/** As recorded on GROUP_TAGS_MODIFIED. */
function tagEventFields(groupId: string): Record<string, unknown> {
  return { resourceId: groupId, resourceType: 'project' };
}
