import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { AWS_REGIONS } from '../vocabulary.js';

/**
 * AWSKMSConfiguration as returned. Decision: `roleId`, writeOnly in the document, is
 * returned, as the Terraform provider reads `role_id` back from this answer
 * (wire-facts-wave2 §3.1); the legacy credentials (`accessKeyID`, `secretAccessKey`)
 * never are.
 */
const AwsKmsView = z.strictObject({
  accessKeyID: z.string().optional(),
  customerMasterKeyID: z.string().optional(),
  enabled: z.boolean(),
  region: z.enum(AWS_REGIONS).optional(),
  requirePrivateNetworking: z.boolean().optional(),
  roleId: z.string().optional(),
  valid: z.boolean().optional(),
});

/** AzureKeyVault as returned: always disabled, Azure does not exist in Atlas for Government. */
const AzureKeyVaultView = z.strictObject({
  azureEnvironment: z.enum(['AZURE', 'AZURE_CHINA']).optional(),
  clientID: z.string().optional(),
  enabled: z.boolean(),
  keyIdentifier: z.string().optional(),
  keyVaultName: z.string().optional(),
  requirePrivateNetworking: z.boolean().optional(),
  resourceGroupName: z.string().optional(),
  subscriptionID: z.string().optional(),
  tenantID: z.string().optional(),
  valid: z.boolean().optional(),
});

const GoogleCloudKmsView = z.strictObject({
  enabled: z.boolean(),
  keyVersionResourceID: z.string().optional(),
  roleId: z.string().optional(),
  valid: z.boolean().optional(),
});

/** EncryptionAtRest as returned: every provider block, disabled ones as `{enabled: false}`. */
export const EncryptionAtRestView = z.strictObject({
  awsKms: AwsKmsView,
  azureKeyVault: AzureKeyVaultView,
  enabledForSearchNodes: z.boolean(),
  googleCloudKms: GoogleCloudKmsView,
});

/**
 * EncryptionAtRest as sent (PATCH). Each provider block is optional and merges over the
 * current settings; the rules (roles, regions, Azure) are the sim's. `valid` is read-only.
 */
export const EncryptionAtRestUpdate = z.strictObject({
  awsKms: optional(
    z.strictObject({
      accessKeyID: optional(z.string()),
      customerMasterKeyID: optional(z.string()),
      enabled: optional(z.boolean()),
      region: optional(z.enum(AWS_REGIONS)),
      requirePrivateNetworking: optional(z.boolean()),
      roleId: optional(z.string()),
      secretAccessKey: optional(z.string()),
      valid: readOnly,
    }),
  ),
  azureKeyVault: optional(
    z.strictObject({
      azureEnvironment: optional(z.enum(['AZURE', 'AZURE_CHINA'])),
      clientID: optional(z.string()),
      enabled: optional(z.boolean()),
      keyIdentifier: optional(z.string()),
      keyVaultName: optional(z.string()),
      requirePrivateNetworking: optional(z.boolean()),
      resourceGroupName: optional(z.string()),
      secret: optional(z.string()),
      subscriptionID: optional(z.string()),
      tenantID: optional(z.string()),
      valid: readOnly,
    }),
  ),
  enabledForSearchNodes: optional(z.boolean()),
  googleCloudKms: optional(
    z.strictObject({
      enabled: optional(z.boolean()),
      keyVersionResourceID: optional(z.string()),
      roleId: optional(z.string()),
      serviceAccountKey: optional(z.string()),
      valid: readOnly,
    }),
  ),
});

export const EAR_ENDPOINT_STATUSES = ['INITIATING', 'PENDING_ACCEPTANCE', 'ACTIVE', 'FAILED', 'PENDING_RECREATION', 'DELETING'] as const;

/** EARPrivateEndpoint as returned (AWS only in Atlas for Government). */
export const EarPrivateEndpointView = z.strictObject({
  cloudProvider: z.enum(['AZURE', 'AWS']),
  errorMessage: z.string().optional(),
  id: ObjectId,
  privateEndpointConnectionName: z.string().optional(),
  regionName: z.string(),
  status: z.enum(EAR_ENDPOINT_STATUSES),
});

/** EARPrivateEndpoint as sent: only the region is the client's. */
export const EarPrivateEndpointCreate = z.strictObject({
  cloudProvider: readOnly,
  errorMessage: readOnly,
  id: readOnly,
  privateEndpointConnectionName: readOnly,
  regionName: optional(z.string()),
  status: readOnly,
});

const V = '2023-01-01';
const EAR_ENDPOINTS = '/api/atlas/v2/groups/{groupId}/encryptionAtRest/{cloudProvider}/privateEndpoints';

/**
 * Encryption at rest using customer key management (2023-01-01 only). Roles as the
 * document states: Project Owner to read and to change; the private endpoint operations
 * state none in 2025-06 and take the 2026-08 requirements.
 */
export const encryptionAtRestOperations = [
  {
    operationId: 'getEncryptionAtRest',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/encryptionAtRest',
    versions: [{ date: V, response: EncryptionAtRestView }],
    status: 200,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'updateEncryptionAtRest',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/encryptionAtRest',
    versions: [{ date: V, request: EncryptionAtRestUpdate, response: EncryptionAtRestView }],
    status: 200,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getEncryptionAtRestPrivateEndpointsForCloudProvider',
    method: 'GET',
    path: EAR_ENDPOINTS,
    versions: [{ date: V, response: paginated(EarPrivateEndpointView) }],
    status: 200,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createEncryptionAtRestPrivateEndpoint',
    method: 'POST',
    path: EAR_ENDPOINTS,
    versions: [{ date: V, request: EarPrivateEndpointCreate, response: EarPrivateEndpointView }],
    status: 202,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getEncryptionAtRestPrivateEndpoint',
    method: 'GET',
    path: `${EAR_ENDPOINTS}/{endpointId}`,
    versions: [{ date: V, response: EarPrivateEndpointView }],
    status: 200,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'requestEncryptionAtRestPrivateEndpointDeletion',
    method: 'DELETE',
    path: `${EAR_ENDPOINTS}/{endpointId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'encryptionAtRest',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
