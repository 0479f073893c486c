import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { AWS_REGIONS } from '../schemas/regions.js';

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

const V = '2023-01-01';

/**
 * Encryption at rest using customer key management (2023-01-01 only). Roles as the
 * document states: Project Owner to read and to change.
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
] as const satisfies readonly OperationSpec[];
