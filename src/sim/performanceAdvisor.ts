import { z } from 'zod';
import type { Cluster } from './clusters.js';
import { AtlasError } from './errors.js';
import { findProcess, mongodsOf, processIdOf, type ProcessRef } from './processIds.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { IndexKey, RollingIndex } from './rollingIndexes.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * The Performance Advisor: slow operations logged by a cluster's processes, and what the
 * advisor concludes from them (suggested indexes with the query shapes they help,
 * drop-index suggestions, schema advice), plus the project's managed slow-operation
 * threshold.
 *
 * A simulated cluster runs no queries, so its slow operations come from the control plane
 * (`POST /_mock/groups/{groupId}/clusters/{clusterName}/slowQueries`): a test states which
 * operations were slow, and every advisor answer is derived from them by the rules below,
 * on read. A fresh cluster has none, and every answer is empty, as on a new Atlas cluster.
 */

const OP_TYPES = ['query', 'getmore', 'update', 'remove', 'insert', 'command', 'aggregate', 'count', 'distinct', 'findAndModify'] as const;

export const SlowQueryRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  clusterId: z.string(),
  /** `hostname:port` of the process that logged it. */
  processId: z.string(),
  replicaState: z.enum(['PRIMARY', 'SECONDARY']),
  namespace: z.string(),
  opType: z.enum(OP_TYPES),
  /** The query filter (a `find`/`update`/`remove`/`count` filter, or an aggregation's first `$match`). */
  filter: z.record(z.string(), z.unknown()),
  sort: z.record(z.string(), z.unknown()).optional(),
  /** An aggregation's stages. */
  pipeline: z.array(z.record(z.string(), z.unknown())).optional(),
  millis: z.number().int().nonnegative(),
  /** Epoch ms at which the operation ended. */
  ts: z.number(),
  docsExamined: z.number().int().nonnegative(),
  docsReturned: z.number().int().nonnegative(),
  keysExamined: z.number().int().nonnegative(),
  /** Name of the index the plan used, when one covered the query at the time. */
  indexUsed: z.string().optional(),
  responseLength: z.number().int().nonnegative(),
  numYields: z.number().int().nonnegative(),
  /** A connection id, for the log line's `ctx`. */
  conn: z.number().int(),
});
export type SlowQuery = z.infer<typeof SlowQueryRecord>;
export type SlowOpType = (typeof OP_TYPES)[number];

/** What the control plane injects: one slow operation. Absent counters follow from the plan (see `record`). */
export interface SlowQueryInput {
  namespace: string;
  opType?: SlowOpType | undefined;
  filter?: Record<string, unknown> | undefined;
  sort?: Record<string, unknown> | undefined;
  pipeline?: Array<Record<string, unknown>> | undefined;
  millis: number;
  processId?: string | undefined;
  /** Epoch ms (default: now). */
  at?: number | undefined;
  docsExamined?: number | undefined;
  docsReturned?: number | undefined;
  keysExamined?: number | undefined;
  responseLength?: number | undefined;
  numYields?: number | undefined;
}

/**
 * mongod's own `slowms` default: with managed slow-ms off, an operation is logged as slow
 * at 100 ms or more.
 */
export const DEFAULT_SLOW_MS = 100;

/** Collections with more indexes than this get the REMOVE_UNNECESSARY_INDEXES advice (the Atlas schema-advice threshold). */
export const MAX_INDEXES_ADVISED = 30;
/** Documents larger than this get the REDUCE_DOCUMENT_SIZE advice (the Atlas schema-advice threshold, 2 MB). */
export const LARGE_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** Managed slow-ms of a project; a project with no row has it on (the Atlas default). */
const ManagedSlowMsRecord = z.object({ groupId: z.string(), enabled: z.boolean() });
type ManagedSlowMs = z.infer<typeof ManagedSlowMsRecord>;

export class ManagedSlowMsSettings extends Table<ManagedSlowMs> {
  constructor(private readonly world: World) {
    super('managedSlowMs', ManagedSlowMsRecord, (r) => r.groupId, (r) => ({ groupId: r.groupId }));
  }

  /** Whether Atlas manages the slow-operation threshold of the project (on unless disabled). */
  enabled(groupId: string): boolean {
    this.world.projects.get(groupId);
    return this.find(groupId)?.enabled ?? true;
  }

  set(groupId: string, enabled: boolean): void {
    this.world.projects.get(groupId);
    const row = this.find(groupId);
    if (row) row.enabled = enabled;
    else this.insert({ groupId, enabled });
  }

  /** Forgets the setting of a deleted project. */
  dropGroup(groupId: string): void {
    if (this.find(groupId)) this.remove(groupId);
  }
}

/** One query shape: the namespace, the operation and the fields it filters and sorts on. */
export interface Shape {
  id: string;
  namespace: string;
  queries: SlowQuery[];
  /** The index the advisor proposes, Equality-Sort-Range order. */
  index: IndexKey[];
  covered: boolean;
}

export interface SuggestedIndex {
  id: string;
  namespace: string;
  index: IndexKey[];
  /** Shapes it helps. */
  impact: string[];
  /** Milliseconds the shapes it helps spent. */
  weight: number;
  avgObjSize: number;
}

export interface Advice {
  shapes: Shape[];
  suggestedIndexes: SuggestedIndex[];
}

export interface DropSuggestion {
  index: RollingIndex;
  accessCount: number;
  shards: string[];
}

export interface SchemaRecommendation {
  recommendation: 'REDUCE_LOOKUP_OPS' | 'REDUCE_DOCUMENT_SIZE' | 'REMOVE_UNNECESSARY_INDEXES' | 'OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES';
  description: string;
  affectedNamespaces: Array<{ namespace: string; triggers: Array<{ triggerType: string; description: string }> }>;
}

/** The window and filters of an advisor read. */
export interface Window {
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  /** Epoch ms, inclusive. */
  until?: number | undefined;
  namespaces?: readonly string[] | undefined;
  processIds?: readonly string[] | undefined;
}

/** Performance Advisor history covers the last 24 hours when no window is given (the document's default). */
const DEFAULT_WINDOW_MS = 24 * 3_600_000;

export class SlowQueries extends ProjectScopedTable<SlowQuery> {
  constructor(private readonly world: World) {
    super('slowQueries', SlowQueryRecord, (r) => r.id, world.clock);
  }

  /**
   * Records slow operations of a cluster (control plane). Rules: the cluster exists and has
   * hosts (400 CLUSTER_HOSTNAMES_UNAVAILABLE while it is still being created); the
   * namespace is `db.collection`; a given process must be one of the cluster's `mongod`s,
   * else the primary (its first member) logged it.
   *
   * Counters a test leaves out follow from the plan: with an index whose first key the
   * query filters or sorts on, the index is used (keys examined = documents examined =
   * returned); without, the collection is scanned (100 documents examined per document
   * returned, no keys).
   */
  record(groupId: string, clusterName: string, inputs: readonly SlowQueryInput[]): SlowQuery[] {
    const c = this.world.clusters.get(groupId, clusterName);
    const mongods = mongodsOf(c);
    if (mongods.length === 0) throw new AtlasError('CLUSTER_HOSTNAMES_UNAVAILABLE', [clusterName]);
    const now = this.world.clock.now();
    return inputs.map((q) => {
      const dot = q.namespace.indexOf('.');
      if (dot <= 0 || dot === q.namespace.length - 1) throw new AtlasError('INVALID_ATTRIBUTE', ['namespace']);
      let member = 0;
      if (q.processId !== undefined) {
        const ref = findProcess(this.world, groupId, q.processId);
        member = mongods.findIndex((p) => p === ref.process || (p.hostname === ref.process.hostname && p.port === ref.process.port));
        if (ref.cluster.id !== c.id || member < 0) throw new AtlasError('INVALID_ATTRIBUTE', ['processId']);
      }
      const process = mongods[member]!;
      const opType = q.opType ?? (q.pipeline ? 'aggregate' : 'query');
      const filter = q.filter ?? firstStage(q.pipeline, '$match') ?? {};
      const sort = q.sort ?? firstStage(q.pipeline, '$sort');
      const used = coveringIndex(this.world.rollingIndexes.indexesOf(c, q.namespace), fieldsOf(filter, sort));
      const returned = q.docsReturned ?? 1;
      const examined = q.docsExamined ?? (used ? returned : returned * 100);
      const row: SlowQuery = {
        id: this.world.ids.next(),
        groupId,
        clusterName,
        clusterId: c.id,
        processId: processIdOf(process),
        // Decision: the first member of each replica set is its primary (no failover is simulated).
        replicaState: /-\d\d-00\./.test(process.hostname) ? 'PRIMARY' : 'SECONDARY',
        namespace: q.namespace,
        opType,
        filter,
        ...(sort !== undefined && { sort }),
        ...(q.pipeline !== undefined && { pipeline: q.pipeline }),
        millis: q.millis,
        ts: q.at ?? now,
        docsExamined: examined,
        docsReturned: returned,
        keysExamined: q.keysExamined ?? (used ? examined : 0),
        ...(used && { indexUsed: used.name }),
        responseLength: q.responseLength ?? returned * 512,
        numYields: q.numYields ?? Math.floor(examined / 128),
        conn: this.world.random.int(1, 99_999),
      };
      return this.insert(row);
    });
  }

  /** Forgets a cluster's slow operations (control plane). */
  forget(groupId: string, clusterName?: string): number {
    let n = 0;
    for (const q of this.listIn(groupId)) {
      if (clusterName !== undefined && q.clusterName !== clusterName) continue;
      this.remove(q.id);
      n++;
    }
    return n;
  }

  /**
   * The operations a threshold lets through: all that were injected while Atlas manages
   * the threshold, else those at or above mongod's 100 ms. Decision: the managed threshold
   * adapts to the workload, which a simulator has none of, so every operation a test
   * injects counts as slow under it.
   */
  #slow(groupId: string): (q: SlowQuery) => boolean {
    const managed = this.world.managedSlowMs.enabled(groupId);
    return (q) => managed || q.millis >= DEFAULT_SLOW_MS;
  }

  /**
   * The project settings switch the advisors off: the Performance Advisor
   * (`isPerformanceAdvisorEnabled`) and the schema advice (`isSchemaAdvisorEnabled`);
   * a read then is 403 PERFORMANCE_ADVISOR_DISABLED / SCHEMA_ADVISOR_DISABLED.
   */
  #checkEnabled(groupId: string, advisor: 'performance' | 'schema'): void {
    const settings = this.world.projectSettings.settings(groupId);
    if (advisor === 'performance' && !settings.isPerformanceAdvisorEnabled) throw new AtlasError('PERFORMANCE_ADVISOR_DISABLED', [groupId]);
    if (advisor === 'schema' && !settings.isSchemaAdvisorEnabled) throw new AtlasError('SCHEMA_ADVISOR_DISABLED', [groupId]);
  }

  /** Slow operations of a cluster in a window, oldest first. */
  ofCluster(c: Cluster, w: Window = {}): SlowQuery[] {
    const now = this.world.clock.now();
    const since = w.since ?? now - DEFAULT_WINDOW_MS;
    const until = w.until ?? now;
    const slow = this.#slow(c.groupId);
    // A process may be named by either of its host names.
    const processIds = w.processIds?.map((id) => {
      try {
        return processIdOf(findProcess(this.world, c.groupId, id).process);
      } catch {
        return id;
      }
    });
    return this.listIn(c.groupId)
      .filter((q) => q.clusterName === c.name && q.clusterId === c.id && q.ts >= since && q.ts <= until && slow(q))
      .filter((q) => !w.namespaces?.length || w.namespaces.includes(q.namespace))
      .filter((q) => !processIds?.length || processIds.includes(q.processId))
      .sort((a, b) => a.ts - b.ts);
  }

  /** A process's slow operations (`listSlowQueries`): since/duration window, at most `nLogs`, newest last. */
  ofProcess(groupId: string, processId: string, w: Window & { nLogs?: number | undefined }): { ref: ProcessRef; queries: SlowQuery[] } {
    const ref = findProcess(this.world, groupId, processId);
    this.#checkEnabled(groupId, 'performance');
    const id = processIdOf(ref.process);
    const queries = this.ofCluster(ref.cluster, { ...w, processIds: [id] });
    return { ref, queries: w.nLogs !== undefined ? queries.slice(Math.max(0, queries.length - w.nLogs)) : queries };
  }

  /**
   * Suggested indexes of a cluster (or one process): every query shape whose operations no
   * index covers gets one index, its keys in the Equality-Sort-Range order MongoDB
   * recommends; shapes that would use the same index share it. Suggestions are ordered by
   * weight (the time their shapes spent), heaviest first. An index built since (rolling
   * index build) covers the shape and the suggestion goes.
   */
  advise(c: Cluster, w: Window = {}, limits: { nIndexes?: number | undefined; nExamples?: number | undefined } = {}): Advice {
    this.#checkEnabled(c.groupId, 'performance');
    const indexes = this.world.rollingIndexes.indexesOf(c);
    const shapes = new Map<string, Shape>();
    for (const q of this.ofCluster(c, w)) {
      const fields = fieldsOf(q.filter, q.sort);
      const index = esrIndex(q.filter, q.sort);
      if (index.length === 0) continue;
      const key = `${q.namespace}|${q.opType}|${JSON.stringify(fields)}`;
      let s = shapes.get(key);
      if (!s) {
        const covered = coveringIndex(indexes.filter((i) => `${i.db}.${i.collection}` === q.namespace), fields) !== undefined;
        shapes.set(key, (s = { id: hexId(key), namespace: q.namespace, queries: [], index, covered }));
      }
      s.queries.push(q);
    }
    const suggestions = new Map<string, SuggestedIndex>();
    const helped: Shape[] = [];
    for (const s of shapes.values()) {
      if (s.covered) continue;
      helped.push(s);
      const key = `${s.namespace}|${JSON.stringify(s.index)}`;
      let sug = suggestions.get(key);
      if (!sug) suggestions.set(key, (sug = { id: hexId(`index|${key}`), namespace: s.namespace, index: s.index, impact: [], weight: 0, avgObjSize: 0 }));
      sug.impact.push(s.id);
      sug.weight += s.queries.reduce((n, q) => n + q.millis, 0);
      const returned = s.queries.reduce((n, q) => n + q.docsReturned, 0);
      sug.avgObjSize = returned === 0 ? 0 : s.queries.reduce((n, q) => n + q.responseLength, 0) / returned;
    }
    const ranked = [...suggestions.values()].sort((a, b) => b.weight - a.weight);
    const kept = limits.nIndexes !== undefined ? ranked.slice(0, limits.nIndexes) : ranked;
    const keptShapes = new Set(kept.flatMap((s) => s.impact));
    const nExamples = limits.nExamples ?? 5;
    return {
      shapes: helped.filter((s) => keptShapes.has(s.id)).map((s) => ({ ...s, queries: s.queries.slice(-nExamples) })),
      suggestedIndexes: kept,
    };
  }

  /** The namespaces with slow operations on a process, in the order first seen. */
  namespacesOf(groupId: string, processId: string, w: Window): string[] {
    return [...new Set(this.ofProcess(groupId, processId, w).queries.map((q) => q.namespace))];
  }

  /**
   * Drop-index suggestions of a cluster, over the indexes built on it: hidden indexes;
   * redundant ones (their keys start another index of the namespace, which serves every
   * query they serve); unused ones (no slow operation of the last 24 hours used them).
   * Decision: the advisor sees only slow operations, so "unused" means unused by those.
   */
  dropSuggestions(c: Cluster): { hiddenIndexes: DropSuggestion[]; redundantIndexes: DropSuggestion[]; unusedIndexes: DropSuggestion[] } {
    this.#checkEnabled(c.groupId, 'performance');
    const indexes = this.world.rollingIndexes.indexesOf(c);
    const queries = this.ofCluster(c);
    // The replica sets the index lives on: every shard's.
    const shards = c.shards.map((_, k) => `atlas-${c.replicaSetId}-shard-${k}`);
    const out = { hiddenIndexes: [] as DropSuggestion[], redundantIndexes: [] as DropSuggestion[], unusedIndexes: [] as DropSuggestion[] };
    for (const index of indexes) {
      const ns = `${index.db}.${index.collection}`;
      const accessCount = queries.filter((q) => q.namespace === ns && q.indexUsed === index.name).length;
      const s: DropSuggestion = { index, accessCount, shards };
      if (index.hidden) out.hiddenIndexes.push(s);
      else if (indexes.some((o) => o !== index && `${o.db}.${o.collection}` === ns && o.keys.length > index.keys.length && index.keys.every((k, i) => o.keys[i]![0] === k[0] && o.keys[i]![1] === k[1]))) out.redundantIndexes.push(s);
      else if (accessCount === 0) out.unusedIndexes.push(s);
    }
    return out;
  }

  /**
   * Schema advice of a cluster, from its slow operations and indexes: `$lookup` in
   * aggregations (REDUCE_LOOKUP_OPS), case-insensitive regular expressions
   * (OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES), documents above 2 MB on average
   * (REDUCE_DOCUMENT_SIZE), and more than 30 indexes on a collection
   * (REMOVE_UNNECESSARY_INDEXES).
   */
  schemaAdvice(c: Cluster): SchemaRecommendation[] {
    this.#checkEnabled(c.groupId, 'schema');
    const queries = this.ofCluster(c);
    const out: SchemaRecommendation[] = [];
    const byNs = <T>(items: T[], ns: (t: T) => string): string[] => [...new Set(items.map(ns))];
    const lookups = queries.filter((q) => q.pipeline?.some((st) => '$lookup' in st));
    if (lookups.length > 0) {
      out.push({
        recommendation: 'REDUCE_LOOKUP_OPS',
        description: 'Reduce $lookup operations',
        affectedNamespaces: byNs(lookups, (q) => q.namespace).map((namespace) => {
          const all = queries.filter((q) => q.namespace === namespace).length;
          const n = lookups.filter((q) => q.namespace === namespace).length;
          return { namespace, triggers: [{ triggerType: 'PERCENT_QUERIES_USE_LOOKUP', description: `${Math.round((100 * n) / all)}% of queries on this collection use $lookup.` }] };
        }),
      });
    }
    const regex = queries.filter((q) => hasCaseInsensitiveRegex(q.filter));
    if (regex.length > 0) {
      out.push({
        recommendation: 'OPTIMIZE_CASE_INSENSITIVE_REGEX_QUERIES',
        description: 'Use case-insensitive indexes instead of case-insensitive regular expressions',
        affectedNamespaces: byNs(regex, (q) => q.namespace).map((namespace) => ({
          namespace,
          triggers: [{ triggerType: 'QUERIES_CONTAIN_CASE_INSENSITIVE_REGEX', description: 'Queries on this collection use case-insensitive regular expressions.' }],
        })),
      });
    }
    const large = byNs(queries, (q) => q.namespace).filter((ns) => {
      const qs = queries.filter((q) => q.namespace === ns);
      const returned = qs.reduce((n, q) => n + q.docsReturned, 0);
      return returned > 0 && qs.reduce((n, q) => n + q.responseLength, 0) / returned > LARGE_DOCUMENT_BYTES;
    });
    if (large.length > 0) {
      out.push({
        recommendation: 'REDUCE_DOCUMENT_SIZE',
        description: 'Reduce the size of documents',
        affectedNamespaces: large.map((namespace) => ({ namespace, triggers: [{ triggerType: 'DOC_SIZE_TOO_LARGE', description: 'Documents of this collection are larger than 2 MB on average.' }] })),
      });
    }
    const indexes = this.world.rollingIndexes.indexesOf(c);
    // The _id index counts too.
    const crowded = byNs(indexes, (i) => `${i.db}.${i.collection}`).filter((ns) => indexes.filter((i) => `${i.db}.${i.collection}` === ns).length + 1 > MAX_INDEXES_ADVISED);
    if (crowded.length > 0) {
      out.push({
        recommendation: 'REMOVE_UNNECESSARY_INDEXES',
        description: 'Remove unnecessary indexes',
        affectedNamespaces: crowded.map((namespace) => ({ namespace, triggers: [{ triggerType: 'NUM_INDEXES', description: `This collection has more than ${MAX_INDEXES_ADVISED} indexes.` }] })),
      });
    }
    return out;
  }
}

function firstStage(pipeline: ReadonlyArray<Record<string, unknown>> | undefined, stage: string): Record<string, unknown> | undefined {
  const v = pipeline?.find((s) => stage in s)?.[stage];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte', '$ne', '$nin', '$regex', '$exists', '$not']);

/** Top-level predicates of a filter, `$and` flattened; `$or`/`$nor`/`$text`/`$expr` have no single field. */
function predicates(filter: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) for (const sub of v) if (sub && typeof sub === 'object') out.push(...predicates(sub as Record<string, unknown>));
    if (!k.startsWith('$')) out.push([k, v]);
  }
  return out;
}

const isRange = (v: unknown): boolean => v instanceof Object && !Array.isArray(v) && Object.keys(v).some((op) => RANGE_OPERATORS.has(op));

/** The fields a query filters and sorts on, in order, each once. */
function fieldsOf(filter: Record<string, unknown>, sort?: Record<string, unknown>): string[] {
  return [...new Set([...predicates(filter).map(([k]) => k), ...Object.keys(sort ?? {})])];
}

/** The index MongoDB's Equality-Sort-Range rule gives a query: equality fields, then the sort, then range fields. */
function esrIndex(filter: Record<string, unknown>, sort?: Record<string, unknown>): IndexKey[] {
  const preds = predicates(filter);
  const out: IndexKey[] = [];
  const seen = new Set<string>();
  const add = (f: string, d: 1 | -1): void => {
    if (!seen.has(f)) out.push([f, d]), seen.add(f);
  };
  for (const [k, v] of preds) if (!isRange(v)) add(k, 1);
  for (const [k, v] of Object.entries(sort ?? {})) add(k, v === -1 || v === '-1' ? -1 : 1);
  for (const [k, v] of preds) if (isRange(v)) add(k, 1);
  return out;
}

/** The index a query uses: the first whose leading key it filters or sorts on (hidden indexes are not used). */
function coveringIndex(indexes: readonly RollingIndex[], fields: readonly string[]): RollingIndex | undefined {
  return indexes.find((i) => !i.hidden && fields.includes(i.keys[0]![0]));
}

function hasCaseInsensitiveRegex(v: unknown): boolean {
  if (v instanceof Object && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$regex === 'string' && typeof o.$options === 'string' && o.$options.includes('i')) return true;
    return Object.values(o).some(hasCaseInsensitiveRegex);
  }
  return Array.isArray(v) && v.some(hasCaseInsensitiveRegex);
}

/**
 * A stable 24-hex id for something derived on read (a shape, a suggestion): the same
 * slow operations give the same ids on every read, without drawing from the generator.
 */
function hexId(key: string): string {
  let out = '';
  for (let seed = 0; out.length < 24; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 24);
}

/** The structured log line mongod writes for a slow operation (its `Slow query` entry, id 51803). */
export function slowQueryLogLine(q: SlowQuery, isoDate: string): string {
  const [db, ...rest] = q.namespace.split('.');
  const coll = rest.join('.');
  const command: Record<string, unknown> =
    q.opType === 'aggregate'
      ? { aggregate: coll, pipeline: q.pipeline ?? [{ $match: q.filter }], cursor: {}, $db: db }
      : q.opType === 'update'
        ? { update: coll, updates: [{ q: q.filter, u: { $set: {} } }], $db: db }
        : q.opType === 'remove'
          ? { delete: coll, deletes: [{ q: q.filter, limit: 0 }], $db: db }
          : q.opType === 'count'
            ? { count: coll, query: q.filter, $db: db }
            : { find: coll, filter: q.filter, ...(q.sort && { sort: q.sort }), $db: db };
  return JSON.stringify({
    t: { $date: isoDate },
    s: 'I',
    c: 'COMMAND',
    id: 51803,
    ctx: `conn${q.conn}`,
    msg: 'Slow query',
    attr: {
      type: 'command',
      ns: q.namespace,
      command,
      planSummary: q.indexUsed ? `IXSCAN { ${q.indexUsed} }` : 'COLLSCAN',
      keysExamined: q.keysExamined,
      docsExamined: q.docsExamined,
      nreturned: q.docsReturned,
      numYields: q.numYields,
      reslen: q.responseLength,
      durationMillis: q.millis,
    },
  });
}
