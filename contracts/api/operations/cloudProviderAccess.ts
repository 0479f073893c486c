import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { AtlasDate, ObjectId } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

const PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;

/** CloudProviderAccessFeatureUsage: what uses a role (`featureId` is always null for encryption at rest). */
const FeatureUsage = z.strictObject({
  featureId: z.null(),
  featureType: z.enum(['ATLAS_DATA_LAKE', 'ENCRYPTION_AT_REST', 'EXPORT_SNAPSHOT', 'PUSH_BASED_LOG_EXPORT']),
});

/** CloudProviderAccessAWSIAMRole: `authorizedDate` and `iamAssumedRoleArn` once authorized. */
export const AwsIamRoleView = z.strictObject({
  atlasAWSAccountArn: z.string(),
  atlasAssumedRoleExternalId: z.string(),
  authorizedDate: AtlasDate.optional(),
  createdDate: AtlasDate,
  featureUsages: z.array(FeatureUsage),
  iamAssumedRoleArn: z.string().optional(),
  providerName: z.literal('AWS'),
  roleId: ObjectId,
});

/** CloudProviderAccessGCPServiceAccount. */
export const GcpServiceAccountView = z.strictObject({
  createdDate: AtlasDate,
  featureUsages: z.array(FeatureUsage),
  gcpServiceAccountForAtlas: z.string(),
  providerName: z.literal('GCP'),
  roleId: ObjectId,
});

/** CloudProviderAccessRole: one of the providers' views. */
export const CloudProviderAccessRoleView = z.discriminatedUnion('providerName', [AwsIamRoleView, GcpServiceAccountView]);

/**
 * CloudProviderAccessRoles: not paginated. Decision: `gcpServiceAccounts` is listed as in
 * the 2026-08 document (the 2025-06 one omits the key although it creates GCP roles);
 * `azureServicePrincipals` is always empty in Atlas for Government.
 */
export const CloudProviderAccessRolesView = z.strictObject({
  awsIamRoles: z.array(AwsIamRoleView),
  azureServicePrincipals: z.array(z.never()),
  gcpServiceAccounts: z.array(GcpServiceAccountView),
});

/** The Azure service principal's attributes: read so that Azure is refused by the Government rule, never stored. */
const AZURE_REQUEST = { atlasAzureAppId: optional(z.string()), servicePrincipalId: optional(z.string()), tenantId: optional(z.string()) };

/** CloudProviderAccessRoleRequest: the provider; everything else is read-only. */
export const CloudProviderAccessRoleCreate = z.strictObject({
  ...AZURE_REQUEST,
  atlasAWSAccountArn: readOnly,
  atlasAssumedRoleExternalId: readOnly,
  authorizedDate: readOnly,
  createdDate: readOnly,
  featureUsages: readOnly,
  gcpServiceAccountForAtlas: readOnly,
  providerName: z.enum(PROVIDERS),
  roleId: readOnly,
});

/** CloudProviderAccessRoleRequestUpdate: the provider and, for AWS, the customer's role ARN. */
export const CloudProviderAccessRoleAuthorize = z.strictObject({
  ...AZURE_REQUEST,
  atlasAWSAccountArn: readOnly,
  atlasAssumedRoleExternalId: readOnly,
  authorizedDate: readOnly,
  createdDate: readOnly,
  featureUsages: readOnly,
  iamAssumedRoleArn: optional(z.string()),
  providerName: z.enum(PROVIDERS),
  roleId: readOnly,
});

const V = '2023-01-01';
const ROLES = '/api/atlas/v2/groups/{groupId}/cloudProviderAccess';

/**
 * Cloud provider access (2023-01-01 only, every operation Project Owner as the document
 * states). Atlas has no rate-limit bucket documented for it.
 */
export const cloudProviderAccessOperations = [
  {
    operationId: 'listCloudProviderAccessRoles',
    method: 'GET',
    path: ROLES,
    versions: [{ date: V, response: CloudProviderAccessRolesView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'createCloudProviderAccessRole',
    method: 'POST',
    path: ROLES,
    versions: [{ date: V, request: CloudProviderAccessRoleCreate, response: CloudProviderAccessRoleView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getCloudProviderAccessRole',
    method: 'GET',
    path: `${ROLES}/{roleId}`,
    versions: [{ date: V, response: CloudProviderAccessRoleView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'authorizeCloudProviderAccessRole',
    method: 'PATCH',
    path: `${ROLES}/{roleId}`,
    versions: [{ date: V, request: CloudProviderAccessRoleAuthorize, response: CloudProviderAccessRoleView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'deauthorizeCloudProviderAccessRole',
    method: 'DELETE',
    path: `${ROLES}/{cloudProvider}/{roleId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
