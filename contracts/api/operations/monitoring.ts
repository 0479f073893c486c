import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { MEASUREMENT_GRANULARITIES, SEARCH_INDEX_METRICS, SEARCH_PROCESS_METRICS } from '../vocabulary.js';

/**
 * Monitoring and Logs (processes, disks, databases, their measurements, Atlas Search
 * metrics, host log downloads) and Access Tracking (database access history), 2023-01-01
 * except the log download (2023-02-01, gzip). Shapes from the recorded processes and
 * access history, else from the document's schemas; keys in alphabetical order as
 * recorded.
 */
const HOST_TYPES = ['REPLICA_PRIMARY', 'REPLICA_SECONDARY', 'RECOVERING', 'SHARD_MONGOS', 'SHARD_CONFIG', 'SHARD_STANDALONE', 'SHARD_PRIMARY', 'SHARD_SECONDARY', 'NO_DATA'] as const;
const UNITS = ['BYTES', 'BYTES_PER_SECOND', 'GIGABYTES', 'GIGABYTES_PER_HOUR', 'MEGABYTES_PER_SECOND', 'MICROSECONDS', 'MILLISECONDS', 'PERCENT', 'SCALAR', 'SCALAR_PER_SECOND'] as const;

export const HostView = z.strictObject({
  created: AtlasDate,
  groupId: ObjectId,
  hostname: z.string(),
  id: z.string(),
  lastPing: AtlasDate,
  links: Links,
  port: z.number().int(),
  replicaSetName: z.string().optional(),
  shardName: z.string().optional(),
  typeName: z.enum(HOST_TYPES),
  userAlias: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
});

export const DatabaseView = z.strictObject({ databaseName: z.string(), links: Links });
export const PartitionView = z.strictObject({ links: Links, partitionName: z.string() });

const Measurement = z.strictObject({
  dataPoints: z.array(z.strictObject({ timestamp: AtlasDate, value: z.number() })),
  name: z.string(),
  units: z.enum(UNITS),
});

const WINDOW = {
  end: AtlasDate,
  granularity: z.enum(MEASUREMENT_GRANULARITIES),
  groupId: ObjectId,
  links: Links,
  processId: z.string(),
  start: AtlasDate,
};

export const MeasurementsView = z.strictObject({
  ...WINDOW,
  databaseName: z.string().optional(),
  hostId: z.string(),
  measurements: z.array(Measurement),
  partitionName: z.string().optional(),
});

const FTS_UNITS = ['BYTES', 'BYTES_PER_SECOND', 'GIGABYTES', 'GIGABYTES_PER_HOUR', 'KILOBYTES', 'MEGABYTES', 'MEGABYTES_PER_SECOND', 'MILLISECONDS', 'MILLISECONDS_LOGSCALE', 'PERCENT', 'SCALAR', 'SCALAR_PER_SECOND', 'SECONDS'] as const;
const FtsMetric = z.strictObject({ metricName: z.enum([...SEARCH_INDEX_METRICS, ...SEARCH_PROCESS_METRICS]), units: z.enum(FTS_UNITS) });
export const SearchMetricTypes = z.strictObject({
  groupId: ObjectId,
  hardwareMetrics: z.array(FtsMetric),
  indexMetrics: z.array(FtsMetric),
  links: Links,
  processId: z.string(),
  statusMetrics: z.array(FtsMetric),
});
export const SearchMeasurements = z.strictObject({ ...WINDOW, hardwareMeasurements: z.array(Measurement), statusMeasurements: z.array(Measurement) });
export const SearchIndexMeasurements = z.strictObject({
  ...WINDOW,
  collectionName: z.string(),
  databaseName: z.string(),
  indexIds: z.array(z.string()),
  indexStatsMeasurements: z.array(Measurement),
});

export const AccessLogEntry = z.strictObject({
  authResult: z.boolean(),
  authSource: z.string(),
  failureReason: z.string().optional(),
  groupId: ObjectId,
  hostname: z.string(),
  ipAddress: z.string(),
  logLine: z.string(),
  timestamp: z.string(),
  username: z.string(),
});
/** Not a list envelope: `{"accessLogs": [...]}` (recorded). */
export const AccessLogsView = z.strictObject({ accessLogs: z.array(AccessLogEntry) });

const V = '2023-01-01';
const READ_ONLY = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;
/**
 * The document: "Project Monitoring Admin role or the Project Database Access Admin role".
 * Project Monitoring Admin is no role of the API's role enums (no key can hold it), so
 * Project Database Access Admin (or a role that includes it: Data Access Admin, Owner).
 */
const ACCESS_HISTORY = { scope: 'group', anyOf: ['GROUP_DATABASE_ACCESS_ADMIN'] } as const;
const WINDOW_QUERY = {
  granularity: { type: 'string' },
  period: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
} as const;
const MEASUREMENT_QUERY = { ...WINDOW_QUERY, m: { type: 'string', multi: true } } as const;
const SEARCH_QUERY = { ...WINDOW_QUERY, metrics: { type: 'string', multi: true } } as const;
const PROCESSES = '/api/atlas/v2/groups/{groupId}/processes';
const SEARCH = '/api/atlas/v2/groups/{groupId}/hosts/{processId}/fts/metrics';
// `start`/`end` are epoch milliseconds, longer than the integer parser takes: the sim reads them.
const ACCESS_QUERY = {
  authResult: { type: 'boolean' },
  start: { type: 'string' },
  end: { type: 'string' },
  ipAddress: { type: 'string' },
  nLogs: { type: 'integer', default: 20000, min: 0, max: 20000 },
} as const;

export const monitoringOperations = [
  {
    operationId: 'listAtlasProcesses',
    method: 'GET',
    path: PROCESSES,
    versions: [{ date: V, response: paginated(HostView) }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'getAtlasProcess',
    method: 'GET',
    path: `${PROCESSES}/{processId}`,
    versions: [{ date: V, response: HostView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
  },
  {
    operationId: 'getHostMeasurements',
    method: 'GET',
    path: `${PROCESSES}/{processId}/measurements`,
    versions: [{ date: V, response: MeasurementsView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: MEASUREMENT_QUERY,
  },
  {
    operationId: 'listDiskPartitions',
    method: 'GET',
    path: `${PROCESSES}/{processId}/disks`,
    versions: [{ date: V, response: paginated(PartitionView) }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'listDiskMeasurements',
    method: 'GET',
    path: `${PROCESSES}/{processId}/disks/{partitionName}`,
    versions: [{ date: V, response: PartitionView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
  },
  {
    operationId: 'getDiskMeasurements',
    method: 'GET',
    path: `${PROCESSES}/{processId}/disks/{partitionName}/measurements`,
    versions: [{ date: V, response: MeasurementsView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: MEASUREMENT_QUERY,
  },
  {
    operationId: 'listDatabases',
    method: 'GET',
    path: `${PROCESSES}/{processId}/databases`,
    versions: [{ date: V, response: paginated(DatabaseView) }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'getDatabase',
    method: 'GET',
    path: `${PROCESSES}/{processId}/databases/{databaseName}`,
    versions: [{ date: V, response: DatabaseView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
  },
  {
    operationId: 'getDatabaseMeasurements',
    method: 'GET',
    path: `${PROCESSES}/{processId}/databases/{databaseName}/measurements`,
    versions: [{ date: V, response: MeasurementsView }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: MEASUREMENT_QUERY,
  },
  {
    operationId: 'listMetricTypes',
    method: 'GET',
    path: SEARCH,
    versions: [{ date: V, response: SearchMetricTypes }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
  },
  {
    operationId: 'getMeasurements',
    method: 'GET',
    path: `${SEARCH}/measurements`,
    versions: [{ date: V, response: SearchMeasurements }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: SEARCH_QUERY,
  },
  {
    operationId: 'listIndexMetrics',
    method: 'GET',
    path: `${SEARCH}/indexes/{databaseName}/{collectionName}/measurements`,
    versions: [{ date: V, response: SearchIndexMeasurements }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: SEARCH_QUERY,
  },
  {
    operationId: 'getIndexMetrics',
    method: 'GET',
    path: `${SEARCH}/indexes/{databaseName}/{collectionName}/{indexName}/measurements`,
    versions: [{ date: V, response: SearchIndexMeasurements }],
    status: 200,
    rateLimit: 'processes',
    access: READ_ONLY,
    query: SEARCH_QUERY,
  },
  {
    operationId: 'getHostLogs',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/clusters/{hostName}/logs/{logName}.gz',
    // 2023-01-01 is listed as deprecated in the document's description; both answer gzip.
    versions: [{ date: '2023-01-01' }, { date: '2023-02-01' }],
    status: 200,
    rateLimit: 'hostLogs',
    access: { scope: 'group', anyOf: ['GROUP_DATA_ACCESS_READ_ONLY'] },
    media: 'gzip',
    query: {
      startDate: { type: 'integer', min: 1199145600 },
      endDate: { type: 'integer', min: 1199145600 },
    },
  },
  {
    operationId: 'listAccessLogsByClusterName',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/dbAccessHistory/clusters/{clusterName}',
    versions: [{ date: V, response: AccessLogsView }],
    status: 200,
    rateLimit: 'dbAccessHistory',
    access: ACCESS_HISTORY,
    query: ACCESS_QUERY,
  },
  {
    operationId: 'listAccessLogsByHostname',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/dbAccessHistory/processes/{hostname}',
    versions: [{ date: V, response: AccessLogsView }],
    status: 200,
    rateLimit: 'dbAccessHistory',
    access: ACCESS_HISTORY,
    query: ACCESS_QUERY,
  },
] as const satisfies readonly OperationSpec[];
