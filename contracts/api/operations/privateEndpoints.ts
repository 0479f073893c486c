import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { EmptyObject, ObjectId } from '../schemas/common.js';
import { optional } from '../schemas/input.js';

const PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;
const SERVICE_STATUSES = ['INITIATING', 'AVAILABLE', 'WAITING_FOR_USER', 'FAILED', 'DELETING'] as const;

/** CloudProviderEndpointServiceRequest: the region's Atlas or provider name; the rules are the sim's. */
export const EndpointServiceCreate = z.strictObject({
  providerName: z.enum(PROVIDERS),
  region: z.string(),
});

/**
 * AWSPrivateLinkConnection as recorded: `endpointServiceName` and `errorMessage` null
 * until there is one, `supportedRemoteRegions` null, and the interface endpoints by their
 * AWS ids.
 */
export const AwsEndpointServiceView = z.strictObject({
  cloudProvider: z.literal('AWS'),
  endpointServiceName: z.string().nullable(),
  errorMessage: z.string().nullable(),
  id: ObjectId,
  interfaceEndpoints: z.array(z.string()),
  regionName: z.string(),
  status: z.enum(SERVICE_STATUSES),
  supportedRemoteRegions: z.array(z.string()).nullable(),
});

/** GCPEndpointService as recorded: six service attachments once AVAILABLE. */
export const GcpEndpointServiceView = z.strictObject({
  cloudProvider: z.literal('GCP'),
  endpointGroupNames: z.array(z.string()),
  errorMessage: z.string().nullable(),
  id: ObjectId,
  portMappingEnabled: z.boolean(),
  regionName: z.string(),
  serviceAttachmentNames: z.array(z.string()),
  status: z.enum(SERVICE_STATUSES),
});

export const EndpointServiceView = z.discriminatedUnion('cloudProvider', [AwsEndpointServiceView, GcpEndpointServiceView]);

/**
 * ApiAtlasModifyEndpointServiceRequest (2026-08 document): the service's provider and the
 * other AWS regions that may connect (at most 35).
 */
export const EndpointServiceUpdate = z.strictObject({
  cloudProvider: z.enum(PROVIDERS),
  supportedRemoteRegions: optional(z.array(z.string()).max(35)),
});

/** CreateEndpointRequest: the AWS, Azure or GCP shape; which fields a provider takes is the sim's rule. */
export const PrivateEndpointCreate = z.strictObject({
  endpointGroupName: optional(z.string()),
  endpoints: optional(z.array(z.strictObject({ endpointName: optional(z.string()), ipAddress: optional(z.string()) }))),
  gcpProjectId: optional(z.string()),
  id: optional(z.string()),
  privateEndpointIPAddress: optional(z.string()),
});

const AwsInterfaceEndpointView = z.strictObject({
  cloudProvider: z.literal('AWS'),
  connectionStatus: z.enum(['PENDING_ACCEPTANCE', 'PENDING', 'AVAILABLE', 'REJECTED', 'DELETING']),
  deleteRequested: z.boolean(),
  errorMessage: z.string().optional(),
  interfaceEndpointId: z.string(),
});

const GcpEndpointGroupView = z.strictObject({
  cloudProvider: z.literal('GCP'),
  deleteRequested: z.boolean(),
  endpointGroupName: z.string(),
  endpoints: z.array(z.strictObject({ endpointName: z.string(), ipAddress: z.string(), status: z.enum(['INITIATING', 'AVAILABLE', 'FAILED', 'DELETING']) })),
  errorMessage: z.string().optional(),
  status: z.enum(['INITIATING', 'VERIFIED', 'AVAILABLE', 'FAILED', 'DELETING']),
});

export const PrivateEndpointView = z.discriminatedUnion('cloudProvider', [AwsInterfaceEndpointView, GcpEndpointGroupView]);

/** ProjectSettingItemView. */
export const ProjectSettingItem = z.strictObject({ enabled: z.boolean() });

const V = '2023-01-01';
const BASE = '/api/atlas/v2/groups/{groupId}/privateEndpoint';
const SERVICE = `${BASE}/{cloudProvider}/endpointService/{endpointServiceId}`;

/**
 * Private endpoint services (2023-01-01 only). Success statuses as recorded where Atlas
 * differs from the document (201 create, 202 `{}` delete, 202 regional mode). Roles as the
 * document states: Project Read Only to read, Project Owner to change.
 */
export const privateEndpointOperations = [
  {
    operationId: 'createPrivateEndpointService',
    method: 'POST',
    path: `${BASE}/endpointService`,
    versions: [{ date: V, request: EndpointServiceCreate, response: EndpointServiceView }],
    status: 201,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'listPrivateEndpointServices',
    method: 'GET',
    path: `${BASE}/{cloudProvider}/endpointService`,
    // Recorded: a bare array, not the list envelope.
    versions: [{ date: V, response: z.array(EndpointServiceView) }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'getPrivateEndpointService',
    method: 'GET',
    path: SERVICE,
    versions: [{ date: V, response: EndpointServiceView }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    // Only in the 2026-08 document (no `{cloudProvider}` in the path: the body names it).
    operationId: 'updatePrivateEndpointService',
    method: 'PATCH',
    path: `${BASE}/endpointService/{endpointServiceId}`,
    versions: [{ date: V, request: EndpointServiceUpdate, response: EndpointServiceView }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'deletePrivateEndpointService',
    method: 'DELETE',
    path: SERVICE,
    versions: [{ date: V, response: EmptyObject }],
    status: 202,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'createPrivateEndpoint',
    method: 'POST',
    path: `${SERVICE}/endpoint`,
    versions: [{ date: V, request: PrivateEndpointCreate, response: PrivateEndpointView }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getPrivateEndpoint',
    method: 'GET',
    path: `${SERVICE}/endpoint/{endpointId}`,
    versions: [{ date: V, response: PrivateEndpointView }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'deletePrivateEndpoint',
    method: 'DELETE',
    path: `${SERVICE}/endpoint/{endpointId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getRegionalizedPrivateEndpointSetting',
    method: 'GET',
    path: `${BASE}/regionalMode`,
    versions: [{ date: V, response: ProjectSettingItem }],
    status: 200,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'toggleRegionalizedPrivateEndpointSetting',
    method: 'PATCH',
    path: `${BASE}/regionalMode`,
    versions: [{ date: V, request: ProjectSettingItem, response: ProjectSettingItem }],
    status: 202,
    rateLimit: 'privateEndpoints',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];

/** AWSCustomDNSEnabledView. */
export const AwsCustomDnsEnabled = z.strictObject({ enabled: z.boolean() });

/**
 * Custom DNS for AWS clusters (2023-01-01 only): Project Read Only to read. Toggling
 * names "Project Atlas Admin", no role of Atlas for Government's enumerations; decision:
 * Project Owner, who holds every project permission.
 */
export const awsCustomDnsOperations = [
  {
    operationId: 'getAwsCustomDns',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/awsCustomDNS',
    versions: [{ date: V, response: AwsCustomDnsEnabled }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'toggleAwsCustomDns',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/awsCustomDNS',
    versions: [{ date: V, request: AwsCustomDnsEnabled, response: AwsCustomDnsEnabled }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
