import type { AccessRequirement } from '../../contracts/api/operation.js';
import { AtlasError } from '../sim/errors.js';
import type { Principal } from '../sim/principals.js';
import { rolesOnGroup, rolesOnOrg, satisfiesAny } from '../sim/roles.js';

/** The organization and project an operation acts on, resolved from its path. */
export interface AccessScope {
  orgId?: string;
  groupId?: string;
  /** Organization that owns `groupId`. */
  groupOrgId?: string;
}

/**
 * The one authorization check, run by the dispatcher for every operation from the
 * catalog's declared minimum role. A principal without the role gets 401
 * USER_UNAUTHORIZED (Atlas answers 401, not 403: wire-facts A.1 and D.2).
 *
 * Decision (facts unclear): a principal of another organization gets the same 401
 * USER_UNAUTHORIZED for that organization's resources that exist; ids that do not exist
 * get their NOT_FOUND error first, as for any caller. The response carries nothing of the
 * other organization. Why: valid credentials with an unknown project id are recorded
 * answering 404 GROUP_NOT_FOUND, and a principal without a role on an existing resource
 * gets 401 USER_UNAUTHORIZED (wire-facts A.1); a foreign principal has no role there, and
 * answering 404 for existing ids as well would contradict the recorded lookup order.
 * Resources of another organization named under the caller's own organization are looked
 * up within it and are simply not found (the sim scopes every lookup).
 */
export function authorize(principal: Principal, access: AccessRequirement, scope: AccessScope): void {
  if (access.scope === 'principal' || access.scope === 'public') return;
  const held =
    access.scope === 'group'
      ? rolesOnGroup(principal, scope.groupId!, scope.groupOrgId!)
      : rolesOnOrg(principal, scope.orgId!);
  if (!satisfiesAny(held, access.anyOf)) throw new AtlasError('USER_UNAUTHORIZED', []);
}
