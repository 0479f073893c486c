import type { AccessRequirement, OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import {
  FlexBackupRestoreJob20241113,
  FlexBackupRestoreJobCreate20241113,
  FlexBackupSnapshot20241113,
  FlexBackupSnapshotDownloadCreate20241113,
  FlexClusterCreate20241113,
  FlexClusterDescription20241113,
  FlexClusterUpdate20241113,
  FlexTenantUpgrade20241113,
  PaginatedFlexBackupRestoreJobs20241113,
  PaginatedFlexBackupSnapshots20241113,
  PaginatedFlexClusters20241113,
} from '../schemas/flexClusters.js';

/**
 * Flex clusters (2024-11-13 only). Atlas for Government does not offer Flex clusters
 * (wire-facts E), so every operation answers as Atlas does for a feature the account
 * cannot use: 403 FEATURE_UNSUPPORTED, after authentication, the project check and the
 * caller's role, as for any other operation.
 */
const FLEX = '/api/atlas/v2/groups/{groupId}/flexClusters';
const READ: AccessRequirement = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] };
const OWNER: AccessRequirement = { scope: 'group', anyOf: ['GROUP_OWNER'] };
const V = '2024-11-13';
const common = { rateLimit: 'flexClusters', unavailableInGov: 'Flex clusters, their snapshots and restores' } as const;

export const flexClusterOperations = [
  { operationId: 'listFlexClusters', method: 'GET', path: FLEX, versions: [{ date: V, response: PaginatedFlexClusters20241113 }], status: 200, access: READ, paged: true, query: PAGING_QUERY, ...common },
  { operationId: 'createFlexCluster', method: 'POST', path: FLEX, versions: [{ date: V, request: FlexClusterCreate20241113, response: FlexClusterDescription20241113 }], status: 201, access: OWNER, ...common },
  { operationId: 'getFlexCluster', method: 'GET', path: `${FLEX}/{name}`, versions: [{ date: V, response: FlexClusterDescription20241113 }], status: 200, access: READ, ...common },
  { operationId: 'updateFlexCluster', method: 'PATCH', path: `${FLEX}/{name}`, versions: [{ date: V, request: FlexClusterUpdate20241113, response: FlexClusterDescription20241113 }], status: 200, access: OWNER, ...common },
  { operationId: 'deleteFlexCluster', method: 'DELETE', path: `${FLEX}/{name}`, versions: [{ date: V }], status: 204, access: OWNER, ...common },
  {
    operationId: 'upgradeFlexCluster',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/flexClusters:tenantUpgrade',
    versions: [{ date: V, request: FlexTenantUpgrade20241113, response: FlexClusterDescription20241113 }],
    status: 200,
    access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] },
    ...common,
  },
  {
    operationId: 'downloadFlexBackup',
    method: 'POST',
    path: `${FLEX}/{name}/backup/download`,
    versions: [{ date: V, request: FlexBackupSnapshotDownloadCreate20241113, response: FlexBackupRestoreJob20241113 }],
    status: 200,
    access: OWNER,
    ...common,
  },
  {
    operationId: 'listFlexBackupRestoreJobs',
    method: 'GET',
    path: `${FLEX}/{name}/backup/restoreJobs`,
    versions: [{ date: V, response: PaginatedFlexBackupRestoreJobs20241113 }],
    status: 200,
    access: OWNER,
    paged: true,
    query: PAGING_QUERY,
    ...common,
  },
  {
    operationId: 'createFlexBackupRestoreJob',
    method: 'POST',
    path: `${FLEX}/{name}/backup/restoreJobs`,
    versions: [{ date: V, request: FlexBackupRestoreJobCreate20241113, response: FlexBackupRestoreJob20241113 }],
    status: 200,
    access: OWNER,
    ...common,
  },
  {
    operationId: 'getFlexBackupRestoreJob',
    method: 'GET',
    path: `${FLEX}/{name}/backup/restoreJobs/{restoreJobId}`,
    versions: [{ date: V, response: FlexBackupRestoreJob20241113 }],
    status: 200,
    access: OWNER,
    ...common,
  },
  {
    operationId: 'listFlexBackups',
    method: 'GET',
    path: `${FLEX}/{name}/backup/snapshots`,
    versions: [{ date: V, response: PaginatedFlexBackupSnapshots20241113 }],
    status: 200,
    access: READ,
    paged: true,
    query: PAGING_QUERY,
    ...common,
  },
  {
    operationId: 'getFlexBackup',
    method: 'GET',
    path: `${FLEX}/{name}/backup/snapshots/{snapshotId}`,
    versions: [{ date: V, response: FlexBackupSnapshot20241113 }],
    status: 200,
    access: READ,
    ...common,
  },
] as const satisfies readonly OperationSpec[];
