import { expect } from 'vitest';
import { body20240805, makeProject } from '../../support/clusters.js';
import type { TestAtlas } from '../../support/harness.js';
import type { TenantCredentials } from '../../../src/sim/tenants.js';
import type { GroupRole } from '../../../contracts/api/roles.js';
import type { RegionUsageRestrictions } from '../../../src/sim/projects.js';

/** Backup test helpers: an IDLE cluster with cloud backup, in a project of either designation. */

export const READ = '2024-08-05';

let seq = 0;

export interface BackedUpCluster {
  groupId: string;
  name: string;
  path: string;
}

/** A project with one cluster (backup on unless said otherwise), created and left to become IDLE. */
export async function backedUpCluster(
  atlas: TestAtlas,
  o: { restriction?: RegionUsageRestrictions; groupId?: string; provider?: string; region?: string; backup?: boolean; pit?: boolean; shards?: number } = {},
): Promise<BackedUpCluster> {
  const restriction = o.restriction ?? 'GOV_REGIONS_ONLY';
  const groupId = o.groupId ?? makeProject(atlas, restriction);
  const name = `bk-${process.pid % 1000}-${++seq}`;
  const region = o.region ?? (restriction === 'GOV_REGIONS_ONLY' ? (o.provider === 'GCP' ? 'EASTERN_US_AW' : 'US_GOV_WEST_1') : 'US_EAST_1');
  const body = body20240805(name, {
    provider: o.provider ?? 'AWS',
    region,
    ...(o.shards !== undefined && { shards: o.shards }),
    extra: { backupEnabled: o.backup ?? true, ...(o.pit && { pitEnabled: true }) },
  });
  const res = await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body });
  expect(res.status, res.text).toBe(201);
  return { groupId, name, path: `/groups/${groupId}/clusters/${name}` };
}

/**
 * Lets the clock run until every cluster created so far is IDLE (the default create delay
 * is seconds) and the first snapshot, taken when backup starts, is complete (90 s).
 */
export function settleClusters(atlas: TestAtlas): void {
  atlas.advance(120);
}

/** A Digest API key of the default organization with these project roles only. */
export function keyWith(atlas: TestAtlas, roles: Record<string, GroupRole[]>): { tenant: TenantCredentials; auth: 'digest' } {
  const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: 'backup roles', orgRoles: ['ORG_MEMBER'], groupRoles: roles });
  return { tenant: { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}
