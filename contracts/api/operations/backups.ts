import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { EmptyObject } from '../schemas/common.js';
import { PAGING_QUERY } from '../operation.js';
import {
  AnySnapshot,
  BackupSchedule,
  BackupScheduleRequest,
  BackupScheduleRequestV1,
  BackupScheduleV1,
  CompliancePolicy,
  CompliancePolicyRequest,
  ExportBucket,
  ExportBucketPrivateNetworking,
  ExportBucketRequest,
  ExportJob,
  ExportJobRequest,
  OnDemandSnapshotRequest,
  PaginatedExportBuckets,
  PaginatedExportJobs,
  PaginatedReplicaSetSnapshots,
  PaginatedRestoreJobs,
  PaginatedShardedClusterSnapshots,
  ReplicaSetSnapshot,
  RestoreJob,
  RestoreJobRequest,
  ShardedClusterSnapshot,
  SnapshotRetentionRequest,
} from '../schemas/backups.js';

/**
 * Cloud Backups of dedicated clusters (wire-facts-wave2 6.1). Versions as the 2025-06
 * document gives them (one each), plus the deprecated 2023-01-01 schedule the recordings
 * show (Deprecation 2024-08-05, Sunset 2027-07-01). Success statuses as recorded where they differ from
 * the document: takeSnapshot and createBackupRestoreJob answer 200, deleteAllBackupSchedules
 * 200 with the emptied schedule. Roles as each operation's description states.
 *
 * The serverless backup operations of this tag are not here: serverless instances do not
 * exist in Atlas for Government; they are refused with the rest of that feature
 * (`govUnavailable.ts`, "Serverless instances").
 */
const GROUP = '/api/atlas/v2/groups/{groupId}';
const CLUSTER = `${GROUP}/clusters/{clusterName}/backup`;
const V1 = '2023-01-01';
/** The deprecated 2023-01-01 schedule (recorded with `Sunset: Thu, 1 Jul 2027`), still what the Atlas CLI asks for. */
const V1_SUNSET = '2027-07-01';

const readOnly = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;
const backupManager = { scope: 'group', anyOf: ['GROUP_BACKUP_MANAGER'] } as const;
const owner = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;
/** "Project Atlas Admin" is not a role of its own in the simulator: Project Owner holds it. */
const atlasAdmin = owner;

export const backupOperations = [
  // ---- schedule ----
  {
    operationId: 'getBackupSchedule',
    method: 'GET',
    path: `${CLUSTER}/schedule`,
    versions: [
      { date: V1, sunset: V1_SUNSET, response: BackupScheduleV1 },
      { date: '2024-08-05', response: BackupSchedule },
    ],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
  },
  {
    operationId: 'updateBackupSchedule',
    method: 'PATCH',
    path: `${CLUSTER}/schedule`,
    versions: [
      { date: V1, sunset: V1_SUNSET, request: BackupScheduleRequestV1, response: BackupScheduleV1 },
      { date: '2024-08-05', request: BackupScheduleRequest, response: BackupSchedule },
    ],
    status: 200,
    rateLimit: 'cloudBackups',
    access: owner,
  },
  {
    operationId: 'deleteAllBackupSchedules',
    method: 'DELETE',
    path: `${CLUSTER}/schedule`,
    versions: [{ date: '2024-08-05', response: BackupSchedule }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: atlasAdmin,
  },
  // ---- replica set snapshots ----
  {
    operationId: 'listReplicaSetBackups',
    method: 'GET',
    path: `${CLUSTER}/snapshots`,
    versions: [{ date: V1, response: PaginatedReplicaSetSnapshots }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'takeSnapshot',
    method: 'POST',
    path: `${CLUSTER}/snapshots`,
    versions: [{ date: V1, request: OnDemandSnapshotRequest, response: AnySnapshot }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  {
    operationId: 'getReplicaSetBackup',
    method: 'GET',
    path: `${CLUSTER}/snapshots/{snapshotId}`,
    versions: [{ date: V1, response: ReplicaSetSnapshot }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
  },
  {
    operationId: 'updateSnapshotRetention',
    method: 'PATCH',
    path: `${CLUSTER}/snapshots/{snapshotId}`,
    versions: [{ date: V1, request: SnapshotRetentionRequest, response: ReplicaSetSnapshot }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  {
    operationId: 'deleteReplicaSetBackup',
    method: 'DELETE',
    path: `${CLUSTER}/snapshots/{snapshotId}`,
    versions: [{ date: V1 }],
    status: 204,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  // ---- sharded cluster snapshots ----
  {
    operationId: 'listShardedClusterBackups',
    method: 'GET',
    path: `${CLUSTER}/snapshots/shardedClusters`,
    versions: [{ date: V1, response: PaginatedShardedClusterSnapshots }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
    paged: true,
  },
  {
    operationId: 'getShardedClusterBackup',
    method: 'GET',
    path: `${CLUSTER}/snapshots/shardedCluster/{snapshotId}`,
    versions: [{ date: V1, response: ShardedClusterSnapshot }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
  },
  {
    operationId: 'deleteShardedClusterBackup',
    method: 'DELETE',
    path: `${CLUSTER}/snapshots/shardedCluster/{snapshotId}`,
    versions: [{ date: V1 }],
    status: 204,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  // ---- restore jobs ----
  {
    operationId: 'listBackupRestoreJobs',
    method: 'GET',
    path: `${CLUSTER}/restoreJobs`,
    versions: [{ date: V1, response: PaginatedRestoreJobs }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createBackupRestoreJob',
    method: 'POST',
    path: `${CLUSTER}/restoreJobs`,
    versions: [{ date: V1, request: RestoreJobRequest, response: RestoreJob }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  {
    operationId: 'getBackupRestoreJob',
    method: 'GET',
    path: `${CLUSTER}/restoreJobs/{restoreJobId}`,
    versions: [{ date: V1, response: RestoreJob }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  {
    operationId: 'cancelBackupRestoreJob',
    method: 'DELETE',
    path: `${CLUSTER}/restoreJobs/{restoreJobId}`,
    versions: [{ date: V1 }],
    status: 204,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  // ---- export buckets ----
  {
    operationId: 'listExportBuckets',
    method: 'GET',
    path: `${GROUP}/backup/exportBuckets`,
    versions: [{ date: '2024-05-30', response: PaginatedExportBuckets }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createExportBucket',
    method: 'POST',
    path: `${GROUP}/backup/exportBuckets`,
    versions: [{ date: '2024-05-30', request: ExportBucketRequest, response: ExportBucket }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: owner,
  },
  {
    operationId: 'getExportBucket',
    method: 'GET',
    path: `${GROUP}/backup/exportBuckets/{exportBucketId}`,
    versions: [{ date: '2024-05-30', response: ExportBucket }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: readOnly,
  },
  {
    // Only in the 2026-08 document.
    operationId: 'updateBackupExportBucket',
    method: 'PATCH',
    path: `${GROUP}/backup/exportBuckets/{exportBucketId}`,
    versions: [{ date: '2024-05-30', request: ExportBucketPrivateNetworking, response: ExportBucket }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  {
    operationId: 'deleteExportBucket',
    method: 'DELETE',
    path: `${GROUP}/backup/exportBuckets/{exportBucketId}`,
    versions: [{ date: V1 }],
    status: 204,
    rateLimit: 'cloudBackups',
    access: backupManager,
  },
  // ---- export jobs ----
  {
    operationId: 'listBackupExportJobs',
    method: 'GET',
    path: `${CLUSTER}/exports`,
    versions: [{ date: V1, response: PaginatedExportJobs }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: atlasAdmin,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createBackupExportJob',
    method: 'POST',
    path: `${CLUSTER}/exports`,
    versions: [{ date: V1, request: ExportJobRequest, response: ExportJob }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: atlasAdmin,
  },
  {
    operationId: 'getBackupExportJob',
    method: 'GET',
    path: `${CLUSTER}/exports/{exportId}`,
    versions: [{ date: V1, response: ExportJob }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: atlasAdmin,
  },
  // ---- Backup Compliance Policy ----
  {
    operationId: 'getDataProtectionSettings',
    method: 'GET',
    path: `${GROUP}/backupCompliancePolicy`,
    // A project without a policy answers 200 with `{}` (decision: wire-facts-wave2 6.6 says an empty answer, which clients read as "no policy").
    versions: [{ date: '2023-10-01', response: z.union([CompliancePolicy, EmptyObject]) }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: owner,
  },
  {
    operationId: 'updateDataProtectionSettings',
    method: 'PUT',
    path: `${GROUP}/backupCompliancePolicy`,
    versions: [{ date: '2023-10-01', request: CompliancePolicyRequest, response: CompliancePolicy }],
    status: 200,
    rateLimit: 'cloudBackups',
    access: owner,
    query: { overwriteBackupPolicies: { type: 'boolean', default: true } },
  },
  {
    operationId: 'disableDataProtectionSettings',
    method: 'DELETE',
    path: `${GROUP}/backupCompliancePolicy`,
    versions: [{ date: '2024-11-13' }],
    status: 204,
    rateLimit: 'cloudBackups',
    access: owner,
  },
] as const satisfies readonly OperationSpec[];
