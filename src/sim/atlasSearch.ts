import { z } from 'zod';
import type { Cluster } from './clusters.js';
import { AtlasError } from './errors.js';
import { checkProvider, checkRegion } from './govRules.js';
import { OBJECT_ID } from './ids.js';
import type { CompletedTransition, LifecycleKind, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { completeSteps, GONE, settle, start, startDeleting, StepRecord, type StatusPath } from './stagedStatus.js';
import type { World } from './world.js';

/**
 * Atlas Search (available in Atlas for Government, wire-facts E): search and vector search
 * indexes of a cluster's collections, served by both API generations (the 2024-05-30
 * `search/indexes` operations and the deprecated 2023-01-01 `fts/indexes` ones read and
 * write the same indexes), and the dedicated search nodes of a cluster.
 *
 * An index builds on the clock, one `searchIndexBuild` delay per step:
 * PENDING -> BUILDING -> READY. Changing its definition builds the new version the same
 * way while the old one keeps answering queries (`queryable` stays true once it was
 * READY). Deleting it is DELETING, then gone (404).
 */
export const BUILD_PATH: StatusPath = ['PENDING', 'BUILDING', 'READY'];

export const SearchIndexRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  clusterId: z.string(),
  database: z.string(),
  collectionName: z.string(),
  name: z.string(),
  type: z.enum(['search', 'vectorSearch']),
  definition: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  versionCreated: z.number(),
  /** Whether a version of the index was READY once (it keeps serving queries while the next builds). */
  servedBefore: z.boolean(),
  status: z.string(),
  step: StepRecord.optional(),
});
export type SearchIndex = z.infer<typeof SearchIndexRecord>;

export interface SearchIndexInput {
  database: string;
  collectionName: string;
  name: string;
  type?: 'search' | 'vectorSearch' | undefined;
  definition: Record<string, unknown>;
}

/** Field types of an Atlas Search mapping. */
const FIELD_TYPES = new Set(['autocomplete', 'boolean', 'date', 'dateFacet', 'document', 'embeddedDocuments', 'geo', 'knnVector', 'number', 'numberFacet', 'objectId', 'string', 'stringFacet', 'token', 'uuid']);
const VECTOR_SIMILARITIES = new Set(['euclidean', 'cosine', 'dotProduct']);
/** Vector fields hold at most this many dimensions (the Atlas Vector Search limit). */
const MAX_DIMENSIONS = 8192;
const BUILT_IN_ANALYZER = /^lucene\.[a-z]+$/;

const invalid = (why: string): AtlasError => new AtlasError('ATLAS_SEARCH_INDEX_INVALID_DEFINITION', [why]);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Mapping validation, as mongot refuses definitions (400
 * ATLAS_SEARCH_INDEX_INVALID_DEFINITION saying why):
 *
 * - search: `mappings` is required; without `dynamic: true` it needs `fields`; every field
 *   maps to a known type (or a list of them), `document`/`embeddedDocuments` fields may nest
 *   `fields`; every analyzer named is built in (`lucene.*`) or defined in `analyzers`;
 *   synonyms name an analyzer and a source collection.
 * - vectorSearch: `fields` lists at least one field; each is `vector` (a path, 1 to 8192
 *   dimensions, a similarity of euclidean, cosine or dotProduct) or `filter` (a path).
 * - `numPartitions` is 1, 2 or 4 (search nodes) when given.
 */
export function checkDefinition(type: 'search' | 'vectorSearch', d: Record<string, unknown>): void {
  if (d.numPartitions !== undefined && ![1, 2, 4].includes(d.numPartitions as number)) throw invalid('numPartitions must be 1, 2 or 4');
  if (type === 'vectorSearch') {
    const fields = d.fields;
    if (!Array.isArray(fields) || fields.length === 0) throw invalid('a vector search index needs at least one field');
    for (const f of fields) {
      if (!isObject(f) || typeof f.path !== 'string' || f.path === '') throw invalid('every field needs a path');
      if (f.type === 'filter') continue;
      if (f.type !== 'vector') throw invalid(`field ${f.path}: type must be vector or filter`);
      if (!Number.isInteger(f.numDimensions) || (f.numDimensions as number) < 1 || (f.numDimensions as number) > MAX_DIMENSIONS) throw invalid(`field ${f.path}: numDimensions must be between 1 and ${MAX_DIMENSIONS}`);
      if (typeof f.similarity !== 'string' || !VECTOR_SIMILARITIES.has(f.similarity)) throw invalid(`field ${f.path}: similarity must be euclidean, cosine or dotProduct`);
    }
    return;
  }
  const custom = new Set<string>();
  if (d.analyzers !== undefined) {
    if (!Array.isArray(d.analyzers)) throw invalid('analyzers must be a list');
    for (const a of d.analyzers) {
      if (!isObject(a) || typeof a.name !== 'string' || !isObject(a.tokenizer)) throw invalid('a custom analyzer needs a name and a tokenizer');
      custom.add(a.name);
    }
  }
  const checkAnalyzer = (name: unknown, where: string): void => {
    if (name === undefined) return;
    if (typeof name !== 'string' || !(BUILT_IN_ANALYZER.test(name) || custom.has(name))) throw invalid(`${where}: unknown analyzer ${String(name)}`);
  };
  checkAnalyzer(d.analyzer, 'analyzer');
  checkAnalyzer(d.searchAnalyzer, 'searchAnalyzer');
  const mappings = d.mappings;
  if (!isObject(mappings)) throw invalid('mappings is required');
  const checkFields = (m: Record<string, unknown>, at: string): void => {
    if (m.dynamic !== undefined && typeof m.dynamic !== 'boolean' && !isObject(m.dynamic)) throw invalid(`${at}.dynamic must be a boolean`);
    if (m.fields === undefined) {
      if (m.dynamic !== true && !isObject(m.dynamic)) throw invalid(`${at}: static mappings need fields`);
      return;
    }
    if (!isObject(m.fields)) throw invalid(`${at}.fields must be an object`);
    for (const [name, def] of Object.entries(m.fields)) {
      for (const f of Array.isArray(def) ? def : [def]) {
        if (!isObject(f) || typeof f.type !== 'string' || !FIELD_TYPES.has(f.type)) throw invalid(`${at}.fields.${name}: unknown field type`);
        checkAnalyzer(f.analyzer, `${at}.fields.${name}`);
        checkAnalyzer(f.searchAnalyzer, `${at}.fields.${name}`);
        if (f.type === 'document' || f.type === 'embeddedDocuments') checkFields(f, `${at}.fields.${name}`);
      }
    }
  };
  checkFields(mappings, 'mappings');
  if (d.synonyms !== undefined) {
    if (!Array.isArray(d.synonyms)) throw invalid('synonyms must be a list');
    for (const s of d.synonyms) {
      if (!isObject(s) || typeof s.name !== 'string' || !isObject(s.source) || typeof s.source.collection !== 'string') throw invalid('a synonym mapping needs a name and a source collection');
      checkAnalyzer(s.analyzer, `synonyms.${s.name}`);
    }
  }
}

/** Names of a collection, its database and an index: what mongod and mongot accept. */
function checkNamespace(database: string, collectionName: string, name: string): void {
  if (database === '' || /[$. /\\"]/.test(database)) throw new AtlasError('INVALID_ATTRIBUTE', ['database']);
  if (collectionName === '' || collectionName.includes('$') || collectionName.startsWith('system.')) throw new AtlasError('INVALID_ATTRIBUTE', ['collectionName']);
  if (name.trim() === '') throw new AtlasError('INVALID_ATTRIBUTE', ['name']);
}

export class SearchIndexes extends ProjectScopedTable<SearchIndex> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('searchIndexes', SearchIndexRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** The cluster's live indexes (of one namespace when given), settled on the clock, oldest first. */
  listOf(c: Cluster, database?: string, collectionName?: string): SearchIndex[] {
    const out: SearchIndex[] = [];
    for (const r of this.listIn(c.groupId)) {
      if (r.clusterName !== c.name || r.clusterId !== c.id) continue;
      if (this.#settle(r)) continue;
      if (database !== undefined && (r.database !== database || r.collectionName !== collectionName)) continue;
      out.push(r);
    }
    return out;
  }

  #settle(r: SearchIndex): boolean {
    const gone = settle(this.world.lifecycle, r, r.status === 'DELETING' ? [] : BUILD_PATH, this.clock.now(), (status) => {
      if (status === 'READY') r.servedBefore = true;
    });
    if (gone && this.world.inTransaction) this.remove(r.id);
    return gone;
  }

  /**
   * Creates an index. Rules: the cluster exists and is not being deleted (400
   * CLUSTER_ALREADY_REQUESTED_DELETION); names are valid; the definition passes mapping
   * validation (`checkDefinition`); no index of that name exists on the collection (400
   * ATLAS_FTS_DUPLICATE_INDEX, as the published error table states; the document lists 409
   * for the operation, the table's code wins).
   */
  create(groupId: string, clusterName: string, input: SearchIndexInput): SearchIndex {
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    checkNamespace(input.database, input.collectionName, input.name);
    const type = input.type ?? 'search';
    checkDefinition(type, input.definition);
    if (this.listOf(c, input.database, input.collectionName).some((r) => r.name === input.name)) throw new AtlasError('ATLAS_FTS_DUPLICATE_INDEX', []);
    const now = this.clock.now();
    return this.insert({
      id: this.world.ids.next(),
      groupId,
      clusterName,
      clusterId: c.id,
      database: input.database,
      collectionName: input.collectionName,
      name: input.name,
      type,
      definition: input.definition,
      version: 0,
      versionCreated: now,
      servedBefore: false,
      ...start(this.world.lifecycle, BUILD_PATH, now, 'searchIndexBuild'),
    });
  }

  /** By id; 404 ATLAS_SEARCH_INDEX_NOT_FOUND (a malformed id included). */
  get(groupId: string, clusterName: string, indexId: string): SearchIndex {
    const c = this.world.clusters.get(groupId, clusterName);
    const r = OBJECT_ID.test(indexId) ? this.listOf(c).find((x) => x.id === indexId) : undefined;
    if (!r) throw new AtlasError('ATLAS_SEARCH_INDEX_NOT_FOUND', [indexId, clusterName]);
    return r;
  }

  /** By database, collection and name; 404 ATLAS_SEARCH_INDEX_NOT_FOUND. */
  getByName(groupId: string, clusterName: string, database: string, collectionName: string, name: string): SearchIndex {
    const c = this.world.clusters.get(groupId, clusterName);
    const r = this.listOf(c, database, collectionName).find((x) => x.name === name);
    if (!r) throw new AtlasError('ATLAS_SEARCH_INDEX_NOT_FOUND', [`${database}.${collectionName}.${name}`, clusterName]);
    return r;
  }

  /**
   * A new definition: validated against the index's type, then built as the next version
   * (PENDING -> BUILDING -> READY) while the previous one keeps serving queries. A deleting
   * index cannot change (404, as it is on its way out).
   */
  update(r: SearchIndex, definition: Record<string, unknown>, restated?: { database: string; collectionName: string; name: string }): SearchIndex {
    if (r.status === 'DELETING') throw new AtlasError('ATLAS_SEARCH_INDEX_NOT_FOUND', [r.id, r.clusterName]);
    // The 2023-01-01 body restates the whole index: it cannot move it to another collection or rename it.
    if (restated) for (const k of ['database', 'collectionName', 'name'] as const) if (restated[k] !== r[k]) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
    checkDefinition(r.type, definition);
    const now = this.clock.now();
    Object.assign(r, { definition, version: r.version + 1, versionCreated: now, ...start(this.world.lifecycle, BUILD_PATH, now, 'searchIndexBuild') });
    return r;
  }

  /** DELETING now, gone after one build step. */
  delete(r: SearchIndex): void {
    if (r.status !== 'DELETING') startDeleting(this.world.lifecycle, r, this.clock.now(), 'searchIndexBuild');
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    return completeAll(this.world, [...this.values()], filter, 'searchIndexBuild', (r) => (r.status === 'DELETING' ? [] : BUILD_PATH), (r) => {
      if (r.status === 'READY') r.servedBefore = true;
      if (r.status === GONE) this.remove(r.id);
    }, (r) => r.name);
  }
}

/** Completes waiting steps of some staged records (every due one too with `all`), each as far as it goes. */
function completeAll<R extends { groupId: string; status: string; step?: z.infer<typeof StepRecord> | undefined }>(
  world: World,
  rows: R[],
  filter: ManualFilter,
  kind: LifecycleKind,
  pathOf: (r: R) => StatusPath,
  after: (r: R) => void,
  nameOf: (r: R) => string,
): CompletedTransition[] {
  if (filter.kind !== undefined && filter.kind !== kind) return [];
  const done: CompletedTransition[] = [];
  for (const r of rows) {
    if ((filter.groupId !== undefined && r.groupId !== filter.groupId) || (filter.name !== undefined && nameOf(r) !== filter.name)) continue;
    if (completeSteps(world.lifecycle, r, pathOf, world.clock.now(), { kind, all: filter.all }, after)) done.push({ kind, groupId: r.groupId, name: nameOf(r), to: r.status === GONE ? 'DELETED' : r.status });
  }
  return done;
}

// ---------------------------------------------------------------------------
// Search nodes
// ---------------------------------------------------------------------------

export const SEARCH_INSTANCE_SIZES = [
  'S20_HIGHCPU_NVME', 'S30_HIGHCPU_NVME', 'S40_HIGHCPU_NVME', 'S50_HIGHCPU_NVME', 'S60_HIGHCPU_NVME', 'S70_HIGHCPU_NVME', 'S80_HIGHCPU_NVME',
  'S30_LOWCPU_NVME', 'S40_LOWCPU_NVME', 'S50_LOWCPU_NVME', 'S60_LOWCPU_NVME', 'S70_LOWCPU_NVME', 'S80_LOWCPU_NVME', 'S90_LOWCPU_NVME', 'S100_LOWCPU_NVME', 'S110_LOWCPU_NVME', 'S120_LOWCPU_NVME', 'S130_LOWCPU_NVME', 'S135_LOWCPU_NVME', 'S140_LOWCPU_NVME',
  'S40_STORAGE_NVME', 'S50_STORAGE_NVME', 'S60_STORAGE_NVME', 'S80_STORAGE_NVME', 'S90_STORAGE_NVME',
] as const;

const NODES_PATH: StatusPath = ['UPDATING', 'IDLE'];

export const SearchDeploymentRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  clusterId: z.string(),
  specs: z.array(z.object({ instanceSize: z.enum(SEARCH_INSTANCE_SIZES), nodeCount: z.number().int() })),
  status: z.string(),
  step: StepRecord.optional(),
});
export type SearchDeployment = z.infer<typeof SearchDeploymentRecord>;

export interface SearchSpecInput {
  instanceSize: (typeof SEARCH_INSTANCE_SIZES)[number];
  nodeCount: number;
}

/**
 * Dedicated search nodes of a cluster: UPDATING while Atlas deploys or resizes them
 * (`searchNodes` delay), then IDLE; PAUSED while the cluster is; removed after the delay
 * once deleted (UPDATING meanwhile). At most one deployment per cluster.
 */
export class SearchDeployments extends ProjectScopedTable<SearchDeployment> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('searchDeployments', SearchDeploymentRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** The cluster's deployment, settled; undefined when it has none. */
  of(c: Cluster): SearchDeployment | undefined {
    for (const r of this.listIn(c.groupId)) {
      if (r.clusterName !== c.name || r.clusterId !== c.id) continue;
      const gone = settle(this.world.lifecycle, r, r.status === 'DELETING' ? [] : NODES_PATH, this.clock.now());
      if (gone) {
        if (this.world.inTransaction) this.remove(r.id);
        continue;
      }
      return r;
    }
    return undefined;
  }

  /** `stateName` as Atlas shows it: PAUSED with the cluster, UPDATING while being removed. */
  stateOf(c: Cluster, r: SearchDeployment): 'IDLE' | 'PAUSED' | 'UPDATING' {
    if (r.status === 'DELETING' || r.status === 'UPDATING') return 'UPDATING';
    return c.paused ? 'PAUSED' : 'IDLE';
  }

  /**
   * The specs of a request. Decision: one spec, as Atlas deploys one node size per cluster
   * (400 INVALID_ATTRIBUTE specs otherwise); 2 to 32 nodes (the document's bounds, checked
   * by the contract).
   *
   * Government rule: search nodes run in the regions of the cluster they serve, so each of
   * its regions must be one the project's designation allows (400 INVALID_REGION /
   * INVALID_PROVIDER, as for the cluster itself); they follow the cluster's encryption at
   * rest provider.
   */
  #specs(c: Cluster, specs: readonly SearchSpecInput[]): SearchDeployment['specs'] {
    if (specs.length !== 1) throw new AtlasError('INVALID_ATTRIBUTE', ['specs']);
    const project = this.world.projects.get(c.groupId);
    for (const shard of c.shards) {
      for (const rc of shard.regionConfigs) {
        checkProvider(rc.providerName);
        checkRegion(project.regionUsageRestrictions, rc.providerName, rc.regionName);
      }
    }
    return specs.map((s) => ({ instanceSize: s.instanceSize, nodeCount: s.nodeCount }));
  }

  /** Deploys search nodes: the cluster exists, is not being deleted nor paused, has none yet (409). */
  create(groupId: string, clusterName: string, specs: readonly SearchSpecInput[]): { cluster: Cluster; deployment: SearchDeployment } {
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [clusterName]);
    if (this.of(c)) throw new AtlasError('ATLAS_SEARCH_DEPLOYMENT_ALREADY_EXISTS', [clusterName, groupId]);
    const deployment = this.insert({
      id: this.world.ids.next(),
      groupId,
      clusterName,
      clusterId: c.id,
      specs: this.#specs(c, specs),
      ...start(this.world.lifecycle, NODES_PATH, this.clock.now(), 'searchNodes'),
    });
    return { cluster: c, deployment };
  }

  /** The deployment, or 400 ATLAS_SEARCH_DEPLOYMENT_DOES_NOT_EXIST (also while being removed). */
  get(groupId: string, clusterName: string): { cluster: Cluster; deployment: SearchDeployment } {
    const c = this.world.clusters.get(groupId, clusterName);
    const d = this.of(c);
    if (!d || d.status === 'DELETING') throw new AtlasError('ATLAS_SEARCH_DEPLOYMENT_DOES_NOT_EXIST', [clusterName, groupId]);
    return { cluster: c, deployment: d };
  }

  /** Resizes the nodes: UPDATING again, IDLE after the delay. Not while the cluster is paused. */
  update(groupId: string, clusterName: string, specs: readonly SearchSpecInput[]): { cluster: Cluster; deployment: SearchDeployment } {
    const got = this.get(groupId, clusterName);
    if (got.cluster.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [clusterName]);
    Object.assign(got.deployment, { specs: this.#specs(got.cluster, specs), ...start(this.world.lifecycle, NODES_PATH, this.clock.now(), 'searchNodes') });
    return got;
  }

  /** Removes the nodes after the delay. */
  delete(groupId: string, clusterName: string): void {
    const { deployment } = this.get(groupId, clusterName);
    startDeleting(this.world.lifecycle, deployment, this.clock.now(), 'searchNodes');
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    return completeAll(this.world, [...this.values()], filter, 'searchNodes', (r) => (r.status === 'DELETING' ? [] : NODES_PATH), (r) => {
      if (r.status === GONE) this.remove(r.id);
    }, (r) => r.clusterName);
  }
}
