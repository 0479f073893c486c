import { z } from 'zod';
import type { OperationSpec, QueryParamSpec } from '../operation.js';
import { ObjectId, Links } from '../schemas/common.js';
import { optional } from '../schemas/input.js';

const METRIC_NAMES = [
  'READS_OPS', 'READS_LATENCY', 'AVERAGE_READS_LATENCY', 'READS_P50_VALUE', 'READS_P95_VALUE', 'READS_P99_VALUE',
  'WRITES_OPS', 'WRITES_LATENCY', 'AVERAGE_WRITES_LATENCY', 'WRITES_P50_VALUE', 'WRITES_P95_VALUE', 'WRITES_P99_VALUE',
  'COMMANDS_OPS', 'COMMANDS_LATENCY', 'AVERAGE_COMMANDS_LATENCY', 'COMMANDS_P50_VALUE', 'COMMANDS_P95_VALUE', 'COMMANDS_P99_VALUE',
  'TOTAL_OPS', 'TOTAL_LATENCY', 'AVERAGE_TOTAL_OPS_LATENCY', 'TOTAL_OPS_P50_VALUE', 'TOTAL_OPS_P95_VALUE', 'TOTAL_OPS_P99_VALUE',
] as const;

const Granularity = z.enum(['PT1M', 'PT5M', 'PT1H', 'P1D']);
const UTC = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

/** MetricsMeasurement. */
const Measurement = z.strictObject({
  dataPoints: z.array(z.strictObject({ timestamp: UTC, value: z.number() })),
  name: z.string(),
  units: z.enum(['SCALAR_PER_SECOND', 'MICROSECONDS']),
});

/** MeasurementsCollStatsLatencyCluster. */
export const ClusterMeasurements = z.strictObject({
  clusterId: ObjectId,
  clusterView: z.string(),
  collectionName: z.string(),
  databaseName: z.string(),
  end: UTC,
  granularity: Granularity,
  groupId: ObjectId,
  links: Links,
  measurements: z.array(Measurement),
  processId: z.string().optional(),
  start: UTC,
});

/** MeasurementsCollStatsLatencyHost. */
export const HostMeasurements = z.strictObject({
  collectionName: z.string(),
  databaseName: z.string(),
  end: UTC,
  granularity: Granularity,
  groupId: ObjectId,
  links: Links,
  measurements: z.array(Measurement),
  processId: z.string(),
  start: UTC,
});

/** CollStatsRankedNamespacesView. */
export const RankedNamespaces = z.strictObject({ groupId: ObjectId, identifierId: z.string(), rankedNamespaces: z.array(z.string()) });

/** PinnedNamespaces. */
export const PinnedNamespaces = z.strictObject({ clusterId: ObjectId, groupId: ObjectId, pinnedNamespaces: z.array(z.string()) });

/** NamespacesRequest. */
export const NamespacesRequest = z.strictObject({ namespaces: optional(z.array(z.string())) });

/** CollStatsLatencyNamespaceMetrics (the 2026-08 document's schema; 2025-06 names none). */
export const NamespaceMetrics = z.strictObject({
  groupId: ObjectId,
  links: Links,
  metrics: z.array(z.strictObject({ metricName: z.enum(METRIC_NAMES), units: z.enum(['SCALAR_PER_SECOND', 'MICROSECONDS']) })),
});

const WINDOW = {
  start: { type: 'string' },
  end: { type: 'string' },
  period: { type: 'string' },
} as const satisfies Record<string, QueryParamSpec>;
const MEASUREMENT_QUERY = { ...WINDOW, metrics: { type: 'string', multi: true, enum: METRIC_NAMES } } as const satisfies Record<string, QueryParamSpec>;

const V = '2023-11-15';
const G = '/api/atlas/v2/groups/{groupId}';
const C = `${G}/clusters/{clusterName}`;
// Only the 2026-08 document states a role, Project Read Only, for every operation of the tag (pinning included).
const READ_ONLY = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;

/** Collection-level query latency metrics (2023-11-15). */
export const collStatsOperations = [
  {
    operationId: 'getCollStatsLatencyNamespaceMetrics',
    method: 'GET',
    path: `${G}/collStats/metrics`,
    versions: [{ date: V, response: NamespaceMetrics }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'getCollStatsLatencyNamespacesForCluster',
    method: 'GET',
    path: `${C}/{clusterView}/collStats/namespaces`,
    versions: [{ date: V, response: RankedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: WINDOW,
  },
  {
    operationId: 'getCollStatsLatencyNamespaceClusterMeasurements',
    method: 'GET',
    path: `${C}/{clusterView}/{databaseName}/{collectionName}/collStats/measurements`,
    versions: [{ date: V, response: ClusterMeasurements }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: MEASUREMENT_QUERY,
  },
  {
    operationId: 'getCollStatsLatencyNamespacesForHost',
    method: 'GET',
    path: `${G}/processes/{processId}/collStats/namespaces`,
    versions: [{ date: V, response: RankedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: WINDOW,
  },
  {
    operationId: 'getCollStatsLatencyNamespaceHostMeasurements',
    method: 'GET',
    path: `${G}/processes/{processId}/{databaseName}/{collectionName}/collStats/measurements`,
    versions: [{ date: V, response: HostMeasurements }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
    query: MEASUREMENT_QUERY,
  },
  {
    operationId: 'getPinnedNamespaces',
    method: 'GET',
    path: `${C}/collStats/pinned`,
    versions: [{ date: V, response: PinnedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'pinNamespacesPut',
    method: 'PUT',
    path: `${C}/collStats/pinned`,
    versions: [{ date: V, request: NamespacesRequest, response: PinnedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'pinNamespacesPatch',
    method: 'PATCH',
    path: `${C}/collStats/pinned`,
    versions: [{ date: V, request: NamespacesRequest, response: PinnedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
  {
    operationId: 'unpinNamespaces',
    method: 'PATCH',
    path: `${C}/collStats/unpin`,
    versions: [{ date: V, request: NamespacesRequest, response: PinnedNamespaces }],
    status: 200,
    rateLimit: null,
    access: READ_ONLY,
  },
] as const satisfies readonly OperationSpec[];
