import { z } from 'zod';
import { LIFECYCLE_KINDS, type LifecycleKind, type LifecycleSettings } from './lifecycle.js';

/**
 * Statuses of networking resources that move along a fixed path of states, one
 * lifecycle delay per step (a private endpoint service INITIATING -> AVAILABLE, an AWS
 * interface endpoint PENDING_ACCEPTANCE -> PENDING -> AVAILABLE, anything DELETING ->
 * gone). Like the clusters, nothing runs on a timer: the owner settles a record whenever
 * it is read, walking every step that is due on the clock, and a `manual` delay waits for
 * `completeStep` (control plane `POST /_mock/lifecycle/complete`).
 */
export const StepRecord = z.object({ kind: z.enum(LIFECYCLE_KINDS), to: z.string(), at: z.number().nullable() });
export type Step = z.infer<typeof StepRecord>;

/** The state a deleted resource reaches: its owner removes it. */
export const GONE = 'GONE';
const DELETE_PATH = ['DELETING', GONE] as const;

export interface Staged {
  status: string;
  step?: Step | undefined;
}

/** A resource's path of states: the first is where it starts, the last where it rests. */
export type StatusPath = readonly string[];

/** The state a new resource shows, with its first step scheduled from `now`. */
export function start(lifecycle: LifecycleSettings, path: StatusPath, now: number, kind: LifecycleKind = 'privateEndpointCreate'): Staged {
  const next = path[1];
  return next === undefined ? { status: path[0]! } : { status: path[0]!, step: schedule(lifecycle, kind, next, now) };
}

/** Puts a resource on its way out: DELETING now, gone after the delete delay. */
export function startDeleting(lifecycle: LifecycleSettings, r: Staged, now: number, kind: LifecycleKind = 'privateEndpointDelete'): void {
  r.status = DELETE_PATH[0];
  r.step = schedule(lifecycle, kind, GONE, now);
}

/**
 * Walks every step that is due by `now`. `onReach` hears each state reached, at the
 * instant it was reached. Returns true when the resource is gone.
 */
export function settle(lifecycle: LifecycleSettings, r: Staged, path: StatusPath, now: number, onReach?: (status: string, at: number) => void): boolean {
  while (r.step && r.step.at !== null && r.step.at <= now) takeStep(lifecycle, r, path, r.step.at, onReach);
  return r.status === GONE;
}

/** Completes a waiting `manual` step now; true when it did. */
function completeStep(lifecycle: LifecycleSettings, r: Staged, path: StatusPath, now: number, kind?: LifecycleKind, onReach?: (status: string, at: number) => void): boolean {
  if (!r.step || r.step.at !== null || (kind !== undefined && r.step.kind !== kind)) return false;
  takeStep(lifecycle, r, path, now, onReach);
  return true;
}

/**
 * `completeStep` for `lifecycle/complete`: with `all`, a step waiting on a delay in seconds
 * is taken now too, and the resource walks on through its path (or until it is gone).
 * `afterStep` hears every step taken; true when at least one was.
 */
export function completeSteps<R extends Staged>(
  lifecycle: LifecycleSettings,
  r: R,
  pathOf: (r: R) => StatusPath,
  now: number,
  filter: { kind?: LifecycleKind | undefined; all?: boolean | undefined },
  afterStep?: (r: R) => void,
): boolean {
  let took = false;
  for (;;) {
    if (filter.all && r.step && r.step.at !== null) r.step = { ...r.step, at: null };
    if (!completeStep(lifecycle, r, pathOf(r), now, filter.kind)) return took;
    took = true;
    afterStep?.(r);
    if (!filter.all || r.status === GONE) return took;
  }
}

function takeStep(lifecycle: LifecycleSettings, r: Staged, path: StatusPath, at: number, onReach?: (status: string, at: number) => void): void {
  const reached = r.step!.to;
  const kind = r.step!.kind;
  r.status = reached;
  const i = path.indexOf(reached);
  // A step that reached a state of the path goes on along it; one that reached GONE ends.
  const next = reached !== GONE && i >= 0 ? path[i + 1] : undefined;
  r.step = next === undefined ? undefined : schedule(lifecycle, kind, next, at);
  onReach?.(reached, at);
}

function schedule(lifecycle: LifecycleSettings, kind: LifecycleKind, to: string, from: number): Step {
  return { kind, to, at: lifecycle.schedule(kind, to, from).at };
}
