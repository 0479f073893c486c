import { z } from 'zod';
import type { Cluster } from './clusters.js';
import { AtlasError } from './errors.js';
import type { CompletedTransition, LifecycleKind, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { completeSteps, GONE, settle, start, StepRecord, type Staged, type StatusPath } from './stagedStatus.js';
import type { World } from './world.js';

/**
 * Cluster outage simulations (`/clusters/{name}/outageSimulation`): Atlas cuts the network
 * to the nodes of the chosen regions of a multi-region cluster, then restores it when the
 * simulation is ended. One step of the `outageSimulation` delay each:
 * START_REQUESTED -> STARTING -> SIMULATING, and after the end request
 * RECOVERY_REQUESTED -> RECOVERING -> COMPLETE, after which the simulation is gone (404).
 * While one exists the cluster cannot be deleted
 * (CANNOT_TERMINATE_CLUSTER_WITH_UNDERGOING_REGIONAL_OUTAGE_SIMULATION).
 */
export const START_PATH: StatusPath = ['START_REQUESTED', 'STARTING', 'SIMULATING'];
export const END_PATH: StatusPath = ['RECOVERY_REQUESTED', 'RECOVERING', 'COMPLETE', GONE];

export const OutageSimulationRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  clusterId: z.string(),
  outageFilters: z.array(z.object({ cloudProvider: z.enum(['AWS', 'GCP']), regionName: z.string(), type: z.literal('REGION') })),
  started: z.number(),
  status: z.string(),
  step: StepRecord.optional(),
});
export type OutageSimulation = z.infer<typeof OutageSimulationRecord>;

export interface OutageFilterInput {
  cloudProvider?: string | undefined;
  regionName?: string | undefined;
  type?: string | undefined;
}

const pathOf = (s: Staged): StatusPath => (START_PATH.includes(s.status) ? START_PATH : END_PATH);

export class OutageSimulations extends ProjectScopedTable<OutageSimulation> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('outageSimulations', OutageSimulationRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  /** The cluster's simulation in progress, settled on the clock; undefined when there is none. */
  current(c: Cluster): OutageSimulation | undefined {
    for (const s of this.listIn(c.groupId)) {
      if (s.clusterName !== c.name) continue;
      if (s.clusterId !== c.id) continue;
      const gone = settle(this.world.lifecycle, s, pathOf(s), this.clock.now());
      if (gone) {
        if (this.world.inTransaction) this.remove(s.id);
        continue;
      }
      return s;
    }
    return undefined;
  }

  /** The simulation, or 404 CLUSTER_OUTAGE_SIMULATION_NOT_FOUND. */
  get(groupId: string, clusterName: string): OutageSimulation {
    const c = this.world.clusters.get(groupId, clusterName);
    const s = this.current(c);
    if (!s) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_NOT_FOUND', [clusterName, groupId]);
    return s;
  }

  /**
   * Starts a simulation. Rules (the Atlas "Simulate Regional Outage" page): the cluster is
   * neither being deleted (400 CLUSTER_ALREADY_REQUESTED_DELETION) nor paused (409
   * CANNOT_UPDATE_PAUSED_CLUSTER) and has no simulation already (409
   * CLUSTER_OUTAGE_SIMULATION_ALREADY_EXISTS); it spans more than one region; the filters
   * name at least one region, each once, each a region of the cluster with its provider
   * (Azure: 400 INVALID_PROVIDER, the Government rule), and leave at least one electable
   * node outside the outage. Other refusals are 400 CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS
   * saying why. Selecting a majority of the electable nodes is allowed (Atlas then warns
   * that the cluster loses its primary).
   */
  startSimulation(groupId: string, clusterName: string, filters: readonly OutageFilterInput[] | undefined): OutageSimulation {
    const c = this.world.clusters.get(groupId, clusterName);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [clusterName]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [clusterName]);
    if (this.current(c)) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_ALREADY_EXISTS', [clusterName, groupId]);
    if (!filters || filters.length === 0) throw new AtlasError('MISSING_ATTRIBUTE', ['outageFilters']);
    const electable = new Map<string, number>();
    for (const shard of c.shards) {
      for (const rc of shard.regionConfigs) {
        const key = `${rc.providerName}/${rc.regionName}`;
        electable.set(key, (electable.get(key) ?? 0) + rc.electableSpecs.nodeCount);
      }
    }
    if (electable.size < 2) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', ['an outage can only be simulated on a multi-region cluster']);
    const chosen: OutageSimulation['outageFilters'] = [];
    for (const f of filters) {
      if (f.cloudProvider === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['outageFilters.cloudProvider']);
      if (f.regionName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['outageFilters.regionName']);
      if (f.cloudProvider === 'AZURE') throw new AtlasError('INVALID_PROVIDER', ['AZURE']);
      if (f.cloudProvider !== 'AWS' && f.cloudProvider !== 'GCP') throw new AtlasError('INVALID_PROVIDER', [f.cloudProvider]);
      const key = `${f.cloudProvider}/${f.regionName}`;
      if (!electable.has(key)) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', [`the cluster has no nodes in ${f.cloudProvider} ${f.regionName}`]);
      if (chosen.some((x) => `${x.cloudProvider}/${x.regionName}` === key)) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', [`${f.cloudProvider} ${f.regionName} is named twice`]);
      chosen.push({ cloudProvider: f.cloudProvider, regionName: f.regionName, type: 'REGION' });
    }
    const remaining = [...electable].filter(([k]) => !chosen.some((x) => `${x.cloudProvider}/${x.regionName}` === k)).reduce((n, [, v]) => n + v, 0);
    if (remaining === 0) throw new AtlasError('CLUSTER_OUTAGE_SIMULATION_INVALID_FILTERS', ['at least one electable node must remain outside the outage']);
    const now = this.clock.now();
    const sim: OutageSimulation = {
      id: this.world.ids.next(),
      groupId,
      clusterName,
      clusterId: c.id,
      outageFilters: chosen,
      started: now,
      ...start(this.world.lifecycle, START_PATH, now, 'outageSimulation'),
    };
    return this.insert(sim);
  }

  /**
   * Ends the simulation: RECOVERY_REQUESTED now, then RECOVERING and COMPLETE. Ending one
   * that is already recovering answers it as it is (Atlas restores the network once).
   */
  endSimulation(groupId: string, clusterName: string): OutageSimulation {
    const s = this.get(groupId, clusterName);
    if (START_PATH.includes(s.status)) Object.assign(s, start(this.world.lifecycle, END_PATH, this.clock.now(), 'outageSimulation'));
    return s;
  }

  /** Whether the cluster has a simulation that blocks its deletion. */
  blocksDeletion(c: Cluster): boolean {
    return this.current(c) !== undefined;
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    const done: CompletedTransition[] = [];
    const kind: LifecycleKind = 'outageSimulation';
    if (filter.kind !== undefined && filter.kind !== kind) return [];
    for (const s of [...this.values()]) {
      if ((filter.groupId !== undefined && s.groupId !== filter.groupId) || (filter.name !== undefined && s.clusterName !== filter.name)) continue;
      if (!completeSteps(this.world.lifecycle, s, pathOf, this.clock.now(), { kind, all: filter.all })) continue;
      done.push({ kind, groupId: s.groupId, name: s.clusterName, to: s.status === GONE ? 'DELETED' : s.status });
      if (s.status === GONE) this.remove(s.id);
    }
    return done;
  }
}
