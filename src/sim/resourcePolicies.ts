import { z } from 'zod';
import { compilePolicy, forbids, PolicyError, regionEntityId, type CompiledPolicy, type PolicyAction, type PolicyContext } from './cedarPolicy.js';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import type { Principal } from './principals.js';
import { Table } from './table.js';
import type { World } from './world.js';

const UserRef = z.object({ id: z.string(), name: z.string() });

/**
 * An Atlas resource policy of an organization: a named list of Cedar policies
 * (`cedarPolicy.ts`) that forbid configurations in every project of the organization.
 */
export const ResourcePolicyRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  policies: z.array(z.object({ id: z.string(), body: z.string() })),
  created: z.number(),
  createdBy: UserRef,
  updated: z.number(),
  updatedBy: UserRef,
  /** Counts the changes: the wire's `version` is `v<n>`. */
  version: z.number(),
});
export type ResourcePolicy = z.infer<typeof ResourcePolicyRecord>;

/**
 * Decision: the longest policy body accepted. The document names the refusal
 * (POLICY_HAS_BODY_EXCEEDING_MAX_SIZE) but not the limit; 10,000 characters is far above
 * every documented example.
 */
export const MAX_POLICY_BODY_CHARS = 10_000;

/** A resource that a policy forbids, as `nonCompliantResources` lists it. */
export interface NonCompliantResource {
  resourceType: 'CLUSTER' | 'PROJECT';
  resourceId: string;
  resourceName: string;
  causes: Array<{ policy: ResourcePolicy; policyIds: string[] }>;
}

/** What the cluster rules pass in: the providers and regions of its region configurations. */
export interface ClusterPlacement {
  providerName: string;
  regionName: string;
}

/**
 * The organization's resource policies, and their enforcement.
 *
 * Rules (MongoDB's "Atlas Resource Policies" page): policies are organization-wide and
 * apply to every project; resources are permitted unless a policy forbids them; each
 * resource policy needs a unique name in its organization (400); identical policies
 * under different names are allowed. Enforcement happens when a cluster is created or
 * changed (`cluster.createEdit`) and when the IP access list changes (`project.edit`);
 * resources that a later policy forbids are left alone and listed as non-compliant.
 *
 * Decisions where the facts are silent:
 * - Refused bodies answer 400 with the document's `errorType` as the error code
 *   (POLICY_PARSING_ERROR, POLICY_HAS_FAILED_VALIDATIONS, ...) and the Cedar message as the
 *   detail, in the standard error body every client parses.
 * - A change a policy forbids is 400 RESOURCE_POLICY_VIOLATION naming the resource
 *   policy; the request changes nothing.
 * - Atlas for Government: the feature matrix does not list resource policies among the
 *   unavailable features, and the Government API is documented as the Atlas API on
 *   another host, so they are offered.
 */
export class ResourcePolicies extends Table<ResourcePolicy> {
  readonly #byOrg = new Map<string, Map<string, string>>();
  readonly #compiled = new Map<string, CompiledPolicy>();

  constructor(private readonly world: World) {
    super('resourcePolicies', ResourcePolicyRecord, (r) => r.id, (r) => ({ orgId: r.orgId }));
  }

  protected override onInsert(r: ResourcePolicy): void {
    let names = this.#byOrg.get(r.orgId);
    if (!names) this.#byOrg.set(r.orgId, (names = new Map()));
    names.set(r.name, r.id);
  }

  protected override onRemove(r: ResourcePolicy): void {
    const names = this.#byOrg.get(r.orgId);
    if (names?.get(r.name) === r.id) names.delete(r.name);
  }

  /** The organization's policies in creation order. */
  listIn(orgId: string): ResourcePolicy[] {
    this.world.orgs.get(orgId);
    const ids = [...(this.#byOrg.get(orgId)?.values() ?? [])];
    return ids.map((id) => this.rows.get(id)!).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  }

  /** The policy, or 404 RESOURCE_POLICY_NOT_FOUND (also for a malformed id or one of another organization). */
  get(orgId: string, id: string): ResourcePolicy {
    this.world.orgs.get(orgId);
    const r = OBJECT_ID.test(id) ? this.rows.get(id) : undefined;
    if (!r || r.orgId !== orgId) throw new AtlasError('RESOURCE_POLICY_NOT_FOUND', [id]);
    return r;
  }

  /** Checks the bodies as create would, and answers what create would store, storing nothing. */
  validate(orgId: string, input: { name: string; description?: string | undefined; policies: Array<{ body: string }> }, caller: Principal): ResourcePolicy {
    this.world.orgs.get(orgId);
    return this.#build(orgId, input, caller);
  }

  create(orgId: string, input: { name: string; description?: string | undefined; policies: Array<{ body: string }> }, caller: Principal): ResourcePolicy {
    this.world.orgs.get(orgId);
    this.#checkName(orgId, input.name);
    const r = this.#build(orgId, input, caller);
    this.insert(r);
    return r;
  }

  update(orgId: string, id: string, input: { name?: string | undefined; description?: string | undefined; policies?: Array<{ body: string }> | undefined }, caller: Principal): ResourcePolicy {
    const r = this.get(orgId, id);
    const name = input.name ?? r.name;
    if (name !== r.name) this.#checkName(orgId, name);
    // Unchanged bodies keep their ids, so that non-compliance reports stay comparable.
    const policies = input.policies === undefined ? r.policies : this.#compileAll(input.policies, r.policies);
    const description = input.description ?? r.description;
    const next: ResourcePolicy = { ...r, name, ...(description !== undefined && { description }), policies, updated: this.world.clock.now(), updatedBy: userRef(caller), version: r.version + 1 };
    this.insert(next);
    return next;
  }

  delete(orgId: string, id: string): void {
    this.remove(this.get(orgId, id).id);
  }

  /** 400 RESOURCE_POLICY_VIOLATION when a policy of the project's organization forbids this cluster placement. */
  checkCluster(groupId: string, placements: readonly ClusterPlacement[]): void {
    const orgId = this.world.projects.get(groupId).orgId;
    this.#enforce(orgId, 'cluster.createEdit', clusterContext(placements));
  }

  /** 400 RESOURCE_POLICY_VIOLATION when a policy forbids the project's IP access list as it would become. */
  checkIpAccessList(groupId: string, entries: readonly string[]): void {
    const orgId = this.world.projects.get(groupId).orgId;
    this.#enforce(orgId, 'project.edit', { project: { ipAccessList: new Set(entries) } });
  }

  /** Clusters and projects of the organization that its policies forbid as they are now. */
  nonCompliant(orgId: string): NonCompliantResource[] {
    const policies = this.listIn(orgId);
    if (policies.length === 0) return [];
    const out: NonCompliantResource[] = [];
    for (const groupId of this.world.projects.idsOf(orgId)) {
      const project = this.world.projects.get(groupId);
      const entries = this.world.ipAccessList.listIn(groupId).map((e) => e.entry);
      const projectCauses = this.#causes(policies, 'project.edit', { project: { ipAccessList: new Set(entries) } });
      if (projectCauses.length) out.push({ resourceType: 'PROJECT', resourceId: groupId, resourceName: project.name, causes: projectCauses });
      for (const c of this.world.clusters.listIn(groupId)) {
        const causes = this.#causes(policies, 'cluster.createEdit', clusterContext(c.shards.flatMap((s) => s.regionConfigs)));
        if (causes.length) out.push({ resourceType: 'CLUSTER', resourceId: c.id, resourceName: c.name, causes });
      }
    }
    return out;
  }

  #enforce(orgId: string, action: PolicyAction, ctx: PolicyContext): void {
    const ids = this.#byOrg.get(orgId);
    if (!ids || ids.size === 0) return;
    const causes = this.#causes(this.listIn(orgId), action, ctx);
    if (causes.length) throw new AtlasError('RESOURCE_POLICY_VIOLATION', [causes[0]!.policy.name, causes[0]!.policyIds[0]]);
  }

  #causes(policies: readonly ResourcePolicy[], action: PolicyAction, ctx: PolicyContext): NonCompliantResource['causes'] {
    const out: NonCompliantResource['causes'] = [];
    for (const r of policies) {
      const policyIds = r.policies.filter((p) => forbids(this.#compile(p.body), action, ctx)).map((p) => p.id);
      if (policyIds.length) out.push({ policy: r, policyIds });
    }
    return out;
  }

  #checkName(orgId: string, name: string): void {
    if (this.#byOrg.get(orgId)?.has(name)) throw new AtlasError('DUPLICATE_POLICY_NAME', []);
  }

  #build(orgId: string, input: { name: string; description?: string | undefined; policies: Array<{ body: string }> }, caller: Principal): ResourcePolicy {
    const name = input.name;
    if (!name.trim()) throw new AtlasError('INVALID_ATTRIBUTE', ['name']);
    const now = this.world.clock.now();
    return {
      id: this.world.ids.next(),
      orgId,
      name,
      ...(input.description !== undefined && { description: input.description }),
      policies: this.#compileAll(input.policies, []),
      created: now,
      createdBy: userRef(caller),
      updated: now,
      updatedBy: userRef(caller),
      version: 1,
    };
  }

  #compileAll(bodies: Array<{ body: string }>, current: ResourcePolicy['policies']): ResourcePolicy['policies'] {
    if (bodies.length === 0) throw new AtlasError('MISSING_ATTRIBUTE', ['policies']);
    return bodies.map(({ body }) => {
      if (body.length > MAX_POLICY_BODY_CHARS) {
        throw new AtlasError('POLICY_HAS_BODY_EXCEEDING_MAX_SIZE', [MAX_POLICY_BODY_CHARS]);
      }
      try {
        this.#compile(body);
      } catch (e) {
        if (e instanceof PolicyError) throw new AtlasError(e.errorType, [body], { detail: e.message });
        throw e;
      }
      return { id: current.find((p) => p.body === body)?.id ?? this.world.ids.next(), body };
    });
  }

  /** Compiled bodies are cached: enforcement runs on every cluster and access-list change. */
  #compile(body: string): CompiledPolicy {
    let c = this.#compiled.get(body);
    if (!c) {
      c = compilePolicy(body);
      if (this.#compiled.size > 1000) this.#compiled.clear();
      this.#compiled.set(body, c);
    }
    return c;
  }
}

function userRef(p: Principal): { id: string; name: string } {
  return { id: OBJECT_ID.test(p.id) ? p.id : p.id.replace(/^mdb_sa_id_/, ''), name: p.name };
}

function clusterContext(placements: readonly ClusterPlacement[]): PolicyContext {
  return {
    cluster: {
      cloudProviders: new Set(placements.map((r) => r.providerName.toLowerCase())),
      regions: new Set(placements.map((r) => regionEntityId(r.providerName, r.regionName))),
    },
  };
}
