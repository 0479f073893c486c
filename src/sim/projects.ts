import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

/**
 * Atlas for Government region designation of a project, fixed at creation
 * (wire-facts E): FedRAMP Moderate commercial regions, or GovCloud / Assured Workloads.
 */
export const REGION_USAGE_RESTRICTIONS = ['COMMERCIAL_FEDRAMP_REGIONS_ONLY', 'GOV_REGIONS_ONLY'] as const;
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

/** Projects (groups): the unit that holds clusters, database users and access lists. */
export class Projects extends Table<Project> {
  /** orgId -> (name -> id), in creation order: lists page without scanning other orgs. */
  readonly #byOrg = new Map<string, Map<string, string>>();

  constructor(private readonly world: World) {
    super('projects', ProjectRecord, (p) => p.id, (p) => ({ orgId: p.orgId, groupId: p.id }));
  }

  protected override onInsert(p: Project): void {
    let names = this.#byOrg.get(p.orgId);
    if (!names) this.#byOrg.set(p.orgId, (names = new Map()));
    names.set(p.name, p.id);
  }

  protected override onRemove(p: Project): void {
    this.#byOrg.get(p.orgId)?.delete(p.name);
  }

  /** The project, or 404 GROUP_NOT_FOUND. */
  get(groupId: string): Project {
    const p = this.rows.get(groupId);
    if (!p) throw new AtlasError('GROUP_NOT_FOUND', [groupId]);
    return p;
  }

  findByName(orgId: string, name: string): Project | undefined {
    const id = this.#byOrg.get(orgId)?.get(name);
    return id === undefined ? undefined : this.rows.get(id);
  }

  /** Project ids of one organization, in creation order. */
  idsOf(orgId: string): IterableIterator<string> {
    return (this.#byOrg.get(orgId) ?? new Map<string, string>()).values();
  }

  countOf(orgId: string): number {
    return this.#byOrg.get(orgId)?.size ?? 0;
  }

  create(
    orgId: string,
    input: { name: string; regionUsageRestrictions?: RegionUsageRestrictions; withDefaultAlertsSettings?: boolean; tags?: Tag[] },
    actor: Actor,
  ): Project {
    this.world.orgs.get(orgId);
    if (this.findByName(orgId, input.name)) throw new AtlasError('GROUP_ALREADY_EXISTS', [input.name]);
    const project = this.insert({
      id: this.world.ids.next(),
      orgId,
      name: input.name,
      created: this.world.clock.now(),
      withDefaultAlertsSettings: input.withDefaultAlertsSettings ?? true,
      regionUsageRestrictions: input.regionUsageRestrictions ?? 'COMMERCIAL_FEDRAMP_REGIONS_ONLY',
      tags: input.tags ?? [],
    });
    this.world.events.record('GROUP_CREATED', { orgId, groupId: project.id }, actor);
    return project;
  }

  delete(groupId: string, actor: Actor): void {
    const p = this.get(groupId);
    this.remove(groupId);
    this.world.events.record('GROUP_DELETED', { orgId: p.orgId, groupId }, actor);
  }
}
