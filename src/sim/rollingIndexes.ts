import { z } from 'zod';
import { AtlasError } from './errors.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { Cluster } from './clusters.js';
import type { World } from './world.js';

/**
 * Indexes built on a cluster through the rolling index build (`POST /clusters/{name}/index`),
 * one member at a time, secondaries first. The Administration API never lists them; the
 * Performance Advisor reads them (a suggestion disappears once an index covers its query
 * shape; an index no slow query uses, a hidden one or one whose keys start another's are
 * drop suggestions).
 *
 * The index belongs to the cluster it was built on: a cluster deleted and created again
 * under the same name starts without it (rows remember the cluster id and are ignored,
 * then dropped, once it no longer matches).
 */
export const IndexKeyRecord = z.tuple([z.string(), z.union([z.literal(1), z.literal(-1), z.string()])]);
export type IndexKey = z.infer<typeof IndexKeyRecord>;

export const RollingIndexRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  clusterId: z.string(),
  db: z.string(),
  collection: z.string(),
  name: z.string(),
  keys: z.array(IndexKeyRecord),
  hidden: z.boolean(),
  created: z.number(),
});
export type RollingIndex = z.infer<typeof RollingIndexRecord>;

/** Key types mongod accepts as the value of an index key (`{"field": "1"}` in the request). */
const KEY_TYPES = new Set(['1', '-1', 'text', '2d', '2dsphere', 'hashed']);

/** mongod refuses namespaces longer than this (database + '.' + collection). */
const MAX_NAMESPACE = 255;

/** Databases of mongod's own that no index build may touch. */
const RESERVED_DBS = new Set(['admin', 'local', 'config']);

export interface RollingIndexInput {
  db: string;
  collection: string;
  keys?: ReadonlyArray<Readonly<Record<string, string>>> | undefined;
  options?: { name?: string | undefined; hidden?: boolean | undefined } | undefined;
}

export class RollingIndexes extends ProjectScopedTable<RollingIndex> {
  constructor(private readonly world: World) {
    super('rollingIndexes', RollingIndexRecord, (r) => r.id, world.clock);
  }

  /**
   * Starts a rolling build. Rules: the cluster exists, is not being deleted (400
   * CLUSTER_ALREADY_REQUESTED_DELETION) nor paused (409 CANNOT_UPDATE_PAUSED_CLUSTER);
   * `keys` names at least one field, one per object, each with a key type mongod knows
   * (400 MISSING_ATTRIBUTE / INVALID_ATTRIBUTE keys); the database is no system database
   * and holds no `$`, `.`, space or `/`, the namespace fits 255 characters (400
   * INVALID_ATTRIBUTE db, INVALID_NAMESPACE).
   *
   * The name defaults to mongod's (`a_1_b_-1`). Decision (the document states no error for
   * it): building an index that exists already, same name and keys, is accepted and
   * changes nothing, as `createIndexes` is on mongod; the same name with other keys, or
   * the same keys under another name, is 400 INDEX_ALREADY_EXISTS (mongod's
   * IndexKeySpecsConflict / IndexOptionsConflict).
   */
  create(groupId: string, clusterName: string, input: RollingIndexInput): RollingIndex {
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [clusterName]);
    if (!input.keys || input.keys.length === 0) throw new AtlasError('MISSING_ATTRIBUTE', ['keys']);
    const keys: IndexKey[] = [];
    for (const k of input.keys) {
      const entries = Object.entries(k);
      if (entries.length !== 1) throw new AtlasError('INVALID_ATTRIBUTE', ['keys']);
      const [field, type] = entries[0]!;
      if (field === '' || field.startsWith('$') || !KEY_TYPES.has(type) || keys.some(([f]) => f === field)) throw new AtlasError('INVALID_ATTRIBUTE', ['keys']);
      keys.push([field, type === '1' ? 1 : type === '-1' ? -1 : type]);
    }
    if (input.db === '' || /[$. /\\"]/.test(input.db) || RESERVED_DBS.has(input.db)) throw new AtlasError('INVALID_ATTRIBUTE', ['db']);
    if (input.collection === '' || input.collection.startsWith('system.') || input.collection.includes('$')) throw new AtlasError('INVALID_ATTRIBUTE', ['collection']);
    const namespace = `${input.db}.${input.collection}`;
    if (namespace.length > MAX_NAMESPACE) throw new AtlasError('INVALID_NAMESPACE', [namespace]);
    const name = input.options?.name ?? keys.map(([f, t]) => `${f}_${t}`).join('_');
    if (name === '') throw new AtlasError('INVALID_ATTRIBUTE', ['options.name']);
    const sameKeys = (r: RollingIndex): boolean => JSON.stringify(r.keys) === JSON.stringify(keys);
    for (const r of this.indexesOf(c, namespace)) {
      if (r.name === name && sameKeys(r)) return r;
      if (r.name === name || sameKeys(r)) throw new AtlasError('INDEX_ALREADY_EXISTS', [r.name, namespace]);
    }
    const row: RollingIndex = {
      id: this.world.ids.next(),
      groupId,
      clusterName,
      clusterId: c.id,
      db: input.db,
      collection: input.collection,
      name,
      keys,
      hidden: input.options?.hidden ?? false,
      created: this.world.clock.now(),
    };
    return this.insert(row);
  }

  /** The indexes built on this cluster (of one namespace, when given), oldest first. */
  indexesOf(c: Cluster, namespace?: string): RollingIndex[] {
    const out: RollingIndex[] = [];
    for (const r of this.listIn(c.groupId)) {
      if (r.clusterName !== c.name) continue;
      if (r.clusterId !== c.id) {
        // Left by a deleted cluster of the same name: gone with it.
        if (this.world.inTransaction) this.remove(r.id);
        continue;
      }
      if (namespace === undefined || `${r.db}.${r.collection}` === namespace) out.push(r);
    }
    return out;
  }
}
