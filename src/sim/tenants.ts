import { ApiKeyRecord, type ApiKey } from './apiKeys.js';
import { AtlasError } from './errors.js';
import { ServiceAccountRecord, type ServiceAccount } from './serviceAccounts.js';
import type { World } from './world.js';

/** What a test needs to talk to its own isolated organization. */
export interface TenantCredentials {
  orgId: string;
  orgName: string;
  serviceAccount: { clientId: string; clientSecret: string; secretExpiresAt: string };
  apiKey: { id: string; publicKey: string; privateKey: string };
}

export interface TenantOptions {
  name?: string;
  /** Lifetime of the service account's secret; default one year. */
  secretExpiresAfterHours?: number;
}

/**
 * A tenant: an organization with one Organization Owner service account and one
 * Organization Owner API key. Parallel test jobs each take their own and cannot see
 * each other's resources.
 */
export function createTenant(world: World, options: TenantOptions = {}): TenantCredentials {
  const org = world.orgs.create({ name: options.name ?? `${world.random.faker.company.name()} (Gov)` });
  // Made without the API's checks and events: a tenant is the simulator's fixture, not
  // something Atlas records, and a tenant reset must bring it back as it was.
  const { account } = world.serviceAccounts.mint(org.id, {
    name: 'Simulator tenant owner',
    description: 'Service account created with the tenant',
    orgRoles: ['ORG_OWNER'],
    secretExpiresAfterHours: options.secretExpiresAfterHours ?? 24 * 365,
  });
  const key = world.apiKeys.mint(org.id, { desc: 'API key created with the tenant', orgRoles: ['ORG_OWNER'] });
  org.tenant = { apiKey: structuredClone(key), serviceAccount: structuredClone(account) };
  return tenantCredentials(world, org.id);
}

function originals(world: World, orgId: string): { key: ApiKey; account: ServiceAccount } {
  const tenant = world.orgs.get(orgId).tenant;
  if (!tenant) throw new AtlasError('ORG_NOT_FOUND', [orgId]);
  return { key: ApiKeyRecord.parse(tenant.apiKey), account: ServiceAccountRecord.parse(tenant.serviceAccount) };
}

/** The credentials a simulator-made tenant came with. */
export function tenantCredentials(world: World, orgId: string): TenantCredentials {
  const org = world.orgs.get(orgId);
  const { key, account } = originals(world, orgId);
  const secret = account.secrets[0]!;
  return {
    orgId: org.id,
    orgName: org.name,
    serviceAccount: { clientId: account.clientId, clientSecret: secret.secret, secretExpiresAt: new Date(secret.expiresAt).toISOString() },
    apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey },
  };
}

/**
 * Empties a tenant: every project and resource, event and principal goes; the
 * organization stays and its tenant credentials come back exactly as they were made,
 * along with the tokens they had minted.
 */
export function resetTenant(world: World, orgId: string): void {
  const org = world.orgs.get(orgId);
  const { key, account } = originals(world, orgId);
  // Tokens the tenant's own account minted stay valid: the account comes back unchanged.
  const tokens = [...world.tokens.values()].filter((t) => t.clientId === account.clientId && t.secretId === account.secrets[0]!.id);
  world.dropOrg(orgId);
  world.orgs.restore(org);
  // A reset organization is back in a federation of its own, as a new one is.
  world.federatedAuth.createFor(orgId);
  world.apiKeys.restore(key);
  world.serviceAccounts.restore(account);
  for (const t of tokens) world.tokens.restore(t);
}
