import { clusterOperations } from '../contracts/api/operations/clusters.js';
import type { SpecLayout } from '../src/sim/clusterInput.js';
import { providerRegions } from '../src/sim/govRules.js';
import { defineHandlers } from '../src/wire/context.js';
import { clusterView, clusterView20240805, clusterViewV15, providerRegionsView } from './clusterViews.js';

/** 2023-02-01 sends one replication spec per zone; later versions one per shard. */
const layoutOf = (version: { date: string }): SpecLayout => (version.date === '2023-02-01' ? 'zones' : 'shards');

export const clusterHandlers = defineHandlers(clusterOperations, {
  listClusters(ctx) {
    const clusters = ctx.world.clusters.listIn(ctx.params.groupId);
    return ctx.version.date === '2023-02-01'
      ? ctx.list(clusters, clusters.length, (c) => clusterViewV15(ctx, c))
      : ctx.list(clusters, clusters.length, (c) => clusterView20240805(ctx, c));
  },

  createCluster(ctx) {
    const c = ctx.world.clusters.create(ctx.params.groupId, ctx.body, layoutOf(ctx.version), ctx.actor);
    return clusterView(ctx, ctx.version, c, { omitTags: ctx.body.tags == null });
  },

  getCluster(ctx) {
    return clusterView(ctx, ctx.version, ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName));
  },

  updateCluster(ctx) {
    const { groupId, clusterName } = ctx.params;
    const c = ctx.world.clusters.update(groupId, clusterName, ctx.body, layoutOf(ctx.version), ctx.actor, ctx.principal);
    return clusterView(ctx, ctx.version, c);
  },

  deleteCluster(ctx) {
    const { retainBackups } = ctx.query;
    ctx.world.clusters.delete(ctx.params.groupId, ctx.params.clusterName, ctx.actor, retainBackups === undefined ? {} : { retainBackups });
    return {};
  },

  getClusterStatus(ctx) {
    const { groupId } = ctx.params;
    const c = ctx.world.clusters.get(groupId, ctx.params.clusterName);
    return { changeStatus: ctx.world.clusters.changeStatus(c), links: ctx.selfLink(`/groups/${groupId}/clusters/${c.name}/status`) };
  },

  listCloudProviderRegions(ctx) {
    const project = ctx.world.projects.get(ctx.params.groupId);
    const results = providerRegions(project.regionUsageRestrictions, ctx.query.providers ?? [], ctx.query.tier);
    return ctx.list(results, results.length, providerRegionsView);
  },
});
