import { z } from 'zod';
import { AtlasDate, Links, ObjectId, paginated, Tag } from './common.js';
import { ClusterRequest20240805 } from './clusters.js';
import { STATE_NAMES } from '../vocabulary.js';

/**
 * Flex cluster shapes (2024-11-13), from the OpenAPI document and the recorded commercial
 * responses. Atlas for Government has no Flex clusters: these operations answer 403
 * FEATURE_UNSUPPORTED before reading a body, so the contracts describe what the
 * operations would carry, for the catalog's completeness and for clients' reference.
 */
export const FlexClusterDescription20241113 = z.strictObject({
  backupSettings: z.strictObject({ enabled: z.boolean() }),
  clusterType: z.literal('REPLICASET'),
  connectionStrings: z.strictObject({ standard: z.string().optional(), standardSrv: z.string().optional() }),
  createDate: AtlasDate,
  groupId: ObjectId,
  id: ObjectId,
  mongoDBVersion: z.string(),
  name: z.string(),
  providerSettings: z.strictObject({
    backingProviderName: z.enum(['AWS', 'AZURE', 'GCP']),
    diskSizeGB: z.number(),
    providerName: z.literal('FLEX'),
    regionName: z.string(),
  }),
  stateName: z.enum(STATE_NAMES),
  tags: z.array(Tag).optional(),
  terminationProtectionEnabled: z.boolean(),
  versionReleaseSystem: z.enum(['LTS', 'CONTINUOUS']),
});

export const FlexClusterCreate20241113 = z.strictObject({
  name: z.string(),
  providerSettings: z.strictObject({ backingProviderName: z.enum(['AWS', 'AZURE', 'GCP']), regionName: z.string() }),
  tags: z.array(Tag).optional(),
  terminationProtectionEnabled: z.boolean().optional(),
});

export const FlexClusterUpdate20241113 = z.strictObject({
  tags: z.array(Tag).optional(),
  terminationProtectionEnabled: z.boolean().optional(),
});

const SNAPSHOT_STATUS = ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'] as const;

export const FlexBackupSnapshot20241113 = z.strictObject({
  expiration: AtlasDate,
  finishTime: AtlasDate.optional(),
  id: ObjectId,
  links: Links,
  mongoDBVersion: z.string(),
  scheduledTime: AtlasDate,
  startTime: AtlasDate.optional(),
  status: z.enum(SNAPSHOT_STATUS),
});

export const FlexBackupRestoreJob20241113 = z.strictObject({
  deliveryType: z.enum(['RESTORE', 'DOWNLOAD']),
  expirationDate: AtlasDate.optional(),
  id: ObjectId,
  instanceName: z.string(),
  links: Links,
  projectId: ObjectId,
  restoreFinishedDate: AtlasDate.optional(),
  restoreScheduledDate: AtlasDate.optional(),
  snapshotFinishedDate: AtlasDate.optional(),
  snapshotId: ObjectId,
  snapshotUrl: z.string().optional(),
  status: z.enum(SNAPSHOT_STATUS),
  targetDeploymentItemName: z.string(),
  targetProjectId: ObjectId.optional(),
});

export const FlexBackupRestoreJobCreate20241113 = z.strictObject({
  snapshotId: ObjectId,
  targetDeploymentItemName: z.string(),
  targetProjectId: ObjectId.optional(),
});

export const FlexBackupSnapshotDownloadCreate20241113 = z.strictObject({ snapshotId: ObjectId });

/** `flexClusters:tenantUpgrade` takes a dedicated cluster description with the Flex cluster's name. */
export const FlexTenantUpgrade20241113 = ClusterRequest20240805;

export const PaginatedFlexClusters20241113 = paginated(FlexClusterDescription20241113);
export const PaginatedFlexBackupSnapshots20241113 = paginated(FlexBackupSnapshot20241113);
export const PaginatedFlexBackupRestoreJobs20241113 = paginated(FlexBackupRestoreJob20241113);
