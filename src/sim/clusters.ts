import { z } from 'zod';
import { AUTO_SCALING_MODES, EMPLOYEE_GRANT_TYPES } from '../../contracts/api/vocabulary.js';
import { configureCluster, hostnamePrefix, HOSTNAME_PREFIX_LENGTH } from './clusterConfiguration.js';
import type { ClusterInput, SpecLayout } from './clusterInput.js';
import { canonical, DescriptionRecord } from './clusterRecords.js';
import { DueQueue } from './dueQueue.js';
import type { ClusterUsage } from './billing.js';
import { AtlasError } from './errors.js';
import { tierOf } from './instanceSizes.js';
import { CLUSTER_LIFECYCLE_KINDS, type ClusterLifecycleKind, type CompletedTransition, type LifecycleKind, type LifecycleParticipant, type ManualFilter } from './lifecycle.js';
import type { Principal } from './principals.js';
import { LOWER_ALNUM } from './random.js';
import { rolesOnGroup, satisfiesAny } from './roles.js';
import { applyProcessArgs, defaultProcessArgs, ProcessArgsRecord, type ProcessArgs, type ProcessArgsInput } from './processArgs.js';
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

/** An FCV pin lasts at most this long, and this long when no date is given (the document). */
export const FCV_PIN_MAX_DAYS = 28;
const DAY_MS = 86_400_000;

export const ClusterRecord = DescriptionRecord.extend({
  id: z.string(),
  groupId: z.string(),
  name: z.string(),
  /** `createDate`, epoch ms. */
  created: z.number(),
  hostId: z.string(),
  replicaSetId: z.string(),
  hostsReady: z.boolean(),
  /** When the hosts first came up (the first IDLE): processes are `created` then. */
  readyAt: z.number().optional(),
  stateName: z.enum(['CREATING', 'UPDATING', 'IDLE', 'DELETING']),
  /** The transition in flight: `at` epoch ms, or null for a manual one. */
  pending: z.object({ kind: z.enum(CLUSTER_LIFECYCLE_KINDS), at: z.number().nullable() }).optional(),
  /** `retainBackups` of the delete request. */
  retainBackups: z.boolean(),
  /** When the cluster was last resumed (pausing again must wait). */
  resumedAt: z.number().optional(),
  /** Process arguments changed from their defaults (absent: all defaults). */
  processArgs: ProcessArgsRecord.optional(),
  /** How auto-scaling applies to shards (absent: CLUSTER_WIDE_SCALING). */
  autoScalingMode: z.enum(AUTO_SCALING_MODES).optional(),
  /** A pinned feature compatibility version, until `expires` (epoch ms). */
  fcvPin: z.object({ version: z.string(), pinned: z.number(), expires: z.number() }).optional(),
  /** MongoDB employee access, until `expires` (epoch ms). */
  employeeAccess: z.object({ grantType: z.enum(EMPLOYEE_GRANT_TYPES), expires: z.number() }).optional(),
  /** A failover test is under way (until the update it started completes). */
  restarting: z.boolean().optional(),
  /** Since when cloud backup has run: the first IDLE instant with `backupEnabled` (snapshots start there). */
  backupSince: z.number().optional(),
  /** Since when continuous backup has run (the start of the point-in-time window). */
  pitSince: z.number().optional(),
  /** A restore into this cluster runs until then: UPDATING, and no update accepted meanwhile. */
  restoringUntil: z.number().optional(),
});
export type Cluster = z.infer<typeof ClusterRecord>;
export type AutoScalingMode = (typeof AUTO_SCALING_MODES)[number];
export type EmployeeGrantType = (typeof EMPLOYEE_GRANT_TYPES)[number];

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
const COMPLETION_EVENTS: Readonly<Partial<Record<LifecycleKind, string>>> = {
  clusterCreate: 'CLUSTER_READY',
  clusterUpdate: 'CLUSTER_UPDATE_COMPLETED',
  clusterDelete: 'CLUSTER_DELETED',
};

/** What billing needs of a cluster: its nodes by provider, region and size, and whether it is paused. */
function usageOf(c: Cluster): ClusterUsage {
  const hardware = c.shards.flatMap((s) =>
    s.regionConfigs.flatMap((rc) =>
      [rc.electableSpecs, rc.readOnlySpecs, rc.analyticsSpecs].map((h) => ({ providerName: rc.providerName, regionName: rc.regionName, instanceSize: h.instanceSize, nodeCount: h.nodeCount })),
    ),
  );
  return { id: c.id, groupId: c.groupId, name: c.name, paused: c.paused, hardware };
}

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

  /** A rolled-back transition is due again. */
  protected override onRestored(c: Cluster): void {
    this.#track(c);
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
  #pending(kind: ClusterLifecycleKind): NonNullable<Cluster['pending']> {
    return { kind, at: this.world.lifecycle.schedule(kind, kind, this.world.clock.now()).at };
  }

  /** Starts a transition of a cluster already in the table. */
  #schedule(c: Cluster, kind: ClusterLifecycleKind): void {
    c.pending = this.#pending(kind);
    this.#track(c);
  }

  /** Completes every transition due by now. Cheap when none is due. */
  settle(): void {
    const now = this.world.clock.now();
    if (!this.#due.hasDue(now)) return;
    // A commit of its own (or part of the request's, inside one): what a read completes is
    // saved, and a failing request cannot undo it with its due entries already popped.
    this.world.atomically(() => {
      for (let e = this.#due.popDue(now); e; e = this.#due.popDue(now)) {
        const c = this.rows.get(e.key);
        // Entries of rescheduled, completed or removed transitions are stale.
        if (c?.pending && c.pending.at === e.at) this.#complete(c, e.at);
      }
    });
  }

  /** Finishes the transition in flight, as of `at` (events carry that instant). */
  #complete(c: Cluster, at: number): CompletedTransition {
    const kind = c.pending!.kind;
    const key = keyOf(c.groupId, c.name);
    this.world.clock.runAt(at, () => {
      if (kind === 'clusterDelete') this.remove(key);
      else {
        c.stateName = 'IDLE';
        if (c.backupEnabled) c.backupSince ??= at;
        if (c.backupEnabled && c.pitEnabled) c.pitSince ??= at;
        c.hostsReady = true;
        c.readyAt ??= at;
        delete c.pending;
        delete c.restarting;
        this.#manual.delete(key);
      }
      this.world.events.record(COMPLETION_EVENTS[kind] ?? kind, this.#scope(c), SYSTEM, { clusterName: c.name });
    });
    return { kind, groupId: c.groupId, name: c.name, to: kind === 'clusterDelete' ? 'DELETED' : 'IDLE' };
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    this.settle();
    const done: CompletedTransition[] = [];
    // Timed ones in the order their instants would have come.
    const timed = filter.all
      ? this.#due
          .entries()
          .filter((e) => this.rows.get(e.key)?.pending?.at === e.at)
          .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1))
          .map((e) => e.key)
      : [];
    for (const key of [...this.#manual, ...timed]) {
      const c = this.rows.get(key);
      if (!c?.pending || (c.pending.at !== null && !filter.all)) continue;
      if (filter.kind !== undefined && c.pending.kind !== filter.kind) continue;
      if (filter.groupId !== undefined && c.groupId !== filter.groupId) continue;
      if (filter.name !== undefined && c.name !== filter.name) continue;
      done.push(this.#complete(c, this.world.clock.now()));
    }
    return done;
  }

  /**
   * Cluster events belong to the project feed only: Atlas's organization feed has none
   * (recorded), and its project events carry no orgId.
   */
  #scope(c: Cluster): { groupId: string } {
    return { groupId: c.groupId };
  }

  // -------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------

  /** The cluster named `name` in the project, if any (DELETING ones included until gone). */
  findInGroup(groupId: string, name: string): Cluster | undefined {
    this.settle();
    const c = this.#byGroup.get(groupId)?.byName.get(name);
    // Reached through the index: callers may change it in place.
    if (c) this.touch(c);
    return c;
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
   * `POST /clusterConfigurations:validate` (2026-08 document): the checks a create (or,
   * with `editing`, an update of `clusterName`) would make, without making it. Returns the
   * refusal the real request would get, or nothing when it would pass. Decisions: one
   * refusal, the first (as the real request reports one); an edit of a cluster that does
   * not exist is that refusal (CLUSTER_NOT_FOUND, the document's example code); nothing is
   * drawn from the id generator, so a validation changes no state at all.
   */
  validateConfiguration(groupId: string, input: ClusterInput, editing: { clusterName?: string | undefined } | undefined): AtlasError | undefined {
    this.settle();
    const project = this.world.projects.get(groupId);
    const options = {
      layout: 'shards' as const,
      restriction: project.regionUsageRestrictions,
      groupId,
      newId: () => '000000000000000000000000',
      encryptionAtRestEnabled: (p: Parameters<World['encryptionAtRest']['enabledFor']>[1]) => this.world.encryptionAtRest.enabledFor(groupId, p),
    };
    try {
      if (editing) {
        const c = this.get(groupId, editing.clusterName ?? input.name ?? '');
        if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [c.name]);
        configureCluster(input, { ...options, current: c });
      } else {
        if (this.countIn(groupId) >= this.world.projectSettings.limitValue(groupId, 'atlas.project.deployment.clusters')) throw new AtlasError('DEFAULT_CONFIG_LIMIT_EXCEPTION', []);
        configureCluster(input, {
          ...options,
          checkName: (n) => {
            const g = this.#byGroup.get(groupId);
            if (g?.byName.has(n)) throw new AtlasError('DUPLICATE_CLUSTER_NAME', [`cluster or serverless instance ${n}`, groupId]);
            if (g?.byPrefix.has(hostnamePrefix(n))) throw new AtlasError('DUPLICATE_CLUSTER_NAME_PREFIX', [n, HOSTNAME_PREFIX_LENGTH]);
          },
        });
      }
      return undefined;
    } catch (e) {
      if (e instanceof AtlasError) return e;
      throw e;
    }
  }

  /**
   * Creates a cluster: CREATING now, IDLE after the `clusterCreate` delay. Names are
   * unique per project, and so are their first 23 characters (host names).
   */
  create(groupId: string, input: ClusterInput, layout: SpecLayout, actor: Actor, scaling: AutoScalingMode = 'CLUSTER_WIDE_SCALING'): Cluster {
    this.settle();
    const project = this.world.projects.get(groupId);
    // The project limit `atlas.project.deployment.clusters` (default 25), checked before the
    // description like Atlas's other per-project limits. Decision: Atlas documents no code
    // of its own for a full project; DEFAULT_CONFIG_LIMIT_EXCEPTION is the published code of
    // the project-limit ("config limit") checks, so a full project answers that.
    if (this.countIn(groupId) >= this.world.projectSettings.limitValue(groupId, 'atlas.project.deployment.clusters')) {
      throw new AtlasError('DEFAULT_CONFIG_LIMIT_EXCEPTION', []);
    }
    const { name, description } = configureCluster(input, {
      layout,
      restriction: project.regionUsageRestrictions,
      groupId,
      newId: () => this.world.ids.next(),
      encryptionAtRestEnabled: (p) => this.world.encryptionAtRest.enabledFor(groupId, p),
      checkName: (n) => {
        const g = this.#byGroup.get(groupId);
        if (g?.byName.has(n)) throw new AtlasError('DUPLICATE_CLUSTER_NAME', [`cluster or serverless instance ${n}`, groupId]);
        if (g?.byPrefix.has(hostnamePrefix(n))) throw new AtlasError('DUPLICATE_CLUSTER_NAME_PREFIX', [n, HOSTNAME_PREFIX_LENGTH]);
      },
    });
    this.world.resourcePolicies.checkCluster(groupId, description.shards.flatMap((s) => s.regionConfigs));
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
      autoScalingMode: scaling,
    };
    this.insert(cluster);
    this.world.networkContainers.ensureFor(groupId, cluster.shards.flatMap((s) => s.regionConfigs));
    this.world.billing.track(usageOf(cluster));
    this.world.events.record('CLUSTER_CREATED', { groupId }, actor, { clusterName: name });
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
  update(groupId: string, name: string, input: ClusterInput, layout: SpecLayout, actor: Actor, caller: Principal, scaling?: AutoScalingMode): Cluster {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (c.restoringUntil !== undefined && this.world.clock.now() < c.restoringUntil) throw new AtlasError('CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE', []);
    const project = this.world.projects.get(groupId);
    const { description } = configureCluster(input, {
      layout,
      restriction: project.regionUsageRestrictions,
      groupId,
      current: c,
      newId: () => this.world.ids.next(),
      encryptionAtRestEnabled: (p) => this.world.encryptionAtRest.enabledFor(groupId, p),
    });
    this.world.resourcePolicies.checkCluster(groupId, description.shards.flatMap((s) => s.regionConfigs));

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

    this.world.backups.checkClusterChange(c, description);
    if (c.paused && !description.paused) c.resumedAt = now;
    Object.assign(c, description);
    // Replication specs sent through a version that scales shards independently switch the cluster to it.
    if (scaling && isSetSpecs(input)) c.autoScalingMode = scaling;
    this.world.networkContainers.ensureFor(groupId, c.shards.flatMap((s) => s.regionConfigs));
    this.world.billing.track(usageOf(c));
    // Turning backup off ends it (its snapshots go); turning it on again starts afresh.
    if (!c.backupEnabled) delete c.backupSince;
    if (!c.backupEnabled || !c.pitEnabled) delete c.pitSince;
    this.#startUpdate(c, project.orgId, actor);
    return c;
  }

  /** A change was applied: UPDATING until the `clusterUpdate` delay has passed (a cluster still CREATING stays so). */
  #startUpdate(c: Cluster, orgId: string, actor: Actor): void {
    if (c.stateName !== 'CREATING') {
      c.stateName = 'UPDATING';
      this.#schedule(c, 'clusterUpdate');
    }
    this.world.events.record('CLUSTER_UPDATE_SUBMITTED', { groupId: c.groupId }, actor, { clusterName: c.name });
  }

  /** The cluster's process arguments. */
  processArgsOf(c: Cluster): ProcessArgs {
    return c.processArgs ?? defaultProcessArgs();
  }

  /**
   * Changes process arguments (`PATCH processArgs`), TLS settings included: the cluster
   * goes through UPDATING as for any change (wire-facts-wave2 5.2); a PATCH that changes
   * nothing changes no state. A cluster being deleted or paused refuses.
   */
  updateProcessArgs(groupId: string, name: string, input: ProcessArgsInput, actor: Actor): Cluster {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [name]);
    const project = this.world.projects.get(groupId);
    const { args, tls } = applyProcessArgs(input, this.processArgsOf(c), c.advancedConfiguration, c.diskSizeGB);
    if (canonical(args) === canonical(this.processArgsOf(c)) && canonical(tls) === canonical(c.advancedConfiguration)) return c;
    c.processArgs = args;
    c.advancedConfiguration = tls;
    this.#startUpdate(c, project.orgId, actor);
    return c;
  }

  /**
   * A cluster as the all-projects listing summarises it. Decisions: a running cluster is
   * `available` (UPDATING included: rolling changes keep it serving), one still being
   * built or torn down `unavailable`, a paused one `dead`; the node count is its data
   * nodes; no monitoring runs, so no alerts and no data size.
   */
  summaryOf(c: Cluster): { availability: 'available' | 'dead' | 'unavailable'; nodeCount: number; type: 'REPLICA_SET' | 'SHARDED_CLUSTER' } {
    const availability = c.paused ? 'dead' : c.stateName === 'IDLE' || c.stateName === 'UPDATING' ? 'available' : 'unavailable';
    let nodeCount = 0;
    for (const s of c.shards) for (const rc of s.regionConfigs) nodeCount += rc.electableSpecs.nodeCount + rc.readOnlySpecs.nodeCount + rc.analyticsSpecs.nodeCount;
    return { availability, nodeCount, type: c.clusterType === 'SHARDED' ? 'SHARDED_CLUSTER' : 'REPLICA_SET' };
  }

  /** `GET autoScalingConfiguration`. */
  autoScalingModeOf(c: Cluster): AutoScalingMode {
    return c.autoScalingMode ?? 'CLUSTER_WIDE_SCALING';
  }

  /** A cluster that takes changes: not being deleted, not paused. */
  #changeable(groupId: string, name: string): Cluster {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (c.paused) throw new AtlasError('CANNOT_UPDATE_PAUSED_CLUSTER', [name]);
    return c;
  }

  /**
   * Starts a failover test: the primary steps down and the cluster is UPDATING until the
   * `clusterUpdate` delay has passed. Only a healthy (IDLE, running) cluster can be
   * tested, one test at a time.
   */
  testFailover(groupId: string, name: string, actor: Actor): void {
    const c = this.get(groupId, name);
    if (c.restarting) throw new AtlasError('CLUSTER_RESTART_IN_PROGRESS', []);
    if (c.stateName !== 'IDLE' || c.paused) throw new AtlasError('CLUSTER_RESTART_INVALID', []);
    c.restarting = true;
    c.stateName = 'UPDATING';
    this.#schedule(c, 'clusterUpdate');
    this.world.events.record('TEST_FAILOVER_REQUESTED', this.#scope(c), actor, { clusterName: name });
  }

  /** The pin in force (an expired one has lapsed). */
  fcvPinOf(c: Cluster): Cluster['fcvPin'] {
    return c.fcvPin && c.fcvPin.expires > this.world.clock.now() ? c.fcvPin : undefined;
  }

  /**
   * Pins the feature compatibility version to the current major, until `expires` (at most
   * four weeks after the pin was made; four weeks when not given). A second pin only moves
   * the date (the document). Not for clusters on rapid release. The cluster applies it
   * through UPDATING, which Terraform waits for.
   */
  pinFcv(groupId: string, name: string, expires: number | undefined, actor: Actor): void {
    const c = this.#changeable(groupId, name);
    if (c.versionReleaseSystem === 'CONTINUOUS') {
      throw new AtlasError('ATLAS_GENERAL_ERROR', ['Feature compatibility version pinning is not available for clusters on rapid release']);
    }
    const now = this.world.clock.now();
    const current = this.fcvPinOf(c);
    const pinned = current?.pinned ?? now;
    const until = expires ?? pinned + FCV_PIN_MAX_DAYS * DAY_MS;
    if (until <= now || until > pinned + FCV_PIN_MAX_DAYS * DAY_MS) throw new AtlasError('INVALID_ATTRIBUTE', ['expirationDate']);
    c.fcvPin = { version: current?.version ?? c.mongoDBMajorVersion, pinned, expires: until };
    this.world.events.record(current ? 'CLUSTER_FCV_EXPIRATION_DATE_UPDATED' : 'CLUSTER_FCV_FIXED', this.#scope(c), actor, { clusterName: name });
    this.#startUpdate(c, this.world.projects.get(groupId).orgId, actor);
  }

  /**
   * Removes the pin. Decision: a cluster without a pin answers as if it was removed (the
   * document names no error for it, and Terraform unpins without reading first).
   */
  unpinFcv(groupId: string, name: string, actor: Actor): void {
    const c = this.#changeable(groupId, name);
    if (c.versionReleaseSystem === 'CONTINUOUS') {
      throw new AtlasError('ATLAS_GENERAL_ERROR', ['Feature compatibility version pinning is not available for clusters on rapid release']);
    }
    if (!this.fcvPinOf(c)) {
      delete c.fcvPin;
      return;
    }
    delete c.fcvPin;
    this.world.events.record('CLUSTER_FCV_UNFIXED', this.#scope(c), actor, { clusterName: name });
    this.#startUpdate(c, this.world.projects.get(groupId).orgId, actor);
  }

  /** The employee access grant in force (an expired one has lapsed). */
  employeeAccessOf(c: Cluster): Cluster['employeeAccess'] {
    return c.employeeAccess && c.employeeAccess.expires > this.world.clock.now() ? c.employeeAccess : undefined;
  }

  /** Grants MongoDB employees access to the cluster until `expires` (in the future). */
  grantEmployeeAccess(groupId: string, name: string, grantType: EmployeeGrantType, expires: number, actor: Actor): void {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (expires <= this.world.clock.now()) throw new AtlasError('INVALID_ATTRIBUTE', ['expirationTime']);
    c.employeeAccess = { grantType, expires };
    this.world.events.record('EMPLOYEE_ACCESS_GRANTED', this.#scope(c), actor, { clusterName: name });
  }

  /** Revokes the grant; a cluster without one is left as it is. */
  revokeEmployeeAccess(groupId: string, name: string, actor: Actor): void {
    const c = this.get(groupId, name);
    if (!this.employeeAccessOf(c)) {
      delete c.employeeAccess;
      return;
    }
    delete c.employeeAccess;
    this.world.events.record('EMPLOYEE_ACCESS_REVOKED', this.#scope(c), actor, { clusterName: name });
  }

  /**
   * Deletes a cluster: DELETING now, gone after the `clusterDelete` delay. Termination
   * protection blocks it with the recorded error, whose one parameter is a sentence.
   */
  delete(groupId: string, name: string, actor: Actor, options: { retainBackups?: boolean } = {}): void {
    const c = this.get(groupId, name);
    if (c.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [name]);
    if (this.world.outageSimulations.blocksDeletion(c)) {
      throw new AtlasError('CANNOT_TERMINATE_CLUSTER_WITH_UNDERGOING_REGIONAL_OUTAGE_SIMULATION', [name, groupId]);
    }
    if (c.terminationProtectionEnabled) {
      throw new AtlasError('CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED', [
        `Cannot terminate cluster ${name} in group ${groupId} because termination protection is enabled. Disable termination protection and try again.`,
      ]);
    }
    c.stateName = 'DELETING';
    // Charges stop with the deletion request.
    this.world.billing.stop(c.id);
    // Backups stop with the deletion request (recorded: backupEnabled reads false while DELETING).
    c.backupEnabled = false;
    c.retainBackups = options.retainBackups ?? false;
    this.#schedule(c, 'clusterDelete');
    this.world.events.record('CLUSTER_DELETE_SUBMITTED', this.#scope(c), actor, { clusterName: name });
  }

  /** A restore into `c` until `until` (epoch ms): UPDATING until then, refusing updates. */
  startRestore(c: Cluster, until: number): void {
    c.restoringUntil = until;
    c.stateName = 'UPDATING';
    c.pending = { kind: 'clusterUpdate', at: Math.max(until, c.pending?.at ?? 0) };
    this.#track(c);
  }
}

const isSetSpecs = (input: ClusterInput): boolean => input.replicationSpecs !== null && input.replicationSpecs !== undefined;

/** The events of completed transitions are the system's, not the caller's. */
const SYSTEM: Actor = { kind: 'SYSTEM', id: 'system' };

/** `c`'s values of the keys `shape` has (for comparing configurations). */
function pick<T extends object>(c: object, shape: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) out[k] = (c as Record<string, unknown>)[k];
  return out as T;
}
