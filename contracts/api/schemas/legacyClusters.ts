import { z } from 'zod';
import { AtlasDate, Links, ObjectId, paginated, Tag } from './common.js';
import {
  BI_READ_PREFERENCES,
  CLUSTER_TYPES,
  CONFIG_SERVER_MANAGEMENT_MODES,
  CONFIG_SERVER_TYPES,
  DISK_WARMING_MODES,
  EBS_VOLUME_TYPES,
  ENCRYPTION_AT_REST_PROVIDERS,
  INSTANCE_SIZES,
  PROVIDER_NAMES,
  REPLICA_SET_SCALING_STRATEGIES,
  STATE_NAMES,
  TLS_CIPHER_CONFIG_MODES,
  TLS_PROTOCOLS,
  TLS12_CIPHERS,
  VERSION_RELEASE_SYSTEMS,
} from '../vocabulary.js';

/**
 * The 2023-01-01 cluster versions (`LegacyAtlasCluster`, deprecated, sunset 2027-07-01):
 * one provider and instance size for the whole cluster in `providerSettings`, and
 * regions as a map of node counts (`replicationSpecs[].regionsConfig`). Shapes from the
 * document's `LegacyAtlasCluster` and a recorded response of the same view (v1.0
 * `GET /clusters/{name}`). Requests read like the other versions: null is absent,
 * read-only attributes are accepted back and ignored, required ones are the rules'.
 */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();
const readOnly = z.unknown().optional();

const RegionNodes = z.strictObject({
  analyticsNodes: opt(z.number().int()),
  electableNodes: opt(z.number().int()),
  priority: opt(z.number().int()),
  readOnlyNodes: opt(z.number().int()),
});

const ProviderSettingsRequest = z.strictObject({
  providerName: opt(z.enum(PROVIDER_NAMES)),
  instanceSizeName: opt(z.enum(INSTANCE_SIZES)),
  regionName: opt(z.string()),
  diskIOPS: opt(z.number().int()),
  volumeType: opt(z.enum(EBS_VOLUME_TYPES)),
  encryptEBSVolume: opt(z.boolean()),
  backingProviderName: opt(z.enum(['AWS', 'GCP', 'AZURE'])),
  autoScaling: opt(z.strictObject({ compute: opt(z.strictObject({ maxInstanceSize: opt(z.enum(INSTANCE_SIZES)), minInstanceSize: opt(z.enum(INSTANCE_SIZES)) })) })),
  effectiveInstanceSizeName: readOnly,
});

export const LegacyClusterRequest = z.strictObject({
  acceptDataRisksAndForceReplicaSetReconfig: opt(z.string()),
  advancedConfiguration: opt(
    z.strictObject({
      customOpensslCipherConfigTls12: opt(z.array(z.enum(TLS12_CIPHERS))),
      customOpensslCipherConfigTls13: opt(z.array(z.string())),
      minimumEnabledTlsProtocol: opt(z.enum(TLS_PROTOCOLS)),
      tlsCipherConfigMode: opt(z.enum(TLS_CIPHER_CONFIG_MODES)),
    }),
  ),
  autoScaling: opt(
    z.strictObject({
      compute: opt(z.strictObject({ enabled: opt(z.boolean()), scaleDownEnabled: opt(z.boolean()), predictiveEnabled: opt(z.boolean()) })),
      diskGBEnabled: opt(z.boolean()),
    }),
  ),
  backupEnabled: opt(z.boolean()),
  biConnector: opt(z.strictObject({ enabled: opt(z.boolean()), readPreference: opt(z.enum(BI_READ_PREFERENCES)) })),
  clusterType: opt(z.enum(CLUSTER_TYPES)),
  configServerManagementMode: opt(z.enum(CONFIG_SERVER_MANAGEMENT_MODES)),
  diskSizeGB: opt(z.number()),
  diskWarmingMode: opt(z.enum(DISK_WARMING_MODES)),
  encryptionAtRestProvider: opt(z.enum(ENCRYPTION_AT_REST_PROVIDERS)),
  globalClusterSelfManagedSharding: opt(z.boolean()),
  labels: opt(z.array(z.strictObject({ key: z.string().min(1).max(255), value: z.string().min(1).max(255) }))),
  mongoDBMajorVersion: opt(z.string()),
  name: opt(z.string()),
  numShards: opt(z.number().int()),
  paused: opt(z.boolean()),
  pitEnabled: opt(z.boolean()),
  providerBackupEnabled: opt(z.boolean()),
  providerSettings: opt(ProviderSettingsRequest),
  replicaSetScalingStrategy: opt(z.enum(REPLICA_SET_SCALING_STRATEGIES)),
  replicationFactor: opt(z.number().int()),
  replicationSpec: opt(z.record(z.string(), RegionNodes)),
  replicationSpecs: opt(z.array(z.strictObject({ id: opt(z.string()), numShards: opt(z.number().int()), regionsConfig: opt(z.record(z.string(), RegionNodes)), zoneName: opt(z.string()) }))),
  rootCertType: opt(z.enum(['ISRGROOTX1'])),
  tags: opt(z.array(z.strictObject({ key: z.string().min(1).max(255), value: z.string().min(1).max(255) }))),
  terminationProtectionEnabled: opt(z.boolean()),
  versionReleaseSystem: opt(z.enum(VERSION_RELEASE_SYSTEMS)),
  configServerType: readOnly,
  connectionStrings: readOnly,
  createDate: readOnly,
  featureCompatibilityVersion: readOnly,
  featureCompatibilityVersionExpirationDate: readOnly,
  groupId: readOnly,
  id: readOnly,
  links: readOnly,
  mongoDBEmployeeAccessGrant: readOnly,
  mongoDBVersion: readOnly,
  mongoURI: readOnly,
  mongoURIUpdated: readOnly,
  mongoURIWithOptions: readOnly,
  srvAddress: readOnly,
  stateName: readOnly,
});
export type LegacyClusterRequest = z.infer<typeof LegacyClusterRequest>;

const RegionNodesView = z.strictObject({ analyticsNodes: z.number().int(), electableNodes: z.number().int(), priority: z.number().int(), readOnlyNodes: z.number().int() });

export const LegacyCluster = z.strictObject({
  advancedConfiguration: z.strictObject({
    customOpensslCipherConfigTls12: z.array(z.string()),
    customOpensslCipherConfigTls13: z.array(z.string()),
    minimumEnabledTlsProtocol: z.enum(TLS_PROTOCOLS),
    tlsCipherConfigMode: z.enum(TLS_CIPHER_CONFIG_MODES),
  }),
  autoScaling: z.strictObject({ compute: z.strictObject({ enabled: z.boolean(), predictiveEnabled: z.boolean().optional(), scaleDownEnabled: z.boolean() }), diskGBEnabled: z.boolean() }),
  backupEnabled: z.boolean(),
  biConnector: z.strictObject({ enabled: z.boolean(), readPreference: z.enum(['primary', 'secondary', 'analytics']) }),
  clusterType: z.enum(['REPLICASET', 'SHARDED']),
  configServerManagementMode: z.enum(CONFIG_SERVER_MANAGEMENT_MODES).optional(),
  configServerType: z.enum(CONFIG_SERVER_TYPES).optional(),
  connectionStrings: z.record(z.string(), z.unknown()),
  createDate: AtlasDate,
  diskSizeGB: z.number().positive(),
  diskWarmingMode: z.enum(DISK_WARMING_MODES),
  encryptionAtRestProvider: z.enum(ENCRYPTION_AT_REST_PROVIDERS),
  featureCompatibilityVersion: z.string(),
  featureCompatibilityVersionExpirationDate: AtlasDate.optional(),
  globalClusterSelfManagedSharding: z.boolean(),
  groupId: ObjectId,
  id: ObjectId,
  labels: z.array(Tag),
  links: Links,
  mongoDBMajorVersion: z.string(),
  mongoDBVersion: z.string(),
  mongoURI: z.string().optional(),
  mongoURIUpdated: AtlasDate.optional(),
  mongoURIWithOptions: z.string().optional(),
  name: z.string(),
  numShards: z.number().int().positive(),
  paused: z.boolean(),
  pitEnabled: z.boolean(),
  providerBackupEnabled: z.boolean(),
  providerSettings: z.strictObject({
    providerName: z.enum(['AWS', 'GCP']),
    autoScaling: z.strictObject({ compute: z.strictObject({ maxInstanceSize: z.string().nullable(), minInstanceSize: z.string().nullable() }) }),
    diskIOPS: z.number().int().optional(),
    effectiveInstanceSizeName: z.string(),
    encryptEBSVolume: z.boolean().optional(),
    instanceSizeName: z.string(),
    regionName: z.string(),
    volumeType: z.enum(EBS_VOLUME_TYPES).optional(),
  }),
  replicaSetScalingStrategy: z.enum(REPLICA_SET_SCALING_STRATEGIES).optional(),
  replicationFactor: z.number().int(),
  replicationSpec: z.record(z.string(), RegionNodesView),
  replicationSpecs: z.array(z.strictObject({ id: ObjectId, numShards: z.number().int().positive(), regionsConfig: z.record(z.string(), RegionNodesView), zoneName: z.string() })),
  rootCertType: z.literal('ISRGROOTX1'),
  srvAddress: z.string().optional(),
  stateName: z.enum(STATE_NAMES),
  tags: z.array(Tag),
  terminationProtectionEnabled: z.boolean(),
  versionReleaseSystem: z.enum(VERSION_RELEASE_SYSTEMS),
});

export const PaginatedLegacyClusters = paginated(LegacyCluster);
