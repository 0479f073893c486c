import { z } from 'zod';
import { databaseUserInternals } from '../sim/databaseUsers.js';
import { CONTROL_PREFIX as P, groupIdParam, type RouteGroup } from './route.js';

/** How database users authenticate to MongoDB, which the Administration API never shows. */
export const databaseUserRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/groups/{groupId}/databaseUsers/{databaseName}/{username}`,
    summary:
      'How a database user authenticates to MongoDB: method, mechanism (password users: SCRAM-SHA-256 only, as on Atlas for Government) and the stored SCRAM credential. Never a password.',
    handle: ({ params }) => {
      const groupId = groupIdParam(params.groupId);
      sim.world.projects.get(groupId);
      return databaseUserInternals(sim.world.databaseUsers.get(groupId, params.databaseName!, params.username!));
    },
  },
  {
    method: 'POST',
    path: `${P}/groups/{groupId}/databaseUsers/{databaseName}/{username}/verifyPassword`,
    summary: "Checks a password against a SCRAM user's stored credential, as mongod would. Body: {password}. Answers {valid}.",
    body: z.strictObject({ password: z.string() }),
    handle: ({ params, body }) => {
      const groupId = groupIdParam(params.groupId);
      sim.world.projects.get(groupId);
      const user = sim.world.databaseUsers.get(groupId, params.databaseName!, params.username!);
      return { valid: sim.world.databaseUsers.passwordMatches(user, (body as { password: string }).password) };
    },
  },
];
