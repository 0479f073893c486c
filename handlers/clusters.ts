import { rolesOnGroup } from '../src/auth/authorize.js';
import type { ClusterInput, SpecLayout } from '../src/sim/clusterDescription.js';
import { AtlasError } from '../src/sim/errors.js';
import { providerRegions } from '../src/sim/govRules.js';
import { satisfiesAny } from '../src/sim/roles.js';
import type { Handler, HandlerTable, RequestContext } from '../src/wire/context.js';
import { clusterView, providerRegionsView } from './clusterViews.js';

/** 2023-02-01 sends one replication spec per zone; later versions one per shard. */
const layoutOf = (ctx: RequestContext): SpecLayout => (ctx.version.date === '2023-02-01' ? 'zones' : 'shards');

const groupOf = (ctx: RequestContext): string => ctx.params.groupId!;

const listClusters: Handler = (ctx) => {
  const clusters = ctx.world.clusters.listIn(groupOf(ctx));
  return ctx.list(clusters, clusters.length, (c) => clusterView(ctx, c));
};

const createCluster: Handler = (ctx) => {
  const body = ctx.body as ClusterInput;
  const c = ctx.world.clusters.create(groupOf(ctx), body, layoutOf(ctx), ctx.actor);
  return clusterView(ctx, c, { omitTags: body.tags == null });
};

const getCluster: Handler = (ctx) => clusterView(ctx, ctx.world.clusters.get(groupOf(ctx), ctx.params.clusterName!));

const updateCluster: Handler = (ctx) => {
  const groupId = groupOf(ctx);
  const project = ctx.world.projects.get(groupId);
  const c = ctx.world.clusters.update(groupId, ctx.params.clusterName!, ctx.body as ClusterInput, layoutOf(ctx), ctx.actor, {
    mayChangeTerminationProtection: satisfiesAny(rolesOnGroup(ctx.principal, groupId, project.orgId), ['GROUP_OWNER']),
  });
  return clusterView(ctx, c);
};

const deleteCluster: Handler = (ctx) => {
  const retainBackups = ctx.query.retainBackups as boolean | undefined;
  ctx.world.clusters.delete(groupOf(ctx), ctx.params.clusterName!, ctx.actor, retainBackups === undefined ? {} : { retainBackups });
  return {};
};

const getClusterStatus: Handler = (ctx) => {
  const groupId = groupOf(ctx);
  const c = ctx.world.clusters.get(groupId, ctx.params.clusterName!);
  return { changeStatus: ctx.world.clusters.changeStatus(c), links: ctx.selfLink(`/groups/${groupId}/clusters/${c.name}/status`) };
};

const listCloudProviderRegions: Handler = (ctx) => {
  const project = ctx.world.projects.get(groupOf(ctx));
  const providers = (ctx.query.providers as string[] | undefined) ?? [];
  const results = providerRegions(project.regionUsageRestrictions, providers, ctx.query.tier as string | undefined);
  return ctx.list(results, results.length, providerRegionsView);
};

export const clusterHandlers = {
  listClusters,
  createCluster,
  getCluster,
  updateCluster,
  deleteCluster,
  getClusterStatus,
  listCloudProviderRegions,
} satisfies HandlerTable;

/**
 * Flex clusters do not exist in Atlas for Government. The dispatcher answers 403
 * FEATURE_UNSUPPORTED for these operations (`unavailableInGov`) before any handler runs;
 * the handlers say the same should they ever be reached.
 */
const unavailable: Handler = () => {
  throw new AtlasError('FEATURE_UNSUPPORTED', []);
};

export const flexClusterHandlers = {
  listFlexClusters: unavailable,
  createFlexCluster: unavailable,
  getFlexCluster: unavailable,
  updateFlexCluster: unavailable,
  deleteFlexCluster: unavailable,
  upgradeFlexCluster: unavailable,
  downloadFlexBackup: unavailable,
  listFlexBackupRestoreJobs: unavailable,
  createFlexBackupRestoreJob: unavailable,
  getFlexBackupRestoreJob: unavailable,
  listFlexBackups: unavailable,
  getFlexBackup: unavailable,
} satisfies HandlerTable;
