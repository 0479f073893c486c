/**
 * Atlas rate limits: a token bucket per endpoint set and scope (wire-facts C.4, from
 * MongoDB's rate-limit documentation; the capacities match `Ratelimit-Limit` on the wire).
 * `name` is how the 429 detail names the endpoint set.
 */
export type RateLimitScope = 'GROUP' | 'ORGANIZATION' | 'USER' | 'IP';

export interface EndpointSet {
  readonly name: string;
  readonly scope: RateLimitScope;
  readonly capacity: number;
  /** Tokens added per `refillSeconds`. */
  readonly refill: number;
  readonly refillSeconds: number;
}

const set = (name: string, scope: RateLimitScope, capacity: number, refill: number): EndpointSet => ({
  name,
  scope,
  capacity,
  refill,
  refillSeconds: 60,
});

export const ENDPOINT_SETS = {
  orgsList: set('api/atlas/v2/orgs', 'USER', 300, 100),
  orgs: set('api/atlas/v2/orgs', 'ORGANIZATION', 500, 250),
  orgApiKeys: set('api/atlas/v2/orgs/apiKeys', 'ORGANIZATION', 500, 250),
  groupApiKeys: set('api/atlas/v2/groups/apiKeys', 'GROUP', 1200, 500),
  orgServiceAccounts: set('api/atlas/v2/orgs/serviceAccounts', 'ORGANIZATION', 500, 250),
  groupServiceAccounts: set('api/atlas/v2/groups/serviceAccounts', 'GROUP', 1200, 500),
  projectsUser: set('api/atlas/v2/groups', 'USER', 1200, 500),
  projects: set('api/atlas/v2/groups', 'GROUP', 1200, 500),
  clusters: set('api/atlas/v2/groups/clusters', 'GROUP', 10000, 5000),
  databaseUsers: set('api/atlas/v2/groups/databaseUsers', 'GROUP', 10000, 5000),
  accessList: set('api/atlas/v2/groups/accessList', 'GROUP', 1200, 500),
  flexClusters: set('api/atlas/v2/groups/flexClusters', 'GROUP', 1200, 500),
  clustersAllProjects: set('api/atlas/v2/clusters', 'USER', 300, 100),
  networkPeering: set('api/atlas/v2/groups/peers', 'GROUP', 2000, 1000),
  groupEvents: set('api/atlas/v2/groups/events', 'GROUP', 300, 100),
  orgEvents: set('api/atlas/v2/orgs/events', 'ORGANIZATION', 500, 250),
  privateEndpoints: set('api/atlas/v2/groups/privateEndpoint', 'GROUP', 4000, 2000),
  encryptionAtRest: set('api/atlas/v2/groups/encryptionAtRest', 'GROUP', 2000, 1000),
  cloudBackups: set('api/atlas/v2/groups/backup', 'GROUP', 1200, 500),
  // Recorded capacity 1200 (iam/atlasteams); the refill is assumed to be that of the other 1200 buckets.
  orgTeams: set('api/atlas/v2/orgs/teams', 'ORGANIZATION', 1200, 500),
  // Project security and monitoring settings: 1200 per minute as recorded (Ratelimit-Limit).
  alerts: set('api/atlas/v2/groups/alerts', 'GROUP', 1200, 500),
  integrations: set('api/atlas/v2/groups/integrations', 'GROUP', 1200, 500),
  projectSecurity: set('api/atlas/v2/groups/security', 'GROUP', 1200, 500),
  // Recorded Ratelimit-Limit: 300 per user for the matcher names, 2000 per project for custom roles.
  alertMatchers: set('api/atlas/v2/alertConfigs', 'USER', 300, 100),
  customDbRoles: set('api/atlas/v2/groups/customDBRoles', 'GROUP', 2000, 1000),
} as const satisfies Record<string, EndpointSet>;

export type EndpointSetId = keyof typeof ENDPOINT_SETS;
