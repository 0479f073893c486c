import { isoSeconds } from '../src/sim/clock.js';
import { clusterZones, mongoDBVersionOf, type AutoScaling, type Hardware, type RegionConfig } from '../src/sim/clusterDescription.js';
import { configServerType, connectionStrings } from '../src/sim/clusterHosts.js';
import type { Cluster } from '../src/sim/clusters.js';
import type { ProviderRegions } from '../src/sim/govRules.js';
import { double } from '../src/wire/json.js';
import type { RequestContext } from '../src/wire/context.js';
import { REL } from './organizations.js';

/**
 * Wire shapes of a dedicated cluster per version, keys in Atlas's order: alphabetical,
 * except hardware specs, which start with `instanceSize` (wire-facts C.5). Disk sizes are
 * Java doubles (`30.0`).
 */

/** `diskSizeGB` appears in hardware specs from 2024-08-05 on; 2023-02-01 has it at the top. */
function hardwareView(hw: Hardware, provider: string, diskSizeGB: number | undefined) {
  const disk = diskSizeGB === undefined ? {} : { diskSizeGB: double(diskSizeGB) };
  return provider === 'AWS'
    ? { instanceSize: hw.instanceSize, diskIOPS: hw.diskIOPS, ...disk, ebsVolumeType: hw.ebsVolumeType, nodeCount: hw.nodeCount }
    : { instanceSize: hw.instanceSize, ...disk, nodeCount: hw.nodeCount };
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

function regionConfigView(rc: RegionConfig, diskSizeGB: number | undefined, effective: boolean) {
  const hw = (h: Hardware) => hardwareView(h, rc.providerName, diskSizeGB);
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

function links(ctx: RequestContext, c: Cluster) {
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
function common(ctx: RequestContext, c: Cluster) {
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
    rootCertType: 'ISRGROOTX1',
    stateName: c.stateName,
    terminationProtectionEnabled: c.terminationProtectionEnabled,
    versionReleaseSystem: c.versionReleaseSystem,
  };
}

/** The object with its keys in alphabetical order, as Atlas writes cluster views. */
function alphabetical<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/**
 * `ClusterDescriptionV15` (2023-02-01). `omitTags`: a create response whose request had
 * no `tags` has none (recorded), while later reads show `[]`.
 */
export function clusterViewV15(ctx: RequestContext, c: Cluster, options: { omitTags?: boolean } = {}) {
  return alphabetical({
    ...common(ctx, c),
    diskSizeGB: double(c.diskSizeGB),
    replicationSpecs: clusterZones(c).map(({ zone, numShards, regionConfigs }) => ({
      id: zone.legacyId,
      numShards,
      regionConfigs: regionConfigs.map((rc) => regionConfigView(rc, undefined, false)),
      zoneId: zone.id,
      zoneName: zone.name,
    })),
    tags: options.omitTags ? undefined : tagsOf(c.tags),
  });
}

/** `ClusterDescription20240805` (2024-08-05 and 2024-10-23), with the attributes Atlas adds beyond the document. */
export function clusterView20240805(ctx: RequestContext, c: Cluster) {
  const specs = (effective: boolean) =>
    c.shards.map((s) => ({
      id: s.id,
      regionConfigs: s.regionConfigs.map((rc) => regionConfigView(rc, c.diskSizeGB, effective)),
      zoneId: c.zones[s.zone]!.id,
      zoneName: c.zones[s.zone]!.name,
    }));
  return alphabetical({
    ...common(ctx, c),
    adaptiveCapacity: null,
    effectiveDatabaseEdition: 'CORE',
    effectiveReplicationSpecs: specs(false),
    featureCompatibilityVersion: c.mongoDBMajorVersion,
    internalClusterRole: 'NONE',
    redactClientLogData: c.redactClientLogData,
    replicaSetScalingStrategy: c.replicaSetScalingStrategy,
    replicationSpecs: specs(true),
    retainBackups: c.retainBackups,
    tags: tagsOf(c.tags),
    useAwsTimeBasedSnapshotCopyForFastInitialSync: false,
  });
}

/** The cluster in the shape of the negotiated version. */
export function clusterView(ctx: RequestContext, c: Cluster, options: { omitTags?: boolean } = {}) {
  return ctx.version.date === '2023-02-01' ? clusterViewV15(ctx, c, options) : clusterView20240805(ctx, c);
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
