import { collStatsOperations } from '../contracts/api/operations/collStats.js';
import { isoSeconds } from '../src/sim/clock.js';
import { COLL_STATS_METRICS, unitsOf, type CollStatsMetric, type MeasurementWindow, type Series } from '../src/sim/collStats.js';
import type { Cluster } from '../src/sim/clusters.js';
import { defineHandlers } from '../src/wire/context.js';

const series = (s: Series[]) => s.map((m) => ({ dataPoints: m.dataPoints.map((p) => ({ timestamp: isoSeconds(p.timestamp), value: p.value })), name: m.name, units: m.units }));
const windowView = (w: MeasurementWindow) => ({ start: isoSeconds(w.start), end: isoSeconds(w.end), granularity: w.granularity });
const metricsOf = (m: readonly CollStatsMetric[] | undefined): readonly CollStatsMetric[] => (m && m.length > 0 ? m : COLL_STATS_METRICS);
const pinnedView = (c: Cluster, pinnedNamespaces: string[]) => ({ clusterId: c.id, groupId: c.groupId, pinnedNamespaces });

export const collStatsHandlers = defineHandlers(collStatsOperations, {
  getCollStatsLatencyNamespaceMetrics(ctx) {
    ctx.world.projects.get(ctx.params.groupId);
    return { groupId: ctx.params.groupId, links: ctx.selfLink(`/groups/${ctx.params.groupId}/collStats/metrics`), metrics: COLL_STATS_METRICS.map((metricName) => ({ metricName, units: unitsOf(metricName) })) };
  },

  getCollStatsLatencyNamespacesForCluster(ctx) {
    const { groupId, clusterName, clusterView } = ctx.params;
    const c = ctx.world.clusters.get(groupId, clusterName);
    const w = ctx.world.collStats.window(ctx.query);
    return { groupId, identifierId: c.id, rankedNamespaces: ctx.world.collStats.ranked(ctx.world.collStats.ofClusterView(c, clusterView, w)) };
  },

  getCollStatsLatencyNamespaceClusterMeasurements(ctx) {
    const { groupId, clusterName, clusterView, databaseName, collectionName } = ctx.params;
    const c = ctx.world.clusters.get(groupId, clusterName);
    const w = ctx.world.collStats.window(ctx.query);
    const ops = ctx.world.collStats.ofClusterView(c, clusterView, w, `${databaseName}.${collectionName}`);
    return {
      clusterId: c.id,
      clusterView,
      collectionName,
      databaseName,
      ...windowView(w),
      groupId,
      links: ctx.selfLink(`/groups/${groupId}/clusters/${clusterName}/${clusterView}/${databaseName}/${collectionName}/collStats/measurements`),
      measurements: series(ctx.world.collStats.measure(ops, metricsOf(ctx.query.metrics), w)),
    };
  },

  getCollStatsLatencyNamespacesForHost(ctx) {
    const w = ctx.world.collStats.window(ctx.query);
    const { processId, operations } = ctx.world.collStats.ofProcess(ctx.params.groupId, ctx.params.processId, w);
    return { groupId: ctx.params.groupId, identifierId: processId, rankedNamespaces: ctx.world.collStats.ranked(operations) };
  },

  getCollStatsLatencyNamespaceHostMeasurements(ctx) {
    const { groupId, databaseName, collectionName } = ctx.params;
    const w = ctx.world.collStats.window(ctx.query);
    const { processId, operations } = ctx.world.collStats.ofProcess(groupId, ctx.params.processId, w, `${databaseName}.${collectionName}`);
    return {
      collectionName,
      databaseName,
      ...windowView(w),
      groupId,
      links: ctx.selfLink(`/groups/${groupId}/processes/${ctx.params.processId}/${databaseName}/${collectionName}/collStats/measurements`),
      measurements: series(ctx.world.collStats.measure(operations, metricsOf(ctx.query.metrics), w)),
      processId,
    };
  },

  getPinnedNamespaces(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return pinnedView(c, ctx.world.collStats.pinned(c));
  },

  pinNamespacesPut(ctx) {
    const { groupId, clusterName } = ctx.params;
    const pinned = ctx.world.collStats.pin(groupId, clusterName, ctx.body.namespaces, true);
    return pinnedView(ctx.world.clusters.get(groupId, clusterName), pinned);
  },

  pinNamespacesPatch(ctx) {
    const { groupId, clusterName } = ctx.params;
    const pinned = ctx.world.collStats.pin(groupId, clusterName, ctx.body.namespaces, false);
    return pinnedView(ctx.world.clusters.get(groupId, clusterName), pinned);
  },

  unpinNamespaces(ctx) {
    const { groupId, clusterName } = ctx.params;
    const pinned = ctx.world.collStats.unpin(groupId, clusterName, ctx.body.namespaces);
    return pinnedView(ctx.world.clusters.get(groupId, clusterName), pinned);
  },
});
