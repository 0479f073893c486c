import { z } from 'zod';
import type { OperationSpec, VersionSpec } from '../operation.js';
import { optional } from '../schemas/input.js';
import { PAGING_QUERY } from '../operation.js';
import { EmptyObject } from '../schemas/common.js';
import { LegacyCluster, LegacyClusterRequest, PaginatedLegacyClusters } from '../schemas/legacyClusters.js';
import {
  ClusterDescription20240805,
  ClusterDescriptionV15,
  ClusterRequest20240805,
  ClusterRequestV15,
  ClusterStatus,
  PaginatedClusterDescription20240805,
  PaginatedClusterDescriptionV15,
  PaginatedProviderRegions,
  ProcessArgs20240805,
  ProcessArgsRequest20240805,
  ProcessArgsRequestV1,
  ProcessArgsV1,
  AutoScalingModeConfiguration,
  EmployeeAccessGrantRequest,
  PaginatedOrgGroups,
  PinFcvRequest,
  SampleDatasetStatus,
} from '../schemas/clusters.js';

/**
 * Dedicated clusters (wire-facts B.3, F). Versions: 2023-02-01 everywhere (deprecated but
 * for delete, sunset 2027-07-01), 2024-08-05 for get and list, and 2024-08-05 (deprecated,
 * sunset 2027-03-01) then 2024-10-23 for create and update. 2024-10-23 changed how
 * auto-scaling applies to shards, not the shape, so both share one contract. The
 * 2023-01-01 versions (`LegacyAtlasCluster`: one provider and size, regions as node
 * counts) are served too, deprecated with the 2023-02-01 sunset (wire-facts B.2).
 *
 * Roles: as each operation's description states. Changing termination protection takes
 * Project Owner on top of updateCluster's Project Cluster Manager (checked by the rules).
 */
const CLUSTERS = '/api/atlas/v2/groups/{groupId}/clusters';
const V15_SUNSET = '2027-07-01';

const readV15 = { date: '2023-02-01', sunset: V15_SUNSET, response: ClusterDescriptionV15 } as const satisfies VersionSpec;
/** The first cluster versions (`LegacyAtlasCluster`), still served, deprecated with the same sunset. */
const readV1 = { date: '2023-01-01', sunset: V15_SUNSET, response: LegacyCluster } as const satisfies VersionSpec;
const writeVersions = [
  { date: '2023-01-01', sunset: V15_SUNSET, request: LegacyClusterRequest, response: LegacyCluster },
  { date: '2023-02-01', sunset: V15_SUNSET, request: ClusterRequestV15, response: ClusterDescriptionV15 },
  { date: '2024-08-05', sunset: '2027-03-01', request: ClusterRequest20240805, response: ClusterDescription20240805 },
  { date: '2024-10-23', request: ClusterRequest20240805, response: ClusterDescription20240805 },
] as const satisfies readonly VersionSpec[];

/**
 * ClusterConfigurationValidation (2026-08 document): a cluster description as a create or
 * update takes it, and whether it is an edit (of `clusterName`). The process arguments,
 * search nodes and tags are accepted in their documented shapes and not judged here.
 */
export const ClusterConfigurationValidationRequest = z.strictObject({
  advancedConfiguration: optional(ProcessArgsRequest20240805),
  clusterDescription: ClusterRequest20240805,
  clusterName: optional(z.string()),
  editing: z.boolean(),
  searchDeploymentSpec: optional(z.strictObject({ specs: z.array(z.strictObject({ instanceSize: z.string(), nodeCount: z.number().int() })) })),
  tags: optional(z.array(z.strictObject({ key: z.string(), value: z.string() })).max(50)),
});

/** ClusterConfigurationValidationResult: `errors` only when the configuration is not valid. */
export const ClusterConfigurationValidationResult = z.strictObject({
  errors: z.array(z.strictObject({ errorCode: z.string(), validationIssue: z.string() })).optional(),
  valid: z.boolean(),
});

export const clusterOperations = [
  {
    // Only in the 2026-08 document (2025-03-12); its role is Project Cluster Manager.
    operationId: 'validateGroupClusterConfigurations',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/clusterConfigurations:validate',
    versions: [{ date: '2025-03-12', request: ClusterConfigurationValidationRequest, response: ClusterConfigurationValidationResult }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] },
  },
  {
    operationId: 'listClusters',
    method: 'GET',
    path: CLUSTERS,
    versions: [
      { date: '2023-01-01', sunset: V15_SUNSET, response: PaginatedLegacyClusters },
      { date: '2023-02-01', sunset: V15_SUNSET, response: PaginatedClusterDescriptionV15 },
      { date: '2024-08-05', response: PaginatedClusterDescription20240805 },
    ],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...PAGING_QUERY, includeDeletedWithRetainedBackups: { type: 'boolean', default: false } },
  },
  {
    operationId: 'createCluster',
    method: 'POST',
    path: CLUSTERS,
    versions: writeVersions,
    status: 201,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getCluster',
    method: 'GET',
    path: `${CLUSTERS}/{clusterName}`,
    versions: [readV1, readV15, { date: '2024-08-05', response: ClusterDescription20240805 }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateCluster',
    method: 'PATCH',
    path: `${CLUSTERS}/{clusterName}`,
    versions: writeVersions,
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] },
  },
  {
    operationId: 'deleteCluster',
    method: 'DELETE',
    path: `${CLUSTERS}/{clusterName}`,
    versions: [{ date: '2023-01-01', sunset: V15_SUNSET, response: EmptyObject }, { date: '2023-02-01', response: EmptyObject }],
    status: 202,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    query: { retainBackups: { type: 'boolean' } },
  },
  {
    operationId: 'getClusterStatus',
    method: 'GET',
    path: `${CLUSTERS}/{clusterName}/status`,
    versions: [{ date: '2023-01-01', response: ClusterStatus }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'listCloudProviderRegions',
    method: 'GET',
    path: `${CLUSTERS}/provider/regions`,
    versions: [{ date: '2023-01-01', response: PaginatedProviderRegions }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...PAGING_QUERY, providers: { type: 'string', multi: true }, tier: { type: 'string' } },
  },
  {
    operationId: 'getClusterAdvancedConfiguration',
    method: 'GET',
    path: `${CLUSTERS}/{clusterName}/processArgs`,
    versions: [
      { date: '2023-01-01', sunset: V15_SUNSET, response: ProcessArgsV1 },
      { date: '2024-08-05', response: ProcessArgs20240805 },
    ],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateClusterAdvancedConfiguration',
    method: 'PATCH',
    path: `${CLUSTERS}/{clusterName}/processArgs`,
    versions: [
      { date: '2023-01-01', sunset: V15_SUNSET, request: ProcessArgsRequestV1, response: ProcessArgsV1 },
      { date: '2024-08-05', request: ProcessArgsRequest20240805, response: ProcessArgs20240805 },
    ],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] },
  },
  {
    operationId: 'autoScalingConfiguration',
    method: 'GET',
    path: `${CLUSTERS}/{clusterName}/autoScalingConfiguration`,
    // Deprecated since 2024-10-23 without a sunset (wire-facts B.2).
    versions: [{ date: '2024-08-05', deprecatedSince: '2024-10-23', response: AutoScalingModeConfiguration }],
    status: 200,
    rateLimit: 'clusters',
    // The document states no role; it reads a cluster.
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'listClustersForAllProjects',
    method: 'GET',
    path: '/api/atlas/v2/clusters',
    versions: [{ date: '2023-01-01', response: PaginatedOrgGroups }],
    status: 200,
    rateLimit: 'clustersAllProjects',
    // "Any cluster-level role": every caller sees the projects it has a role on.
    access: { scope: 'principal' },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'testFailover',
    method: 'POST',
    path: `${CLUSTERS}/{clusterName}/restartPrimaries`,
    // The document describes the 200 without a body.
    versions: [{ date: '2023-01-01', sunset: V15_SUNSET }, { date: '2023-02-01' }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] },
  },
  {
    operationId: 'pinFeatureCompatibilityVersion',
    method: 'POST',
    path: `${CLUSTERS}/{clusterName}:pinFeatureCompatibilityVersion`,
    versions: [{ date: '2024-05-30', request: PinFcvRequest }],
    status: 204,
    rateLimit: 'clusters',
    // 2026-08 document: Project Owner.
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'unpinFeatureCompatibilityVersion',
    method: 'POST',
    path: `${CLUSTERS}/{clusterName}:unpinFeatureCompatibilityVersion`,
    versions: [{ date: '2024-05-30' }],
    status: 204,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'grantMongoDbEmployeeAccess',
    method: 'POST',
    path: `${CLUSTERS}/{clusterName}:grantMongoDBEmployeeAccess`,
    versions: [{ date: '2024-08-05', request: EmployeeAccessGrantRequest }],
    status: 204,
    rateLimit: 'clusters',
    // 2026-08 names "Project Support Access Manager", which the simulator does not have; Project Owner holds it.
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'revokeMongoDbEmployeeAccess',
    method: 'POST',
    path: `${CLUSTERS}/{clusterName}:revokeMongoDBEmployeeAccess`,
    versions: [{ date: '2024-08-05' }],
    status: 204,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'loadSampleDataset',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/sampleDatasetLoad/{name}',
    versions: [{ date: '2023-01-01', response: SampleDatasetStatus }],
    status: 201,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getSampleDatasetLoadStatus',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/sampleDatasetLoad/{sampleDatasetId}',
    versions: [{ date: '2023-01-01', response: SampleDatasetStatus }],
    status: 200,
    rateLimit: 'clusters',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
