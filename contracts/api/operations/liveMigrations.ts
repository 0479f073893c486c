import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { ObjectId } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

/** TargetOrgRequest: the IP addresses the link's API key may be used from. */
export const LinkTokenRequest = z.strictObject({ accessListIps: optional(z.array(z.string())) });
/** TargetOrg. */
export const LinkTokenView = z.strictObject({ linkToken: z.string() });

/** LiveImportAvailableProject (the projects of the linked Cloud Manager organization). */
const AvailableProject = z.strictObject({
  deployments: z
    .array(
      z.strictObject({
        agentVersion: z.string().optional(),
        clusterId: z.string().optional(),
        dbSizeBytes: z.number().int().optional(),
        featureCompatibilityVersion: z.string(),
        managed: z.boolean(),
        mongoDBVersion: z.string(),
        name: z.string(),
        oplogSizeMB: z.number().int().optional(),
        sharded: z.boolean(),
        shardsSize: z.number().int().optional(),
        tlsEnabled: z.boolean(),
      }),
    )
    .optional(),
  migrationHosts: z.array(z.string()).optional(),
  name: z.string(),
  projectId: ObjectId,
});
export const AvailableProjects = z.array(AvailableProject);

/** Destination: a cluster of the project in the path. */
const Destination = z.strictObject({
  clusterName: z.string(),
  groupId: z.string(),
  hostnameSchemaType: z.enum(['PUBLIC', 'PRIVATE_LINK', 'VPC_PEERING']),
  privateLinkId: optional(z.string()),
});

/** Source: the Cloud Manager cluster; `username`/`password` only without managed authentication. */
const Source = z.strictObject({
  caCertificatePath: optional(z.string()),
  clusterName: z.string(),
  groupId: z.string(),
  managedAuthentication: z.boolean(),
  password: optional(z.string()),
  ssl: z.boolean(),
  username: optional(z.string()),
});

/**
 * LiveMigrationRequest20240530. `sharding` (ShardingRequest) is accepted as the document
 * describes it and has no effect here: the source's topology is outside the simulation.
 */
export const LiveMigrationRequest = z.strictObject({
  _id: readOnly,
  destination: Destination,
  dropDestinationData: optional(z.boolean()),
  links: readOnly,
  migrationHosts: optional(z.array(z.string()).min(1).max(1)),
  sharding: optional(
    z.strictObject({
      createSupportingIndexes: z.boolean(),
      shardingEntries: optional(z.array(z.strictObject({ collection: z.string(), database: z.string(), shardCollection: z.strictObject({ key: optional(z.array(z.record(z.string(), z.unknown()))) }) }))),
    }),
  ),
  source: Source,
});

/** LiveMigrationResponse: `lagTimeSeconds` only while caught up and before the cutover, otherwise null. */
export const LiveMigrationView = z.strictObject({
  _id: ObjectId,
  lagTimeSeconds: z.number().int().nullable(),
  migrationHosts: z.array(z.string()),
  readyForCutover: z.boolean(),
  status: z.enum(['NEW', 'WORKING', 'FAILED', 'COMPLETE', 'EXPIRED']),
});

/** LiveImportValidation. */
export const MigrationValidationView = z.strictObject({
  _id: ObjectId,
  errorMessage: z.string().nullable(),
  groupId: ObjectId,
  sourceGroupId: z.string(),
  status: z.enum(['PENDING', 'SUCCESS', 'FAILED']).nullable(),
});

const ORG = '/api/atlas/v2/orgs/{orgId}/liveMigrations';
const GROUP = '/api/atlas/v2/groups/{groupId}/liveMigrations';
/** Creation and validation moved to 2024-05-30; the 2023-01-01 request is not served (clients send the newer one). */
const V2 = '2024-05-30';
const V = '2023-01-01';
const orgOwner = { scope: 'org', anyOf: ['ORG_OWNER'] } as const;
/** The project operations state organization roles ("Organization Owner", reads "Organization Member"). */
const groupOrgOwner = { scope: 'group', anyOf: ['ORG_OWNER'] } as const;

/**
 * Cloud Migration Service (live migrations, push). Roles as the documents state; success
 * statuses as the document gives them, but createLinkToken answers 201 as recorded
 * (wire-facts C.6). No rate-limit bucket is documented for these operations.
 */
export const liveMigrationOperations = [
  {
    operationId: 'createLinkToken',
    method: 'POST',
    path: `${ORG}/linkTokens`,
    versions: [{ date: V, request: LinkTokenRequest, response: LinkTokenView }],
    status: 201,
    rateLimit: null,
    access: orgOwner,
  },
  {
    operationId: 'deleteLinkToken',
    method: 'DELETE',
    path: `${ORG}/linkTokens`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: orgOwner,
  },
  {
    operationId: 'listSourceProjects',
    method: 'GET',
    path: `${ORG}/availableProjects`,
    versions: [{ date: V, response: AvailableProjects }],
    status: 200,
    rateLimit: null,
    access: orgOwner,
  },
  {
    operationId: 'createPushMigration',
    method: 'POST',
    path: GROUP,
    versions: [{ date: V2, request: LiveMigrationRequest, response: LiveMigrationView }],
    status: 201,
    rateLimit: null,
    access: groupOrgOwner,
  },
  {
    operationId: 'getPushMigration',
    method: 'GET',
    path: `${GROUP}/{liveMigrationId}`,
    versions: [{ date: V, response: LiveMigrationView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'cutoverMigration',
    method: 'PUT',
    path: `${GROUP}/{liveMigrationId}/cutover`,
    versions: [{ date: V }],
    status: 202,
    rateLimit: null,
    access: groupOrgOwner,
  },
  {
    operationId: 'validateMigration',
    method: 'POST',
    path: `${GROUP}/validate`,
    versions: [{ date: V2, request: LiveMigrationRequest, response: MigrationValidationView }],
    status: 200,
    rateLimit: null,
    access: groupOrgOwner,
  },
  {
    operationId: 'getValidationStatus',
    method: 'GET',
    path: `${GROUP}/validate/{validationId}`,
    versions: [{ date: V, response: MigrationValidationView }],
    status: 200,
    rateLimit: null,
    access: groupOrgOwner,
  },
] as const satisfies readonly OperationSpec[];
