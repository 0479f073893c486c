import { z } from 'zod';
import type { Cluster } from './clusters.js';
import { AtlasError } from './errors.js';
import type { SlowQuery } from './performanceAdvisor.js';
import { findProcess, processIdOf } from './processIds.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Collection-level query latency metrics (Namespace Insights). Atlas collects them for
 * the namespaces with the most execution time plus the ones a user pins. A simulated
 * cluster runs no queries: its operations are the slow operations a test injects through
 * the control plane (see `performanceAdvisor.ts`), so rankings and measurements are
 * computed from those, and a cluster without any reports no namespaces and zero-valued
 * data points.
 */

export const COLL_STATS_METRICS = [
  'READS_OPS', 'READS_LATENCY', 'AVERAGE_READS_LATENCY', 'READS_P50_VALUE', 'READS_P95_VALUE', 'READS_P99_VALUE',
  'WRITES_OPS', 'WRITES_LATENCY', 'AVERAGE_WRITES_LATENCY', 'WRITES_P50_VALUE', 'WRITES_P95_VALUE', 'WRITES_P99_VALUE',
  'COMMANDS_OPS', 'COMMANDS_LATENCY', 'AVERAGE_COMMANDS_LATENCY', 'COMMANDS_P50_VALUE', 'COMMANDS_P95_VALUE', 'COMMANDS_P99_VALUE',
  'TOTAL_OPS', 'TOTAL_LATENCY', 'AVERAGE_TOTAL_OPS_LATENCY', 'TOTAL_OPS_P50_VALUE', 'TOTAL_OPS_P95_VALUE', 'TOTAL_OPS_P99_VALUE',
] as const;
export type CollStatsMetric = (typeof COLL_STATS_METRICS)[number];

/** Operation counts are per second; latencies are microseconds (mongod's `latencyStats` unit). */
export const unitsOf = (m: CollStatsMetric): 'SCALAR_PER_SECOND' | 'MICROSECONDS' => (m.endsWith('_OPS') ? 'SCALAR_PER_SECOND' : 'MICROSECONDS');

export const CLUSTER_VIEWS = ['PRIMARY', 'SECONDARY', 'INDIVIDUAL_PROCESS'] as const;

/** Atlas Namespace Insights pins at most this many namespaces per cluster. Decision: 20, the limit its documentation states. */
export const MAX_PINNED = 20;

const PinnedRecord = z.object({ groupId: z.string(), clusterName: z.string(), clusterId: z.string(), namespaces: z.array(z.string()) });
type Pinned = z.infer<typeof PinnedRecord>;

export type Granularity = 'PT1M' | 'PT5M' | 'PT1H' | 'P1D';
const GRANULARITY_MS: Record<Granularity, number> = { PT1M: 60_000, PT5M: 300_000, PT1H: 3_600_000, P1D: 86_400_000 };

export interface MeasurementWindow {
  start: number;
  end: number;
  granularity: Granularity;
}

export interface Series {
  name: CollStatsMetric;
  units: 'SCALAR_PER_SECOND' | 'MICROSECONDS';
  dataPoints: Array<{ timestamp: number; value: number }>;
}

/** `PT10H`, `P1D`, `PT30M`, `P1DT12H`: milliseconds, or undefined when it is no ISO-8601 duration. */
export function isoDurationMs(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return (((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}

/** A namespace is `database.collection` (400 INVALID_ATTRIBUTE namespaces otherwise). */
function checkNamespace(ns: string): void {
  const dot = ns.indexOf('.');
  if (dot <= 0 || dot === ns.length - 1 || /[$ "/\\]/.test(ns.slice(0, dot))) throw new AtlasError('INVALID_ATTRIBUTE', ['namespaces']);
}

export class CollStats extends Table<Pinned> {
  constructor(private readonly world: World) {
    super('pinnedNamespaces', PinnedRecord, (r) => `${r.groupId}/${r.clusterName}`, (r) => ({ groupId: r.groupId }));
  }

  /** The cluster's pinned namespaces (none for a cluster created again under an old name). */
  pinned(c: Cluster): string[] {
    const r = this.find(`${c.groupId}/${c.name}`);
    return r && r.clusterId === c.id ? [...r.namespaces] : [];
  }

  /**
   * Pins namespaces: `replace` sets the list (PUT), otherwise they are added to it (PATCH),
   * each once. Namespaces are `db.collection`; more than 20 is 400
   * TOO_MANY_PINNED_NAMESPACES. The cluster must not be being deleted.
   */
  pin(groupId: string, clusterName: string, namespaces: readonly string[] | undefined, replace: boolean): string[] {
    const c = this.#cluster(groupId, clusterName);
    if (!namespaces) throw new AtlasError('MISSING_ATTRIBUTE', ['namespaces']);
    for (const ns of namespaces) checkNamespace(ns);
    const next = [...new Set([...(replace ? [] : this.pinned(c)), ...namespaces])];
    if (next.length > MAX_PINNED) throw new AtlasError('TOO_MANY_PINNED_NAMESPACES', [MAX_PINNED]);
    return this.#store(c, next);
  }

  /** Unpins namespaces; ones that were not pinned are ignored. */
  unpin(groupId: string, clusterName: string, namespaces: readonly string[] | undefined): string[] {
    const c = this.#cluster(groupId, clusterName);
    if (!namespaces) throw new AtlasError('MISSING_ATTRIBUTE', ['namespaces']);
    for (const ns of namespaces) checkNamespace(ns);
    return this.#store(c, this.pinned(c).filter((ns) => !namespaces.includes(ns)));
  }

  #cluster(groupId: string, clusterName: string): Cluster {
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    return c;
  }

  #store(c: Cluster, namespaces: string[]): string[] {
    const key = `${c.groupId}/${c.name}`;
    const r = this.find(key);
    if (r) {
      r.clusterId = c.id;
      r.namespaces = namespaces;
    } else this.insert({ groupId: c.groupId, clusterName: c.name, clusterId: c.id, namespaces });
    return namespaces;
  }

  /** Forgets the pins of a deleted project. */
  dropGroup(groupId: string): void {
    for (const r of [...this.values()]) if (r.groupId === groupId) this.remove(`${r.groupId}/${r.clusterName}`);
  }

  /**
   * The time window of a measurement or ranking read: `period` (an ISO-8601 duration up to
   * now) or both `start` and `end`; neither is 400 MISSING_QUERY_PARAMETER, a bad value 400
   * INVALID_QUERY_PARAMETER. The granularity follows the span: a minute up to 2 hours, five
   * minutes up to 12 hours, an hour up to 10 days, a day beyond.
   */
  window(q: { start?: string | undefined; end?: string | undefined; period?: string | undefined }): MeasurementWindow {
    const now = this.world.clock.now();
    let start: number;
    let end: number;
    if (q.period !== undefined) {
      const ms = isoDurationMs(q.period);
      if (ms === undefined || ms <= 0) throw new AtlasError('INVALID_QUERY_PARAMETER', ['period']);
      end = now;
      start = now - ms;
    } else if (q.start !== undefined && q.end !== undefined) {
      start = Date.parse(q.start);
      end = Date.parse(q.end);
      if (!Number.isFinite(start)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['start']);
      if (!Number.isFinite(end) || end <= start) throw new AtlasError('INVALID_QUERY_PARAMETER', ['end']);
    } else throw new AtlasError('MISSING_QUERY_PARAMETER', [q.start !== undefined ? 'end' : q.end !== undefined ? 'start' : 'period']);
    const span = end - start;
    const granularity: Granularity = span <= 2 * 3_600_000 ? 'PT1M' : span <= 12 * 3_600_000 ? 'PT5M' : span <= 10 * 86_400_000 ? 'PT1H' : 'P1D';
    const step = GRANULARITY_MS[granularity];
    return { start: Math.floor(start / step) * step, end: Math.ceil(end / step) * step, granularity };
  }

  /** The namespaces with the most execution time in the window (a cluster view, or one process), most first. */
  ranked(operations: readonly SlowQuery[]): string[] {
    const total = new Map<string, number>();
    for (const q of operations) total.set(q.namespace, (total.get(q.namespace) ?? 0) + q.millis);
    return [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([ns]) => ns);
  }

  /** The operations a cluster view sees: the primaries', the secondaries', or every process's. */
  ofClusterView(c: Cluster, view: string, w: MeasurementWindow, namespace?: string): SlowQuery[] {
    if (!(CLUSTER_VIEWS as readonly string[]).includes(view)) throw new AtlasError('INVALID_PATH_PARAMETER', ['clusterView']);
    return this.world.slowQueries
      .ofCluster(c, { since: w.start, until: w.end, ...(namespace !== undefined && { namespaces: [namespace] }) })
      .filter((q) => view === 'INDIVIDUAL_PROCESS' || q.replicaState === view);
  }

  /** A process's operations in the window. */
  ofProcess(groupId: string, processId: string, w: MeasurementWindow, namespace?: string): { cluster: Cluster; processId: string; operations: SlowQuery[] } {
    const ref = findProcess(this.world, groupId, processId);
    const id = processIdOf(ref.process);
    const operations = this.world.slowQueries.ofCluster(ref.cluster, { since: w.start, until: w.end, processIds: [id], ...(namespace !== undefined && { namespaces: [namespace] }) });
    return { cluster: ref.cluster, processId: id, operations };
  }

  /**
   * One series per metric, a data point per granularity step: operation counts per second
   * and latency totals, averages and percentiles in microseconds, of reads (queries, counts,
   * distincts, aggregations), writes (inserts, updates, removes) and commands.
   */
  measure(operations: readonly SlowQuery[], metrics: readonly CollStatsMetric[], w: MeasurementWindow): Series[] {
    const step = GRANULARITY_MS[w.granularity];
    const buckets: SlowQuery[][] = [];
    for (let t = w.start; t < w.end; t += step) buckets.push([]);
    for (const q of operations) {
      const i = Math.floor((q.ts - w.start) / step);
      if (i >= 0 && i < buckets.length) buckets[i]!.push(q);
    }
    return metrics.map((name) => ({
      name,
      units: unitsOf(name),
      dataPoints: buckets.map((ops, i) => ({ timestamp: w.start + i * step, value: value(name, ops, step) })),
    }));
  }
}

const CLASS: Record<string, 'READS' | 'WRITES' | 'COMMANDS'> = {
  query: 'READS', getmore: 'READS', count: 'READS', distinct: 'READS', aggregate: 'READS',
  update: 'WRITES', remove: 'WRITES', insert: 'WRITES', findAndModify: 'WRITES',
  command: 'COMMANDS',
};

function value(metric: CollStatsMetric, ops: readonly SlowQuery[], stepMs: number): number {
  const kind = metric.replace(/^AVERAGE_/, '').split('_')[0]!;
  const mine = kind === 'TOTAL' ? ops : ops.filter((q) => CLASS[q.opType] === kind);
  const micros = mine.map((q) => q.millis * 1000).sort((a, b) => a - b);
  if (metric.endsWith('_OPS')) return mine.length / (stepMs / 1000);
  if (micros.length === 0) return 0;
  if (metric.startsWith('AVERAGE_')) return micros.reduce((a, b) => a + b, 0) / micros.length;
  const p = /_P(\d\d)_VALUE$/.exec(metric);
  if (p) return micros[Math.min(micros.length - 1, Math.ceil((Number(p[1]) / 100) * micros.length) - 1)]!;
  return micros.reduce((a, b) => a + b, 0);
}
