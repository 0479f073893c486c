/**
 * Lifecycle transitions (cluster CREATING -> IDLE, DELETING -> gone, ...) are computed
 * lazily from the simulation clock whenever state is read; there are no timers. Each
 * kind of transition has one delay setting: a number of simulated seconds (0 means
 * immediate) or `manual`, which waits for `completeManual` (control plane
 * `POST /_mock/lifecycle/complete`).
 */
export type Delay = number | 'manual';

export const CLUSTER_LIFECYCLE_KINDS = ['clusterCreate', 'clusterUpdate', 'clusterDelete'] as const;
export type ClusterLifecycleKind = (typeof CLUSTER_LIFECYCLE_KINDS)[number];
export const LIFECYCLE_KINDS = [...CLUSTER_LIFECYCLE_KINDS, 'peeringConnect', 'peeringDelete', 'sampleDatasetLoad', 'privateEndpointCreate', 'privateEndpointDelete', 'liveMigration', 'searchIndexBuild', 'searchNodes', 'outageSimulation'] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];
export type LifecycleDelays = Record<LifecycleKind, Delay>;

/**
 * Short enough that a local user's Terraform apply does not wait minutes, long enough
 * that clients see the intermediate state as they do against Atlas.
 */
export const DEFAULT_LIFECYCLE_DELAYS: LifecycleDelays = {
  clusterCreate: 10,
  clusterUpdate: 5,
  clusterDelete: 5,
  // A peering connection waits for the customer's side; `manual` holds it there.
  peeringConnect: 10,
  peeringDelete: 5,
  sampleDatasetLoad: 10,
  // Each step of a private endpoint service, interface endpoint or key-management
  // endpoint (INITIATING -> AVAILABLE, PENDING_ACCEPTANCE -> PENDING -> AVAILABLE, ...).
  privateEndpointCreate: 5,
  privateEndpointDelete: 5,
  // Each step of a live migration (NEW -> WORKING -> ready for cutover, cutover ->
  // COMPLETE) and of its validation (PENDING -> SUCCESS or FAILED).
  liveMigration: 10,
  // Each step of an Atlas Search index build (PENDING -> BUILDING -> READY, and again after a
  // definition change).
  searchIndexBuild: 5,
  // Search nodes being deployed, resized or removed (UPDATING -> IDLE, gone).
  searchNodes: 10,
  // Each step of an outage simulation (START_REQUESTED -> STARTING -> SIMULATING, and
  // RECOVERY_REQUESTED -> RECOVERING -> COMPLETE).
  outageSimulation: 5,
};

/** A transition in flight: becomes `to` at `at` (epoch ms), or on manual completion when `at` is null. */
export interface PendingTransition<S extends string> {
  to: S;
  at: number | null;
}

/** Narrows `completeManual` to some transitions; every given field must match. */
export interface ManualFilter {
  /**
   * Also transitions waiting on a delay in seconds, completed now instead of at their due
   * instant: the way to finish lifecycles without moving the clock, which would expire
   * tokens and nonces of clients that keep their own time.
   */
  all?: boolean;
  kind?: LifecycleKind;
  groupId?: string;
  /** Name of the resource (cluster name, ...). */
  name?: string;
}

/** A manual transition that was completed. */
export interface CompletedTransition {
  kind: LifecycleKind;
  groupId: string;
  name: string;
  /** State the resource reached (`IDLE`, or `DELETED` when it is gone). */
  to: string;
}

/** A domain module whose resources can wait on `manual` transitions. */
export interface LifecycleParticipant {
  completeManual(filter: ManualFilter): CompletedTransition[];
}

export class LifecycleSettings {
  #delays: LifecycleDelays;
  readonly #participants: LifecycleParticipant[] = [];

  constructor(overrides: Partial<LifecycleDelays> = {}) {
    this.#delays = { ...DEFAULT_LIFECYCLE_DELAYS, ...overrides };
  }

  get(): LifecycleDelays {
    return { ...this.#delays };
  }

  set(delays: Partial<LifecycleDelays>): void {
    for (const [k, v] of Object.entries(delays)) {
      if (!(LIFECYCLE_KINDS as readonly string[]).includes(k)) throw new RangeError(`unknown lifecycle kind ${k}`);
      if (v !== 'manual' && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError(`bad delay for ${k}`);
    }
    this.#delays = { ...this.#delays, ...delays };
  }

  /** Registers a module that holds manual transitions (see `completeManual`). */
  addParticipant(participant: LifecycleParticipant): void {
    this.#participants.push(participant);
  }

  /** Completes every waiting `manual` transition that matches (every pending one with `all`), now. */
  completeManual(filter: ManualFilter = {}): CompletedTransition[] {
    return this.#participants.flatMap((p) => p.completeManual(filter));
  }

  /** Starts a transition of `kind` at `now`. */
  schedule<S extends string>(kind: LifecycleKind, to: S, now: number): PendingTransition<S> {
    const d = this.#delays[kind];
    return { to, at: d === 'manual' ? null : now + d * 1000 };
  }
}
