import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { Links, ObjectId, paginated } from '../schemas/common.js';
import { optional } from '../schemas/input.js';
import { INSTANCE_SIZES } from '../vocabulary.js';

/**
 * Organization settings, project settings and limits, and two read-only project views
 * (the IP addresses of its clusters, the MongoDB versions new clusters may use). All
 * 2023-01-01. Ranges and allowed values are the rules' (src/sim/settings.ts).
 */
/** `securityContact` is left out while none is set. */
export const OrganizationSettings = z.strictObject({
  apiAccessListRequired: z.boolean(),
  genAIFeaturesEnabled: z.boolean(),
  maxServiceAccountSecretValidityInHours: z.number().int(),
  multiFactorAuthRequired: z.boolean(),
  restrictEmployeeAccess: z.boolean(),
  securityContact: z.string().optional(),
  streamsCrossGroupEnabled: z.boolean(),
});
const OrganizationSettingsRequest = z.strictObject({
  apiAccessListRequired: optional(z.boolean()),
  genAIFeaturesEnabled: optional(z.boolean()),
  maxServiceAccountSecretValidityInHours: optional(z.number().int()),
  multiFactorAuthRequired: optional(z.boolean()),
  restrictEmployeeAccess: optional(z.boolean()),
  securityContact: optional(z.string()),
  streamsCrossGroupEnabled: optional(z.boolean()),
});

export const GroupSettings = z.strictObject({
  isCollectDatabaseSpecificsStatisticsEnabled: z.boolean(),
  isDataExplorerEnabled: z.boolean(),
  isDataExplorerGenAIFeaturesEnabled: z.boolean(),
  isDataExplorerGenAISampleDocumentPassingEnabled: z.boolean(),
  isExtendedStorageSizesEnabled: z.boolean(),
  isPerformanceAdvisorEnabled: z.boolean(),
  isRealtimePerformancePanelEnabled: z.boolean(),
  isSchemaAdvisorEnabled: z.boolean(),
});
const GroupSettingsRequest = z.strictObject({
  isCollectDatabaseSpecificsStatisticsEnabled: optional(z.boolean()),
  isDataExplorerEnabled: optional(z.boolean()),
  isDataExplorerGenAIFeaturesEnabled: optional(z.boolean()),
  isDataExplorerGenAISampleDocumentPassingEnabled: optional(z.boolean()),
  isExtendedStorageSizesEnabled: optional(z.boolean()),
  isPerformanceAdvisorEnabled: optional(z.boolean()),
  isRealtimePerformancePanelEnabled: optional(z.boolean()),
  isSchemaAdvisorEnabled: optional(z.boolean()),
});

/** DefaultLimit; `currentUsage` only for limits whose resource the simulator counts. */
export const ProjectLimit = z.strictObject({
  currentUsage: z.number().int().optional(),
  defaultLimit: z.number().int(),
  maximumLimit: z.number().int(),
  name: z.string(),
  value: z.number().int(),
});
/** `name` and the read-only counts may be sent back; the path names the limit. */
const ProjectLimitRequest = z.strictObject({
  currentUsage: z.unknown().optional(),
  defaultLimit: z.unknown().optional(),
  maximumLimit: z.unknown().optional(),
  name: z.unknown().optional(),
  value: z.number().int(),
});

const ClusterIPAddresses = z.strictObject({
  clusterName: z.string(),
  futureInbound: z.array(z.string()),
  futureOutbound: z.array(z.string()),
  inbound: z.array(z.string()),
  outbound: z.array(z.string()),
});
export const GroupIPAddresses = z.strictObject({ groupId: ObjectId, services: z.strictObject({ clusters: z.array(ClusterIPAddresses) }) });

export const MdbAvailableVersion = z.strictObject({
  cloudProvider: z.enum(['AWS', 'GCP']),
  defaultStatus: z.enum(['DEFAULT', 'NOT_DEFAULT']),
  /** Free, shared and Flex tiers have no LTS versions listed (BaseCloudProviderInstanceSize). */
  instanceSize: z.enum(INSTANCE_SIZES).exclude(['M0', 'M2', 'M5', 'FLEX']),
  links: Links,
  version: z.string(),
});

const V = '2023-01-01';
const READ = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;
const WRITE = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;

export const settingOperations = [
  {
    operationId: 'getOrganizationSettings',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/settings',
    versions: [{ date: V, response: OrganizationSettings }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'updateOrganizationSettings',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/settings',
    versions: [{ date: V, request: OrganizationSettingsRequest, response: OrganizationSettings }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getProjectSettings',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/settings',
    versions: [{ date: V, response: GroupSettings }],
    status: 200,
    rateLimit: 'projects',
    access: READ,
  },
  {
    operationId: 'updateProjectSettings',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/settings',
    versions: [{ date: V, request: GroupSettingsRequest, response: GroupSettings }],
    status: 200,
    rateLimit: 'projects',
    access: WRITE,
  },
  {
    operationId: 'listProjectLimits',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/limits',
    versions: [{ date: V, response: z.array(ProjectLimit) }],
    status: 200,
    rateLimit: 'projects',
    access: READ,
  },
  {
    operationId: 'getProjectLimit',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/limits/{limitName}',
    versions: [{ date: V, response: ProjectLimit }],
    status: 200,
    rateLimit: 'projects',
    access: READ,
  },
  {
    operationId: 'setProjectLimit',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/limits/{limitName}',
    versions: [{ date: V, request: ProjectLimitRequest, response: ProjectLimit }],
    status: 200,
    rateLimit: 'projects',
    access: WRITE,
  },
  {
    operationId: 'deleteProjectLimit',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}/limits/{limitName}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'projects',
    access: WRITE,
  },
  {
    operationId: 'returnAllIpAddresses',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/ipAddresses',
    versions: [{ date: V, response: GroupIPAddresses }],
    status: 200,
    rateLimit: 'projects',
    access: READ,
  },
  {
    // The document states no role: Project Read Only, as for every read of a project.
    operationId: 'getProjectLtsVersions',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/mongoDBVersions',
    versions: [{ date: V, response: paginated(MdbAvailableVersion) }],
    status: 200,
    rateLimit: 'projects',
    access: READ,
    paged: true,
    query: {
      cloudProvider: { type: 'string', enum: ['AWS', 'AZURE', 'GCP', 'TENANT'] },
      defaultStatus: { type: 'string', enum: ['DEFAULT'] },
      instanceSize: { type: 'string' },
      itemsPerPage: { type: 'integer', default: 100, min: 1, max: 500 },
      pageNum: { type: 'integer', default: 1, min: 1 },
    },
  },
] as const satisfies readonly OperationSpec[];
