import { z } from 'zod';
import { configureCluster, hostnamePrefix, HOSTNAME_PREFIX_LENGTH } from './clusterConfiguration.js';
import type { ClusterInput, SpecLayout } from './clusterInput.js';
import { canonical, DescriptionRecord } from './clusterRecords.js';
import { DueQueue } from './dueQueue.js';
import { AtlasError } from './errors.js';
import { tierOf } from './instanceSizes.js';
import { LIFECYCLE_KINDS, type CompletedTransition, type LifecycleKind, type LifecycleParticipant, type ManualFilter } from './lifecycle.js';
import type { Principal } from './principals.js';
import { LOWER_ALNUM } from './random.js';
import { rolesOnGroup, satisfiesAny } from './roles.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

/**
 * Dedicated clusters of projects: their records, their lifecycle and the rules that need
 * more than one cluster (name uniqueness) or the clock (pause after resume).
 *
 * Lifecycle (wire-facts F): create -> CREATING -> IDLE; update -> UPDATING -> IDLE;
 * delete -> DELETING -> gone (then 404 CLUSTER_NOT_FOUND). Transitions are computed
 * lazily: every read first settles the transitions that are due on the simulation clock
 * (a queue ordered by due time, so settling costs nothing when nothing is due), and
 * `manual` ones wait for `completeManual` (control plane `POST /_mock/lifecycle/complete`).
 */
export const ClusterRecord = DescriptionRecord.extend({
  id: z.string(),
  groupId: z.string(),
  name: z.string(),
  /** `createDate`, epoch ms. */
  created: z.number(),
  hostId: z.string(),
  replicaSetId: z.string(),
  hostsReady: z.boolean(),
  stateName: z.enum(['CREATING', 'UPDATING', 'IDLE', 'DELETING']),
  /** The transition in flight: `at` epoch ms, or null for a manual one. */
  pending: z.object({ kind: z.enum(LIFECYCLE_KINDS), at: z.number().nullable() }).optional(),
  /** `retainBackups` of the delete request. */
  retainBackups: z.boolean(),
  /** When the cluster was last resumed (pausing again must wait). */
  resumedAt: z.number().optional(),
});
export type Cluster = z.infer<typeof ClusterRecord>;

const keyOf = (groupId: string, name: string): string => `${groupId}/${name}`;

/**
 * Clusters of one project: in creation order (list pages slice it, O(page)), by name,
 * and by host-name prefix (two clusters of a project may not share one).
 */
interface GroupIndex {
  order: Cluster[];
  byName: Map<string, Cluster>;
  byPrefix: Map<string, string>;
}

/** A resumed cluster must run this long before it can be paused again (CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER). */
export const RESUME_BEFORE_PAUSE_MINUTES = 60;

/** What Atlas records in the project's activity feed when each transition completes. */
const COMPLETION_EVENTS: Readonly<Record<LifecycleKind, string>> = {
  clusterCreate: 'CLUSTER_READY',
  clusterUpdate: 'CLUSTER_UPDATE_COMPLETED',
  clusterDelete: 'CLUSTER_DELETED',
};

export class Clusters extends Table<Cluster> implements LifecycleParticipant {
  readonly #byGroup = new Map<string, GroupIndex>();
  readonly #due = new DueQueue();
  /** Keys of clusters waiting on a manual transition. */
  readonly #manual = new Set<string>();

  constructor(private readonly world: World) {
    super('clusters', ClusterRecord, (c) => keyOf(c.groupId, c.name), (c) => ({ groupId: c.groupId }));
    world.lifecycle.addParticipant(this);
  }

  protected override onInsert(c: Cluster): void {
    let g = this.#byGroup.get(c.groupId);
    if (!g) this.#byGroup.set(c.groupId, (g = { order: [], byName: new Map(), byPrefix: new Map() }));
    g.order.push(c);
    g.byName.set(c.name, c);
    g.byPrefix.set(hostnamePrefix(c.name), c.name);
    this.#track(c);
  }

  protected override onRemove(c: Cluster): void {
    const g = this.#byGroup.get(c.groupId);
    if (g) {
      const i = g.order.indexOf(c);
      if (i >= 0) g.order.splice(i, 1);
      g.byName.delete(c.name);
      g.byPrefix.delete(hostnamePrefix(c.name));
      if (g.order.length === 0) this.#byGroup.delete(c.groupId);
    }
    this.#manual.delete(keyOf(c.groupId, c.name));
  }

  override clear(): void {
    super.clear();
    this.#due.clear();
    this.#manual.clear();
  }

  /** Puts a pending transition in the due queue or the manual set. */
  #track(c: Cluster): void {
    const key = keyOf(c.groupId, c.name);
    this.#manual.delete(key);
    if (!c.pending) return;
    if (c.pending.at === null) this.#manual.add(key);
    else this.#due.push(c.pending.at, key);
  }

  /** A transition of `kind` starting now (tracked once the record is in the table). */
  #pending(kind: LifecycleKind): NonNullable<Cluster['pending']> {
    return { kind, at: this.world.lifecycle.schedule(kind, kind, this.world.clock.now()).at };
  }

  /** Starts a transition of a cluster already in the table. */
  #schedule(c: Cluster, kind: LifecycleKind): void {
    c.pending = this.#pending(kind);
    this.#track(c);
  }

  /** Completes every transition due by now. Cheap when none is due. */
  settle(): void {
    const now = this.world.clock.now();
    for (let e = this.#due.popDue(now); e; e = this.#due.popDue(now)) {
      const c = this.rows.get(e.key);
      // Entries of rescheduled, completed or removed transitions are stale.
      if (c?.pending && c.pending.at === e.at) this.#complete(c, e.at);
    }
  }

  /** Finishes the transition in flight, as of `at` (events carry that instant). */
  #complete(c: Cluster, at: number): CompletedTransition {
    const kind = c.pending!.kind;
    const key = keyOf(c.groupId, c.name);
    this.world.clock.runAt(at, () => {
      if (kind === 'clusterDelete') this.remove(key);
      else {
        c.stateName = 'IDLE';
        c.hostsReady = true;
        delete c.pending;
        this.#manual.delete(key);
      }
      this.world.events.record(COMPLETION_EVENTS[kind], this.#scope(c), SYSTEM, { clusterName: c.name });
    });
    return { kind, groupId: c.groupId, name: c.name, to: kind === 'clusterDelete' ? 'DELETED' : 'IDLE' };
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    this.settle();
    const done: CompletedTransition[] = [];
    for (const key of [...this.#manual]) {
      const c = this.rows.get(key);
      if (!c?.pending || c.pending.at !== null) continue;
      if (filter.kind !== undefined && c.pending.kind !== filter.kind) continue;
      if (filter.groupId !== undefined && c.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && c.name !== filter.name) continue;
      done.push(this.#complete(c, this.world.clock.now()));
    }
    return done;
  }

  #scope(c: Cluster): { orgId?: string; groupId: string } {
    const orgId = this.world.projects.find(c.groupId)?.orgId;
    return orgId === undefined ? { groupId: c.groupId } : { orgId, groupId: c.groupId };
  }

  // -------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------

  /** The cluster named `name` in the project, if any (DELETING ones included until gone). */
  findInGroup(groupId: string, name: string): Cluster | undefined {
    this.settle();
    return this.#byGroup.get(groupId)?.byName.get(name);
  }

  /** Clusters of a project (what `clusterCount` and project deletion look at). */
  countIn(groupId: string): number {
    this.settle();
    return this.#byGroup.get(groupId)?.order.length ?? 0;
  }

  /** The cluster, or 404 CLUSTER_NOT_FOUND. */
  get(groupId: string, name: string): Cluster {
    const c = this.findInGroup(groupId, name);
    if (!c) throw new AtlasError('CLUSTER_NOT_FOUND', [name, groupId]);
    return c;
  }

  /** A project's clusters in creation order. Read-only: list pages slice it. */
  listIn(groupId: string): readonly Cluster[] {
    this.settle();
    return this.#byGroup.get(groupId)?.order ?? [];
  }

  /**
   * `changeStatus` of `GET /clusters/{name}/status`: PENDING while changes are being
   * applied. The document says deployments of new clusters are not included, so a
   * CREATING cluster reads APPLIED.
   */
  changeStatus(c: Cluster): 'PENDING' | 'APPLIED' {
    return c.stateName === 'UPDATING' || c.stateName === 'DELETING' ? 'PENDING' : 'APPLIED';
  }

  // -------------------------------------------------------------------------
  // Changes
  // -------------------------------------------------------------------------

  /**
   * Creates a cluster: CREATING now, IDLE after the `clusterCreate` delay. Names are
   * unique per project, and so are their first 23 characters (host names).
   */
  create(groupId: string, input: ClusterInput, layout: SpecLayout, actor: Actor): Cluster {
    this.settle();
    const project = this.world.projects.get(groupId);
    const { name, description } = configureCluster(input, {
      layout,
      restriction: project.regionUsageRestrictions,
      groupId,
      newId: () => this.world.ids.next(),
      checkName: (n) => {
        const g = this.#byGroup.get(groupId);
        if (g?.byName.has(n)) throw new AtlasError('DUPLICATE_CLUSTER_NAME', [`cluster or serverless instance ${n}`, groupId]);
        if (g?.byPrefix.has(hostnamePrefix(n))) throw new AtlasError('DUPLICATE_CLUSTER_NAME_PREFIX', [n, HOSTNAME_PREFIX_LENGTH]);
      },
    });
    const cluster: Cluster = {
      ...description,
      id: this.world.ids.next(),
      groupId,
      name,
      created: this.world.clock.now(),
      hostId: this.world.random.chars(6, LOWER_ALNUM),
      replicaSetId: this.world.random.chars(6, LOWER_ALNUM),
      hostsReady: false,
      stateName: 'CREATING',
      pending: this.#pending('clusterCreate'),
      retainBackups: false,
    };
    this.insert(cluster);
    this.world.events.record('CLUSTER_CREATED', { orgId: project.orgId, groupId }, actor, { clusterName: name });
    return cluster;
  }

  /**
   * Updates a cluster: its new configuration shows at once, with UPDATING until the
   * `clusterUpdate` delay has passed (a cluster still CREATING stays so). A request that
   * changes nothing changes no state.
   *
   * Pause rules (OpenAPI updateCluster, error catalog): a paused cluster accepts nothing
   * but `paused: false`; pausing is a change on its own; only an IDLE cluster can be
   * paused, not an NVMe one, and not within an hour of being resumed. Changing
   * termination protection takes Project Owner.
   */
  update(groupId: string, name: string, input: ClusterInput, layout: SpecLayout, actor: Actor, caller: Principal): Cluster {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    const project = this.world.projects.get(groupId);
    const { description } = configureCluster(input, { layout, restriction: project.regionUsageRestrictions, groupId, current: c, newId: () => this.world.ids.next() });

    const mayChangeTerminationProtection = satisfiesAny(rolesOnGroup(caller, groupId, project.orgId), ['GROUP_OWNER']);
    if (description.terminationProtectionEnabled !== c.terminationProtectionEnabled && !mayChangeTerminationProtection) {
      throw new AtlasError('USER_UNAUTHORIZED', []);
    }
    const otherChanges = canonical({ ...description, paused: c.paused }) !== canonical(pick(c, description));
    const now = this.world.clock.now();
    if (c.paused) {
      if (otherChanges) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [name]);
      if (input.paused === true) throw new AtlasError('CLUSTER_ALREADY_PAUSED', []);
    } else if (description.paused) {
      if (otherChanges) throw new AtlasError('CANNOT_UPDATE_AND_PAUSE_CLUSTER', [name]);
      if (c.stateName !== 'IDLE') throw new AtlasError('CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES', []);
      if (c.shards.some((s) => s.regionConfigs.some((rc) => tierOf(rc.providerName, rc.electableSpecs.instanceSize)?.nvme))) {
        throw new AtlasError('CANNOT_PAUSE_NVME_CLUSTER', []);
      }
      if (c.resumedAt !== undefined && now - c.resumedAt < RESUME_BEFORE_PAUSE_MINUTES * 60_000) {
        throw new AtlasError('CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER', [RESUME_BEFORE_PAUSE_MINUTES]);
      }
    }
    if (!otherChanges && description.paused === c.paused) return c;

    if (c.paused && !description.paused) c.resumedAt = now;
    Object.assign(c, description);
    if (c.stateName !== 'CREATING') {
      c.stateName = 'UPDATING';
      this.#schedule(c, 'clusterUpdate');
    }
    this.world.events.record('CLUSTER_UPDATE_SUBMITTED', { orgId: project.orgId, groupId }, actor, { clusterName: name });
    return c;
  }

  /**
   * Deletes a cluster: DELETING now, gone after the `clusterDelete` delay. Termination
   * protection blocks it with the recorded error, whose one parameter is a sentence.
   */
  delete(groupId: string, name: string, actor: Actor, options: { retainBackups?: boolean } = {}): void {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (c.terminationProtectionEnabled) {
      throw new AtlasError('CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED', [
        `Cannot terminate cluster ${name} in group ${groupId} because termination protection is enabled. Disable termination protection and try again.`,
      ]);
    }
    c.stateName = 'DELETING';
    c.retainBackups = options.retainBackups ?? false;
    this.#schedule(c, 'clusterDelete');
    this.world.events.record('CLUSTER_DELETE_SUBMITTED', this.#scope(c), actor, { clusterName: name });
  }
}

/** The events of completed transitions are the system's, not the caller's. */
const SYSTEM: Actor = { kind: 'SYSTEM', id: 'system' };

/** `c`'s values of the keys `shape` has (for comparing configurations). */
function pick<T extends object>(c: object, shape: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) out[k] = (c as Record<string, unknown>)[k];
  return out as T;
}
