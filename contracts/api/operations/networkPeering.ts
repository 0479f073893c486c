import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { EmptyObject, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

/**
 * Network Peering (wire-facts-wave2 1): containers, peering connections and private IP
 * mode, all 2023-01-01. Roles as the document states: Project Read Only to read,
 * Project Owner to change. Provider-specific attributes are optional here and required
 * by the rules, which report the one missing for the provider; Azure attributes are
 * read so that the Government rule can refuse Azure by name.
 */
const V = '2023-01-01';
const GROUP = '/api/atlas/v2/groups/{groupId}';
const PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;

/** `CloudProviderContainer` (AWS, GCP or Azure) as posted or patched. */
export const ContainerRequest = z.strictObject({
  providerName: optional(z.enum(['AWS', 'GCP', 'AZURE', 'TENANT', 'SERVERLESS'])),
  atlasCidrBlock: optional(z.string()),
  regionName: optional(z.string()),
  regions: optional(z.array(z.string())),
  region: optional(z.string()),
  id: readOnly,
  provisioned: readOnly,
  vpcId: readOnly,
  gcpProjectId: readOnly,
  networkName: readOnly,
  azureSubscriptionId: readOnly,
  vnetName: readOnly,
});

const AwsContainer = z.strictObject({
  atlasCidrBlock: z.string(),
  id: ObjectId,
  providerName: z.literal('AWS'),
  provisioned: z.boolean(),
  regionName: z.string(),
  vpcId: z.string().regex(/^vpc-[0-9a-f]{17}$/),
});

/** `gcpProjectId` and `networkName` appear once a cluster uses the container (the document: null before; absent here, as the document does not make them nullable). */
const GcpContainer = z.strictObject({
  atlasCidrBlock: z.string(),
  gcpProjectId: z.string().regex(/^p-[0-9a-z]{24}$/).optional(),
  id: ObjectId,
  networkName: z.string().regex(/^nt-[0-9a-f]{24}-[0-9a-z]{8}$/).optional(),
  providerName: z.literal('GCP'),
  provisioned: z.boolean(),
  regions: z.array(z.string()).optional(),
});

export const Container = z.union([AwsContainer, GcpContainer]);

/** `BaseNetworkPeeringConnectionSettings` as posted or patched. */
export const PeerRequest = z.strictObject({
  containerId: optional(z.string()),
  providerName: optional(z.enum(PROVIDERS)),
  accepterRegionName: optional(z.string()),
  awsAccountId: optional(z.string()),
  routeTableCidrBlock: optional(z.string()),
  vpcId: optional(z.string()),
  gcpProjectId: optional(z.string()),
  networkName: optional(z.string()),
  azureDirectoryId: optional(z.string()),
  azureSubscriptionId: optional(z.string()),
  resourceGroupName: optional(z.string()),
  vnetName: optional(z.string()),
  id: readOnly,
  connectionId: readOnly,
  errorStateName: readOnly,
  statusName: readOnly,
  errorMessage: readOnly,
  status: readOnly,
  errorState: readOnly,
});

const AwsPeer = z.strictObject({
  accepterRegionName: z.string(),
  awsAccountId: z.string().regex(/^[0-9]{12}$/),
  connectionId: z.string(),
  containerId: ObjectId,
  /** Only for a FAILED connection, which the simulator never produces. */
  errorStateName: z.enum(['REJECTED', 'EXPIRED', 'INVALID_ARGUMENT']).optional(),
  id: ObjectId,
  providerName: z.literal('AWS'),
  routeTableCidrBlock: z.string(),
  statusName: z.enum(['INITIATING', 'PENDING_ACCEPTANCE', 'FAILED', 'FINALIZING', 'AVAILABLE', 'TERMINATING']),
  vpcId: z.string(),
});

const GcpPeer = z.strictObject({
  containerId: ObjectId,
  /** Only for a FAILED connection, which the simulator never produces. */
  errorMessage: z.string().optional(),
  gcpProjectId: z.string(),
  id: ObjectId,
  networkName: z.string(),
  providerName: z.literal('GCP'),
  status: z.enum(['ADDING_PEER', 'WAITING_FOR_USER', 'AVAILABLE', 'FAILED', 'DELETING']),
});

export const Peer = z.union([AwsPeer, GcpPeer]);

export const PrivateIpMode = z.strictObject({ enabled: z.boolean() });
export const PrivateIpModeRequest = z.strictObject({ enabled: z.boolean() });

const read = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;
const owner = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;
const providerQuery = { providerName: { type: 'string', enum: PROVIDERS, default: 'AWS' } } as const;

export const networkPeeringOperations = [
  {
    operationId: 'listPeeringContainerByCloudProvider',
    method: 'GET',
    path: `${GROUP}/containers`,
    versions: [{ date: V, response: paginated(Container) }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
    paged: true,
    query: { ...PAGING_QUERY, ...providerQuery },
  },
  {
    operationId: 'listPeeringContainers',
    method: 'GET',
    path: `${GROUP}/containers/all`,
    versions: [{ date: V, response: paginated(Container) }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createPeeringContainer',
    method: 'POST',
    path: `${GROUP}/containers`,
    // The document says 200; no recording shows otherwise.
    versions: [{ date: V, request: ContainerRequest, response: Container }],
    status: 200,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'getPeeringContainer',
    method: 'GET',
    path: `${GROUP}/containers/{containerId}`,
    versions: [{ date: V, response: Container }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
  },
  {
    operationId: 'updatePeeringContainer',
    method: 'PATCH',
    path: `${GROUP}/containers/{containerId}`,
    versions: [{ date: V, request: ContainerRequest, response: Container }],
    status: 200,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'deletePeeringContainer',
    method: 'DELETE',
    path: `${GROUP}/containers/{containerId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'listPeeringConnections',
    method: 'GET',
    path: `${GROUP}/peers`,
    versions: [{ date: V, response: paginated(Peer) }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
    paged: true,
    query: { ...PAGING_QUERY, ...providerQuery },
  },
  {
    operationId: 'createPeeringConnection',
    method: 'POST',
    path: `${GROUP}/peers`,
    versions: [{ date: V, request: PeerRequest, response: Peer }],
    status: 200,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'getPeeringConnection',
    method: 'GET',
    path: `${GROUP}/peers/{peerId}`,
    versions: [{ date: V, response: Peer }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
  },
  {
    operationId: 'updatePeeringConnection',
    method: 'PATCH',
    path: `${GROUP}/peers/{peerId}`,
    versions: [{ date: V, request: PeerRequest, response: Peer }],
    status: 200,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'deletePeeringConnection',
    method: 'DELETE',
    path: `${GROUP}/peers/{peerId}`,
    versions: [{ date: V, response: EmptyObject }],
    status: 202,
    rateLimit: 'networkPeering',
    access: owner,
  },
  {
    operationId: 'verifyConnectViaPeeringOnlyModeForOneProject',
    method: 'GET',
    path: `${GROUP}/privateIpMode`,
    versions: [{ date: V, response: PrivateIpMode }],
    status: 200,
    rateLimit: 'networkPeering',
    access: read,
  },
  {
    operationId: 'disablePeering',
    method: 'PATCH',
    path: `${GROUP}/privateIpMode`,
    versions: [{ date: V, request: PrivateIpModeRequest, response: PrivateIpMode }],
    status: 200,
    rateLimit: 'networkPeering',
    access: owner,
  },
] as const satisfies readonly OperationSpec[];
