import { z } from 'zod';
import { AtlasError } from './errors.js';
import { checkProvider, checkRegion, offeredRegions, type GovProvider } from './govRules.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { RegionConfig } from './clusterRecords.js';
import type { World } from './world.js';

/**
 * Network peering containers: the Atlas side of a project's private network, one per
 * AWS region and one for all of GCP (Azure does not exist in Atlas for Government).
 *
 * - A dedicated cluster needs one: the first cluster in a region with none creates it
 *   with a default block, and it reads `provisioned: true` once a cluster in it is up
 *   (hosts deployed), until the last one is gone (wire-facts-wave2 1.2).
 * - Containers can also be created ahead, to choose the block before any cluster.
 * - The block is an RFC 1918 IPv4 block in canonical form, /21 to /24 on AWS, /18 or
 *   larger on GCP (/21 to /24 for a GCP container limited to some regions), and may not
 *   overlap another container of the project. It is locked once a cluster or a peering
 *   connection uses the container, which can then not be deleted either (409
 *   CONTAINERS_IN_USE, which Terraform retries on).
 */
export const ContainerRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  providerName: z.enum(['AWS', 'GCP']),
  atlasCidrBlock: z.string(),
  /** AWS only. */
  regionName: z.string().optional(),
  /** GCP only: regions the container is limited to (absent: all). */
  regions: z.array(z.string()).optional(),
  /** AWS: the Atlas VPC. */
  vpcId: z.string().optional(),
  /** GCP: the Atlas project and network, shown once a cluster uses the container. */
  gcpProjectId: z.string().optional(),
  networkName: z.string().optional(),
  deleteAfter: z.number().optional(),
});
export type Container = z.infer<typeof ContainerRecord>;

export interface ContainerInput {
  providerName?: string | undefined;
  atlasCidrBlock?: string | undefined;
  regionName?: string | undefined;
  regions?: string[] | undefined;
}

/** Default blocks of containers Atlas creates for a cluster (wire-facts-wave2 1.2, [M] for AWS, [L] for GCP). */
const DEFAULT_BLOCK: Record<GovProvider, { first: string; prefix: number }> = {
  AWS: { first: '192.168.248.0', prefix: 21 },
  GCP: { first: '192.168.0.0', prefix: 18 },
};

/** RFC 1918. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseIpv4Block(c)!);

export interface Block {
  start: number;
  prefix: number;
}

function ipv4ToInt(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

const intToIpv4 = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const sizeOf = (prefix: number): number => 2 ** (32 - prefix);

/** `a.b.c.d/n` as given (host bits kept), or null when it is no IPv4 block. */
export function parseIpv4Block(text: string): Block | null {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const start = ipv4ToInt(m[1]!);
  const prefix = Number(m[2]);
  if (start === null || prefix > 32) return null;
  return { start, prefix };
}

const canonicalStart = (b: Block): number => b.start - (b.start % sizeOf(b.prefix));
const within = (inner: Block, outer: Block): boolean => inner.prefix >= outer.prefix && canonicalStart(inner) - canonicalStart(outer) >= 0 && canonicalStart(inner) + sizeOf(inner.prefix) <= canonicalStart(outer) + sizeOf(outer.prefix);
export const overlaps = (a: Block, b: Block): boolean => canonicalStart(a) < canonicalStart(b) + sizeOf(b.prefix) && canonicalStart(b) < canonicalStart(a) + sizeOf(a.prefix);

/** True when the block lies in an RFC 1918 range. */
export const isPrivateBlock = (b: Block): boolean => PRIVATE_RANGES.some((r) => within(b, r));

/** Checks a container block for a provider; returns it parsed. */
function checkBlock(text: string, provider: GovProvider, limitedRegions: boolean): Block {
  const b = parseIpv4Block(text);
  if (!b) throw new AtlasError('INVALID_CIDR_BLOCK', [text]);
  const canonical = `${intToIpv4(canonicalStart(b))}/${b.prefix}`;
  if (canonical !== text) throw new AtlasError('ATLAS_NON_CANONICAL_CIDR_BLOCK', [text, canonical]);
  if (!isPrivateBlock(b)) throw new AtlasError('ATLAS_INVALID_CIDR_RANGE', [text]);
  if (provider === 'AWS' && (b.prefix < 21 || b.prefix > 24)) throw new AtlasError('ATLAS_INVALID_CIDR_BLOCK', [text, '21 to /24', provider]);
  if (provider === 'GCP' && limitedRegions && (b.prefix < 21 || b.prefix > 24)) throw new AtlasError('ATLAS_INVALID_CIDR_BLOCK_FOR_SMALL_CONTAINER', []);
  if (provider === 'GCP' && !limitedRegions && b.prefix > 18) throw new AtlasError('ATLAS_INVALID_CIDR_BLOCK', [text, '18 or larger', provider]);
  return b;
}

export class NetworkContainers extends ProjectScopedTable<Container> {
  constructor(private readonly world: World) {
    super('networkContainers', ContainerRecord, (c) => c.id, world.clock);
  }

  /** The container, or 404 CLOUD_PROVIDER_CONTAINER_NOT_FOUND. */
  get(groupId: string, id: string): Container {
    this.world.projects.get(groupId);
    const c = this.find(id);
    if (!c || c.groupId !== groupId) throw new AtlasError('CLOUD_PROVIDER_CONTAINER_NOT_FOUND', [id]);
    return c;
  }

  /** The project's containers, optionally of one provider, in creation order. */
  list(groupId: string, provider?: string): Container[] {
    const all = this.listIn(groupId);
    return provider === undefined ? all : all.filter((c) => c.providerName === provider);
  }

  /** Clusters of the project placed in the container (any state). */
  #clustersIn(c: Container) {
    return this.world.clusters.listIn(c.groupId).filter((cl) => cl.shards.some((s) => s.regionConfigs.some((rc) => servedBy(c, rc))));
  }

  /** True once a cluster in the container has been deployed, until none is left. */
  provisioned(c: Container): boolean {
    return this.#clustersIn(c).some((cl) => cl.hostsReady);
  }

  /** True while a cluster exists in the container (GCP shows its network then). */
  hasClusters(c: Container): boolean {
    return this.#clustersIn(c).length > 0;
  }

  /** Why the container may not change its block or be deleted, or undefined. */
  #inUse(c: Container): string | undefined {
    if (this.#clustersIn(c).length > 0) return `Container ${c.id} has clusters`;
    if (this.world.peeringConnections.usingContainer(c.groupId, c.id)) return `Container ${c.id} has peering connections`;
    return undefined;
  }

  create(groupId: string, input: ContainerInput): Container {
    const project = this.world.projects.get(groupId);
    const provider = checkContainerProvider(input.providerName ?? 'AWS', project.regionUsageRestrictions);
    if (input.atlasCidrBlock === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['atlasCidrBlock']);
    let regionName: string | undefined;
    let regions: string[] | undefined;
    if (provider === 'AWS') {
      if (input.regions !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['regions']);
      if (input.regionName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['regionName']);
      regionName = input.regionName;
      checkRegion(project.regionUsageRestrictions, provider, regionName);
    } else {
      if (input.regionName !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['regionName']);
      regions = input.regions && input.regions.length ? [...new Set(input.regions)] : undefined;
      for (const r of regions ?? []) checkRegion(project.regionUsageRestrictions, provider, r);
    }
    const block = checkBlock(input.atlasCidrBlock, provider, regions !== undefined);
    const existing = this.listIn(groupId);
    if (existing.some((c) => c.providerName === provider && (provider === 'GCP' || c.regionName === regionName))) {
      throw new AtlasError('CONTAINER_ALREADY_EXISTS', [groupId]);
    }
    this.#checkOverlap(existing, block, input.atlasCidrBlock);
    return this.#insertNew(groupId, provider, input.atlasCidrBlock, regionName, regions);
  }

  #checkOverlap(others: readonly Container[], block: Block, text: string): void {
    if (others.some((o) => overlaps(parseIpv4Block(o.atlasCidrBlock)!, block))) throw new AtlasError('OVERLAPPING_ATLAS_CIDR_BLOCK', [text]);
  }

  #insertNew(groupId: string, provider: GovProvider, atlasCidrBlock: string, regionName?: string, regions?: string[]): Container {
    const r = this.world.random;
    const c: Container = {
      id: this.world.ids.next(),
      groupId,
      providerName: provider,
      atlasCidrBlock,
      ...(regionName !== undefined && { regionName }),
      ...(regions !== undefined && { regions }),
      ...(provider === 'AWS'
        ? { vpcId: `vpc-${r.hex(17)}` }
        : { gcpProjectId: `p-${r.chars(24, '0123456789abcdefghijklmnopqrstuvwxyz')}`, networkName: `nt-${r.hex(24)}-${r.chars(8, '0123456789abcdefghijklmnopqrstuvwxyz')}` }),
    };
    return this.insert(c);
  }

  /**
   * Changes a container's block (and a GCP container's regions). The region of an AWS
   * container cannot change; nothing changes while the container is in use.
   */
  update(groupId: string, id: string, input: ContainerInput): Container {
    const c = this.get(groupId, id);
    const project = this.world.projects.get(groupId);
    if (input.providerName !== undefined && input.providerName !== c.providerName) {
      checkContainerProvider(input.providerName, project.regionUsageRestrictions);
      throw new AtlasError('INVALID_ATTRIBUTE', ['providerName']);
    }
    if (c.providerName === 'AWS' && input.regionName !== undefined && input.regionName !== c.regionName) throw new AtlasError('CANNOT_CHANGE_CONTAINER_REGION', []);
    if (c.providerName === 'GCP' && input.regionName !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['regionName']);
    if (c.providerName === 'AWS' && input.regions !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', ['regions']);
    const regions = c.providerName === 'GCP' && input.regions !== undefined ? (input.regions.length ? [...new Set(input.regions)] : undefined) : c.regions;
    for (const r of regions ?? []) checkRegion(project.regionUsageRestrictions, 'GCP', r);
    const cidr = input.atlasCidrBlock ?? c.atlasCidrBlock;
    const block = checkBlock(cidr, c.providerName, regions !== undefined);
    const changed = cidr !== c.atlasCidrBlock || JSON.stringify(regions) !== JSON.stringify(c.regions);
    if (!changed) return c;
    const busy = this.#inUse(c);
    if (busy) throw new AtlasError('CONTAINERS_IN_USE', [busy]);
    this.#checkOverlap(this.listIn(groupId).filter((o) => o.id !== c.id), block, cidr);
    const next: Container = { ...c, atlasCidrBlock: cidr };
    if (regions === undefined) delete next.regions;
    else next.regions = regions;
    return this.replace(next);
  }

  delete(groupId: string, id: string): void {
    const c = this.get(groupId, id);
    const busy = this.#inUse(c);
    if (busy) throw new AtlasError('CONTAINERS_IN_USE', [busy]);
    this.remove(id);
  }

  /**
   * Gives every provider region of a new or changed cluster its container, as Atlas does
   * when a cluster is deployed where the project has none: the default block, or the
   * next free block of that size below it when another container holds it.
   */
  ensureFor(groupId: string, regionConfigs: Iterable<RegionConfig>): void {
    for (const rc of regionConfigs) {
      const existing = this.listIn(groupId);
      if (existing.some((c) => servedBy(c, rc))) continue;
      const { first, prefix } = DEFAULT_BLOCK[rc.providerName];
      const taken = existing.map((c) => parseIpv4Block(c.atlasCidrBlock)!);
      let start = ipv4ToInt(first)!;
      const floor = ipv4ToInt('192.168.0.0')!;
      while (start >= floor && taken.some((t) => overlaps(t, { start, prefix }))) start -= sizeOf(prefix);
      if (start < floor) start = ipv4ToInt(first)!;
      this.#insertNew(groupId, rc.providerName, `${intToIpv4(start)}/${prefix}`, rc.providerName === 'AWS' ? rc.regionName : undefined);
    }
  }
}

/** True when a cluster's region config runs in the container. */
function servedBy(c: Container, rc: { providerName: string; regionName: string }): boolean {
  return c.providerName === rc.providerName && (c.providerName === 'GCP' || c.regionName === rc.regionName);
}

/**
 * Container providers: AWS or GCP (Azure, TENANT and SERVERLESS do not exist in Atlas
 * for Government: 400 INVALID_PROVIDER, as for clusters), and only one the project's
 * designation offers (GCP exists only as Assured Workloads, in GOV_REGIONS_ONLY projects).
 */
export function checkContainerProvider(provider: string, restriction: Parameters<typeof offeredRegions>[0]): GovProvider {
  checkProvider(provider);
  if (!offeredRegions(restriction).some((o) => o.provider === provider)) throw new AtlasError('INVALID_PROVIDER', [provider]);
  return provider;
}
