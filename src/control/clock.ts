import { z } from 'zod';
import { MAX_CLOCK_MS } from '../sim/clock.js';
import { CONTROL_PREFIX as P, outOfRange, type RouteGroup } from './route.js';

const RANGE = `the clock stays between ${new Date(0).toISOString()} and ${new Date(MAX_CLOCK_MS).toISOString()}`;

/** The simulation clock: read, advance, set. Moves that would leave the clock's range are refused. */
export const clockRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/clock`,
    summary: 'The simulation clock: mode and current instant.',
    handle: () => sim.clock.snapshot(),
  },
  {
    method: 'POST',
    path: `${P}/clock/advance`,
    summary: 'Moves the clock forward. Body: {seconds}.',
    body: z.strictObject({ seconds: z.number().finite().nonnegative() }),
    handle: ({ body }) => {
      const { seconds } = body as { seconds: number };
      if (sim.clock.now() + seconds * 1000 > MAX_CLOCK_MS) throw outOfRange('seconds', RANGE);
      sim.advance(seconds);
      return sim.clock.snapshot();
    },
  },
  {
    method: 'PUT',
    path: `${P}/clock`,
    summary: 'Sets the clock. Body: {now} as ISO-8601 or epoch milliseconds.',
    body: z.strictObject({ now: z.union([z.string(), z.number()]) }),
    handle: ({ body }) => {
      const now = (body as { now: string | number }).now;
      const ms = typeof now === 'number' ? now : Date.parse(now);
      if (!Number.isFinite(ms)) throw outOfRange('now', 'expected an ISO-8601 instant or epoch milliseconds');
      if (ms < 0 || ms > MAX_CLOCK_MS) throw outOfRange('now', RANGE);
      sim.setClock(ms);
      return sim.clock.snapshot();
    },
  },
];
