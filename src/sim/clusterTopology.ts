import { AtlasError } from './errors.js';
import { canonical, type AutoScaling, type Description, type Hardware, type RegionConfig, type Shard, type Zone } from './clusterRecords.js';
import { isSet, type ConfigureOptions, type ClusterInput, type HardwareInput, type Maybe, type AutoScalingInput, type RegionConfigInput } from './clusterInput.js';
import { checkInstanceSize, checkProvider, checkRegion, type GovProvider } from './govRules.js';
import { MIN_DISK_GB, PROVISIONED_IOPS, sizeRank, standardIops, tierOf, type Tier } from './instanceSizes.js';

/**
 * The shape of a dedicated cluster: its zones and shards, each shard's region configs
 * with their hardware and auto-scaling, and the disk they share, built from a request's
 * replication specs with every rule of that shape.
 */

/** Shards of a sharded cluster. Decision: Atlas's documented maximum of 70. */
export const MAX_SHARDS = 70;
/** Provisioned IOPS are for M30 and larger (OpenAPI `diskIOPS`). */
const PROVISIONED_MIN_RANK = 30;

const DEFAULT_AUTO_SCALING = (): AutoScaling => ({ compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } });

/** Instance size of a shard's base (electable and read-only) nodes. */
export function baseSize(shard: Shard): string {
  return shard.regionConfigs[0]!.electableSpecs.instanceSize;
}

export interface Topology {
  zones: Zone[];
  shards: Shard[];
  /** The disk size the request names (undefined when it names none). */
  requestedDisk: number | undefined;
  /** Gives new zones and shards their ids (they are empty until then). */
  assignIds(): void;
}

/** Zones and shards from the request's replication specs, keeping the ids of what already exists. */
export function buildTopology(input: ClusterInput, o: ConfigureOptions, maxShards: number): Topology {
  const cur = o.current;
  const specs = input.replicationSpecs!;
  // Decision: one zone per cluster. Zones are for Global Clusters, which Atlas for
  // Government does not offer; several zones in another cluster type are refused.
  const zoneName = specs[0]!.zoneName ?? cur?.zones[0]?.name ?? 'Zone 1';
  if ((o.layout === 'zones' && specs.length > 1) || specs.some((s) => (s.zoneName ?? zoneName) !== zoneName)) {
    throw new AtlasError('INVALID_CLUSTER_CONFIGURATION', []);
  }
  const curZone = cur?.zones.find((z) => z.name === zoneName || (o.layout === 'zones' && specs[0]!.id === z.legacyId));
  const zone: Zone = curZone ? { ...curZone, name: zoneName } : { id: '', legacyId: '', name: zoneName };

  // Shard inputs: 2023-02-01 repeats its one spec `numShards` times. The count is checked
  // before anything is built from it.
  const count = o.layout === 'zones' ? (specs[0]!.numShards ?? 1) : specs.length;
  if (count < 1 || count > maxShards) throw new AtlasError('CLUSTER_NUM_SHARDS_INVALID', [maxShards]);
  const shardInputs: Array<{ id?: string; regionConfigs: RegionConfigInput[] }> =
    o.layout === 'zones'
      ? Array.from({ length: count }, () => ({ regionConfigs: specs[0]!.regionConfigs! }))
      : specs.map((spec) => ({ ...(isSet(spec.id) && { id: spec.id }), regionConfigs: spec.regionConfigs! }));

  // Shard ids: an id the request names is kept when it exists; a spec without one takes
  // the existing shard at its position (clients often send specs back without ids); the
  // rest are new shards.
  const existing = cur?.shards ?? [];
  const named = new Set(shardInputs.map((s) => s.id).filter((id) => id !== undefined && existing.some((e) => e.id === id)));
  const ids = shardInputs.map((s, i) => {
    if (s.id !== undefined && named.has(s.id)) return s.id;
    const positional = existing[i];
    return positional && !named.has(positional.id) ? positional.id : '';
  });
  const kept = ids.filter((id) => id !== '');
  if (new Set(kept).size !== kept.length) throw new AtlasError('INVALID_CLUSTER_CONFIGURATION', []);

  const disks: number[] = [];
  if (o.layout === 'zones' && isSet(input.diskSizeGB)) disks.push(input.diskSizeGB);
  const shards = shardInputs.map((s, i): Shard => {
    const regionConfigs = s.regionConfigs.map((rc) => regionConfig(rc, o, disks, existing.find((e) => e.id === ids[i])));
    checkShardTopology(regionConfigs);
    return { id: ids[i]!, zone: 0, regionConfigs };
  });
  if (new Set(disks).size > 1) throw new AtlasError('DISK_SIZE_GB_INCONSISTENT', []);
  const assignIds = (): void => {
    if (zone.id === '') Object.assign(zone, { id: o.newId(), legacyId: o.newId() });
    for (const shard of shards) if (shard.id === '') shard.id = o.newId();
  };
  return { zones: [zone], shards, requestedDisk: disks[0], assignIds };
}

/** One region config: Government rules first, then its hardware and auto-scaling. */
function regionConfig(rc: RegionConfigInput, o: ConfigureOptions, disks: number[], previousShard: Shard | undefined): RegionConfig {
  const provider = rc.providerName!;
  checkProvider(provider);
  const regionName = rc.regionName!;
  checkRegion(o.restriction, provider, regionName);
  const priority = rc.priority!;
  if (priority < 0 || priority > 7) throw new AtlasError('INVALID_ATTRIBUTE', ['priority']);
  const previous = previousShard?.regionConfigs.find((p) => p.providerName === provider && p.regionName === regionName);

  const electable = rc.electableSpecs;
  const baseSize = electable?.instanceSize ?? rc.readOnlySpecs?.instanceSize ?? rc.analyticsSpecs?.instanceSize;
  if (!isSet(baseSize)) throw new AtlasError('MISSING_ATTRIBUTE', ['instanceSize']);
  const hw = (spec: Maybe<HardwareInput>, inherit: string): Hardware => {
    const size = spec?.instanceSize ?? inherit;
    checkInstanceSize(provider, size);
    const nodeCount = spec?.nodeCount ?? 0;
    if (nodeCount < 0) throw new AtlasError('ATTRIBUTE_NEGATIVE', ['nodeCount']);
    if (provider === 'GCP') {
      // GCP hardware has no volume type or IOPS setting (GCPHardwareSpec20240805).
      if (isSet(spec?.diskIOPS)) throw new AtlasError('INVALID_ATTRIBUTE', ['diskIOPS']);
      if (isSet(spec?.ebsVolumeType)) throw new AtlasError('INVALID_ATTRIBUTE', ['ebsVolumeType']);
    }
    if (isSet(spec?.diskSizeGB)) disks.push(spec.diskSizeGB);
    return {
      instanceSize: size,
      nodeCount,
      ...(provider === 'AWS' && {
        ...(isSet(spec?.diskIOPS) && { diskIOPS: spec.diskIOPS }),
        ...(isSet(spec?.ebsVolumeType) && { ebsVolumeType: spec.ebsVolumeType }),
      }),
    };
  };
  const electableSpecs = hw(electable, baseSize);
  const readOnlySpecs = hw(rc.readOnlySpecs, electableSpecs.instanceSize);
  const analyticsSpecs = hw(rc.analyticsSpecs, electableSpecs.instanceSize);
  // Electable and read-only nodes of a shard run one instance size; analytics nodes may differ.
  if (readOnlySpecs.nodeCount > 0 && readOnlySpecs.instanceSize !== electableSpecs.instanceSize) {
    throw new AtlasError('INVALID_CLUSTER_CONFIGURATION', []);
  }
  if (readOnlySpecs.nodeCount === 0) readOnlySpecs.instanceSize = electableSpecs.instanceSize;

  const autoScaling = autoScalingOf(rc.autoScaling, previous?.autoScaling, provider, electableSpecs.instanceSize);
  const analyticsAutoScaling = isSet(rc.analyticsAutoScaling)
    ? autoScalingOf(rc.analyticsAutoScaling, previous?.analyticsAutoScaling, provider, analyticsSpecs.instanceSize)
    : previous?.analyticsAutoScaling && structuredClone(previous.analyticsAutoScaling);
  return {
    providerName: provider,
    regionName,
    priority,
    electableSpecs,
    readOnlySpecs,
    analyticsSpecs,
    autoScaling,
    ...(analyticsAutoScaling && { analyticsAutoScaling }),
  };
}

/**
 * Auto-scaling of one node class. Compute auto-scaling needs a maximum size, down-scaling
 * needs it enabled and a minimum, and the current size must lie between the bounds; the
 * bounds are Government tiers too.
 */
function autoScalingOf(input: Maybe<AutoScalingInput>, previous: AutoScaling | undefined, provider: GovProvider, size: string): AutoScaling {
  if (!isSet(input)) return previous ? structuredClone(previous) : DEFAULT_AUTO_SCALING();
  const c = input.compute;
  const enabled = c?.enabled ?? previous?.compute.enabled ?? false;
  const scaleDownEnabled = c?.scaleDownEnabled ?? (isSet(c) ? false : (previous?.compute.scaleDownEnabled ?? false));
  const max = c?.maxInstanceSize ?? (isSet(c) ? undefined : previous?.compute.maxInstanceSize);
  const min = c?.minInstanceSize ?? (isSet(c) ? undefined : previous?.compute.minInstanceSize);
  const predictiveEnabled = c?.predictiveEnabled ?? undefined;
  if (scaleDownEnabled && !enabled) throw new AtlasError('COMPUTE_AUTO_SCALING_SCALE_DOWN_ENABLED_INVALID', []);
  if (enabled) {
    if (!isSet(max)) throw new AtlasError('COMPUTE_AUTO_SCALING_MAX_INSTANCE_SIZE_REQUIRED', []);
    checkInstanceSize(provider, max);
    if (sizeRank(max) < sizeRank(size)) throw new AtlasError('COMPUTE_AUTO_SCALING_MAX_INSTANCE_SIZE_INVALID', [max, size]);
    if (scaleDownEnabled) {
      if (!isSet(min)) throw new AtlasError('COMPUTE_AUTO_SCALING_MIN_INSTANCE_SIZE_REQUIRED', []);
      checkInstanceSize(provider, min);
      if (sizeRank(min) > sizeRank(size)) throw new AtlasError('COMPUTE_AUTO_SCALING_MIN_INSTANCE_SIZE_INVALID', [min, size]);
      if (sizeRank(min) >= sizeRank(max)) throw new AtlasError('COMPUTE_AUTO_SCALING_INSTANCE_SIZE_RANGE_INVALID', [min, max]);
    }
  }
  return {
    compute: {
      enabled,
      scaleDownEnabled,
      ...(isSet(predictiveEnabled) && { predictiveEnabled }),
      ...(enabled && scaleDownEnabled && isSet(min) && { minInstanceSize: min }),
      ...(enabled && isSet(max) && { maxInstanceSize: max }),
    },
    diskGB: { enabled: input.diskGB?.enabled ?? previous?.diskGB.enabled ?? false },
  };
}

/**
 * One shard's region configs: exactly one region of priority 7 (the observed Atlas text
 * for none; the wording for several is this simulator's), electable regions ranked 1-7
 * without ties, one instance size for the base nodes, and 3, 5 or 7 electable nodes.
 */
function checkShardTopology(regionConfigs: RegionConfig[]): void {
  const sevens = regionConfigs.filter((rc) => rc.priority === 7).length;
  if (sevens === 0) throw new AtlasError('ATLAS_GENERAL_ERROR', ['A replication spec must specify a region with priority 7']);
  if (sevens > 1) throw new AtlasError('ATLAS_GENERAL_ERROR', ['A replication spec must specify exactly one region with priority 7']);
  const electable = regionConfigs.filter((rc) => rc.electableSpecs.nodeCount > 0);
  const priorities = electable.map((rc) => rc.priority);
  if (priorities.some((p) => p < 1) || new Set(priorities).size !== priorities.length) {
    throw new AtlasError('ATLAS_GENERAL_ERROR', ['Regions with electable nodes must have distinct priorities between 1 and 7']);
  }
  const baseSizes = new Set(regionConfigs.filter((rc) => rc.electableSpecs.nodeCount + rc.readOnlySpecs.nodeCount > 0).map((rc) => rc.electableSpecs.instanceSize));
  if (baseSizes.size > 1) throw new AtlasError('INVALID_CLUSTER_CONFIGURATION', []);
  const nodes = electable.reduce((n, rc) => n + rc.electableSpecs.nodeCount, 0);
  if (nodes !== 3 && nodes !== 5 && nodes !== 7) throw new AtlasError('CLUSTER_REPLICATION_FACTOR_INVALID', []);
  // Region configs without electable nodes still show the shard's size, so that every
  // region config of a shard names its base size (`baseSize()` reads the first one).
  const size = electable[0]!.electableSpecs.instanceSize;
  for (const rc of regionConfigs) if (rc.electableSpecs.nodeCount === 0) rc.electableSpecs.instanceSize = size;
}

/**
 * The cluster's disk size: the one the request names (raised to the 10 GB minimum, as
 * documented), else the current one, else the default of the first shard's tier. It must
 * be a positive whole number no larger than the smallest tier in use allows; NVMe tiers
 * have a fixed volume.
 */
export function diskSize(shards: Shard[], requested: number | undefined, cur: Description | undefined): number {
  const tiers: Tier[] = [];
  for (const s of shards) {
    for (const rc of s.regionConfigs) {
      for (const hw of [rc.electableSpecs, rc.analyticsSpecs]) {
        const t = tierOf(rc.providerName, hw.instanceSize);
        if (t) tiers.push(t);
      }
    }
  }
  const first = tierOf(shards[0]!.regionConfigs[0]!.providerName, baseSize(shards[0]!))!;
  if (first.nvme) {
    if (requested !== undefined && requested !== first.defaultDiskGB) throw new AtlasError('CLUSTER_DISK_SIZE_INVALID', [requested]);
    return first.defaultDiskGB;
  }
  const max = Math.min(...tiers.map((t) => t.maxDiskGB));
  if (requested === undefined) {
    const keep = cur?.diskSizeGB ?? first.defaultDiskGB;
    if (keep > max) throw new AtlasError('CLUSTER_DISK_SIZE_INVALID', [keep]);
    return keep;
  }
  if (!(requested > 0)) throw new AtlasError('CLUSTER_DISK_SIZE_INVALID', [requested]);
  if (!Number.isInteger(requested)) throw new AtlasError('CLUSTER_DISK_SIZE_NOT_WHOLE_NUMBER', [requested]);
  if (requested > max) throw new AtlasError('CLUSTER_DISK_SIZE_INVALID', [requested]);
  return Math.max(requested, MIN_DISK_GB);
}

/**
 * Volume type and IOPS of AWS hardware, which depend on the disk: `STANDARD` volumes get
 * the standard IOPS of their size (whatever the request says, as the document describes
 * them), `PROVISIONED` ones (M30 and larger) the requested IOPS within the volume's
 * bounds, else what they had, else the standard value. NVMe volumes are provisioned.
 */
export function finishVolumes(rc: RegionConfig, diskGB: number, shardId: string, cur: Description | undefined): void {
  if (rc.providerName !== 'AWS') return;
  const previous = cur?.shards.find((s) => s.id === shardId)?.regionConfigs.find((p) => p.providerName === rc.providerName && p.regionName === rc.regionName);
  for (const key of ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs'] as const) {
    const hw = rc[key];
    const tier = tierOf('AWS', hw.instanceSize)!;
    const prev = previous?.[key];
    if (tier.nvme && hw.ebsVolumeType === 'STANDARD') throw new AtlasError('INVALID_ATTRIBUTE', ['ebsVolumeType']);
    const volume = tier.nvme ? 'PROVISIONED' : (hw.ebsVolumeType ?? (prev?.instanceSize === hw.instanceSize ? prev.ebsVolumeType : undefined) ?? 'STANDARD');
    if (volume === 'PROVISIONED' && !tier.nvme && sizeRank(hw.instanceSize) < PROVISIONED_MIN_RANK) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['ebsVolumeType']);
    }
    let iops = standardIops(diskGB);
    if (volume === 'PROVISIONED') {
      iops = hw.diskIOPS ?? (prev?.ebsVolumeType === 'PROVISIONED' ? prev.diskIOPS : undefined) ?? iops;
      if (iops < PROVISIONED_IOPS.min || iops > PROVISIONED_IOPS.max) throw new AtlasError('INVALID_IOPS_OUT_OF_BOUNDS', [iops]);
    }
    hw.ebsVolumeType = volume;
    hw.diskIOPS = iops;
  }
}

/**
 * The cluster as 2023-02-01 shows it: one entry per zone with `numShards`. That version
 * cannot describe shards of one zone that differ (asymmetric shards, possible since
 * 2024-08-05); reading such a cluster through it fails with ASYMMETRIC_SHARD_UNSUPPORTED,
 * as recorded.
 */
export function clusterZones(c: Pick<Description, 'zones' | 'shards'>): Array<{ zone: Zone; numShards: number; regionConfigs: RegionConfig[] }> {
  return c.zones.map((zone, i) => {
    const shards = c.shards.filter((s) => s.zone === i);
    const first = canonical(shards[0]!.regionConfigs);
    if (shards.some((s) => canonical(s.regionConfigs) !== first)) throw new AtlasError('ASYMMETRIC_SHARD_UNSUPPORTED', []);
    return { zone, numShards: shards.length, regionConfigs: shards[0]!.regionConfigs };
  });
}
