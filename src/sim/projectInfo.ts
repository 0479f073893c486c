import { DEFAULT_MONGODB_MAJOR_VERSION, MONGODB_VERSIONS } from './clusterConfiguration.js';
import { checkProvider, offeredTiers, type GovProvider } from './govRules.js';
import { INSTANCE_SIZES } from '../../contracts/api/vocabulary.js';
import type { World } from './world.js';

/** Dedicated tiers: free, shared and Flex ones have no versions of their own to list. */
type InstanceSize = Exclude<(typeof INSTANCE_SIZES)[number], 'M0' | 'M2' | 'M5' | 'FLEX'>;
const NOT_DEDICATED: readonly string[] = ['M0', 'M2', 'M5', 'FLEX'];
const isInstanceSize = (name: string): name is InstanceSize => (INSTANCE_SIZES as readonly string[]).includes(name) && !NOT_DEDICATED.includes(name);

/**
 * Read-only facts about a project that Atlas computes rather than stores: the IP
 * addresses of its clusters and the MongoDB versions new clusters may use.
 */

export interface ClusterAddresses {
  clusterName: string;
  inbound: string[];
  outbound: string[];
  futureInbound: string[];
  futureOutbound: string[];
}

/**
 * Addresses of every cluster in the project (`GET /groups/{groupId}/ipAddresses`).
 * Decision: the simulator has no network, so each cluster gets three inbound addresses
 * (one per node of a replica set) and one outbound address, derived from its id so they
 * are stable; no addresses are planned (`future*` empty).
 */
export function projectAddresses(world: World, groupId: string): ClusterAddresses[] {
  world.projects.get(groupId);
  return world.clusters.listIn(groupId).map((c) => {
    const b = (i: number) => parseInt(c.id.slice(18 + i * 2, 20 + i * 2), 16);
    const base = `3.${b(0) % 224}.${b(1)}`;
    return {
      clusterName: c.name,
      inbound: [0, 1, 2].map((n) => `${base}.${(b(2) + n * 64) % 256}`),
      outbound: [`${base}.${(b(2) + 200) % 256}`],
      futureInbound: [],
      futureOutbound: [],
    };
  });
}

export interface AvailableVersion {
  cloudProvider: GovProvider;
  instanceSize: InstanceSize;
  version: string;
  isDefault: boolean;
}

/**
 * `GET /groups/{groupId}/mongoDBVersions`: every major version Atlas offers, on every
 * provider and tier Atlas for Government offers. Filters as documented; an Azure filter
 * is 400 INVALID_PROVIDER as everywhere in Gov, and TENANT (free and shared tiers, absent
 * from Gov) lists nothing.
 */
export function availableVersions(world: World, groupId: string, filter: { cloudProvider?: string | undefined; instanceSize?: string | undefined; defaultStatus?: string | undefined }): AvailableVersion[] {
  world.projects.get(groupId);
  if (filter.cloudProvider === 'TENANT') return [];
  if (filter.cloudProvider !== undefined) checkProvider(filter.cloudProvider);
  const providers: GovProvider[] = filter.cloudProvider ? [filter.cloudProvider] : ['AWS', 'GCP'];
  const out: AvailableVersion[] = [];
  for (const cloudProvider of providers) {
    for (const tier of offeredTiers(cloudProvider)) {
      const instanceSize = tier.name;
      if (!isInstanceSize(instanceSize) || (filter.instanceSize !== undefined && instanceSize !== filter.instanceSize)) continue;
      for (const version of Object.keys(MONGODB_VERSIONS)) {
        const isDefault = version === DEFAULT_MONGODB_MAJOR_VERSION;
        if (filter.defaultStatus === 'DEFAULT' && !isDefault) continue;
        out.push({ cloudProvider, instanceSize, version, isDefault });
      }
    }
  }
  return out;
}
