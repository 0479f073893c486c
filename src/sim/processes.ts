import { hostnamePrefix, mongoDBVersionOf } from './clusterConfiguration.js';
import { configServerType, GOV_HOST_DOMAIN } from './clusterHosts.js';
import type { Cluster } from './clusters.js';
import { DATABASE_METRICS, DISK_METRICS, HOST_METRICS, SEARCH_INDEX_METRICS, SEARCH_PROCESS_METRICS } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';
import { chooseMetrics, measurementWindow, pointTimes, series, unitsOf, type MeasurementUnits, type MeasurementWindow, type Series, type WindowQuery } from './measurements.js';
import type { World } from './world.js';

/**
 * The MongoDB processes of a project's clusters (`/groups/{groupId}/processes`), derived
 * from each cluster's topology: nothing is stored, so they appear when the cluster first
 * comes up (its hosts are ready; before, `connectionStrings` is `{}` too) and go with it.
 *
 * Naming (wire-facts H, recorded): a process's `hostname` is the internal
 * `atlas-<replicaSetId>-<label>-0N.<hostId>.<domain>`, its `userAlias` the host that the
 * connection strings name, `<prefix>-<label>-0N.<hostId>.<domain>`, and its id
 * `<hostname>:<port>`. Replica sets: label `shard-00`, port 27017, replica set
 * `atlas-<replicaSetId>-shard-0`.
 *
 * Sharded clusters, decisions (unrecorded): every node of every shard runs a mongod on
 * 27017 and a mongos on 27016 (the connection strings name the mongos). Shards use the
 * labels of the connection strings (an embedded config server makes the first shard
 * `config-00`, the others `shard-00`, `shard-01`, ...; dedicated: `shard-0k`), and a
 * dedicated config server is a replica set of its own, three `config-00` nodes. A shard's
 * replica set, which is also its `shardName`, is `atlas-<replicaSetId>-shard-<k>`
 * (`-config-0` for the replica set holding the config server).
 *
 * Roles: the first member of each replica set is primary, the others secondary (a fresh
 * replica set shows one primary after its election; which member wins is not
 * predictable, this choice is stable).
 */
export type ProcessType = 'REPLICA_PRIMARY' | 'REPLICA_SECONDARY' | 'SHARD_MONGOS' | 'SHARD_CONFIG' | 'SHARD_PRIMARY' | 'SHARD_SECONDARY';

export interface Process {
  id: string;
  groupId: string;
  clusterName: string;
  hostname: string;
  userAlias: string;
  port: number;
  typeName: ProcessType;
  replicaSetName?: string;
  shardName?: string;
  version: string;
  /** Epoch ms: when the cluster's hosts came up. */
  created: number;
  /** Disk size of the node, GB (the cluster's). */
  diskSizeGB: number;
}

export const MONGOD_PORT = 27017;
export const MONGOS_PORT = 27016;
/** The one disk partition Atlas reports for its nodes (decision: the document names none; Atlas nodes have one data volume). */
export const DATA_PARTITION = 'data';
/** Databases every mongod has; a mongos shows the cluster's but `local`. */
const SYSTEM_DATABASES = ['admin', 'config', 'local'] as const;
/** What a sample data load adds (Atlas's sample datasets). */
export const SAMPLE_DATABASES = [
  'sample_airbnb',
  'sample_analytics',
  'sample_geospatial',
  'sample_guides',
  'sample_mflix',
  'sample_restaurants',
  'sample_supplies',
  'sample_training',
  'sample_weatherdata',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

function nodesOf(shard: Cluster['shards'][number]): number {
  return shard.regionConfigs.reduce((n, rc) => n + rc.electableSpecs.nodeCount + rc.readOnlySpecs.nodeCount + rc.analyticsSpecs.nodeCount, 0);
}

/** Every process of one cluster, in a stable order (shard by shard, node by node). */
export function processesOfCluster(c: Cluster): Process[] {
  if (!c.hostsReady) return [];
  const prefix = hostnamePrefix(c.name);
  const domain = `${c.hostId}.${GOV_HOST_DOMAIN}`;
  const internal = `atlas-${c.replicaSetId}`;
  const base = { groupId: c.groupId, clusterName: c.name, version: mongoDBVersionOf(c.mongoDBMajorVersion), created: c.readyAt ?? c.created, diskSizeGB: c.diskSizeGB };
  const out: Process[] = [];
  const node = (label: string, i: number, port: number, typeName: ProcessType, set?: string): Process => {
    const hostname = `${internal}-${label}-${pad(i)}.${domain}`;
    return {
      ...base,
      id: `${hostname}:${port}`,
      hostname,
      userAlias: `${prefix}-${label}-${pad(i)}.${domain}`,
      port,
      typeName,
      ...(set !== undefined && { replicaSetName: set, ...(c.clusterType === 'SHARDED' && { shardName: set }) }),
    };
  };
  if (c.clusterType === 'REPLICASET') {
    for (let i = 0; i < nodesOf(c.shards[0]!); i++) out.push(node('shard-00', i, MONGOD_PORT, i === 0 ? 'REPLICA_PRIMARY' : 'REPLICA_SECONDARY', `${internal}-shard-0`));
    return out;
  }
  const embedded = configServerType(c) === 'EMBEDDED';
  c.shards.forEach((shard, k) => {
    const label = embedded ? (k === 0 ? 'config-00' : `shard-${pad(k - 1)}`) : `shard-${pad(k)}`;
    const set = embedded && k === 0 ? `${internal}-config-0` : `${internal}-shard-${embedded ? k - 1 : k}`;
    for (let i = 0; i < nodesOf(shard); i++) {
      out.push(node(label, i, MONGOD_PORT, i === 0 ? 'SHARD_PRIMARY' : 'SHARD_SECONDARY', set));
      out.push(node(label, i, MONGOS_PORT, 'SHARD_MONGOS'));
    }
  });
  if (!embedded) for (let i = 0; i < 3; i++) out.push(node('config-00', i, MONGOD_PORT, 'SHARD_CONFIG', `${internal}-config-0`));
  return out;
}

/** Reads over the processes of projects; everything is derived from the clusters. */
export class Processes {
  constructor(private readonly world: World) {}

  /** Every process of the project, cluster by cluster in creation order. */
  listIn(groupId: string): Process[] {
    return this.world.clusters.listIn(groupId).flatMap(processesOfCluster);
  }

  /** The process `<hostname>:<port>`, or 404 HOST_NOT_FOUND. */
  get(groupId: string, processId: string): Process {
    const p = this.listIn(groupId).find((x) => x.id === processId);
    if (!p) throw new AtlasError('HOST_NOT_FOUND', [processId, groupId]);
    return p;
  }

  /**
   * A process named by its host alone (access history, log downloads take a host name):
   * the internal name or the alias of the connection strings. Both processes of a
   * sharded cluster's node (mongod and mongos) run on that host.
   */
  byHostname(groupId: string, hostname: string): Process[] {
    return this.listIn(groupId).filter((p) => p.hostname === hostname || p.userAlias === hostname);
  }

  /** Disk partitions of a process: `data`, for mongod and mongos alike (they share the node). */
  partitionsOf(_p: Process): string[] {
    return [DATA_PARTITION];
  }

  partition(p: Process, partitionName: string): string {
    if (!this.partitionsOf(p).includes(partitionName)) throw new AtlasError('RESOURCE_NOT_FOUND', [partitionName]);
    return partitionName;
  }

  /**
   * Databases a process shows: `admin`, `config`, `local` (a mongos has no `local`), plus
   * the sample datasets once a load into its cluster has completed.
   */
  databasesOf(p: Process): string[] {
    const system: readonly string[] = p.typeName === 'SHARD_MONGOS' ? SYSTEM_DATABASES.filter((d) => d !== 'local') : SYSTEM_DATABASES;
    const loaded = this.world.sampleDatasetLoads.completedInto(p.groupId, p.clusterName);
    return [...system, ...(loaded && p.typeName !== 'SHARD_CONFIG' ? SAMPLE_DATABASES : [])].sort();
  }

  database(p: Process, databaseName: string): string {
    if (!this.databasesOf(p).includes(databaseName)) throw new AtlasError('RESOURCE_NOT_FOUND', [databaseName]);
    return databaseName;
  }

  /** Series of the process's own metrics (`m`: absent means all of them). */
  hostMeasurements(groupId: string, processId: string, q: MetricQuery): Measurements {
    const p = this.get(groupId, processId);
    return this.#measure(p, q, chooseMetrics(q.m, HOST_METRICS, 'm', false), p.id);
  }

  diskMeasurements(groupId: string, processId: string, partitionName: string, q: MetricQuery): Measurements {
    const p = this.get(groupId, processId);
    this.partition(p, partitionName);
    return this.#measure(p, q, chooseMetrics(q.m, DISK_METRICS, 'm', false), `${p.id}/disk/${partitionName}`);
  }

  databaseMeasurements(groupId: string, processId: string, databaseName: string, q: MetricQuery): Measurements {
    const p = this.get(groupId, processId);
    this.database(p, databaseName);
    return this.#measure(p, q, chooseMetrics(q.m, DATABASE_METRICS, 'm', false), `${p.id}/db/${databaseName}`);
  }

  /** Atlas Search metric types of a process: what `getMeasurements` and the index measurements offer. */
  searchMetricTypes(groupId: string, processId: string): { process: Process; hardware: MetricType[]; status: MetricType[]; index: MetricType[] } {
    const process = this.get(groupId, processId);
    const type = (metricName: SearchMetricName): MetricType => ({ metricName, units: unitsOf(metricName) });
    return {
      process,
      hardware: SEARCH_PROCESS_METRICS.filter((m) => !SEARCH_STATUS_METRICS.has(m)).map(type),
      status: SEARCH_PROCESS_METRICS.filter((m) => SEARCH_STATUS_METRICS.has(m)).map(type),
      index: SEARCH_INDEX_METRICS.map(type),
    };
  }

  /** Atlas Search hardware and status series (`metrics` is required). */
  searchMeasurements(groupId: string, processId: string, q: SearchQuery): Measurements & { status: Series[] } {
    const p = this.get(groupId, processId);
    const all = this.#measure(p, q, chooseMetrics(q.metrics, SEARCH_PROCESS_METRICS, 'metrics', true), `${p.id}/fts`);
    return { ...all, series: all.series.filter((s) => !SEARCH_STATUS_METRICS.has(s.name)), status: all.series.filter((s) => SEARCH_STATUS_METRICS.has(s.name)) };
  }

  /**
   * Atlas Search index series of a namespace, or of one index. Search indexes are not
   * simulated by this module: a namespace has none (`indexIds` empty, series without
   * points) and a named index is 404 RESOURCE_NOT_FOUND.
   */
  searchIndexMeasurements(groupId: string, processId: string, databaseName: string, collectionName: string, indexName: string | undefined, q: SearchQuery): Measurements & { indexIds: string[] } {
    const p = this.get(groupId, processId);
    const metrics = chooseMetrics(q.metrics, SEARCH_INDEX_METRICS, 'metrics', true);
    const window = measurementWindow(q, this.world.clock.now());
    const indexIds: string[] = [];
    if (indexName !== undefined && !indexIds.includes(indexName)) throw new AtlasError('RESOURCE_NOT_FOUND', [`${databaseName}.${collectionName}/${indexName}`]);
    const ctx = { seed: this.world.random.seed, key: `${p.id}/fts/${databaseName}.${collectionName}`, diskBytes: p.diskSizeGB * 2 ** 30 };
    return { process: p, window, series: metrics.map((m) => series(m, ctx, indexIds.length ? pointTimes(window, p.created, this.world.clock.now()) : [])), indexIds };
  }

  #measure(p: Process, q: WindowQuery, metrics: readonly string[], key: string): Measurements {
    const now = this.world.clock.now();
    const window = measurementWindow(q, now);
    const times = pointTimes(window, p.created, now);
    const ctx = { seed: this.world.random.seed, key, diskBytes: p.diskSizeGB * 2 ** 30 };
    return { process: p, window, series: metrics.map((m) => series(m, ctx, times)) };
  }
}

/** Decision: of the Atlas Search process metrics, the JVM's memory is "status"; the rest is hardware. */
const SEARCH_STATUS_METRICS: ReadonlySet<string> = new Set(['JVM_CURRENT_MEMORY', 'JVM_MAX_MEMORY']);

export type SearchMetricName = (typeof SEARCH_PROCESS_METRICS)[number] | (typeof SEARCH_INDEX_METRICS)[number];

export interface MetricType {
  metricName: SearchMetricName;
  units: MeasurementUnits;
}

export interface MetricQuery extends WindowQuery {
  m?: readonly string[] | undefined;
}

export interface SearchQuery extends WindowQuery {
  metrics?: readonly string[] | undefined;
}

/** A measurements answer: the process, the window and one series per metric. */
export interface Measurements {
  process: Process;
  window: MeasurementWindow;
  series: Series[];
}
