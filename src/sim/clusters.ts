import { z } from 'zod';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Dedicated clusters of projects. Keyed by `groupId/name`, with a per-project index so
 * counts and lists never scan other projects.
 */
export const ClusterRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  name: z.string(),
});
export type Cluster = z.infer<typeof ClusterRecord>;

const keyOf = (groupId: string, name: string): string => `${groupId}/${name}`;

export class Clusters extends Table<Cluster> {
  readonly #byGroup = new Map<string, Map<string, Cluster>>();

  constructor(private readonly world: World) {
    super('clusters', ClusterRecord, (c) => keyOf(c.groupId, c.name), (c) => ({ groupId: c.groupId }));
  }

  protected override onInsert(c: Cluster): void {
    let m = this.#byGroup.get(c.groupId);
    if (!m) this.#byGroup.set(c.groupId, (m = new Map()));
    m.set(c.name, c);
  }

  protected override onRemove(c: Cluster): void {
    this.#byGroup.get(c.groupId)?.delete(c.name);
  }

  /** The cluster named `name` in the project, if any. */
  findInGroup(groupId: string, name: string): Cluster | undefined {
    return this.#byGroup.get(groupId)?.get(name);
  }

  /** Clusters of a project (what `clusterCount` and project deletion look at). */
  countIn(groupId: string): number {
    return this.#byGroup.get(groupId)?.size ?? 0;
  }
}
