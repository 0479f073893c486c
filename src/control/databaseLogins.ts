import { z } from 'zod';
import { accessLogLine } from '../sim/dbAccess.js';
import { CONTROL_PREFIX as P, groupIdParam, type RouteGroup } from './route.js';

/**
 * A database client logging in to a cluster: what the Administration API never sees,
 * but what its access history, host logs and the Government audit rule are about.
 */
const Login = z.strictObject({
  username: z.string().optional(),
  password: z.string().optional(),
  certificate: z.string().optional(),
  ipAddress: z.string(),
  authSource: z.string().optional(),
  hostname: z.string().optional(),
});

export const databaseLoginRoutes: RouteGroup = (sim) => [
  {
    method: 'POST',
    path: `${P}/groups/{groupId}/clusters/{clusterName}/logins`,
    summary:
      'Plays a database client logging in to a cluster. Body: {username, password} (SCRAM-SHA-256, checked against the stored credential) or {certificate} (PEM, MONGODB-X509; its subject is the user), ipAddress, optional authSource and hostname. Answers {authResult, failureReason?, lockedUntil?, entries} and records every attempt, failures and lockouts included, in the database access history and the host log.',
    body: Login,
    handle: ({ params, body }) => {
      const groupId = groupIdParam(params.groupId);
      sim.world.projects.get(groupId);
      const result = sim.world.dbAccessHistory.login(groupId, params.clusterName!, body as z.infer<typeof Login>);
      const first = result.entries[0]!;
      const lock = result.entries.find((e) => e.lockedUntil !== undefined);
      return {
        authResult: result.authResult,
        ...(first.failureReason !== undefined && { failureReason: first.failureReason }),
        ...(lock?.lockedUntil !== undefined && { lockedUntil: new Date(lock.lockedUntil).toISOString() }),
        entries: result.entries.map((e) => ({ hostname: e.hostname, port: e.port, timestamp: new Date(e.timestamp).toISOString(), logLine: accessLogLine(e) })),
      };
    },
  },
];
