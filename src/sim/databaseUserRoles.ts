import { AtlasError } from './errors.js';

/** A role granted to a database user on one database (optionally one collection). */
export interface DatabaseUserRole {
  roleName: string;
  databaseName: string;
  collectionName?: string | undefined;
}

/**
 * The built-in roles Atlas lets database users hold (the document's `roleName` enum),
 * and where each one may be granted.
 *
 * - Cluster-wide roles exist only on `admin`; anywhere else they get 400
 *   ATLAS_INVALID_ROLE_DATABASE ("The specified role %s only exists for database admin.").
 * - `read` and `readWrite` may be narrowed to a collection; `collectionName` on any other
 *   role is 400 INVALID_ATTRIBUTE `collectionName` (decision: no code of its own is known).
 */
const ADMIN_ONLY = new Set([
  'atlasAdmin',
  'backup',
  'clusterMonitor',
  'dbAdminAnyDatabase',
  'enableSharding',
  'readAnyDatabase',
  'readWriteAnyDatabase',
]);
const ANY_DATABASE = new Set(['dbAdmin', 'read', 'readWrite']);
const COLLECTION_SCOPED = new Set(['read', 'readWrite']);

/**
 * MongoDB built-in roles that Atlas manages itself and never grants to database users:
 * 400 ATLAS_RESTRICTED_ROLE.
 */
const RESTRICTED = new Set([
  '__queryableBackup',
  '__system',
  'clusterAdmin',
  'clusterManager',
  'dbOwner',
  'hostManager',
  'restore',
  'root',
  'userAdmin',
  'userAdminAnyDatabase',
]);

export function isBuiltInRole(roleName: string): boolean {
  return ADMIN_ONLY.has(roleName) || ANY_DATABASE.has(roleName);
}

/** MongoDB database names: non-empty, at most 64 bytes, none of `/\. "$` (the server's rules). */
const DATABASE_NAME = /^[^/\\. "$\0]{1,64}$/;

/**
 * Checks a user's roles and returns them in stored form. A name that is not built in
 * must be one of the project's custom roles (`customDBRoles`), granted on `admin` like
 * every custom role; anything else is a role that does not exist: 400 ATLAS_INVALID_ROLE
 * ("The specified role %s@%s does not exist.").
 */
export function checkRoles(username: string, roles: readonly DatabaseUserRole[], isCustomRole: (roleName: string) => boolean = () => false): DatabaseUserRole[] {
  const seen = new Set<string>();
  const out: DatabaseUserRole[] = [];
  for (const r of roles) {
    const { roleName, databaseName, collectionName } = r;
    if (!DATABASE_NAME.test(databaseName) || Buffer.byteLength(databaseName) > 64) {
      throw new AtlasError('INVALID_DATABASE_NAME', [databaseName]);
    }
    if (RESTRICTED.has(roleName)) throw new AtlasError('ATLAS_RESTRICTED_ROLE', [roleName, databaseName]);
    const custom = !isBuiltInRole(roleName) && isCustomRole(roleName);
    if (!isBuiltInRole(roleName) && !custom) throw new AtlasError('ATLAS_INVALID_ROLE', [roleName, databaseName]);
    if ((ADMIN_ONLY.has(roleName) || custom) && databaseName !== 'admin') throw new AtlasError('ATLAS_INVALID_ROLE_DATABASE', [roleName, 'admin']);
    if (collectionName !== undefined && collectionName !== '') {
      if (!COLLECTION_SCOPED.has(roleName)) throw new AtlasError('INVALID_ATTRIBUTE', ['collectionName']);
      if (collectionName.startsWith('system.')) {
        throw new AtlasError('ATLAS_RESTRICTED_COLLECTION', [collectionName, roleName, databaseName]);
      }
    }
    const key = `${roleName}@${databaseName}${collectionName ? `.${collectionName}` : ''}`;
    if (seen.has(key)) throw new AtlasError('DUPLICATE_DATABASE_ROLES', [username, key]);
    seen.add(key);
    out.push({ roleName, databaseName, ...(collectionName ? { collectionName } : {}) });
  }
  return out;
}
