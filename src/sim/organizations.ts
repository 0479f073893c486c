import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { World } from './world.js';

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
    const org = this.insert({
      id: this.world.ids.next(),
      name,
      created: this.world.clock.now(),
      skipDefaultAlertsSettings: input.skipDefaultAlertsSettings ?? false,
    });
    // Every organization starts in a federation of its own (see federation.ts).
    this.world.federatedAuth.createFor(org.id);
    return org;
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
}
