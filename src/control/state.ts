import { ZodError } from 'zod';
import { AtlasError } from '../sim/errors.js';
import { describeIssue, StateSchema, type PersistedState } from '../stateFile.js';
import { CONTROL_PREFIX as P, type RouteGroup } from './route.js';

/** The whole state: export, and import all or nothing. */
export const stateRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/state`,
    summary: 'Exports the whole state as JSON (import it with PUT).',
    handle: () => sim.exportState(),
  },
  {
    method: 'PUT',
    path: `${P}/state`,
    summary: 'Replaces the whole state with an export. All or nothing: a bad export changes nothing.',
    body: StateSchema,
    status: 204,
    handle: ({ body }) => {
      try {
        sim.importState(body as PersistedState);
      } catch (e) {
        if (e instanceof AtlasError) throw e;
        const where = e instanceof ZodError ? describeIssue(e) : (e as Error).message;
        throw new AtlasError('INVALID_JSON', [], { detail: `Received JSON does not match expected format: ${where}.` });
      }
    },
  },
];
