import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { ObjectId } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

/**
 * A definition's attributes. Their contents (mappings, analyzers, vector fields) are
 * checked by the mapping validation of the sim, which says what is wrong in mongot's
 * terms; the contract only names the attributes, so that an unknown one is refused.
 */
const DEFINITION = {
  analyzer: optional(z.string()),
  analyzers: optional(z.array(z.unknown())),
  fields: optional(z.array(z.unknown())),
  mappings: optional(z.record(z.string(), z.unknown())),
  numPartitions: optional(z.number().int()),
  searchAnalyzer: optional(z.string()),
  storedSource: optional(z.unknown()),
  synonyms: optional(z.array(z.unknown())),
};
const Definition = z.strictObject(DEFINITION);
const INDEX_TYPES = ['search', 'vectorSearch'] as const;
const STATUSES = ['DELETING', 'FAILED', 'STALE', 'PENDING', 'BUILDING', 'READY', 'DOES_NOT_EXIST'] as const;

/** SearchIndexCreateRequest (Text/VectorSearchIndexCreateRequest by `type`). */
export const SearchIndexCreateRequest = z.strictObject({
  collectionName: z.string(),
  database: z.string(),
  // Optional in the document; the mapping validation requires what each type needs.
  definition: optional(Definition),
  name: z.string(),
  type: optional(z.enum(INDEX_TYPES)),
});

/** SearchIndexUpdateRequest: the new definition. */
export const SearchIndexUpdateRequest = z.strictObject({ definition: Definition });

const VersionView = z.strictObject({ createdAt: z.string(), version: z.number().int() });
/** What the simulator does not fill (synonym mapping builds, staged index builds, messages) is left out of the answers. */
const NOT_SHOWN = { synonymMappingStatus: z.unknown().optional(), synonymMappingStatusDetail: z.unknown().optional() };
const IndexStatusDetail = z.strictObject({ ...NOT_SHOWN, definition: z.unknown().optional(), definitionVersion: VersionView, message: z.unknown().optional(), queryable: z.boolean(), status: z.enum(STATUSES) });

/** SearchIndexResponse. */
export const SearchIndexResponse = z.strictObject({
  collectionName: z.string(),
  database: z.string(),
  indexID: ObjectId,
  latestDefinition: z.record(z.string(), z.unknown()),
  latestDefinitionVersion: VersionView,
  name: z.string(),
  queryable: z.boolean(),
  status: z.enum(STATUSES),
  statusDetail: z.array(z.strictObject({ hostname: z.string(), mainIndex: IndexStatusDetail, queryable: z.boolean(), stagedIndex: z.unknown().optional(), status: z.enum(STATUSES) })),
  ...NOT_SHOWN,
  type: z.enum(INDEX_TYPES),
});

/** ClusterSearchIndex (2023-01-01): the definition's attributes at the top level, the legacy statuses. */
export const ClusterSearchIndexView = z.strictObject({
  analyzer: z.string().optional(),
  analyzers: z.array(z.unknown()).optional(),
  collectionName: z.string(),
  database: z.string(),
  fields: z.array(z.unknown()).optional(),
  indexID: ObjectId,
  mappings: z.record(z.string(), z.unknown()).optional(),
  name: z.string(),
  numPartitions: z.number().int().optional(),
  searchAnalyzer: z.string().optional(),
  status: z.enum(['IN_PROGRESS', 'STEADY', 'FAILED', 'MIGRATING', 'STALE', 'PAUSED']),
  storedSource: z.unknown().optional(),
  synonyms: z.array(z.unknown()).optional(),
  type: z.enum(INDEX_TYPES),
});

/** ClusterSearchIndex as a request. */
export const ClusterSearchIndexRequest = z.strictObject({
  ...DEFINITION,
  collectionName: z.string(),
  database: z.string(),
  indexID: readOnly,
  name: z.string(),
  status: readOnly,
  type: optional(z.enum(INDEX_TYPES)),
});

const SEARCH_SIZES = [
  'S20_HIGHCPU_NVME', 'S30_HIGHCPU_NVME', 'S40_HIGHCPU_NVME', 'S50_HIGHCPU_NVME', 'S60_HIGHCPU_NVME', 'S70_HIGHCPU_NVME', 'S80_HIGHCPU_NVME',
  'S30_LOWCPU_NVME', 'S40_LOWCPU_NVME', 'S50_LOWCPU_NVME', 'S60_LOWCPU_NVME', 'S70_LOWCPU_NVME', 'S80_LOWCPU_NVME', 'S90_LOWCPU_NVME', 'S100_LOWCPU_NVME', 'S110_LOWCPU_NVME', 'S120_LOWCPU_NVME', 'S130_LOWCPU_NVME', 'S135_LOWCPU_NVME', 'S140_LOWCPU_NVME',
  'S40_STORAGE_NVME', 'S50_STORAGE_NVME', 'S60_STORAGE_NVME', 'S80_STORAGE_NVME', 'S90_STORAGE_NVME',
] as const;
const Spec = z.strictObject({ instanceSize: z.enum(SEARCH_SIZES), nodeCount: z.number().int().min(2).max(32) });

/** ApiSearchDeploymentRequestView. */
export const SearchDeploymentRequest = z.strictObject({ specs: z.array(Spec) });

/** ApiSearchDeploymentResponseView. */
export const SearchDeploymentView = z.strictObject({
  encryptionAtRestProvider: z.enum(['NONE', 'AWS', 'AZURE', 'GCP']),
  groupId: ObjectId,
  id: ObjectId,
  specs: z.array(Spec),
  stateName: z.enum(['IDLE', 'PAUSED', 'UPDATING']),
});

/** 2025-03-12: a cluster without search nodes answers `{}` (the 2026-08 document's changelog: "200 with an empty JSON ({}) instead of 400"). */
export const SearchDeploymentOrNone = z.union([SearchDeploymentView, z.strictObject({})]);

const C = '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}';
const V = '2024-05-30';
const LEGACY = '2023-01-01';
// The 2025-06 document's roles; the 2026-08 one also admits Project Search Index Editor.
const READ = { scope: 'group', anyOf: ['GROUP_DATA_ACCESS_READ_WRITE'] } as const;
const WRITE = { scope: 'group', anyOf: ['GROUP_DATA_ACCESS_ADMIN'] } as const;

/** Atlas Search indexes (both generations) and search nodes. Rate limits: Atlas Search indexes 500/500 is not modelled. */
export const atlasSearchOperations = [
  { operationId: 'listAtlasSearchIndexesCluster', method: 'GET', path: `${C}/search/indexes`, versions: [{ date: V, response: z.array(SearchIndexResponse) }], status: 200, rateLimit: null, access: READ },
  { operationId: 'createAtlasSearchIndex', method: 'POST', path: `${C}/search/indexes`, versions: [{ date: V, request: SearchIndexCreateRequest, response: SearchIndexResponse }], status: 201, rateLimit: null, access: WRITE },
  { operationId: 'listAtlasSearchIndexes', method: 'GET', path: `${C}/search/indexes/{databaseName}/{collectionName}`, versions: [{ date: V, response: z.array(SearchIndexResponse) }], status: 200, rateLimit: null, access: READ },
  { operationId: 'getAtlasSearchIndexByName', method: 'GET', path: `${C}/search/indexes/{databaseName}/{collectionName}/{indexName}`, versions: [{ date: V, response: SearchIndexResponse }], status: 200, rateLimit: null, access: READ },
  { operationId: 'updateAtlasSearchIndexByName', method: 'PATCH', path: `${C}/search/indexes/{databaseName}/{collectionName}/{indexName}`, versions: [{ date: V, request: SearchIndexUpdateRequest, response: SearchIndexResponse }], status: 200, rateLimit: null, access: WRITE },
  { operationId: 'deleteAtlasSearchIndexByName', method: 'DELETE', path: `${C}/search/indexes/{databaseName}/{collectionName}/{indexName}`, versions: [{ date: V }], status: 204, rateLimit: null, access: WRITE },
  { operationId: 'getAtlasSearchIndex', method: 'GET', path: `${C}/search/indexes/{indexId}`, versions: [{ date: V, response: SearchIndexResponse }], status: 200, rateLimit: null, access: READ },
  { operationId: 'updateAtlasSearchIndex', method: 'PATCH', path: `${C}/search/indexes/{indexId}`, versions: [{ date: V, request: SearchIndexUpdateRequest, response: SearchIndexResponse }], status: 200, rateLimit: null, access: WRITE },
  { operationId: 'deleteAtlasSearchIndex', method: 'DELETE', path: `${C}/search/indexes/{indexId}`, versions: [{ date: V }], status: 204, rateLimit: null, access: WRITE },
  { operationId: 'createAtlasSearchIndexDeprecated', method: 'POST', path: `${C}/fts/indexes`, versions: [{ date: LEGACY, request: ClusterSearchIndexRequest, response: ClusterSearchIndexView }], status: 200, rateLimit: null, access: WRITE },
  { operationId: 'listAtlasSearchIndexesDeprecated', method: 'GET', path: `${C}/fts/indexes/{databaseName}/{collectionName}`, versions: [{ date: LEGACY, response: z.array(ClusterSearchIndexView) }], status: 200, rateLimit: null, access: READ },
  { operationId: 'getAtlasSearchIndexDeprecated', method: 'GET', path: `${C}/fts/indexes/{indexId}`, versions: [{ date: LEGACY, response: ClusterSearchIndexView }], status: 200, rateLimit: null, access: READ },
  { operationId: 'updateAtlasSearchIndexDeprecated', method: 'PATCH', path: `${C}/fts/indexes/{indexId}`, versions: [{ date: LEGACY, request: ClusterSearchIndexRequest, response: ClusterSearchIndexView }], status: 200, rateLimit: null, access: WRITE },
  { operationId: 'deleteAtlasSearchIndexDeprecated', method: 'DELETE', path: `${C}/fts/indexes/{indexId}`, versions: [{ date: LEGACY }], status: 204, rateLimit: null, access: WRITE },
  // Search nodes: only the 2026-08 document states roles (Project Owner to create, Cluster Manager to change or remove, Read Only to read).
  { operationId: 'createAtlasSearchDeployment', method: 'POST', path: `${C}/search/deployment`, versions: [{ date: V, request: SearchDeploymentRequest, response: SearchDeploymentView }], status: 201, rateLimit: 'clusters', access: { scope: 'group', anyOf: ['GROUP_OWNER'] } },
  { operationId: 'getAtlasSearchDeployment', method: 'GET', path: `${C}/search/deployment`, versions: [{ date: '2025-03-12', response: SearchDeploymentOrNone }], status: 200, rateLimit: 'clusters', access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } },
  { operationId: 'updateAtlasSearchDeployment', method: 'PATCH', path: `${C}/search/deployment`, versions: [{ date: V, request: SearchDeploymentRequest, response: SearchDeploymentView }], status: 200, rateLimit: 'clusters', access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] } },
  { operationId: 'deleteAtlasSearchDeployment', method: 'DELETE', path: `${C}/search/deployment`, versions: [{ date: V }], status: 204, rateLimit: 'clusters', access: { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] } },
] as const satisfies readonly OperationSpec[];
