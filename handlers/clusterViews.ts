import { isoSeconds } from '../src/sim/clock.js';
import { legacyMainRegion } from '../src/sim/legacyClusterInput.js';
import { mongoDBVersionOf } from '../src/sim/clusterConfiguration.js';
import type { AutoScaling, Hardware, RegionConfig } from '../src/sim/clusterRecords.js';
import { clusterZones } from '../src/sim/clusterTopology.js';
import { configServerType, connectionStrings } from '../src/sim/clusterHosts.js';
import type { Cluster } from '../src/sim/clusters.js';
import { EFFECTIVE_DEFAULTS, type ProcessArgs } from '../src/sim/processArgs.js';
import { TLS12_CIPHERS } from '../contracts/api/vocabulary.js';
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
  const pin = ctx.world.clusters.fcvPinOf(c);
  const grant = ctx.world.clusters.employeeAccessOf(c);
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
    featureCompatibilityVersion: pin?.version ?? c.mongoDBMajorVersion,
    featureCompatibilityVersionExpirationDate: pin && isoSeconds(pin.expires),
    internalClusterRole: 'NONE' as const,
    mongoDBEmployeeAccessGrant: grant && {
      expirationTime: isoSeconds(grant.expires),
      grantType: grant.grantType,
      links: ctx.selfLink(`/groups/${c.groupId}/clusters/${c.name}:grantMongoDBEmployeeAccess`),
    },
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

/** Process arguments, 2023-01-01 (recorded): every key, alphabetical, null for defaults. */
export function processArgsViewV1(c: Cluster, args: ProcessArgs) {
  const tls = c.advancedConfiguration;
  return alphabetical({
    ...args,
    customOpensslCipherConfigTls12: tls.customOpensslCipherConfigTls12,
    customOpensslCipherConfigTls13: tls.customOpensslCipherConfigTls13,
    minimumEnabledTlsProtocol: tls.minimumEnabledTlsProtocol,
    tlsCipherConfigMode: tls.tlsCipherConfigMode,
  });
}

/**
 * Process arguments, 2024-08-05: effective values (defaults filled), without the
 * settings this version dropped (read concern, failIndexKeyTooLong, TLS 1.3 ciphers).
 * A cluster on TLS 1.3 only shows TLS1_2, the highest minimum this version can name.
 */
export function processArgsView20240805(c: Cluster, args: ProcessArgs) {
  const tls = c.advancedConfiguration;
  const d = EFFECTIVE_DEFAULTS;
  return alphabetical({
    changeStreamOptionsPreAndPostImagesExpireAfterSeconds: args.changeStreamOptionsPreAndPostImagesExpireAfterSeconds ?? d.changeStreamOptionsPreAndPostImagesExpireAfterSeconds,
    chunkMigrationConcurrency: args.chunkMigrationConcurrency ?? undefined,
    customOpensslCipherConfigTls12: tls.customOpensslCipherConfigTls12.filter(isTls12Cipher),
    defaultMaxTimeMS: args.defaultMaxTimeMS ?? undefined,
    defaultWriteConcern: args.defaultWriteConcern,
    javascriptEnabled: args.javascriptEnabled,
    minimumEnabledTlsProtocol: tls.minimumEnabledTlsProtocol === 'TLS1_3' ? ('TLS1_2' as const) : tls.minimumEnabledTlsProtocol,
    noTableScan: args.noTableScan,
    oplogMinRetentionHours: args.oplogMinRetentionHours,
    oplogSizeMB: args.oplogSizeMB,
    queryStatsLogVerbosity: args.queryStatsLogVerbosity ?? d.queryStatsLogVerbosity,
    sampleRefreshIntervalBIConnector: args.sampleRefreshIntervalBIConnector ?? d.sampleRefreshIntervalBIConnector,
    sampleSizeBIConnector: args.sampleSizeBIConnector ?? d.sampleSizeBIConnector,
    tlsCipherConfigMode: tls.tlsCipherConfigMode,
    transactionLifetimeLimitSeconds: args.transactionLifetimeLimitSeconds ?? d.transactionLifetimeLimitSeconds,
  });
}

const isTls12Cipher = (c: string): c is (typeof TLS12_CIPHERS)[number] => (TLS12_CIPHERS as readonly string[]).includes(c);

/**
 * `LegacyAtlasCluster` (2023-01-01), keys alphabetical but `providerSettings`, which
 * starts with `providerName` (recorded). One provider and size describe the cluster
 * (`legacyMainRegion`), and its shards must be alike (ASYMMETRIC_SHARD_UNSUPPORTED).
 * Cloud backup is `providerBackupEnabled` here; `backupEnabled` was the legacy backup.
 */
export function legacyClusterView(ctx: HandlerContext, c: Cluster) {
  const zones = clusterZones(c);
  const first = c.shards[0]!.regionConfigs;
  const main = legacyMainRegion(c);
  const nodes = (rcs: readonly RegionConfig[]) =>
    Object.fromEntries(
      rcs.map((rc) => [rc.regionName, { analyticsNodes: rc.analyticsSpecs.nodeCount, electableNodes: rc.electableSpecs.nodeCount, priority: rc.priority, readOnlyNodes: rc.readOnlySpecs.nodeCount }]),
    );
  const strings = connectionStrings(c);
  const standard = typeof strings.standard === 'string' ? strings.standard : undefined;
  const pin = ctx.world.clusters.fcvPinOf(c);
  const hw = main.electableSpecs;
  const scaling = main.autoScaling.compute;
  return {
    ...alphabetical({
      ...common(ctx, c),
      autoScaling: { compute: { enabled: scaling.enabled, predictiveEnabled: scaling.predictiveEnabled, scaleDownEnabled: scaling.scaleDownEnabled }, diskGBEnabled: main.autoScaling.diskGB.enabled },
      backupEnabled: false,
      connectionStrings: strings,
      diskSizeGB: double(c.diskSizeGB),
      featureCompatibilityVersion: pin?.version ?? c.mongoDBMajorVersion,
      featureCompatibilityVersionExpirationDate: pin && isoSeconds(pin.expires),
      // The host list without options, and when it last changed (the hosts came up).
      mongoURI: standard?.replace(/\/\?.*$/, ''),
      mongoURIUpdated: standard === undefined ? undefined : isoSeconds(c.created),
      mongoURIWithOptions: standard,
      numShards: zones[0]!.numShards,
      providerBackupEnabled: c.backupEnabled,
      providerSettings: undefined,
      replicaSetScalingStrategy: c.replicaSetScalingStrategy,
      replicationFactor: first.reduce((n, rc) => n + rc.electableSpecs.nodeCount, 0),
      replicationSpec: nodes(zones[0]!.regionConfigs),
      replicationSpecs: zones.map(({ zone, numShards, regionConfigs }) => ({ id: zone.legacyId, numShards, regionsConfig: nodes(regionConfigs), zoneName: zone.name })),
      srvAddress: typeof strings.standardSrv === 'string' ? strings.standardSrv : undefined,
      tags: tagsOf(c.tags),
    }),
    providerSettings: {
      providerName: main.providerName,
      autoScaling: { compute: { maxInstanceSize: scaling.maxInstanceSize ?? null, minInstanceSize: scaling.minInstanceSize ?? null } },
      ...(main.providerName === 'AWS' && { diskIOPS: hw.diskIOPS }),
      effectiveInstanceSizeName: hw.instanceSize,
      ...(main.providerName === 'AWS' && { encryptEBSVolume: true }),
      instanceSizeName: hw.instanceSize,
      regionName: main.regionName,
      ...(main.providerName === 'AWS' && { volumeType: hw.ebsVolumeType }),
    },
  };
}
