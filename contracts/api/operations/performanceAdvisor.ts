import { z } from 'zod';
import type { OperationSpec, QueryParamSpec } from '../operation.js';
import { AtlasDate, ObjectId } from '../schemas/common.js';

/** An index key as the advisor shows it: `{"field": 1}` or `{"field": -1}`. */
const IndexKeyView = z.record(z.string(), z.number().int());

/** PerformanceAdvisorOpStats. */
const OpStats = z.strictObject({ ms: z.number().int(), nReturned: z.number().int(), nScanned: z.number().int(), ts: z.number().int() });

/** PerformanceAdvisorShape: one query shape and example operations of it. */
const Shape = z.strictObject({
  avgMs: z.number().int(),
  count: z.number().int(),
  id: ObjectId,
  inefficiencyScore: z.number().int(),
  namespace: z.string(),
  operations: z.array(z.strictObject({ predicates: z.array(z.record(z.string(), z.unknown())), stats: OpStats })),
});

/** PerformanceAdvisorIndex: one suggested index. */
const SuggestedIndex = z.strictObject({
  avgObjSize: z.number(),
  id: ObjectId,
  impact: z.array(z.string()),
  index: z.array(IndexKeyView),
  namespace: z.string(),
  weight: z.number(),
});

/** PerformanceAdvisorResponse. */
export const PerformanceAdvisorResponse = z.strictObject({ shapes: z.array(Shape), suggestedIndexes: z.array(SuggestedIndex) });

/** PerformanceAdvisorSlowQueryMetrics. */
const SlowQueryMetrics = z.strictObject({
  docsExamined: z.number().int(),
  docsExaminedReturnedRatio: z.number(),
  docsReturned: z.number().int(),
  fromUserConnection: z.boolean(),
  hasIndexCoverage: z.boolean(),
  hasSort: z.boolean(),
  keysExamined: z.number().int(),
  keysExaminedReturnedRatio: z.number(),
  numYields: z.number().int(),
  operationExecutionTime: z.number().int(),
  responseLength: z.number().int(),
});

/** PerformanceAdvisorSlowQueryList: the optional fields appear when their `include…` flag asks for them. */
export const SlowQueryList = z.strictObject({
  slowQueries: z.array(
    z.strictObject({
      line: z.string(),
      metrics: SlowQueryMetrics.optional(),
      namespace: z.string(),
      opType: z.string().optional(),
      replicaState: z.string().optional(),
    }),
  ),
});

/** Namespaces. */
export const NamespacesView = z.strictObject({ namespaces: z.array(z.strictObject({ namespace: z.string(), type: z.literal('collection') })) });

/** DropIndexSuggestionsIndex. */
const DropIndex = z.strictObject({
  accessCount: z.number().int(),
  index: z.array(z.record(z.string(), z.unknown())),
  name: z.string(),
  namespace: z.string(),
  shards: z.array(z.string()),
  since: AtlasDate,
});

/** DropIndexSuggestionsResponse. */
export const DropIndexSuggestions = z.strictObject({ hiddenIndexes: z.array(DropIndex), redundantIndexes: z.array(DropIndex), unusedIndexes: z.array(DropIndex) });

/** SchemaAdvisorResponse. */
export const SchemaAdvice = z.strictObject({
  recommendations: z.array(
    z.strictObject({
      affectedNamespaces: z.array(z.strictObject({ namespace: z.string(), triggers: z.array(z.strictObject({ description: z.string(), triggerType: z.string() })) })),
      description: z.string(),
      recommendation: z.enum(['REDUCE_LOOKUP_OPS', 'AVOID_UNBOUNDED_ARRAY', 'REDUCE_DOCUMENT_SIZE', 'REMOVE_UNNECESSARY_INDEXES', 'REDUCE_NUMBER_OF_NAMESPACES', 'OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES', 'OPTIMIZE_TEXT_QUERIES']),
    }),
  ),
});

/**
 * The cluster-level advice (2024-08-05) comes wrapped in `{"content": …}` on the wire
 * (wire-facts-wave2 §13.3 records `{"content":{"recommendations":[]}}`; the official MCP
 * server, generated from a newer document that names these answers
 * `Enveloped…Response`, reads `response.content.…`). The 2025-06 document shows the inner
 * object only: listed in knownDifferences.
 */
const enveloped = <T extends z.ZodType>(inner: T) => z.strictObject({ content: inner });

/** The document's lower bound of `since`/`until` (2008-01-01, epoch ms). */
const EPOCH_MIN = 1_199_145_600_000;
const SINCE = { type: 'integer', min: EPOCH_MIN } as const satisfies QueryParamSpec;
const DURATION = { type: 'integer', min: 0 } as const satisfies QueryParamSpec;
const NAMESPACES = { type: 'string', multi: true } as const satisfies QueryParamSpec;

const V = '2023-01-01';
const G = '/api/atlas/v2/groups/{groupId}';
const PROCESS = `${G}/processes/{processId}/performanceAdvisor`;
const CLUSTER = `${G}/clusters/{clusterName}/performanceAdvisor`;
const READ_ONLY = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;

/**
 * Performance Advisor (roles as the document states: Project Read Only for advice,
 * any Project Data Access role or Project Observability Viewer for the log lines, which
 * show data; Project Owner to change the managed threshold). The cluster-level advice
 * is 2024-08-05, the rest 2023-01-01. No rate-limit bucket is documented for it.
 */
export const performanceAdvisorOperations = [
  {
    operationId: 'listSlowQueryNamespaces',
    method: 'GET',
    path: `${PROCESS}/namespaces`,
    versions: [{ date: V, response: NamespacesView }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: { duration: DURATION, since: SINCE },
  },
  {
    operationId: 'listSlowQueries',
    method: 'GET',
    path: `${PROCESS}/slowQueryLogs`,
    versions: [{ date: V, response: SlowQueryList }],
    status: 200,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_OBSERVABILITY_VIEWER'] },
    query: {
      duration: DURATION,
      namespaces: NAMESPACES,
      nLogs: { type: 'integer', default: 20000, min: 0, max: 20000 },
      since: SINCE,
      includeMetrics: { type: 'boolean', default: false },
      includeReplicaState: { type: 'boolean', default: false },
      includeOpType: { type: 'boolean', default: false },
    },
  },
  {
    operationId: 'listSuggestedIndexes',
    method: 'GET',
    path: `${PROCESS}/suggestedIndexes`,
    versions: [{ date: V, response: PerformanceAdvisorResponse }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    // The document lists the paging parameters, but the answer is no envelope: they are accepted and change nothing.
    query: {
      duration: DURATION,
      namespaces: NAMESPACES,
      nExamples: { type: 'integer', default: 5, min: 0 },
      nIndexes: { type: 'integer', min: 0 },
      since: SINCE,
      includeCount: { type: 'boolean', default: true },
      itemsPerPage: { type: 'integer', default: 100, min: 1, max: 500 },
      pageNum: { type: 'integer', default: 1, min: 1 },
    },
  },
  {
    operationId: 'listClusterSuggestedIndexes',
    method: 'GET',
    path: `${CLUSTER}/suggestedIndexes`,
    versions: [{ date: '2024-08-05', response: enveloped(PerformanceAdvisorResponse) }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: { processIds: { type: 'string', multi: true }, namespaces: NAMESPACES, since: SINCE, until: SINCE },
  },
  {
    operationId: 'listDropIndexes',
    method: 'GET',
    path: `${CLUSTER}/dropIndexSuggestions`,
    versions: [{ date: '2024-08-05', response: enveloped(DropIndexSuggestions) }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'listSchemaAdvice',
    method: 'GET',
    path: `${CLUSTER}/schemaAdvice`,
    versions: [{ date: '2024-08-05', response: enveloped(SchemaAdvice) }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'getManagedSlowMs',
    method: 'GET',
    path: `${G}/managedSlowMs`,
    versions: [{ date: V, response: z.boolean() }],
    status: 200,
    rateLimit: null,
    // Only the 2026-08 document states a role: Project Read Only.
    access: READ_ONLY,
  },
  {
    operationId: 'enableSlowOperationThresholding',
    method: 'POST',
    path: `${G}/managedSlowMs/enable`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'disableSlowOperationThresholding',
    method: 'DELETE',
    path: `${G}/managedSlowMs/disable`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: null,
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
