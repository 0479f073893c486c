/**
 * Instance sizes (cluster tiers) of dedicated clusters: which names each cloud provider
 * knows, their default and largest data volume, and their order.
 *
 * Names per provider are the OpenAPI enums (`AWSHardwareSpec20240805`,
 * `GCPHardwareSpec20240805`); Azure tiers are never needed (Atlas for Government has no
 * Azure). Default disk sizes are the ones MongoDB's Go client ships (`DefaultDiskSizeGB`); the
 * recorded default for an M10 is 10 GB as well. Which of these Atlas for Government
 * offers is decided in `govRules.ts`, not here.
 */

export interface Tier {
  readonly name: string;
  /** Disk Atlas gives a cluster of this tier when the request names none. */
  readonly defaultDiskGB: number;
  /** Largest data volume the tier accepts. */
  readonly maxDiskGB: number;
  /** Local NVMe SSD: the volume size is fixed (it is `defaultDiskGB`). */
  readonly nvme?: boolean;
}

/**
 * Largest volumes follow Atlas's tier table (128 GB for M10 up to 4 TB). Decision: the
 * table is the same for GCP; unsourced defaults (M100, R700 and the larger GCP tiers)
 * sit between their neighbours.
 */
const tier = (name: string, defaultDiskGB: number, maxDiskGB = 4096): Tier => ({ name, defaultDiskGB, maxDiskGB });
const nvme = (name: string, diskGB: number): Tier => ({ name, defaultDiskGB: diskGB, maxDiskGB: diskGB, nvme: true });

const AWS_TIERS: readonly Tier[] = [
  tier('M10', 10, 128),
  tier('M20', 20, 256),
  tier('M30', 40, 512),
  tier('M40', 80, 1024),
  tier('M50', 160),
  tier('M60', 320),
  tier('M80', 750),
  tier('M100', 1000),
  tier('M140', 1000),
  tier('M200', 1500),
  tier('M300', 2000),
  tier('R40', 80, 1024),
  tier('R50', 160),
  tier('R60', 320),
  tier('R80', 750),
  tier('R200', 1500),
  tier('R300', 2000),
  tier('R400', 3000),
  tier('R700', 4000),
  nvme('M40_NVME', 380),
  nvme('M50_NVME', 760),
  nvme('M60_NVME', 1600),
  nvme('M80_NVME', 1600),
  nvme('M200_NVME', 3100),
  nvme('M400_NVME', 4000),
];

const GCP_TIERS: readonly Tier[] = [
  tier('M10', 10, 128),
  tier('M20', 20, 256),
  tier('M30', 40, 512),
  tier('M40', 80, 1024),
  tier('M50', 160),
  tier('M60', 320),
  tier('M80', 750),
  tier('M140', 1000),
  tier('M200', 1500),
  tier('M250', 1750),
  tier('M300', 2200),
  tier('M400', 3000),
  tier('R40', 80, 1024),
  tier('R50', 160),
  tier('R60', 320),
  tier('R80', 750),
  tier('R200', 1500),
  tier('R300', 2000),
  tier('R400', 3000),
  tier('R600', 3500),
];

/** Shared and Flex sizes (`TenantHardwareSpec20240805.effectiveInstanceSize`). */
export const TENANT_SIZES = ['M0', 'M2', 'M5', 'FLEX'] as const;

const TIERS: Readonly<Record<'AWS' | 'GCP', ReadonlyMap<string, Tier>>> = {
  AWS: new Map(AWS_TIERS.map((t) => [t.name, t])),
  GCP: new Map(GCP_TIERS.map((t) => [t.name, t])),
};

/** The tier of a provider, or undefined when the provider has no such size. */
export function tierOf(provider: string, size: string): Tier | undefined {
  return provider === 'AWS' || provider === 'GCP' ? TIERS[provider].get(size) : undefined;
}

/** Tiers of a provider in Atlas's listing order. */
export function tiersOf(provider: 'AWS' | 'GCP'): readonly Tier[] {
  return provider === 'AWS' ? AWS_TIERS : GCP_TIERS;
}

/**
 * Position of a size on the scale Atlas compares tiers by (auto-scaling bounds, the
 * Government minimum): the memory class number, `M0` < `M2` < ... < `M400`; `R` and
 * `_NVME` variants rank with their `M` number. FLEX ranks with M5.
 */
export function sizeRank(size: string): number {
  if (size === 'FLEX') return 5;
  const m = /^[MR](\d+)/.exec(size);
  return m ? Number(m[1]) : -1;
}

/**
 * Default IOPS of an AWS `STANDARD` (gp3) volume: 3000 as recorded for 30 and 40 GB
 * volumes. Decision: above 1 TB the baseline grows at 3 IOPS per GB, up to gp3's 16000.
 */
export function standardIops(diskGB: number): number {
  return Math.min(16000, Math.max(3000, Math.round(diskGB * 3)));
}

/** Bounds of provisioned IOPS (io2) that Atlas accepts. Decision: the io2 volume limits. */
export const PROVISIONED_IOPS = { min: 100, max: 64000 } as const;

/** Smallest data volume of a dedicated cluster: smaller requests are raised to it (OpenAPI `diskSizeGB`). */
export const MIN_DISK_GB = 10;
