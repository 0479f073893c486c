import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { optional } from '../schemas/input.js';
import { PRIVILEGE_ACTIONS } from '../vocabulary.js';

/**
 * A resource as sent: `{cluster: true}` or `{db, collection}` (`collection` empty or
 * absent for the whole database). Which combination an action takes is the role rules'.
 */
const ResourceInput = z.strictObject({ cluster: optional(z.boolean()), collection: optional(z.string()), db: optional(z.string()) });
const ActionInput = z.strictObject({ action: z.enum(PRIVILEGE_ACTIONS), resources: optional(z.array(ResourceInput)) });
const InheritedRole = z.strictObject({ db: z.string(), role: z.string() });

export const CustomDbRoleInput = z.strictObject({
  actions: optional(z.array(ActionInput)),
  inheritedRoles: optional(z.array(InheritedRole)),
  roleName: z.string(),
});

export const CustomDbRoleUpdate = z.strictObject({
  actions: optional(z.array(ActionInput)),
  inheritedRoles: optional(z.array(InheritedRole)),
});

/** UserCustomDBRole as returned (recorded): resources in the form they were given. */
export const CustomDbRole = z.strictObject({
  actions: z.array(
    z.strictObject({
      action: z.enum(PRIVILEGE_ACTIONS),
      resources: z.array(z.strictObject({ cluster: z.boolean().optional(), collection: z.string().optional(), db: z.string().optional() })),
    }),
  ),
  inheritedRoles: z.array(z.strictObject({ db: z.string(), role: z.string() })),
  roleName: z.string(),
});

const V = '2023-01-01';
const ROLES = '/api/atlas/v2/groups/{groupId}/customDBRoles/roles';
/** Project Owner, Project Stream Processing Owner or Project Database Access Admin (the document). */
const ROLE_ADMINS = { scope: 'group', anyOf: ['GROUP_OWNER', 'GROUP_STREAM_PROCESSING_OWNER', 'GROUP_DATABASE_ACCESS_ADMIN'] } as const;
const READ = { scope: 'group', anyOf: ['GROUP_READ_ONLY'] } as const;

/** Custom database roles (wire-facts-wave2 §12.1). */
export const customDbRoleOperations = [
  // Recorded: a bare array, not the list envelope.
  { operationId: 'listCustomDatabaseRoles', method: 'GET', path: ROLES, versions: [{ date: V, response: z.array(CustomDbRole) }], status: 200, rateLimit: 'customDbRoles', access: READ },
  // Recorded: 202 Accepted (roles reach the clusters asynchronously).
  { operationId: 'createCustomDatabaseRole', method: 'POST', path: ROLES, versions: [{ date: V, request: CustomDbRoleInput, response: CustomDbRole }], status: 202, rateLimit: 'customDbRoles', access: ROLE_ADMINS },
  { operationId: 'getCustomDatabaseRole', method: 'GET', path: `${ROLES}/{roleName}`, versions: [{ date: V, response: CustomDbRole }], status: 200, rateLimit: 'customDbRoles', access: READ },
  { operationId: 'updateCustomDatabaseRole', method: 'PATCH', path: `${ROLES}/{roleName}`, versions: [{ date: V, request: CustomDbRoleUpdate, response: CustomDbRole }], status: 200, rateLimit: 'customDbRoles', access: ROLE_ADMINS },
  { operationId: 'deleteCustomDatabaseRole', method: 'DELETE', path: `${ROLES}/{roleName}`, versions: [{ date: V }], status: 204, rateLimit: 'customDbRoles', access: ROLE_ADMINS },
] as const satisfies readonly OperationSpec[];
