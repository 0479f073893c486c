import { AtlasError } from './errors.js';
import { baseSize, buildTopology, diskSize, finishVolumes, MAX_SHARDS } from './clusterTopology.js';
import type { Description } from './clusterRecords.js';
import { isSet, type ClusterInput, type ConfigureOptions } from './clusterInput.js';
import { checkClusterType, checkEncryptionAtRestProvider } from './govRules.js';
import { sizeRank, tierOf } from './instanceSizes.js';

/**
 * How a create or update request becomes a cluster's configuration, with every rule of
 * clusters except the Government ones (`govRules.ts`), the shape of shards and hardware
 * (`clusterTopology.ts`) and the ones that need other clusters (name uniqueness, in
 * `clusters.ts`).
 */

/** Longest cluster name (OpenAPI; CLUSTER_NAME_TOO_LONG). */
export const MAX_CLUSTER_NAME_LENGTH = 64;
/** Atlas derives host names from the first 23 characters of the name (recorded SRV hosts). */
export const HOSTNAME_PREFIX_LENGTH = 23;
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** Atlas's own host names look like this; a cluster may not be named so (ATLAS_RESERVED_CLUSTER_NAME). */
const RESERVED_NAME = /^atlas-[a-z0-9]{6}$/i;
/** Sharded clusters need M30 or larger (SHARDING_NOT_SUPPORTED). */
const SHARDING_MIN_RANK = 30;

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

/** Versions compare as numbers per part (`10.0` > `8.0`). */
function versionAtLeast(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

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
export function configureCluster(input: ClusterInput, o: ConfigureOptions): { name: string; description: Description } {
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

  // Encryption at rest with customer keys needs the project's key management configured,
  // which this simulator does not model yet: any provider but NONE is refused.
  const encryptionAtRestProvider = input.encryptionAtRestProvider ?? cur?.encryptionAtRestProvider ?? 'NONE';
  if (encryptionAtRestProvider !== 'NONE' && encryptionAtRestProvider !== cur?.encryptionAtRestProvider) {
    checkEncryptionAtRestProvider(encryptionAtRestProvider);
    throw new AtlasError('ENCRYPTION_AT_REST_NOT_ENABLED', [o.groupId]);
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

/**
 * Attributes Atlas requires, reported one at a time in Atlas's order. On update only the
 * replication specs given are checked.
 */
function requirePresent(input: ClusterInput, o: ConfigureOptions): void {
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
