import type { GroupRole } from '../../contracts/api/roles.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import type { TestAtlas } from './harness.js';

/**
 * Credentials of a Digest API key of the default organization that holds only the given
 * roles on one project (Organization Member besides), for role checks.
 */
export function keyWith(atlas: TestAtlas, groupId: string, roles: GroupRole[]): { tenant: TenantCredentials; auth: 'digest' } {
  const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: `roles ${roles.join(' ')}`, orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: roles } });
  return { tenant: { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}
