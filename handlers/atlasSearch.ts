import { atlasSearchOperations } from '../contracts/api/operations/atlasSearch.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { Cluster } from '../src/sim/clusters.js';
import type { SearchDeployment, SearchIndex } from '../src/sim/atlasSearch.js';
import { mongodsOf } from '../src/sim/processIds.js';
import type { World } from '../src/sim/world.js';
import { defineHandlers } from '../src/wire/context.js';

const STATUSES = ['DELETING', 'FAILED', 'STALE', 'PENDING', 'BUILDING', 'READY', 'DOES_NOT_EXIST'] as const;
type Status = (typeof STATUSES)[number];
const statusOf = (r: SearchIndex): Status => STATUSES.find((s) => s === r.status) ?? 'DOES_NOT_EXIST';

/** An index answers queries once a version of it was READY, until it is being deleted. */
const queryable = (r: SearchIndex): boolean => r.status !== 'DELETING' && (r.status === 'READY' || r.servedBefore);

function indexView(world: World, r: SearchIndex) {
  const c = world.clusters.findInGroup(r.groupId, r.clusterName);
  const definitionVersion = { createdAt: isoSeconds(r.versionCreated), version: r.version };
  const status = statusOf(r);
  const q = queryable(r);
  return {
    collectionName: r.collectionName,
    database: r.database,
    indexID: r.id,
    latestDefinition: r.definition,
    latestDefinitionVersion: definitionVersion,
    name: r.name,
    queryable: q,
    status,
    // Every data-bearing node builds the index (mongot runs beside each mongod).
    statusDetail: (c ? mongodsOf(c) : []).map((p) => ({ hostname: p.hostname, mainIndex: { definitionVersion, queryable: q, status }, queryable: q, status })),
    type: r.type,
  };
}

/** The 2023-01-01 statuses: building is IN_PROGRESS, ready is STEADY. */
function legacyStatus(r: SearchIndex): 'IN_PROGRESS' | 'STEADY' | 'FAILED' | 'STALE' {
  if (r.status === 'READY') return 'STEADY';
  if (r.status === 'FAILED' || r.status === 'STALE') return r.status;
  return 'IN_PROGRESS';
}

function legacyView(r: SearchIndex) {
  return { ...r.definition, collectionName: r.collectionName, database: r.database, indexID: r.id, name: r.name, status: legacyStatus(r), type: r.type };
}

/** The definition attributes of a 2023-01-01 body, where they sit at the top level. */
function legacyDefinition(body: Record<string, unknown>): Record<string, unknown> {
  const keys = ['analyzer', 'analyzers', 'fields', 'mappings', 'numPartitions', 'searchAnalyzer', 'storedSource', 'synonyms'];
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

/** A definition without its absent attributes. */
const definitionOf = (d: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));

function deploymentView(world: World, c: Cluster, d: SearchDeployment) {
  return { encryptionAtRestProvider: c.encryptionAtRestProvider, groupId: d.groupId, id: d.id, specs: d.specs, stateName: world.searchDeployments.stateOf(c, d) };
}

export const atlasSearchHandlers = defineHandlers(atlasSearchOperations, {
  listAtlasSearchIndexesCluster(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return ctx.world.searchIndexes.listOf(c).map((r) => indexView(ctx.world, r));
  },
  createAtlasSearchIndex(ctx) {
    const { definition, ...rest } = ctx.body;
    return indexView(ctx.world, ctx.world.searchIndexes.create(ctx.params.groupId, ctx.params.clusterName, { ...rest, definition: definitionOf(definition ?? {}) }));
  },
  listAtlasSearchIndexes(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return ctx.world.searchIndexes.listOf(c, ctx.params.databaseName, ctx.params.collectionName).map((r) => indexView(ctx.world, r));
  },
  getAtlasSearchIndexByName(ctx) {
    const { groupId, clusterName, databaseName, collectionName, indexName } = ctx.params;
    return indexView(ctx.world, ctx.world.searchIndexes.getByName(groupId, clusterName, databaseName, collectionName, indexName));
  },
  updateAtlasSearchIndexByName(ctx) {
    const { groupId, clusterName, databaseName, collectionName, indexName } = ctx.params;
    const r = ctx.world.searchIndexes.getByName(groupId, clusterName, databaseName, collectionName, indexName);
    return indexView(ctx.world, ctx.world.searchIndexes.update(r, definitionOf(ctx.body.definition)));
  },
  deleteAtlasSearchIndexByName(ctx) {
    const { groupId, clusterName, databaseName, collectionName, indexName } = ctx.params;
    ctx.world.searchIndexes.delete(ctx.world.searchIndexes.getByName(groupId, clusterName, databaseName, collectionName, indexName));
    return undefined;
  },
  getAtlasSearchIndex(ctx) {
    return indexView(ctx.world, ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId));
  },
  updateAtlasSearchIndex(ctx) {
    const r = ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId);
    return indexView(ctx.world, ctx.world.searchIndexes.update(r, definitionOf(ctx.body.definition)));
  },
  deleteAtlasSearchIndex(ctx) {
    ctx.world.searchIndexes.delete(ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId));
    return undefined;
  },
  createAtlasSearchIndexDeprecated(ctx) {
    const { collectionName, database, name, type } = ctx.body;
    const r = ctx.world.searchIndexes.create(ctx.params.groupId, ctx.params.clusterName, { collectionName, database, name, type, definition: legacyDefinition(ctx.body) });
    return legacyView(r);
  },
  listAtlasSearchIndexesDeprecated(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return ctx.world.searchIndexes.listOf(c, ctx.params.databaseName, ctx.params.collectionName).map(legacyView);
  },
  getAtlasSearchIndexDeprecated(ctx) {
    return legacyView(ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId));
  },
  updateAtlasSearchIndexDeprecated(ctx) {
    const r = ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId);
    const { collectionName, database, name } = ctx.body;
    return legacyView(ctx.world.searchIndexes.update(r, legacyDefinition(ctx.body), { collectionName, database, name }));
  },
  deleteAtlasSearchIndexDeprecated(ctx) {
    ctx.world.searchIndexes.delete(ctx.world.searchIndexes.get(ctx.params.groupId, ctx.params.clusterName, ctx.params.indexId));
    return undefined;
  },
  createAtlasSearchDeployment(ctx) {
    const { cluster, deployment } = ctx.world.searchDeployments.create(ctx.params.groupId, ctx.params.clusterName, ctx.body.specs);
    return deploymentView(ctx.world, cluster, deployment);
  },
  getAtlasSearchDeployment(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    const d = ctx.world.searchDeployments.of(c);
    return d ? deploymentView(ctx.world, c, d) : {};
  },
  updateAtlasSearchDeployment(ctx) {
    const { cluster, deployment } = ctx.world.searchDeployments.update(ctx.params.groupId, ctx.params.clusterName, ctx.body.specs);
    return deploymentView(ctx.world, cluster, deployment);
  },
  deleteAtlasSearchDeployment(ctx) {
    ctx.world.searchDeployments.delete(ctx.params.groupId, ctx.params.clusterName);
    return undefined;
  },
});
