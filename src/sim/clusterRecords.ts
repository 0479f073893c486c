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
} from '../../contracts/api/vocabulary.js';
import { TagRecord } from './projects.js';

/**
 * The stored configuration of a dedicated cluster: everything a create or update
 * request can set. The record is version-neutral: shards one by one, as 2024-08-05 shows
 * them, grouped in zones that also carry the per-zone id the 2023-02-01 view shows.
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

/** JSON with object keys sorted: equal configurations give equal text whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
