import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import { API_KEY_DESC_MAX, type ApiKey } from './apiKeys.js';
import type { Principal } from './principals.js';
import type { OrgRole } from './roles.js';
import type { Actor, World } from './world.js';

export const OrganizationRecord = z.object({
  id: z.string(),
  name: z.string(),
  /** Epoch ms on the simulation clock. */
  created: z.number(),
  skipDefaultAlertsSettings: z.boolean(),
  /**
   * For tenants made by the simulator: the credentials made with the tenant, as they were
   * made. A tenant reset puts them back (see tenants.ts). Plain JSON, checked there.
   */
  tenant: z.object({ apiKey: z.unknown(), serviceAccount: z.unknown() }).optional(),
});
export type Organization = z.infer<typeof OrganizationRecord>;

/** Organizations: the tenants of the simulator. Each holds projects, API keys and service accounts. */
export class Organizations extends Table<Organization> {
  constructor(private readonly world: World) {
    super('organizations', OrganizationRecord, (o) => o.id, (o) => ({ orgId: o.id }));
  }

  create(input: { name: string; skipDefaultAlertsSettings?: boolean }): Organization {
    const name = input.name.trim();
    if (!name || name.length > 64) throw new AtlasError('INVALID_ORG_NAME', [input.name]);
    return this.insert({
      id: this.world.ids.next(),
      name,
      created: this.world.clock.now(),
      skipDefaultAlertsSettings: input.skipDefaultAlertsSettings ?? false,
    });
  }

  /** The organization, or 404 ORG_NOT_FOUND. */
  get(orgId: string): Organization {
    const org = this.find(orgId);
    if (!org) throw new AtlasError('ORG_NOT_FOUND', [orgId]);
    return org;
  }

  /** In creation order (ids are time-ordered, and the map keeps insertion order). */
  list(): Organization[] {
    return [...this.rows.values()];
  }

  delete(orgId: string): void {
    this.remove(orgId);
  }

  /**
   * `POST /orgs`: a new organization linked to the caller's, with its first Organization
   * Owner: the user `orgOwnerId` names, who must be a member of the caller's organization
   * (404 USER_NOT_IN_ORG otherwise). The document requires that user when the caller is an
   * API key (400 MISSING_ATTRIBUTE). `apiKey` also makes an API key of the new
   * organization, returned with its private key: the only credential that reaches it at
   * once (a principal belongs to one organization).
   */
  createLinked(
    caller: Principal,
    input: { name: string; orgOwnerId?: string | undefined; skipDefaultAlertsSettings?: boolean | undefined; apiKey?: { desc: string; roles: OrgRole[] } | undefined },
    actor: Actor,
  ): { org: Organization; ownerId: string | undefined; apiKey: ApiKey | undefined } {
    if (!ORG_NAME.test(input.name)) throw new AtlasError('INVALID_ORG_NAME', [input.name]);
    if (input.orgOwnerId === undefined && caller.kind === 'API_KEY' && caller.userId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['orgOwnerId']);
    const ownerId = input.orgOwnerId ?? caller.userId;
    const owner = ownerId === undefined ? undefined : this.world.cloudUsers.membership(caller.orgId, ownerId).user;
    if (input.apiKey) {
      if (input.apiKey.desc.trim() === '' || input.apiKey.desc.length > API_KEY_DESC_MAX) throw new AtlasError('INVALID_API_KEY_DESC', [API_KEY_DESC_MAX]);
      if (input.apiKey.roles.length === 0) throw new AtlasError('MISSING_API_KEY_ROLES', []);
    }
    const org = this.create({ name: input.name, skipDefaultAlertsSettings: input.skipDefaultAlertsSettings });
    this.world.events.record('ORG_CREATED', { orgId: org.id }, actor);
    if (owner) this.world.cloudUsers.join({ userId: owner.id, username: owner.username, orgId: org.id, orgRoles: ['ORG_OWNER'], groupRoles: {} }, {}, actor);
    const apiKey = input.apiKey ? this.world.apiKeys.create(org.id, input.apiKey, actor) : undefined;
    return { org, ownerId: owner?.id, apiKey };
  }

  /** `PATCH /orgs/{orgId}`: the name only (the other attributes are read-only or fixed). */
  rename(orgId: string, name: string, actor: Actor): Organization {
    const org = this.get(orgId);
    if (!ORG_NAME.test(name)) throw new AtlasError('INVALID_ORG_NAME', [name]);
    if (name === org.name) return org;
    const next = this.insert({ ...org, name });
    this.world.events.record('ORG_RENAMED', { orgId }, actor);
    return next;
  }

  /** `DELETE /orgs/{orgId}`: "organizations with active projects cannot be removed" (409 ORG_NOT_EMPTY). */
  deleteEmpty(orgId: string): void {
    this.get(orgId);
    if (this.world.projects.countOf(orgId) > 0) throw new AtlasError('ORG_NOT_EMPTY', []);
    this.world.dropOrg(orgId);
  }
}

/**
 * The document's pattern for organization names (AtlasOrganization.name), plus the
 * space: the same decision as for project names (projects.ts), since real organization
 * names have spaces.
 */
const ORG_NAME = /^(?! *$)[\p{L}\p{N}\-_.(),:&@+' ]{1,64}$/u;
