import { z } from 'zod';
import { LIFECYCLE_KINDS, type ManualFilter } from '../sim/lifecycle.js';
import { CONTROL_PREFIX as P, type RouteGroup } from './route.js';

/** Longest lifecycle delay accepted: a year of simulated time. */
const Delay = z.union([z.number().finite().nonnegative().max(365 * 86400), z.literal('manual')]);

/** Lifecycle delays of clusters, and completing the transitions that wait on a manual delay. */
export const lifecycleRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/lifecycle`,
    summary: 'Lifecycle delays (simulated seconds, or "manual").',
    handle: () => sim.world.lifecycle.get(),
  },
  {
    method: 'PUT',
    path: `${P}/lifecycle`,
    summary: `Changes lifecycle delays. Body: any of ${LIFECYCLE_KINDS.join(', ')} as seconds or "manual".`,
    body: z.strictObject(Object.fromEntries(LIFECYCLE_KINDS.map((k) => [k, Delay.optional()]))),
    handle: ({ body }) => {
      sim.world.lifecycle.set(Object.fromEntries(Object.entries(body as object).filter(([, v]) => v !== undefined)));
      sim.world.noteChange();
      return sim.world.lifecycle.get();
    },
  },
  {
    method: 'POST',
    path: `${P}/lifecycle/complete`,
    summary:
      'Completes transitions waiting on a "manual" delay, now; with {"all": true} also those waiting on a delay in seconds, without moving the clock (tokens and nonces stay valid). Body (all optional): {all, kind, groupId, name}. Answers {completed: [{kind, groupId, name, to}]}.',
    body: z.strictObject({ all: z.boolean().optional(), kind: z.enum(LIFECYCLE_KINDS).optional(), groupId: z.string().optional(), name: z.string().optional() }),
    handle: ({ body }) => ({ completed: sim.world.lifecycle.completeManual(body as ManualFilter) }),
  },
];
