/**
 * Atlas organization and project roles, and what each one implies.
 *
 * A role "satisfies" a required role when it is that role or includes its privileges, as
 * the Atlas role reference describes them. Organization roles also reach into every
 * project of the organization: Organization Owner acts as Project Owner everywhere and
 * Organization Read Only as Project Read Only everywhere; the other organization roles
 * give no project access of their own.
 */
import { GROUP_ROLES, ORG_ROLES, type GroupRole, type OrgRole, type Role } from '../../contracts/api/roles.js';
import type { Principal } from './principals.js';

export { GROUP_ROLES, ORG_ROLES, type GroupRole, type OrgRole, type Role };

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

export function isGroupRole(value: unknown): value is GroupRole {
  return typeof value === 'string' && (GROUP_ROLES as readonly string[]).includes(value);
}

/** Direct inclusions; `closure` below makes them transitive. */
const INCLUDES: Record<Role, readonly Role[]> = {
  ORG_OWNER: ['ORG_GROUP_CREATOR', 'ORG_BILLING_ADMIN', 'ORG_READ_ONLY'],
  ORG_GROUP_CREATOR: ['ORG_MEMBER'],
  ORG_BILLING_ADMIN: ['ORG_BILLING_READ_ONLY', 'ORG_MEMBER'],
  ORG_BILLING_READ_ONLY: ['ORG_MEMBER'],
  ORG_READ_ONLY: ['ORG_MEMBER'],
  ORG_MEMBER: [],
  GROUP_OWNER: [
    'GROUP_CLUSTER_MANAGER',
    'GROUP_DATA_ACCESS_ADMIN',
    'GROUP_STREAM_PROCESSING_OWNER',
    'GROUP_SEARCH_INDEX_EDITOR',
    'GROUP_BACKUP_MANAGER',
    'GROUP_DATABASE_ACCESS_ADMIN',
  ],
  GROUP_CLUSTER_MANAGER: ['GROUP_READ_ONLY'],
  GROUP_STREAM_PROCESSING_OWNER: ['GROUP_READ_ONLY'],
  GROUP_DATA_ACCESS_ADMIN: ['GROUP_DATA_ACCESS_READ_WRITE', 'GROUP_DATABASE_ACCESS_ADMIN'],
  GROUP_DATA_ACCESS_READ_WRITE: ['GROUP_DATA_ACCESS_READ_ONLY'],
  GROUP_DATA_ACCESS_READ_ONLY: ['GROUP_READ_ONLY'],
  GROUP_DATABASE_ACCESS_ADMIN: ['GROUP_READ_ONLY'],
  GROUP_BACKUP_MANAGER: ['GROUP_READ_ONLY'],
  GROUP_SEARCH_INDEX_EDITOR: ['GROUP_READ_ONLY'],
  GROUP_READ_ONLY: ['GROUP_OBSERVABILITY_VIEWER'],
  GROUP_OBSERVABILITY_VIEWER: [],
};

/** Project role that an organization role grants on every project of its organization. */
export const ORG_ROLE_PROJECT_GRANT: Partial<Record<OrgRole, GroupRole>> = {
  ORG_OWNER: 'GROUP_OWNER',
  ORG_READ_ONLY: 'GROUP_READ_ONLY',
};

function closure(role: Role): ReadonlySet<Role> {
  const out = new Set<Role>([role]);
  const stack: Role[] = [role];
  while (stack.length) for (const r of INCLUDES[stack.pop()!]) if (!out.has(r)) (out.add(r), stack.push(r));
  return out;
}

const CLOSURES = new Map<Role, ReadonlySet<Role>>(
  [...ORG_ROLES, ...GROUP_ROLES].map((r) => [r, closure(r)] as const),
);

/** True when any held role includes any of the required roles. */
export function satisfiesAny(held: Iterable<Role>, required: readonly Role[]): boolean {
  for (const h of held) {
    const inc = CLOSURES.get(h);
    if (inc) for (const r of required) if (inc.has(r)) return true;
  }
  return false;
}

/**
 * Roles a principal holds on a project: its project roles, the project roles of its teams
 * (a team's roles apply to its members exactly like roles given directly), and what its
 * organization roles grant there.
 */
export function rolesOnGroup(principal: Principal, groupId: string, groupOrgId: string): Role[] {
  if (principal.orgId !== groupOrgId) return [];
  const held: Role[] = [...principal.orgRoles, ...groupRolesOf(principal, groupId)];
  for (const r of principal.orgRoles) {
    const grant = ORG_ROLE_PROJECT_GRANT[r];
    if (grant) held.push(grant);
  }
  return held;
}

/** Roles a principal holds on an organization (none outside its own). */
export function rolesOnOrg(principal: Principal, orgId: string): readonly Role[] {
  return principal.orgId === orgId ? principal.orgRoles : [];
}

/** Project roles held on one project, directly or through teams (no organization grants). */
export function groupRolesOf(principal: Principal, groupId: string): GroupRole[] {
  const held = [...(principal.groupRoles[groupId] ?? [])];
  for (const team of principal.teamGroupRoles ?? []) held.push(...(team[groupId] ?? []));
  return held;
}
