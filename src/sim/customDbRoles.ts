import { z } from 'zod';
import { PRIVILEGE_ACTIONS, type PrivilegeAction } from '../../contracts/api/vocabulary.js';
import { isBuiltInRole } from './databaseUserRoles.js';
import { AtlasError } from './errors.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { World } from './world.js';

const ResourceRecord = z.object({ cluster: z.boolean().optional(), db: z.string().optional(), collection: z.string().optional() });
export const CustomDbRoleRecord = z.object({
  groupId: z.string(),
  roleName: z.string(),
  actions: z.array(z.object({ action: z.enum(PRIVILEGE_ACTIONS), resources: z.array(ResourceRecord) })),
  inheritedRoles: z.array(z.object({ db: z.string(), role: z.string() })),
});
export type CustomDbRole = z.infer<typeof CustomDbRoleRecord>;
type Resource = z.infer<typeof ResourceRecord>;

export interface CustomDbRoleInput {
  actions?: Array<{ action: PrivilegeAction; resources?: Resource[] | undefined }> | undefined;
  inheritedRoles?: Array<{ db: string; role: string }> | undefined;
}

/** ATLAS_CUSTOM_ROLE_INVALID_NAME: ASCII letters, digits, hyphens and underscores, starting with a letter or digit. */
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Actions that apply to the whole cluster (MongoDB's cluster resource) and those that
 * apply to a database or collection; the few that take both are in neither set. An
 * action on the other kind of resource is 400 ATLAS_INVALID_RESOURCE.
 */
const CLUSTER_ACTIONS: ReadonlySet<PrivilegeAction> = new Set<PrivilegeAction>([
  'USE_UUID', 'KILL_OP', 'BYPASS_DEFAULT_MAX_TIME_MS', 'SET_USER_WRITE_BLOCK', 'BYPASS_USER_WRITE_BLOCK', 'LIST_SESSIONS', 'KILL_ANY_SESSION',
  'CONN_POOL_STATS', 'GET_CMD_LINE_OPTS', 'GET_LOG', 'GET_PARAMETER', 'GET_SHARD_MAP', 'HOST_INFO', 'IN_PROG', 'LIST_DATABASES', 'LIST_SHARDS',
  'NET_STAT', 'REPL_SET_GET_CONFIG', 'REPL_SET_GET_STATUS', 'SERVER_STATUS', 'SHARDING_STATE', 'TOP', 'FLUSH_ROUTER_CONFIG', 'VIEW_ALL_HISTORY',
  'OUT_TO_S3', 'OUT_TO_AZURE', 'OUT_TO_GCS', 'STORAGE_GET_CONFIG', 'STORAGE_SET_CONFIG', 'GET_STREAM_PROCESSOR', 'CREATE_STREAM_PROCESSOR',
  'PROCESS_STREAM_PROCESSOR', 'START_STREAM_PROCESSOR', 'STOP_STREAM_PROCESSOR', 'DROP_STREAM_PROCESSOR', 'SAMPLE_STREAM_PROCESSOR',
  'LIST_STREAM_PROCESSORS', 'LIST_CONNECTIONS', 'STREAM_PROCESSOR_STATS',
]);
const BOTH: ReadonlySet<PrivilegeAction> = new Set<PrivilegeAction>(['CHECK_METADATA_CONSISTENCY', 'ENABLE_SHARDING', 'KILL_ANY_CURSOR']);

const keyOf = (groupId: string, roleName: string) => `${groupId}\0${roleName}`;

/**
 * Custom database roles of a project (`/groups/{groupId}/customDBRoles/roles`): privilege
 * actions on resources, and roles inherited from built-in or other custom roles.
 * Database users may hold them (on `admin`); a role a user holds is not deleted (409
 * ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS), nor one that is all another role has (409
 * ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES).
 */
export class CustomDbRoles extends ProjectScopedTable<CustomDbRole> {
  constructor(private readonly world: World) {
    super('customDbRoles', CustomDbRoleRecord, (r) => keyOf(r.groupId, r.roleName), world.clock);
  }

  override find(groupIdOrKey: string, roleName?: string): CustomDbRole | undefined {
    return super.find(roleName === undefined ? groupIdOrKey : keyOf(groupIdOrKey, roleName));
  }

  get(groupId: string, roleName: string): CustomDbRole {
    this.world.projects.get(groupId);
    const r = this.find(groupId, roleName);
    if (!r) throw new AtlasError('ATLAS_CUSTOM_ROLE_NOT_FOUND', [roleName]);
    return r;
  }

  list(groupId: string): CustomDbRole[] {
    this.world.projects.get(groupId);
    return this.listIn(groupId);
  }

  create(groupId: string, roleName: string, input: CustomDbRoleInput): CustomDbRole {
    this.world.projects.get(groupId);
    if (!ROLE_NAME.test(roleName)) throw new AtlasError('ATLAS_CUSTOM_ROLE_INVALID_NAME', [roleName]);
    if (roleName.startsWith('xgen-')) throw new AtlasError('ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED', [roleName]);
    if (isBuiltInRole(roleName)) throw new AtlasError('ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED', [roleName]);
    const role = { groupId, roleName, ...this.#checked(groupId, roleName, input) };
    if (this.find(groupId, roleName)) throw new AtlasError('ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS', [roleName]);
    // The project limit `atlas.project.security.databaseAccess.customRoles` (default 100).
    if (this.countIn(groupId) >= this.world.projectSettings.limitValue(groupId, 'atlas.project.security.databaseAccess.customRoles')) {
      throw new AtlasError('CUSTOM_ROLES_LIMIT_EXCEEDED', []);
    }
    return this.insert(role);
  }

  /** PATCH: `actions` and `inheritedRoles` each replace what they name. */
  update(groupId: string, roleName: string, input: CustomDbRoleInput): CustomDbRole {
    const current = this.get(groupId, roleName);
    const next = this.#checked(groupId, roleName, {
      actions: input.actions ?? current.actions,
      inheritedRoles: input.inheritedRoles ?? current.inheritedRoles,
    });
    return this.replace({ ...current, ...next });
  }

  delete(groupId: string, roleName: string): void {
    const role = this.get(groupId, roleName);
    const users = this.world.databaseUsers.listIn(groupId).filter((u) => u.roles.some((r) => r.roleName === roleName));
    if (users.length) throw new AtlasError('ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS', [users.map((u) => u.username).join(', ')]);
    const inheriting = this.listIn(groupId).filter((r) => r.inheritedRoles.some((i) => i.role === roleName && i.db === 'admin'));
    const emptied = inheriting.filter((r) => r.actions.length === 0 && r.inheritedRoles.length === 1);
    if (emptied.length) throw new AtlasError('ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES', [emptied.map((r) => r.roleName).join(', ')]);
    for (const r of inheriting) this.replace({ ...r, inheritedRoles: r.inheritedRoles.filter((i) => !(i.role === roleName && i.db === 'admin')) });
    this.remove(keyOf(groupId, role.roleName));
  }

  #checked(groupId: string, roleName: string, input: CustomDbRoleInput): Pick<CustomDbRole, 'actions' | 'inheritedRoles'> {
    const actions = (input.actions ?? []).map((a) => ({ action: a.action, resources: (a.resources ?? []).map((r) => checkResource(a.action, r)) }));
    const inheritedRoles = (input.inheritedRoles ?? []).map((i) => ({ db: i.db, role: i.role }));
    if (actions.length === 0 && inheritedRoles.length === 0) throw new AtlasError('ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS', []);
    const seenActions = new Set<string>();
    for (const a of actions) {
      if (seenActions.has(a.action)) throw new AtlasError('ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION', []);
      seenActions.add(a.action);
      const seen = new Set(a.resources.map((r) => JSON.stringify([r.cluster ?? false, r.db ?? '', r.collection ?? ''])));
      if (seen.size !== a.resources.length) throw new AtlasError('ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE', []);
    }
    const seenInherited = new Set<string>();
    for (const i of inheritedRoles) {
      if (i.role === roleName) throw new AtlasError('ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL', []);
      const key = `${i.role}@${i.db}`;
      if (seenInherited.has(key)) throw new AtlasError('ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE', []);
      seenInherited.add(key);
      if (isBuiltInRole(i.role)) continue;
      // Custom roles live on admin: inheriting one anywhere else names nothing.
      if (i.db !== 'admin' || !this.find(groupId, i.role)) throw new AtlasError('ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE', []);
      if (this.#inherits(groupId, i.role, roleName, new Set())) throw new AtlasError('ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY', []);
    }
    return { actions, inheritedRoles };
  }

  /** Does `from` inherit `target`, directly or through other custom roles? */
  #inherits(groupId: string, from: string, target: string, visited: Set<string>): boolean {
    if (visited.has(from)) return false;
    visited.add(from);
    const role = this.find(groupId, from);
    return !!role?.inheritedRoles.some((i) => i.db === 'admin' && (i.role === target || this.#inherits(groupId, i.role, target, visited)));
  }
}

/** `{cluster: true}` for cluster actions, `{db, collection?}` for the others (400 ATLAS_INVALID_RESOURCE otherwise). */
function checkResource(action: PrivilegeAction, r: Resource): Resource {
  const onCluster = r.cluster === true;
  if (onCluster && (r.db !== undefined || r.collection !== undefined)) throw new AtlasError('ATLAS_INVALID_RESOURCE', []);
  if (!onCluster && (r.db === undefined || r.db === '')) {
    if (r.cluster === undefined && r.collection === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['db']);
    throw new AtlasError('ATLAS_INVALID_RESOURCE', []);
  }
  if (!BOTH.has(action) && CLUSTER_ACTIONS.has(action) !== onCluster) throw new AtlasError('ATLAS_INVALID_RESOURCE', []);
  return onCluster ? { cluster: true } : { db: r.db ?? '', ...(r.collection !== undefined && { collection: r.collection }) };
}
