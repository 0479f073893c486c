import { AtlasError } from './errors.js';
import type { World } from './world.js';

/** What a change takes away from the organization's owner credentials. */
export interface OwnerCredentialLoss {
  apiKeyId?: string;
  /** The whole service account (deleted, or no longer Organization Owner). */
  clientId?: string;
  /** One secret of a service account. */
  secretId?: string;
}

/**
 * How many ways remain to act as Organization Owner: owner API keys, and unexpired
 * secrets of owner service accounts, optionally without the ones a change would take.
 */
export function countOwnerCredentials(world: World, orgId: string, loss: OwnerCredentialLoss = {}): number {
  const now = world.clock.now();
  let n = 0;
  for (const k of world.apiKeys.listByOrg(orgId)) if (k.id !== loss.apiKeyId && k.orgRoles.includes('ORG_OWNER')) n++;
  for (const s of world.serviceAccounts.listByOrg(orgId)) {
    if (s.clientId === loss.clientId || !s.orgRoles.includes('ORG_OWNER')) continue;
    for (const secret of s.secrets) if (secret.id !== loss.secretId && now < secret.expiresAt) n++;
  }
  return n;
}

/**
 * Atlas refuses to leave an organization without an owner (403 CANNOT_DELETE_LAST_ADMIN /
 * CANNOT_DEMOTE_LAST_ORG_OWNER). The simulator has no console users, so its owners are
 * the programmatic credentials: a change that would remove the last one is refused with
 * the same codes, which keeps a test suite from locking itself out of its tenant. An
 * organization whose owner secrets have all expired already has none; changes that take
 * nothing more away are allowed.
 */
export function keepOwnerCredential(
  world: World,
  orgId: string,
  loss: OwnerCredentialLoss,
  code: 'CANNOT_DELETE_LAST_ADMIN' | 'CANNOT_DEMOTE_LAST_ORG_OWNER',
): void {
  const before = countOwnerCredentials(world, orgId);
  if (before > 0 && countOwnerCredentials(world, orgId, loss) === 0) throw new AtlasError(code, []);
}
