import { z } from 'zod';
import { AtlasDate, Links, ObjectId, paginated } from './common.js';
import { optional, readOnly } from './input.js';
import { BACKUP_PROVIDERS, COPY_FREQUENCIES, FREQUENCY_TYPES, RETENTION_UNITS } from '../vocabulary.js';

/**
 * Cloud Backups shapes (wire-facts-wave2 6): schedules (2024-08-05), snapshots, restore
 * jobs, export buckets (2024-05-30) and export jobs (2023-01-01), the Backup Compliance
 * Policy (2023-10-01).
 *
 * Requests accept back the read-only attributes of the view, so that a client can send
 * what it read. Value rules (intervals, retention order, regions, ...) are the sim's, with
 * their Atlas codes; the contracts check only types and names.
 */


const int = z.number().int();

// ---- Schedule ----

const PolicyItemInput = z.strictObject({
  frequencyInterval: int,
  frequencyType: z.enum([...FREQUENCY_TYPES, 'ondemand']),
  id: readOnly,
  retentionUnit: z.enum(RETENTION_UNITS),
  retentionValue: int,
});
export type PolicyItemInput = z.infer<typeof PolicyItemInput>;

const CopySettingInput = z.strictObject({
  cloudProvider: optional(z.enum(BACKUP_PROVIDERS)),
  frequencies: optional(z.array(z.enum(COPY_FREQUENCIES))),
  regionName: optional(z.string()),
  shouldCopyOplogs: optional(z.boolean()),
  zoneId: ObjectId,
});
export type CopySettingInput = z.infer<typeof CopySettingInput>;

export const BackupScheduleRequest = z.strictObject({
  autoExportEnabled: optional(z.boolean()),
  clusterId: readOnly,
  clusterName: readOnly,
  copyPolicyItemsEnabled: readOnly,
  copySettings: optional(z.array(CopySettingInput)),
  deleteCopiedBackups: optional(z.array(z.strictObject({ cloudProvider: optional(z.enum(BACKUP_PROVIDERS)), regionName: optional(z.string()), zoneId: optional(ObjectId) }))),
  export: optional(z.strictObject({ exportBucketId: optional(ObjectId), frequencyType: optional(z.enum(['monthly', 'yearly'])) })),
  extraRetentionSettings: optional(z.array(z.strictObject({ frequencyType: optional(z.enum(COPY_FREQUENCIES)), retentionDays: optional(int) }))),
  links: readOnly,
  nextSnapshot: readOnly,
  policies: optional(z.array(z.strictObject({ id: optional(ObjectId), policyItems: optional(z.array(PolicyItemInput)) })).max(1)),
  referenceHourOfDay: optional(int),
  referenceMinuteOfHour: optional(int),
  restoreWindowDays: optional(int),
  updateSnapshots: optional(z.boolean()),
  useOrgAndGroupNamesInExportPrefix: optional(z.boolean()),
});
export type BackupScheduleRequest = z.infer<typeof BackupScheduleRequest>;

/** 2023-01-01 (deprecated): copy settings name the cluster's replication spec (its 2023-02-01 id) instead of a zone. */
export const BackupScheduleRequestV1 = BackupScheduleRequest.extend({
  copySettings: optional(z.array(CopySettingInput.omit({ zoneId: true }).extend({ replicationSpecId: ObjectId }))),
});

const PolicyItem = z.strictObject({
  frequencyInterval: int,
  frequencyType: z.enum(FREQUENCY_TYPES),
  id: ObjectId,
  retentionUnit: z.enum(RETENTION_UNITS),
  retentionValue: int,
});

/** DiskBackupSnapshotSchedule20240805, with `copyPolicyItemsEnabled` as recorded. */
export const BackupSchedule = z.strictObject({
  autoExportEnabled: z.boolean(),
  clusterId: ObjectId,
  clusterName: z.string(),
  copyPolicyItemsEnabled: z.boolean(),
  copySettings: z.array(
    z.strictObject({ cloudProvider: z.enum(BACKUP_PROVIDERS), frequencies: z.array(z.enum(COPY_FREQUENCIES)), regionName: z.string(), shouldCopyOplogs: z.boolean(), zoneId: ObjectId }),
  ),
  export: z.strictObject({ exportBucketId: ObjectId, frequencyType: z.enum(['monthly', 'yearly']) }).optional(),
  extraRetentionSettings: z.array(z.strictObject({ frequencyType: z.enum(COPY_FREQUENCIES), retentionDays: int })).optional(),
  links: Links,
  nextSnapshot: AtlasDate.optional(),
  policies: z.array(z.strictObject({ id: ObjectId, policyItems: z.array(PolicyItem) })),
  referenceHourOfDay: int,
  referenceMinuteOfHour: int,
  restoreWindowDays: int,
  useOrgAndGroupNamesInExportPrefix: z.boolean(),
});

export const BackupScheduleV1 = BackupSchedule.extend({
  copySettings: z.array(
    z.strictObject({ cloudProvider: z.enum(BACKUP_PROVIDERS), frequencies: z.array(z.enum(COPY_FREQUENCIES)), regionName: z.string(), replicationSpecId: ObjectId, shouldCopyOplogs: z.boolean() }),
  ),
});

// ---- Snapshots ----

export const OnDemandSnapshotRequest = z.strictObject({
  description: optional(z.string()),
  links: readOnly,
  retentionInDays: optional(int),
});

export const SnapshotRetentionRequest = z.strictObject({
  links: readOnly,
  retentionUnit: z.enum(['DAYS', 'WEEKS', 'MONTHS', 'YEARS']),
  retentionValue: int,
});

const snapshotCommon = {
  createdAt: AtlasDate.optional(),
  description: z.string().optional(),
  expiresAt: AtlasDate,
  /** `ondemand` for on-demand snapshots, as on the wire (not in the document's enumeration). */
  frequencyType: z.enum([...FREQUENCY_TYPES, 'ondemand']),
  id: ObjectId,
  links: Links,
  mongodVersion: z.string().optional(),
  policyItems: z.array(ObjectId),
  snapshotType: z.enum(['onDemand', 'scheduled', 'fallback']),
  status: z.enum(['queued', 'inProgress', 'completed', 'failed']),
  storageSizeBytes: int,
};

export const ReplicaSetSnapshot = z.strictObject({
  ...snapshotCommon,
  cloudProvider: z.enum(BACKUP_PROVIDERS).optional(),
  copyRegions: z.array(z.string()),
  replicaSetName: z.string(),
  type: z.literal('replicaSet'),
});

export const ShardedClusterSnapshot = z.strictObject({
  ...snapshotCommon,
  configServerType: z.enum(['EMBEDDED', 'DEDICATED']).optional(),
  members: z.array(z.strictObject({ cloudProvider: z.enum(BACKUP_PROVIDERS), id: ObjectId, replicaSetName: z.string() })),
  snapshotIds: z.array(ObjectId),
  type: z.literal('shardedCluster'),
});

export const AnySnapshot = z.union([ReplicaSetSnapshot, ShardedClusterSnapshot]);
export const PaginatedReplicaSetSnapshots = paginated(ReplicaSetSnapshot);
export const PaginatedShardedClusterSnapshots = paginated(ShardedClusterSnapshot);

// ---- Restore jobs ----

export const RestoreJobRequest = z.strictObject({
  cancelled: readOnly,
  components: readOnly,
  deliveryType: z.enum(['automated', 'download', 'pointInTime']),
  deliveryUrl: readOnly,
  desiredTimestamp: readOnly,
  expired: readOnly,
  expiresAt: readOnly,
  failed: readOnly,
  finishedAt: readOnly,
  id: readOnly,
  links: readOnly,
  oplogInc: optional(int),
  oplogTs: optional(int),
  pointInTimeUTCSeconds: optional(int),
  privateDownloadDeliveryUrls: readOnly,
  snapshotId: optional(ObjectId),
  targetClusterName: optional(z.string()),
  targetGroupId: optional(ObjectId),
  timestamp: readOnly,
});
export type RestoreJobRequest = z.infer<typeof RestoreJobRequest>;

/** DiskBackupSnapshotRestoreJob as recorded: no status field, `desiredTimestamp` always there. */
export const RestoreJob = z.strictObject({
  cancelled: z.boolean(),
  deliveryType: z.enum(['automated', 'download', 'pointInTime']),
  deliveryUrl: z.array(z.string()),
  desiredTimestamp: z.strictObject({ increment: int.nullable(), time: int.nullable(), date: AtlasDate.nullable() }),
  expired: z.boolean(),
  expiresAt: AtlasDate.optional(),
  failed: z.boolean(),
  finishedAt: AtlasDate.optional(),
  id: ObjectId,
  links: Links,
  oplogInc: int.optional(),
  oplogTs: int.optional(),
  pointInTimeUTCSeconds: int.optional(),
  snapshotId: ObjectId.optional(),
  targetClusterName: z.string().optional(),
  targetDeploymentItemName: z.string().optional(),
  targetGroupId: ObjectId.optional(),
  timestamp: AtlasDate.optional(),
});
export const PaginatedRestoreJobs = paginated(RestoreJob);

// ---- Export buckets and jobs ----

export const ExportBucketRequest = z.strictObject({
  bucketName: optional(z.string()),
  cloudProvider: z.enum(BACKUP_PROVIDERS),
  iamRoleId: optional(ObjectId),
  links: readOnly,
  roleId: optional(ObjectId),
  serviceUrl: optional(z.string()),
  tenantId: optional(z.string()),
});
export type ExportBucketRequest = z.infer<typeof ExportBucketRequest>;

/** `requirePrivateNetworking` (2026-08 document) once an AWS bucket's setting was changed. */
export const ExportBucket = z.strictObject({
  _id: ObjectId,
  bucketName: z.string(),
  cloudProvider: z.enum(BACKUP_PROVIDERS),
  iamRoleId: ObjectId.optional(),
  links: Links,
  requirePrivateNetworking: z.boolean().optional(),
  roleId: ObjectId.optional(),
});

/** UpdateRequirePrivateNetworkingRequest (2026-08 document). */
export const ExportBucketPrivateNetworking = z.strictObject({ requirePrivateNetworking: z.boolean() });
export const PaginatedExportBuckets = paginated(ExportBucket);

const Label = z.strictObject({ key: z.string(), value: z.string() });

export const ExportJobRequest = z.strictObject({
  customData: optional(z.array(Label)),
  exportBucketId: ObjectId,
  links: readOnly,
  snapshotId: ObjectId,
});

export const ExportJob = z.strictObject({
  createdAt: AtlasDate,
  customData: z.array(Label),
  exportBucketId: ObjectId,
  exportStatus: z.strictObject({ exportedCollections: int, totalCollections: int }),
  finishedAt: AtlasDate.optional(),
  id: ObjectId,
  links: Links,
  prefix: z.string(),
  snapshotId: ObjectId,
  state: z.enum(['Cancelled', 'Failed', 'InProgress', 'Queued', 'Successful']),
});
export const PaginatedExportJobs = paginated(ExportJob);

// ---- Backup Compliance Policy ----

const CompliancePolicyItemInput = z.strictObject({
  frequencyInterval: int,
  frequencyType: z.enum(FREQUENCY_TYPES),
  id: readOnly,
  retentionUnit: z.enum(RETENTION_UNITS),
  retentionValue: int,
});
const OnDemandPolicyItemInput = z.strictObject({
  frequencyInterval: int,
  frequencyType: z.enum(['ondemand']),
  id: readOnly,
  retentionUnit: z.enum(RETENTION_UNITS),
  retentionValue: int,
});

export const CompliancePolicyRequest = z.strictObject({
  authorizedEmail: z.string().email(),
  authorizedUserFirstName: z.string(),
  authorizedUserLastName: z.string(),
  copyProtectionEnabled: optional(z.boolean()),
  deletable: readOnly,
  encryptionAtRestEnabled: optional(z.boolean()),
  onDemandPolicyItem: optional(OnDemandPolicyItemInput),
  pitEnabled: optional(z.boolean()),
  projectId: optional(ObjectId),
  restoreWindowDays: optional(int),
  scheduledPolicyItems: optional(z.array(CompliancePolicyItemInput)),
  state: readOnly,
  updatedDate: readOnly,
  updatedUser: readOnly,
});
export type CompliancePolicyRequest = z.infer<typeof CompliancePolicyRequest>;

const CompliancePolicyItem = z.strictObject({ frequencyInterval: int, frequencyType: z.enum(FREQUENCY_TYPES), id: ObjectId, retentionUnit: z.enum(RETENTION_UNITS), retentionValue: int });

export const CompliancePolicy = z.strictObject({
  authorizedEmail: z.string(),
  authorizedUserFirstName: z.string(),
  authorizedUserLastName: z.string(),
  copyProtectionEnabled: z.boolean(),
  deletable: z.boolean(),
  encryptionAtRestEnabled: z.boolean(),
  onDemandPolicyItem: z.strictObject({ frequencyInterval: int, frequencyType: z.literal('ondemand'), id: ObjectId, retentionUnit: z.enum(RETENTION_UNITS), retentionValue: int }).optional(),
  pitEnabled: z.boolean(),
  projectId: ObjectId,
  restoreWindowDays: int.optional(),
  scheduledPolicyItems: z.array(CompliancePolicyItem),
  state: z.enum(['ACTIVE', 'ENABLING', 'UPDATING', 'DISABLING']),
  updatedDate: AtlasDate,
  updatedUser: z.string(),
});
