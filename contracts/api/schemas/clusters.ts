import { z } from 'zod';
import { AtlasDate, Links, ObjectId, paginated, Tag } from './common.js';
import {
  INSTANCE_SIZES,
  PROVIDER_NAMES,
  CLUSTER_TYPES,
  STATE_NAMES,
  EBS_VOLUME_TYPES,
  DISK_WARMING_MODES,
  ENCRYPTION_AT_REST_PROVIDERS,
  VERSION_RELEASE_SYSTEMS,
  REPLICA_SET_SCALING_STRATEGIES,
  CONFIG_SERVER_MANAGEMENT_MODES,
  CONFIG_SERVER_TYPES,
  TLS_PROTOCOLS,
  TLS_CIPHER_CONFIG_MODES,
  TLS12_CIPHERS,
  BI_READ_PREFERENCES,
} from '../vocabulary.js';

/**
 * Dedicated cluster shapes, per version.
 *
 * - 2023-02-01 (`ClusterDescriptionV15`, deprecated): one replication spec per zone with
 *   `numShards`, the disk size at the top level, hardware specs without `diskSizeGB`.
 *   The OpenAPI document only describes the newest versions; this contract follows the
 *   recorded responses and the document's leftover `ReplicationSpec`/`CloudRegionConfig`/
 *   `HardwareSpec` schemas, which are this version's.
 * - 2024-08-05 / 2024-10-23 (`ClusterDescription20240805`): one replication spec per
 *   shard, `diskSizeGB` in every hardware spec, `effective*` specs.
 *
 * Requests: Atlas deserialises first (wrong types, unknown fields and bad enumeration
 * values fail there) and validates afterwards. Attributes Atlas requires are therefore
 * optional here and reported missing by the cluster rules, one at a time in Atlas's
 * order. `null` is accepted wherever a value is optional: Jackson reads it as absent.
 * Read-only attributes of the view are accepted back and ignored, so that a client can
 * PATCH what it read.
 */

const opt = <T extends z.ZodType>(schema: T) => schema.nullish();
/** A read-only attribute: accepted in requests, never read. */
const readOnly = z.unknown().optional();

const InstanceSize = z.enum(INSTANCE_SIZES);
const Label = z.strictObject({ key: z.string().min(1).max(255), value: z.string().min(1).max(255) });
const ResourceTag = z.strictObject({ key: z.string().min(1).max(255), value: z.string().min(1).max(255) });

const hardwareRequest = {
  instanceSize: opt(InstanceSize),
  nodeCount: opt(z.number().int()),
  diskIOPS: opt(z.number().int()),
  ebsVolumeType: opt(z.enum(EBS_VOLUME_TYPES)),
  effectiveInstanceSize: readOnly,
};
const HardwareSpecRequestV15 = z.strictObject(hardwareRequest);
const HardwareSpecRequest20240805 = z.strictObject({ ...hardwareRequest, diskSizeGB: opt(z.number()) });

const AutoScalingRequest = z.strictObject({
  compute: opt(
    z.strictObject({
      enabled: opt(z.boolean()),
      maxInstanceSize: opt(InstanceSize),
      minInstanceSize: opt(InstanceSize),
      predictiveEnabled: opt(z.boolean()),
      scaleDownEnabled: opt(z.boolean()),
    }),
  ),
  diskGB: opt(z.strictObject({ enabled: opt(z.boolean()) })),
});

function regionConfigRequest<H extends z.ZodType>(hardware: H, effective: boolean) {
  return z.strictObject({
    analyticsAutoScaling: opt(AutoScalingRequest),
    analyticsSpecs: opt(hardware),
    autoScaling: opt(AutoScalingRequest),
    backingProviderName: opt(z.enum(['AWS', 'GCP', 'AZURE'])),
    electableSpecs: opt(hardware),
    priority: opt(z.number().int()),
    providerName: opt(z.enum(PROVIDER_NAMES)),
    readOnlySpecs: opt(hardware),
    regionName: opt(z.string()),
    ...(effective && { effectiveAnalyticsSpecs: readOnly, effectiveElectableSpecs: readOnly, effectiveReadOnlySpecs: readOnly }),
  });
}

const AdvancedConfigurationRequest = z.strictObject({
  customOpensslCipherConfigTls12: opt(z.array(z.enum(TLS12_CIPHERS))),
  customOpensslCipherConfigTls13: opt(z.array(z.string())),
  minimumEnabledTlsProtocol: opt(z.enum(TLS_PROTOCOLS)),
  tlsCipherConfigMode: opt(z.enum(TLS_CIPHER_CONFIG_MODES)),
});

/** Attributes both request versions share. */
const commonRequest = {
  acceptDataRisksAndForceReplicaSetReconfig: opt(z.string()),
  advancedConfiguration: opt(AdvancedConfigurationRequest),
  backupEnabled: opt(z.boolean()),
  biConnector: opt(z.strictObject({ enabled: opt(z.boolean()), readPreference: opt(z.enum(BI_READ_PREFERENCES)) })),
  clusterType: opt(z.enum(CLUSTER_TYPES)),
  configServerManagementMode: opt(z.enum(CONFIG_SERVER_MANAGEMENT_MODES)),
  configServerType: readOnly,
  connectionStrings: readOnly,
  createDate: readOnly,
  diskWarmingMode: opt(z.enum(DISK_WARMING_MODES)),
  encryptionAtRestProvider: opt(z.enum(ENCRYPTION_AT_REST_PROVIDERS)),
  globalClusterSelfManagedSharding: opt(z.boolean()),
  groupId: readOnly,
  id: readOnly,
  labels: opt(z.array(Label)),
  links: readOnly,
  mongoDBMajorVersion: opt(z.string()),
  mongoDBVersion: readOnly,
  name: opt(z.string()),
  paused: opt(z.boolean()),
  pitEnabled: opt(z.boolean()),
  rootCertType: opt(z.enum(['ISRGROOTX1'])),
  stateName: readOnly,
  tags: opt(z.array(ResourceTag)),
  terminationProtectionEnabled: opt(z.boolean()),
  versionReleaseSystem: opt(z.enum(VERSION_RELEASE_SYSTEMS)),
};

/** 2023-02-01 create and update body. */
export const ClusterRequestV15 = z.strictObject({
  ...commonRequest,
  diskSizeGB: opt(z.number()),
  replicationSpecs: opt(
    z.array(
      z.strictObject({
        id: opt(z.string()),
        numShards: opt(z.number().int()),
        regionConfigs: opt(z.array(regionConfigRequest(HardwareSpecRequestV15, false))),
        zoneId: readOnly,
        zoneName: opt(z.string()),
      }),
    ),
  ),
});

/** 2024-08-05 and 2024-10-23 create and update body (`ClusterDescription20240805`). */
export const ClusterRequest20240805 = z.strictObject({
  ...commonRequest,
  featureCompatibilityVersion: readOnly,
  featureCompatibilityVersionExpirationDate: readOnly,
  mongoDBEmployeeAccessGrant: readOnly,
  redactClientLogData: opt(z.boolean()),
  replicaSetScalingStrategy: opt(z.enum(REPLICA_SET_SCALING_STRATEGIES)),
  replicationSpecs: opt(
    z.array(
      z.strictObject({
        id: opt(z.string()),
        regionConfigs: opt(z.array(regionConfigRequest(HardwareSpecRequest20240805, true))),
        zoneId: readOnly,
        zoneName: opt(z.string()),
      }),
    ),
  ),
  // Attributes of Atlas's view that the document does not list; read-only.
  adaptiveCapacity: readOnly,
  effectiveDatabaseEdition: readOnly,
  effectiveReplicationSpecs: readOnly,
  internalClusterRole: readOnly,
  retainBackups: readOnly,
  useAwsTimeBasedSnapshotCopyForFastInitialSync: readOnly,
});

export type ClusterRequestV15 = z.infer<typeof ClusterRequestV15>;
export type ClusterRequest20240805 = z.infer<typeof ClusterRequest20240805>;

// ---------------------------------------------------------------------------
// Responses (strict: an unexpected key is a bug)
// ---------------------------------------------------------------------------

const Label$ = z.strictObject({ key: z.string(), value: z.string() });

const AwsHardwareV15 = z.strictObject({
  instanceSize: z.string(),
  diskIOPS: z.number().int(),
  ebsVolumeType: z.enum(EBS_VOLUME_TYPES),
  nodeCount: z.number().int().nonnegative(),
});
const GcpHardwareV15 = z.strictObject({ instanceSize: z.string(), nodeCount: z.number().int().nonnegative() });
const AwsHardware20240805 = z.strictObject({
  instanceSize: z.string(),
  diskIOPS: z.number().int(),
  diskSizeGB: z.number().positive(),
  ebsVolumeType: z.enum(EBS_VOLUME_TYPES),
  nodeCount: z.number().int().nonnegative(),
});
const GcpHardware20240805 = z.strictObject({ instanceSize: z.string(), diskSizeGB: z.number().positive(), nodeCount: z.number().int().nonnegative() });

const AutoScaling = z.strictObject({
  compute: z.strictObject({
    enabled: z.boolean(),
    maxInstanceSize: z.string().optional(),
    minInstanceSize: z.string().optional(),
    predictiveEnabled: z.boolean().optional(),
    scaleDownEnabled: z.boolean(),
  }),
  diskGB: z.strictObject({ enabled: z.boolean() }),
});

function regionConfigResponse<H extends z.ZodType>(hardware: H, effective: boolean) {
  return z.strictObject({
    analyticsAutoScaling: AutoScaling.optional(),
    analyticsSpecs: hardware,
    autoScaling: AutoScaling,
    ...(effective && { effectiveAnalyticsSpecs: hardware, effectiveElectableSpecs: hardware, effectiveReadOnlySpecs: hardware }),
    electableSpecs: hardware,
    priority: z.number().int().min(0).max(7),
    providerName: z.enum(['AWS', 'GCP']),
    readOnlySpecs: hardware,
    regionName: z.string(),
  });
}

const ConnectionStrings = z.strictObject({
  awsPrivateLinkSrv: z.strictObject({}).optional(),
  privateEndpoint: z.array(z.never()).optional(),
  standard: z.string().regex(/^mongodb:\/\/[^/]+\.mongodbgov\.net:\d+(,[^/]+\.mongodbgov\.net:\d+)*\/\?ssl=true&authSource=admin(&replicaSet=atlas-[a-z0-9]{6}-shard-0)?$/).optional(),
  standardSrv: z.string().regex(/^mongodb\+srv:\/\/[a-z0-9-]+\.[a-z0-9]{6}\.mongodbgov\.net$/).optional(),
});

const AdvancedConfiguration = z.strictObject({
  customOpensslCipherConfigTls12: z.array(z.string()),
  customOpensslCipherConfigTls13: z.array(z.string()),
  minimumEnabledTlsProtocol: z.enum(TLS_PROTOCOLS),
  tlsCipherConfigMode: z.enum(TLS_CIPHER_CONFIG_MODES),
});

/** What every version shows. */
const commonResponse = {
  advancedConfiguration: AdvancedConfiguration,
  backupEnabled: z.boolean(),
  biConnector: z.strictObject({ enabled: z.boolean(), readPreference: z.enum(['primary', 'secondary', 'analytics']) }),
  clusterType: z.enum(['REPLICASET', 'SHARDED']),
  configServerManagementMode: z.enum(CONFIG_SERVER_MANAGEMENT_MODES).optional(),
  configServerType: z.enum(CONFIG_SERVER_TYPES).optional(),
  connectionStrings: ConnectionStrings,
  createDate: AtlasDate,
  diskWarmingMode: z.enum(DISK_WARMING_MODES),
  encryptionAtRestProvider: z.enum(ENCRYPTION_AT_REST_PROVIDERS),
  globalClusterSelfManagedSharding: z.boolean(),
  groupId: ObjectId,
  id: ObjectId,
  labels: z.array(Label$),
  links: Links.length(3),
  mongoDBMajorVersion: z.string().regex(/^\d+\.\d+$/),
  mongoDBVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9-]*$/),
  paused: z.boolean(),
  pitEnabled: z.boolean(),
  rootCertType: z.literal('ISRGROOTX1'),
  stateName: z.enum(STATE_NAMES),
  terminationProtectionEnabled: z.boolean(),
  versionReleaseSystem: z.enum(VERSION_RELEASE_SYSTEMS),
};

/** 2023-02-01 view. `tags` is absent from a create response whose request had none (recorded). */
export const ClusterDescriptionV15 = z.strictObject({
  ...commonResponse,
  diskSizeGB: z.number().positive(),
  replicationSpecs: z.array(
    z.strictObject({
      id: ObjectId,
      numShards: z.number().int().positive(),
      regionConfigs: z.array(z.union([regionConfigResponse(AwsHardwareV15, false), regionConfigResponse(GcpHardwareV15, false)])),
      zoneId: ObjectId,
      zoneName: z.string(),
    }),
  ),
  tags: z.array(Tag).optional(),
});

const replicationSpecs20240805 = (effective: boolean) =>
  z.array(
    z.strictObject({
      id: ObjectId,
      regionConfigs: z.array(z.union([regionConfigResponse(AwsHardware20240805, effective), regionConfigResponse(GcpHardware20240805, effective)])),
      zoneId: ObjectId,
      zoneName: z.string(),
    }),
  );

/** 2024-08-05 and 2024-10-23 view, with the attributes Atlas sends beyond the document. */
export const ClusterDescription20240805 = z.strictObject({
  ...commonResponse,
  adaptiveCapacity: z.null(),
  effectiveDatabaseEdition: z.literal('CORE'),
  effectiveReplicationSpecs: replicationSpecs20240805(false),
  featureCompatibilityVersion: z.string().regex(/^\d+\.\d+$/),
  internalClusterRole: z.literal('NONE'),
  redactClientLogData: z.boolean(),
  replicaSetScalingStrategy: z.enum(REPLICA_SET_SCALING_STRATEGIES).optional(),
  replicationSpecs: replicationSpecs20240805(true),
  retainBackups: z.boolean(),
  tags: z.array(Tag),
  useAwsTimeBasedSnapshotCopyForFastInitialSync: z.boolean(),
});

export const PaginatedClusterDescriptionV15 = paginated(ClusterDescriptionV15);
export const PaginatedClusterDescription20240805 = paginated(ClusterDescription20240805);

/** `GET /clusters/{name}/status` (2023-01-01). */
export const ClusterStatus = z.strictObject({ changeStatus: z.enum(['PENDING', 'APPLIED']), links: Links });

/** `GET /clusters/provider/regions` (2023-01-01). */
export const PaginatedProviderRegions = paginated(
  z.strictObject({
    instanceSizes: z.array(
      z.strictObject({
        availableRegions: z.array(z.strictObject({ default: z.boolean(), name: z.string() })),
        name: z.string(),
      }),
    ),
    provider: z.enum(['AWS', 'GCP', 'AZURE']),
  }),
);
