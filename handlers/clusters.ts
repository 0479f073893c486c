import { clusterOperations } from '../contracts/api/operations/clusters.js';
import type { SpecLayout } from '../src/sim/clusterInput.js';
import type { AutoScalingMode } from '../src/sim/clusters.js';
import { fromLegacyInput } from '../src/sim/legacyClusterInput.js';
import { LegacyClusterRequest } from '../contracts/api/schemas/legacyClusters.js';
import { providerRegions } from '../src/sim/govRules.js';
import { mongoDBVersionOf } from '../src/sim/clusterConfiguration.js';
import type { SampleLoad } from '../src/sim/sampleDatasets.js';
import { isoSeconds } from '../src/sim/clock.js';
import { defineHandlers } from '../src/wire/context.js';
import { errorBody } from '../src/wire/errors.js';
import { clusterView, clusterView20240805, clusterViewV15, legacyClusterView, processArgsView20240805, processArgsViewV1, providerRegionsView } from './clusterViews.js';

/** 2023-02-01 sends one replication spec per zone; later versions one per shard. */
const layoutOf = (version: { date: string }): SpecLayout => (version.date === '2023-02-01' ? 'zones' : 'shards');

/**
 * 2024-10-23 scales each shard on its own; replication specs sent through an older
 * version keep (or put) the cluster on cluster-wide scaling (wire-facts-wave2 5.3).
 */
const scalingOf = (version: { date: string }): AutoScalingMode => (version.date >= '2024-10-23' ? 'INDEPENDENT_SHARD_SCALING' : 'CLUSTER_WIDE_SCALING');

/** `SampleDatasetStatus`, keys as recorded. */
function sampleLoadView(l: SampleLoad) {
  return {
    _id: l.id,
    clusterName: l.clusterName,
    completeDate: l.completed === undefined ? null : isoSeconds(l.completed),
    createDate: isoSeconds(l.created),
    errorMessage: l.errorMessage ?? null,
    state: l.state,
  };
}

export const clusterHandlers = defineHandlers(clusterOperations, {
  listClusters(ctx) {
    const clusters = ctx.world.clusters.listIn(ctx.params.groupId);
    if (ctx.version.date === '2023-01-01') return ctx.list(clusters, clusters.length, (c) => legacyClusterView(ctx, c));
    return ctx.version.date === '2023-02-01'
      ? ctx.list(clusters, clusters.length, (c) => clusterViewV15(ctx, c))
      : ctx.list(clusters, clusters.length, (c) => clusterView20240805(ctx, c));
  },

  validateGroupClusterConfigurations(ctx) {
    const { clusterDescription, editing, clusterName } = ctx.body;
    const refusal = ctx.world.clusters.validateConfiguration(ctx.params.groupId, clusterDescription, editing ? { clusterName } : undefined);
    // The refusal the real request would get, in the words of its error body.
    return refusal ? { errors: [{ errorCode: refusal.code, validationIssue: errorBody(refusal).body.detail }], valid: false } : { valid: true };
  },

  createCluster(ctx) {
    if (ctx.version.date === '2023-01-01') {
      const input = fromLegacyInput(LegacyClusterRequest.parse(ctx.body));
      return legacyClusterView(ctx, ctx.world.clusters.create(ctx.params.groupId, input, 'zones', ctx.actor));
    }
    const c = ctx.world.clusters.create(ctx.params.groupId, ctx.body, layoutOf(ctx.version), ctx.actor, scalingOf(ctx.version));
    return clusterView(ctx, ctx.version, c, { omitTags: ctx.body.tags == null });
  },

  getCluster(ctx) {
    if (ctx.version.date === '2023-01-01') return legacyClusterView(ctx, ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName));
    return clusterView(ctx, ctx.version, ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName));
  },

  updateCluster(ctx) {
    const { groupId, clusterName } = ctx.params;
    if (ctx.version.date === '2023-01-01') {
      const input = fromLegacyInput(LegacyClusterRequest.parse(ctx.body), ctx.world.clusters.get(groupId, clusterName));
      return legacyClusterView(ctx, ctx.world.clusters.update(groupId, clusterName, input, 'zones', ctx.actor, ctx.principal));
    }
    const c = ctx.world.clusters.update(groupId, clusterName, ctx.body, layoutOf(ctx.version), ctx.actor, ctx.principal, scalingOf(ctx.version));
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

  getClusterAdvancedConfiguration(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    const args = ctx.world.clusters.processArgsOf(c);
    return ctx.version.date === '2023-01-01' ? processArgsViewV1(c, args) : processArgsView20240805(c, args);
  },

  autoScalingConfiguration(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return { autoScalingMode: ctx.world.clusters.autoScalingModeOf(c) };
  },

  listClustersForAllProjects(ctx) {
    const ids = ctx.world.projects.visibleTo(ctx.principal);
    return ctx.list(ids, ids.length, (groupId) => {
      const p = ctx.world.projects.get(groupId);
      return {
        clusters: ctx.world.clusters.listIn(groupId).map((c) => {
          const summary = ctx.world.clusters.summaryOf(c);
          return {
            alertCount: 0,
            authEnabled: true,
            availability: summary.availability,
            backupEnabled: c.backupEnabled,
            clusterId: c.id,
            dataSizeBytes: 0,
            name: c.name,
            nodeCount: summary.nodeCount,
            sslEnabled: true,
            type: summary.type,
            versions: [mongoDBVersionOf(c.mongoDBMajorVersion)],
          };
        }),
        groupId,
        groupName: p.name,
        orgId: p.orgId,
        orgName: ctx.world.orgs.get(p.orgId).name,
        planType: 'Atlas',
        tags: p.tags.map((t) => `${t.key}:${t.value}`),
      };
    });
  },

  testFailover(ctx) {
    ctx.world.clusters.testFailover(ctx.params.groupId, ctx.params.clusterName, ctx.actor);
    return undefined;
  },

  pinFeatureCompatibilityVersion(ctx) {
    ctx.world.clusters.pinFcv(ctx.params.groupId, ctx.params.clusterName, ctx.body.expirationDate ?? undefined, ctx.actor);
    return undefined;
  },

  unpinFeatureCompatibilityVersion(ctx) {
    ctx.world.clusters.unpinFcv(ctx.params.groupId, ctx.params.clusterName, ctx.actor);
    return undefined;
  },

  grantMongoDbEmployeeAccess(ctx) {
    ctx.world.clusters.grantEmployeeAccess(ctx.params.groupId, ctx.params.clusterName, ctx.body.grantType, ctx.body.expirationTime, ctx.actor);
    return undefined;
  },

  revokeMongoDbEmployeeAccess(ctx) {
    ctx.world.clusters.revokeEmployeeAccess(ctx.params.groupId, ctx.params.clusterName, ctx.actor);
    return undefined;
  },

  loadSampleDataset(ctx) {
    return sampleLoadView(ctx.world.sampleDatasetLoads.start(ctx.params.groupId, ctx.params.name, ctx.actor));
  },

  getSampleDatasetLoadStatus(ctx) {
    return sampleLoadView(ctx.world.sampleDatasetLoads.get(ctx.params.groupId, ctx.params.sampleDatasetId));
  },

  updateClusterAdvancedConfiguration(ctx) {
    const c = ctx.world.clusters.updateProcessArgs(ctx.params.groupId, ctx.params.clusterName, ctx.body, ctx.actor);
    const args = ctx.world.clusters.processArgsOf(c);
    return ctx.version.date === '2023-01-01' ? processArgsViewV1(c, args) : processArgsView20240805(c, args);
  },
});
