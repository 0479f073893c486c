import { z } from 'zod';
import {
  CONFIG_SERVER_MANAGEMENT_MODES,
  DISK_WARMING_MODES,
  EBS_VOLUME_TYPES,
  ENCRYPTION_AT_REST_PROVIDERS,
  REPLICA_SET_SCALING_STRATEGIES,
  TLS_CIPHER_CONFIG_MODES,
  TLS_PROTOCOLS,
  VERSION_RELEASE_SYSTEMS,
} from '../../contracts/api/schemas/clusters.js';
import { AtlasError } from './errors.js';
import { checkClusterType, checkEncryptionAtRestProvider, checkInstanceSize, checkProvider, checkRegion, type GovProvider } from './govRules.js';
import { MIN_DISK_GB, PROVISIONED_IOPS, sizeRank, standardIops, tierOf, type Tier } from './instanceSizes.js';
import { TagRecord, type RegionUsageRestrictions } from './projects.js';

/**
 * The configurable part of a dedicated cluster (everything a create or update request
 * can set), how a request becomes one, and every validation rule of clusters except the
 * Government ones (`govRules.ts`) and the ones that need other clusters (name
 * uniqueness, in `clusters.ts`).
 *
 * The record is version-neutral: shards one by one, as 2024-08-05 shows them, grouped in
 * zones that also carry the per-zone id the 2023-02-01 view shows.
 */

export const HardwareRecord = z.object({
  instanceSize: z.string(),
  nodeCount: z.number().int().nonnegative(),
  /** AWS only. */
  diskIOPS: z.number().int().optional(),
  /** AWS only. */
  ebsVolumeType: z.enum(EBS_VOLUME_TYPES).optional(),
});
export type Hardware = z.infer<typeof HardwareRecord>;

export const AutoScalingRecord = z.object({
  compute: z.object({
    enabled: z.boolean(),
    scaleDownEnabled: z.boolean(),
    predictiveEnabled: z.boolean().optional(),
    minInstanceSize: z.string().optional(),
    maxInstanceSize: z.string().optional(),
  }),
  diskGB: z.object({ enabled: z.boolean() }),
});
export type AutoScaling = z.infer<typeof AutoScalingRecord>;

export const RegionConfigRecord = z.object({
  providerName: z.enum(['AWS', 'GCP']),
  regionName: z.string(),
  priority: z.number().int(),
  electableSpecs: HardwareRecord,
  readOnlySpecs: HardwareRecord,
  analyticsSpecs: HardwareRecord,
  autoScaling: AutoScalingRecord,
  /** Shown only when the client set it. */
  analyticsAutoScaling: AutoScalingRecord.optional(),
});
export type RegionConfig = z.infer<typeof RegionConfigRecord>;

export const ZoneRecord = z.object({
  /** `zoneId` of every shard in the zone. */
  id: z.string(),
  /** The 2023-02-01 view's `replicationSpecs[].id` (one spec per zone there). */
  legacyId: z.string(),
  name: z.string(),
});
export type Zone = z.infer<typeof ZoneRecord>;

export const ShardRecord = z.object({
  /** The 2024-08-05 view's `replicationSpecs[].id`. */
  id: z.string(),
  /** Index into `zones`. */
  zone: z.number().int().nonnegative(),
  regionConfigs: z.array(RegionConfigRecord),
});
export type Shard = z.infer<typeof ShardRecord>;

export const DescriptionRecord = z.object({
  clusterType: z.enum(['REPLICASET', 'SHARDED']),
  /** One size for every node of the cluster (Atlas requires it equal across shards and node types). */
  diskSizeGB: z.number(),
  zones: z.array(ZoneRecord),
  shards: z.array(ShardRecord),
  advancedConfiguration: z.object({
    customOpensslCipherConfigTls12: z.array(z.string()),
    customOpensslCipherConfigTls13: z.array(z.string()),
    minimumEnabledTlsProtocol: z.enum(TLS_PROTOCOLS),
    tlsCipherConfigMode: z.enum(TLS_CIPHER_CONFIG_MODES),
  }),
  backupEnabled: z.boolean(),
  biConnector: z.object({ enabled: z.boolean(), readPreference: z.enum(['primary', 'secondary', 'analytics']) }),
  configServerManagementMode: z.enum(CONFIG_SERVER_MANAGEMENT_MODES),
  diskWarmingMode: z.enum(DISK_WARMING_MODES),
  encryptionAtRestProvider: z.enum(ENCRYPTION_AT_REST_PROVIDERS),
  globalClusterSelfManagedSharding: z.boolean(),
  labels: z.array(TagRecord),
  mongoDBMajorVersion: z.string(),
  paused: z.boolean(),
  pitEnabled: z.boolean(),
  redactClientLogData: z.boolean(),
  replicaSetScalingStrategy: z.enum(REPLICA_SET_SCALING_STRATEGIES).optional(),
  tags: z.array(TagRecord),
  terminationProtectionEnabled: z.boolean(),
  versionReleaseSystem: z.enum(VERSION_RELEASE_SYSTEMS),
});
export type Description = z.infer<typeof DescriptionRecord>;

// ---------------------------------------------------------------------------
// Request input, as every version's contract parses it (null means absent)
// ---------------------------------------------------------------------------

type Maybe<T> = T | null | undefined;

export interface HardwareInput {
  instanceSize?: Maybe<string>;
  nodeCount?: Maybe<number>;
  diskSizeGB?: Maybe<number>;
  diskIOPS?: Maybe<number>;
  ebsVolumeType?: Maybe<'STANDARD' | 'PROVISIONED'>;
}

export interface AutoScalingInput {
  compute?: Maybe<{
    enabled?: Maybe<boolean>;
    scaleDownEnabled?: Maybe<boolean>;
    predictiveEnabled?: Maybe<boolean>;
    minInstanceSize?: Maybe<string>;
    maxInstanceSize?: Maybe<string>;
  }>;
  diskGB?: Maybe<{ enabled?: Maybe<boolean> }>;
}

export interface RegionConfigInput {
  providerName?: Maybe<string>;
  regionName?: Maybe<string>;
  priority?: Maybe<number>;
  electableSpecs?: Maybe<HardwareInput>;
  readOnlySpecs?: Maybe<HardwareInput>;
  analyticsSpecs?: Maybe<HardwareInput>;
  autoScaling?: Maybe<AutoScalingInput>;
  analyticsAutoScaling?: Maybe<AutoScalingInput>;
}

export interface ReplicationSpecInput {
  id?: Maybe<string>;
  zoneName?: Maybe<string>;
  /** 2023-02-01 only. */
  numShards?: Maybe<number>;
  regionConfigs?: Maybe<RegionConfigInput[]>;
}

export interface ClusterInput {
  name?: Maybe<string>;
  clusterType?: Maybe<string>;
  /** 2023-02-01 only (later versions carry it in every hardware spec). */
  diskSizeGB?: Maybe<number>;
  replicationSpecs?: Maybe<ReplicationSpecInput[]>;
  advancedConfiguration?: Maybe<{
    customOpensslCipherConfigTls12?: Maybe<string[]>;
    customOpensslCipherConfigTls13?: Maybe<string[]>;
    minimumEnabledTlsProtocol?: Maybe<Description['advancedConfiguration']['minimumEnabledTlsProtocol']>;
    tlsCipherConfigMode?: Maybe<Description['advancedConfiguration']['tlsCipherConfigMode']>;
  }>;
  backupEnabled?: Maybe<boolean>;
  biConnector?: Maybe<{ enabled?: Maybe<boolean>; readPreference?: Maybe<string> }>;
  configServerManagementMode?: Maybe<Description['configServerManagementMode']>;
  diskWarmingMode?: Maybe<Description['diskWarmingMode']>;
  encryptionAtRestProvider?: Maybe<Description['encryptionAtRestProvider']>;
  globalClusterSelfManagedSharding?: Maybe<boolean>;
  labels?: Maybe<Array<{ key: string; value: string }>>;
  mongoDBMajorVersion?: Maybe<string>;
  paused?: Maybe<boolean>;
  pitEnabled?: Maybe<boolean>;
  redactClientLogData?: Maybe<boolean>;
  replicaSetScalingStrategy?: Maybe<Description['replicaSetScalingStrategy']>;
  tags?: Maybe<Array<{ key: string; value: string }>>;
  terminationProtectionEnabled?: Maybe<boolean>;
  versionReleaseSystem?: Maybe<Description['versionReleaseSystem']>;
}

/**
 * How a version lays out `replicationSpecs`: 2023-02-01 sends one spec per zone with
 * `numShards`, 2024-08-05 and later one spec per shard.
 */
export type SpecLayout = 'zones' | 'shards';

export interface DescribeOptions {
  layout: SpecLayout;
  restriction: RegionUsageRestrictions;
  groupId: string;
  /** The cluster being updated; absent for a create. */
  current?: { name: string } & Description;
  newId(): string;
  /** Name uniqueness, run right after the name rules on create (needs the other clusters). */
  checkName?(name: string): void;
  /** Whether the project's customer key management is enabled for a provider (absent: never). */
  encryptionAtRestEnabled?(provider: string): boolean;
}

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

/** Longest cluster name (OpenAPI; CLUSTER_NAME_TOO_LONG). */
export const MAX_CLUSTER_NAME_LENGTH = 64;
/** Atlas derives host names from the first 23 characters of the name (recorded SRV hosts). */
export const HOSTNAME_PREFIX_LENGTH = 23;
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** Atlas's own host names look like this; a cluster may not be named so (ATLAS_RESERVED_CLUSTER_NAME). */
const RESERVED_NAME = /^atlas-[a-z0-9]{6}$/i;
/** Shards of a sharded cluster. Decision: Atlas's documented maximum of 70. */
export const MAX_SHARDS = 70;
/** Sharded clusters need M30 or larger (SHARDING_NOT_SUPPORTED). */
const SHARDING_MIN_RANK = 30;
/** Provisioned IOPS are for M30 and larger (OpenAPI `diskIOPS`). */
const PROVISIONED_MIN_RANK = 30;

/**
 * MongoDB versions Atlas offers, major -> patch release. The recorded clusters run 7.0.40
 * and 8.0.29; 8.0 is the default (`/api/private/unauth/nds/defaultMongoDBMajorVersion`).
 * Decision: `CONTINUOUS` clusters also run the newest of these.
 */
export const MONGODB_VERSIONS: Readonly<Record<string, string>> = { '7.0': '7.0.40', '8.0': '8.0.29' };
export const DEFAULT_MONGODB_MAJOR_VERSION = '8.0';
const LATEST_MONGODB_MAJOR_VERSION = '8.0';

export function hostnamePrefix(name: string): string {
  return name.slice(0, HOSTNAME_PREFIX_LENGTH).toLowerCase();
}

const DEFAULT_AUTO_SCALING = (): AutoScaling => ({ compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } });

const isSet = <T>(v: Maybe<T>): v is T => v !== null && v !== undefined;

/** Versions compare as numbers per part (`10.0` > `8.0`). */
function versionAtLeast(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

/**
 * Validates a create (no `current`) or update request and returns the cluster's new
 * configuration. Nothing is changed: the caller stores the result only if this returns.
 *
 * Order of checks: first the attributes Atlas requires, one at a time in the order Atlas
 * reports them (wire-facts D.2: name, replicationSpecs, regionConfigs, clusterType,
 * priority, nodeCount; then providerName, regionName and instanceSize, a simulator
 * decision); then the name, the cluster type, each region config (Government provider,
 * region and tier, then its hardware), each shard's topology (priorities, node counts),
 * the shard count, the disk, auto-scaling, the MongoDB version and the rest.
 */
export function describeCluster(input: ClusterInput, o: DescribeOptions): { name: string; description: Description } {
  const cur = o.current;
  requirePresent(input, o);

  // Name.
  let name: string;
  if (cur) {
    if (isSet(input.name) && input.name !== cur.name) throw new AtlasError('CLUSTER_CANNOT_CHANGE_NAME', []);
    name = cur.name;
  } else {
    name = input.name!;
    checkName(name);
    o.checkName?.(name);
  }

  // Cluster type.
  const clusterType = input.clusterType ?? cur?.clusterType ?? 'REPLICASET';
  checkClusterType(clusterType);
  if (clusterType !== 'REPLICASET' && clusterType !== 'SHARDED') throw new AtlasError('INVALID_ENUM_VALUE', [clusterType]);
  if (cur?.clusterType === 'SHARDED' && clusterType === 'REPLICASET') throw new AtlasError('SHARDED_CLUSTER_CANT_BECOME_REPLICA_SET', []);

  // Topology.
  const maxShards = clusterType === 'REPLICASET' ? 1 : MAX_SHARDS;
  const { zones, shards, requestedDisk, assignIds } = isSet(input.replicationSpecs)
    ? buildTopology(input, o, maxShards)
    : { zones: structuredClone(cur!.zones), shards: structuredClone(cur!.shards), requestedDisk: input.diskSizeGB ?? undefined, assignIds: () => {} };
  if (shards.length > maxShards) throw new AtlasError('CLUSTER_NUM_SHARDS_INVALID', [maxShards]);
  if (clusterType === 'SHARDED') {
    for (const s of shards) {
      const size = baseSize(s);
      if (sizeRank(size) < SHARDING_MIN_RANK) throw new AtlasError('SHARDING_NOT_SUPPORTED', [size]);
    }
  }

  // Disk, then the volumes that depend on it.
  const diskSizeGB = diskSize(shards, requestedDisk, cur);
  for (const s of shards) for (const rc of s.regionConfigs) finishVolumes(rc, diskSizeGB, s.id, cur);

  // MongoDB version.
  const versionReleaseSystem = input.versionReleaseSystem ?? cur?.versionReleaseSystem ?? 'LTS';
  if (versionReleaseSystem === 'CONTINUOUS' && isSet(input.mongoDBMajorVersion)) {
    throw new AtlasError('INVALID_MONGODB_VERSION_CONFIG', ['mongoDBMajorVersion cannot be set when versionReleaseSystem is CONTINUOUS']);
  }
  const mongoDBMajorVersion =
    versionReleaseSystem === 'CONTINUOUS' ? LATEST_MONGODB_MAJOR_VERSION : (input.mongoDBMajorVersion ?? cur?.mongoDBMajorVersion ?? DEFAULT_MONGODB_MAJOR_VERSION);
  checkMongoDBVersion(mongoDBMajorVersion);
  if (cur && !versionAtLeast(mongoDBMajorVersion, cur.mongoDBMajorVersion)) throw new AtlasError('CLUSTER_UPGRADE_INVALID', []);

  // BI Connector.
  const readPreference = (input.biConnector?.readPreference?.toLowerCase() ?? cur?.biConnector.readPreference ?? 'secondary') as Description['biConnector']['readPreference'];
  const biConnector = { enabled: input.biConnector?.enabled ?? cur?.biConnector.enabled ?? false, readPreference };
  if (readPreference === 'analytics' && !shards.some((s) => s.regionConfigs.some((rc) => rc.analyticsSpecs.nodeCount > 0))) {
    throw new AtlasError('INVALID_BI_CONNECTOR_READ_PREFERENCE_FOR_TOPOLOGY', []);
  }

  // Encryption at rest with customer keys needs the project's key management enabled for that provider.
  const encryptionAtRestProvider = input.encryptionAtRestProvider ?? cur?.encryptionAtRestProvider ?? 'NONE';
  if (encryptionAtRestProvider !== 'NONE' && encryptionAtRestProvider !== cur?.encryptionAtRestProvider) {
    checkEncryptionAtRestProvider(encryptionAtRestProvider);
    if (!o.encryptionAtRestEnabled?.(encryptionAtRestProvider)) throw new AtlasError('ENCRYPTION_AT_REST_NOT_ENABLED', [o.groupId]);
  }

  // Self-managed sharding is for Global Clusters only, and fixed once deployed.
  const globalClusterSelfManagedSharding = input.globalClusterSelfManagedSharding ?? cur?.globalClusterSelfManagedSharding ?? false;
  if (cur && globalClusterSelfManagedSharding !== cur.globalClusterSelfManagedSharding) {
    throw new AtlasError('CANNOT_MODIFY_GLOBAL_CLUSTER_MANAGEMENT_SETTING', []);
  }
  if (!cur && globalClusterSelfManagedSharding) throw new AtlasError('CANNOT_SET_SELF_MANAGED_SHARDING_FOR_NON_GLOBAL_CLUSTER', []);

  const backupEnabled = input.backupEnabled ?? cur?.backupEnabled ?? false;
  if (!backupEnabled && shards.some((s) => tierOf(s.regionConfigs[0]!.providerName, baseSize(s))?.nvme)) {
    throw new AtlasError('NVME_STORAGE_PROVIDER_BACKUP_REQUIRED', []);
  }

  const paused = input.paused ?? cur?.paused ?? false;
  if (!cur && paused) throw new AtlasError('CANNOT_CREATE_PAUSED_CLUSTER', [name]);

  // Valid: only now does the request take ids for new zones and shards, so that a refused
  // request leaves the id generator where it was.
  assignIds();
  const ac = input.advancedConfiguration;
  const curAc = cur?.advancedConfiguration;
  const replicaSetScalingStrategy = input.replicaSetScalingStrategy ?? cur?.replicaSetScalingStrategy;
  const description: Description = {
    clusterType,
    diskSizeGB,
    zones,
    shards,
    advancedConfiguration: {
      customOpensslCipherConfigTls12: ac?.customOpensslCipherConfigTls12 ?? curAc?.customOpensslCipherConfigTls12 ?? [],
      customOpensslCipherConfigTls13: ac?.customOpensslCipherConfigTls13 ?? curAc?.customOpensslCipherConfigTls13 ?? [],
      minimumEnabledTlsProtocol: ac?.minimumEnabledTlsProtocol ?? curAc?.minimumEnabledTlsProtocol ?? 'TLS1_2',
      tlsCipherConfigMode: ac?.tlsCipherConfigMode ?? curAc?.tlsCipherConfigMode ?? 'DEFAULT',
    },
    backupEnabled,
    biConnector,
    configServerManagementMode: input.configServerManagementMode ?? cur?.configServerManagementMode ?? 'ATLAS_MANAGED',
    diskWarmingMode: input.diskWarmingMode ?? cur?.diskWarmingMode ?? 'FULLY_WARMED',
    encryptionAtRestProvider,
    globalClusterSelfManagedSharding,
    labels: (input.labels ?? cur?.labels ?? []).map((l) => ({ key: l.key, value: l.value })),
    mongoDBMajorVersion,
    paused,
    pitEnabled: input.pitEnabled ?? cur?.pitEnabled ?? false,
    redactClientLogData: input.redactClientLogData ?? cur?.redactClientLogData ?? false,
    ...(replicaSetScalingStrategy && { replicaSetScalingStrategy }),
    tags: (input.tags ?? cur?.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
    terminationProtectionEnabled: input.terminationProtectionEnabled ?? cur?.terminationProtectionEnabled ?? false,
    versionReleaseSystem,
  };
  return { name, description };
}

/** The patch release a major version runs. */
export function mongoDBVersionOf(major: string): string {
  return MONGODB_VERSIONS[major] ?? `${major}.0`;
}

/** Instance size of a shard's base (electable and read-only) nodes. */
export function baseSize(shard: Shard): string {
  return shard.regionConfigs[0]!.electableSpecs.instanceSize;
}

/**
 * Attributes Atlas requires, reported one at a time in Atlas's order. On update only the
 * replication specs given are checked.
 */
function requirePresent(input: ClusterInput, o: DescribeOptions): void {
  const missing = (attribute: string): never => {
    throw new AtlasError('MISSING_ATTRIBUTE', [attribute]);
  };
  const create = !o.current;
  if (create && (!isSet(input.name) || input.name === '')) missing('name');
  if (create && !isSet(input.replicationSpecs)) missing('replicationSpecs');
  const specs = input.replicationSpecs;
  if (!specs) return;
  if (specs.length === 0) missing('replicationSpecs');
  for (const spec of specs) if (!isSet(spec.regionConfigs) || spec.regionConfigs.length === 0) missing('regionConfigs');
  if (create && !isSet(input.clusterType)) missing('clusterType');
  for (const spec of specs) {
    for (const rc of spec.regionConfigs!) {
      if (!isSet(rc.priority)) missing('priority');
      if (isSet(rc.electableSpecs) && !isSet(rc.electableSpecs.nodeCount)) missing('nodeCount');
      if (!isSet(rc.providerName)) missing('providerName');
      if (!isSet(rc.regionName)) missing('regionName');
      if (!isSet(rc.electableSpecs) && !isSet(rc.readOnlySpecs) && !isSet(rc.analyticsSpecs)) {
        throw new AtlasError('MISSING_ONE_OF_THREE_ATTRIBUTES', ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs']);
      }
      if (isSet(rc.electableSpecs) && !isSet(rc.electableSpecs.instanceSize)) missing('instanceSize');
    }
  }
}

/** Name rules of a new cluster (all but uniqueness). */
function checkName(name: string): void {
  if (name.length > MAX_CLUSTER_NAME_LENGTH) throw new AtlasError('CLUSTER_NAME_TOO_LONG', [name, MAX_CLUSTER_NAME_LENGTH]);
  if (!NAME_PATTERN.test(name)) throw new AtlasError('CLUSTER_NAME_INVALID', [name]);
  if (RESERVED_NAME.test(name)) throw new AtlasError('ATLAS_RESERVED_CLUSTER_NAME', [name]);
  const prefix = hostnamePrefix(name);
  if (prefix.endsWith('-')) throw new AtlasError('CLUSTER_NAME_PREFIX_INVALID', [name, HOSTNAME_PREFIX_LENGTH, prefix]);
}

function checkMongoDBVersion(major: string): void {
  if (MONGODB_VERSIONS[major]) return;
  // Older majors existed but are past their end of life in Atlas.
  if (/^\d+\.\d+$/.test(major) && !versionAtLeast(major, '7.0')) throw new AtlasError('ATLAS_CLUSTER_VERSION_DEPRECATED', []);
  throw new AtlasError('MONGODB_VERSION_INVALID', [major]);
}

interface Topology {
  zones: Zone[];
  shards: Shard[];
  /** The disk size the request names (undefined when it names none). */
  requestedDisk: number | undefined;
  /** Gives new zones and shards their ids (they are empty until then). */
  assignIds(): void;
}

/** Zones and shards from the request's replication specs, keeping the ids of what already exists. */
function buildTopology(input: ClusterInput, o: DescribeOptions, maxShards: number): Topology {
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
function regionConfig(rc: RegionConfigInput, o: DescribeOptions, disks: number[], previousShard: Shard | undefined): RegionConfig {
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
function diskSize(shards: Shard[], requested: number | undefined, cur: Description | undefined): number {
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
function finishVolumes(rc: RegionConfig, diskGB: number, shardId: string, cur: Description | undefined): void {
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

/** JSON with object keys sorted: equal configurations give equal text whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
