import { isoSeconds } from '../src/sim/clock.js';
import { mongoDBVersionOf } from '../src/sim/clusterConfiguration.js';
import type { AutoScaling, Hardware, RegionConfig } from '../src/sim/clusterRecords.js';
import { clusterZones } from '../src/sim/clusterTopology.js';
import { configServerType, connectionStrings } from '../src/sim/clusterHosts.js';
import type { Cluster } from '../src/sim/clusters.js';
import type { ProviderRegions } from '../src/sim/govRules.js';
import { alphabetical, double } from '../src/wire/json.js';
import type { HandlerContext } from '../src/wire/context.js';
import { REL } from './organizations.js';

/**
 * Wire shapes of a dedicated cluster per version, keys in Atlas's order: alphabetical,
 * except hardware specs, which start with `instanceSize` (wire-facts C.5). Disk sizes are
 * Java doubles (`30.0`).
 */

/** AWS hardware always carries IOPS and a volume type once the sim has filled its defaults. */
function awsDisk(hw: Hardware) {
  if (hw.diskIOPS === undefined || hw.ebsVolumeType === undefined) throw new Error(`AWS hardware ${hw.instanceSize} without IOPS or volume type`);
  return { diskIOPS: hw.diskIOPS, ebsVolumeType: hw.ebsVolumeType };
}

/** 2023-02-01 hardware: the disk size is at the top of the cluster instead. */
function hardwareV15(hw: Hardware, provider: string) {
  if (provider !== 'AWS') return { instanceSize: hw.instanceSize, nodeCount: hw.nodeCount };
  const { diskIOPS, ebsVolumeType } = awsDisk(hw);
  return { instanceSize: hw.instanceSize, diskIOPS, ebsVolumeType, nodeCount: hw.nodeCount };
}

/** 2024-08-05 hardware: `diskSizeGB` in every spec. */
function hardware20240805(diskSizeGB: number) {
  return (hw: Hardware, provider: string) => {
    if (provider !== 'AWS') return { instanceSize: hw.instanceSize, diskSizeGB: double(diskSizeGB), nodeCount: hw.nodeCount };
    const { diskIOPS, ebsVolumeType } = awsDisk(hw);
    return { instanceSize: hw.instanceSize, diskIOPS, diskSizeGB: double(diskSizeGB), ebsVolumeType, nodeCount: hw.nodeCount };
  };
}

function autoScalingView(a: AutoScaling) {
  const c = a.compute;
  return {
    compute: {
      enabled: c.enabled,
      maxInstanceSize: c.maxInstanceSize,
      minInstanceSize: c.minInstanceSize,
      predictiveEnabled: c.predictiveEnabled,
      scaleDownEnabled: c.scaleDownEnabled,
    },
    diskGB: { enabled: a.diskGB.enabled },
  };
}

function regionConfigView<H>(rc: RegionConfig, hardware: (h: Hardware, provider: string) => H, effective: boolean) {
  const hw = (h: Hardware) => hardware(h, rc.providerName);
  return {
    analyticsAutoScaling: rc.analyticsAutoScaling && autoScalingView(rc.analyticsAutoScaling),
    analyticsSpecs: hw(rc.analyticsSpecs),
    autoScaling: autoScalingView(rc.autoScaling),
    // Nothing changes instance sizes behind the user's back here (no auto-scaling runs),
    // so the effective specs are the configured ones.
    ...(effective && {
      effectiveAnalyticsSpecs: hw(rc.analyticsSpecs),
      effectiveElectableSpecs: hw(rc.electableSpecs),
      effectiveReadOnlySpecs: hw(rc.readOnlySpecs),
    }),
    electableSpecs: hw(rc.electableSpecs),
    priority: rc.priority,
    providerName: rc.providerName,
    readOnlySpecs: hw(rc.readOnlySpecs),
    regionName: rc.regionName,
  };
}

function links(ctx: HandlerContext, c: Cluster) {
  const self = `/groups/${c.groupId}/clusters/${c.name}`;
  return [
    { href: ctx.href(self), rel: 'self' },
    { href: ctx.href(`${self}/backup/restoreJobs`), rel: `${REL}restoreJobs` },
    { href: ctx.href(`${self}/backup/snapshots`), rel: `${REL}snapshots` },
  ];
}

/** Attributes only sharded clusters show. */
function sharding(c: Cluster) {
  return c.clusterType === 'SHARDED' ? { configServerManagementMode: c.configServerManagementMode, configServerType: configServerType(c) } : {};
}

const tagsOf = (tags: Cluster['tags']) => tags.map((t) => ({ key: t.key, value: t.value }));

/** What every version shows. */
function common(ctx: HandlerContext, c: Cluster) {
  return {
    advancedConfiguration: c.advancedConfiguration,
    backupEnabled: c.backupEnabled,
    biConnector: c.biConnector,
    clusterType: c.clusterType,
    ...sharding(c),
    connectionStrings: connectionStrings(c),
    createDate: isoSeconds(c.created),
    diskWarmingMode: c.diskWarmingMode,
    encryptionAtRestProvider: c.encryptionAtRestProvider,
    globalClusterSelfManagedSharding: c.globalClusterSelfManagedSharding,
    groupId: c.groupId,
    id: c.id,
    labels: tagsOf(c.labels),
    links: links(ctx, c),
    mongoDBMajorVersion: c.mongoDBMajorVersion,
    mongoDBVersion: mongoDBVersionOf(c.mongoDBMajorVersion),
    name: c.name,
    paused: c.paused,
    pitEnabled: c.pitEnabled,
    rootCertType: 'ISRGROOTX1' as const,
    stateName: c.stateName,
    terminationProtectionEnabled: c.terminationProtectionEnabled,
    versionReleaseSystem: c.versionReleaseSystem,
  };
}

/**
 * `ClusterDescriptionV15` (2023-02-01). `omitTags`: a create response whose request had
 * no `tags` has none (recorded), while later reads show `[]`.
 */
export function clusterViewV15(ctx: HandlerContext, c: Cluster, options: { omitTags?: boolean } = {}) {
  return alphabetical({
    ...common(ctx, c),
    diskSizeGB: double(c.diskSizeGB),
    replicationSpecs: clusterZones(c).map(({ zone, numShards, regionConfigs }) => ({
      id: zone.legacyId,
      numShards,
      regionConfigs: regionConfigs.map((rc) => regionConfigView(rc, hardwareV15, false)),
      zoneId: zone.id,
      zoneName: zone.name,
    })),
    tags: options.omitTags ? undefined : tagsOf(c.tags),
  });
}

/** `ClusterDescription20240805` (2024-08-05 and 2024-10-23), with the attributes Atlas adds beyond the document. */
export function clusterView20240805(ctx: HandlerContext, c: Cluster) {
  const specs = (effective: boolean) =>
    c.shards.map((s) => ({
      id: s.id,
      regionConfigs: s.regionConfigs.map((rc) => regionConfigView(rc, hardware20240805(c.diskSizeGB), effective)),
      zoneId: c.zones[s.zone]!.id,
      zoneName: c.zones[s.zone]!.name,
    }));
  return alphabetical({
    ...common(ctx, c),
    adaptiveCapacity: null,
    effectiveDatabaseEdition: 'CORE' as const,
    effectiveReplicationSpecs: specs(false),
    featureCompatibilityVersion: c.mongoDBMajorVersion,
    internalClusterRole: 'NONE' as const,
    redactClientLogData: c.redactClientLogData,
    replicaSetScalingStrategy: c.replicaSetScalingStrategy,
    replicationSpecs: specs(true),
    retainBackups: c.retainBackups,
    tags: tagsOf(c.tags),
    useAwsTimeBasedSnapshotCopyForFastInitialSync: false,
  });
}

/** The cluster in the shape of a version: 2023-02-01 or a later one. */
export function clusterView(ctx: HandlerContext, version: { date: string }, c: Cluster, options: { omitTags?: boolean } = {}) {
  return version.date === '2023-02-01' ? clusterViewV15(ctx, c, options) : clusterView20240805(ctx, c);
}

export function providerRegionsView(p: ProviderRegions) {
  return {
    instanceSizes: p.instanceSizes.map((s) => ({
      availableRegions: s.availableRegions.map((r) => ({ default: r.default, name: r.name })),
      name: s.name,
    })),
    provider: p.provider,
  };
}
