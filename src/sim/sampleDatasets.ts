import { z } from 'zod';
import { AtlasError } from './errors.js';
import type { CompletedTransition, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { Actor, World } from './world.js';

/**
 * Sample data loads into a cluster (`/sampleDatasetLoad`): WORKING from the request
 * (recorded: 201 with `state: WORKING`, `completeDate: null`), COMPLETED once the
 * `sampleDatasetLoad` delay has passed and the cluster's hosts are up (a load into a
 * cluster still CREATING waits for it), FAILED when the cluster is deleted first.
 * States settle lazily when read; `manual` holds a load WORKING until completed through
 * the control plane.
 */
export const SampleLoadRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  created: z.number(),
  /** When the data is loaded (null: waiting for manual completion). */
  at: z.number().nullable(),
  state: z.enum(['WORKING', 'FAILED', 'COMPLETED']),
  completed: z.number().optional(),
  errorMessage: z.string().optional(),
  deleteAfter: z.number().optional(),
});
export type SampleLoad = z.infer<typeof SampleLoadRecord>;

export class SampleDatasetLoads extends ProjectScopedTable<SampleLoad> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('sampleDatasetLoads', SampleLoadRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** Starts a load into a cluster that is neither being deleted nor paused. */
  start(groupId: string, clusterName: string, actor: Actor): SampleLoad {
    const project = this.world.projects.get(groupId);
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [clusterName]);
    const now = this.world.clock.now();
    const load: SampleLoad = {
      id: this.world.ids.next(),
      groupId,
      clusterName,
      created: now,
      at: this.world.lifecycle.schedule('sampleDatasetLoad', 'COMPLETED', now).at,
      state: 'WORKING',
    };
    this.insert(load);
    this.world.events.record('SAMPLE_DATASET_LOAD_REQUESTED', { orgId: project.orgId, groupId }, actor, { clusterName });
    return load;
  }

  /** The load, its state settled; 404 RESOURCE_NOT_FOUND for an id the project has not. */
  get(groupId: string, id: string): SampleLoad {
    this.world.projects.get(groupId);
    const load = this.find(id);
    if (!load || load.groupId !== groupId) throw new AtlasError('RESOURCE_NOT_FOUND', [id]);
    return this.#settle(load);
  }

  /** True when a sample data load into the cluster has completed (its databases exist). */
  completedInto(groupId: string, clusterName: string): boolean {
    for (const load of this.listIn(groupId)) {
      if (load.clusterName === clusterName && this.#settle(load).state === 'COMPLETED') return true;
    }
    return false;
  }

  #settle(load: SampleLoad): SampleLoad {
    if (load.state !== 'WORKING') return load;
    const now = this.world.clock.now();
    const c = this.world.clusters.findInGroup(load.groupId, load.clusterName);
    if (!c || c.stateName === 'DELETING') {
      return this.replace({ ...load, state: 'FAILED', completed: now, errorMessage: `Cluster ${load.clusterName} was deleted before the sample data was loaded` });
    }
    if (load.at !== null && now >= load.at && c.hostsReady) return this.replace({ ...load, state: 'COMPLETED', completed: Math.max(load.at, c.created) });
    return load;
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    if (filter.kind !== undefined && filter.kind !== 'sampleDatasetLoad') return [];
    const done: CompletedTransition[] = [];
    for (const load of [...this.values()]) {
      if (load.state !== 'WORKING' || (load.at !== null && !filter.all)) continue;
      if (filter.groupId !== undefined && load.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && load.id !== filter.name) continue;
      const settled = this.#settle(this.replace({ ...load, at: this.world.clock.now() }));
      done.push({ kind: 'sampleDatasetLoad', groupId: load.groupId, name: load.id, to: settled.state });
    }
    return done;
  }
}
