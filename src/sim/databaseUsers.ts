import { z } from 'zod';
import { AWS_IAM_TYPES, LDAP_AUTH_TYPES, OIDC_AUTH_TYPES, USER_SCOPE_TYPES, X509_TYPES } from '../../contracts/api/vocabulary.js';
import { checkRoles, type DatabaseUserRole } from './databaseUserRoles.js';
import { hasFilterMetacharacters, parseDn } from './distinguishedName.js';
import { AtlasError } from './errors.js';
import { checkPassword, scramCredential, scramMatches, SCRAM_MECHANISM, SCRAM_SALT_BYTES } from './passwords.js';
import { checkDeleteAfter, ProjectScopedTable } from './projectScopedTable.js';
import type { Actor, World } from './world.js';

export const DATABASE_USER_DATABASES = ['admin', '$external'] as const;

export type AuthDatabase = (typeof DATABASE_USER_DATABASES)[number];

const ScramCredentialRecord = z.object({
  mechanism: z.literal(SCRAM_MECHANISM),
  iterationCount: z.number().int(),
  salt: z.string(),
  storedKey: z.string(),
  serverKey: z.string(),
});

export const DatabaseUserRecord = z.object({
  groupId: z.string(),
  databaseName: z.enum(DATABASE_USER_DATABASES),
  username: z.string(),
  x509Type: z.enum(X509_TYPES),
  awsIAMType: z.enum(AWS_IAM_TYPES),
  ldapAuthType: z.enum(LDAP_AUTH_TYPES),
  oidcAuthType: z.enum(OIDC_AUTH_TYPES),
  roles: z.array(z.object({ roleName: z.string(), databaseName: z.string(), collectionName: z.string().optional() })),
  scopes: z.array(z.object({ name: z.string(), type: z.enum(USER_SCOPE_TYPES) })),
  labels: z.array(z.object({ key: z.string().optional(), value: z.string().optional() })),
  description: z.string().optional(),
  /** Epoch ms when the user goes away (temporary users). */
  deleteAfter: z.number().optional(),
  created: z.number(),
  /** SCRAM users only: the credential derived from the password; the password is not kept. */
  scram: ScramCredentialRecord.optional(),
});
export type DatabaseUser = z.infer<typeof DatabaseUserRecord>;
export type UserScope = DatabaseUser['scopes'][number];
export type UserLabel = DatabaseUser['labels'][number];

/** What create and PATCH accept (the request contract's output). */
export interface DatabaseUserInput {
  groupId?: string | undefined;
  /** Any text: a database other than the method's is refused by the rules, with Atlas's words. */
  databaseName?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  x509Type?: DatabaseUser['x509Type'] | undefined;
  awsIAMType?: DatabaseUser['awsIAMType'] | undefined;
  ldapAuthType?: DatabaseUser['ldapAuthType'] | undefined;
  oidcAuthType?: DatabaseUser['oidcAuthType'] | undefined;
  roles?: DatabaseUserRole[] | undefined;
  scopes?: UserScope[] | undefined;
  labels?: UserLabel[] | undefined;
  description?: string | undefined;
  /** Epoch ms, already parsed from the ISO 8601 `deleteAfterDate`. */
  deleteAfter?: number | undefined;
}

/**
 * The one authentication method of a user, from its four `*Type` fields (at most one of
 * them is not NONE; all NONE means SCRAM).
 */
export type AuthMethod =
  | 'SCRAM'
  | 'X509_MANAGED'
  | 'X509_CUSTOMER'
  | 'LDAP_USER'
  | 'LDAP_GROUP'
  | 'AWS_IAM_USER'
  | 'AWS_IAM_ROLE'
  | 'OIDC_IDP_GROUP'
  | 'OIDC_USER';

/**
 * Where each method's users live (the document's `databaseName` description, and the
 * Atlas LDAP example that puts LDAP groups on `admin`): SCRAM, LDAP groups and OIDC
 * workforce (IdP group) users on `admin`; X.509, LDAP users, AWS IAM and OIDC workload
 * users on `$external`.
 */
const DATABASE_OF: Record<AuthMethod, AuthDatabase> = {
  SCRAM: 'admin',
  LDAP_GROUP: 'admin',
  OIDC_IDP_GROUP: 'admin',
  X509_MANAGED: '$external',
  X509_CUSTOMER: '$external',
  LDAP_USER: '$external',
  AWS_IAM_USER: '$external',
  AWS_IAM_ROLE: '$external',
  OIDC_USER: '$external',
};

/** The MongoDB authentication mechanism behind each method (what the control plane shows). */
export const MECHANISM_OF: Record<AuthMethod, string> = {
  SCRAM: SCRAM_MECHANISM,
  X509_MANAGED: 'MONGODB-X509',
  X509_CUSTOMER: 'MONGODB-X509',
  LDAP_USER: 'PLAIN',
  LDAP_GROUP: 'PLAIN',
  AWS_IAM_USER: 'MONGODB-AWS',
  AWS_IAM_ROLE: 'MONGODB-AWS',
  OIDC_IDP_GROUP: 'MONGODB-OIDC',
  OIDC_USER: 'MONGODB-OIDC',
};

type AuthTypes = Pick<DatabaseUser, 'x509Type' | 'awsIAMType' | 'ldapAuthType' | 'oidcAuthType'>;

export function authMethodOf(t: AuthTypes): AuthMethod {
  if (t.x509Type !== 'NONE') return t.x509Type === 'MANAGED' ? 'X509_MANAGED' : 'X509_CUSTOMER';
  if (t.ldapAuthType !== 'NONE') return t.ldapAuthType === 'GROUP' ? 'LDAP_GROUP' : 'LDAP_USER';
  if (t.awsIAMType !== 'NONE') return t.awsIAMType === 'ROLE' ? 'AWS_IAM_ROLE' : 'AWS_IAM_USER';
  if (t.oidcAuthType !== 'NONE') return t.oidcAuthType === 'IDP_GROUP' ? 'OIDC_IDP_GROUP' : 'OIDC_USER';
  return 'SCRAM';
}

/** ARNs of IAM users and roles, in the commercial and the GovCloud partitions. */
const IAM_ARN = /^arn:aws(?:-us-gov)?:iam::\d{12}:(user|role)\/[\w+=,.@\-/]{1,512}$/;
/** OIDC users: the IdP id from the federation settings, `/`, the IdP user or group name. */
const OIDC_NAME = /^[a-f0-9]{24}\/.+$/;

const keyOf = (groupId: string, databaseName: string, username: string): string => `${groupId}\0${databaseName}\0${username}`;
const keyOfUser = (u: DatabaseUser): string => keyOf(u.groupId, u.databaseName, u.username);

/**
 * Database users of projects (`/groups/{groupId}/databaseUsers`), with every rule Atlas
 * for Government applies to them.
 *
 * Temporary users (`deleteAfterDate`) disappear at that instant of the simulation clock
 * (lazily, see ProjectScopedTable). Decision: that expiry logs no event (the event Atlas
 * writes for it was never recorded).
 */
export class DatabaseUsers extends ProjectScopedTable<DatabaseUser> {
  constructor(private readonly world: World) {
    super('databaseUsers', DatabaseUserRecord, keyOfUser, world.clock);
  }

  /**
   * The user, or 404 USERNAME_NOT_FOUND. A database other than `admin`/`$external` in the
   * path holds no users, so it gets the same answer.
   */
  get(groupId: string, databaseName: string, username: string): DatabaseUser {
    this.expire(groupId);
    const u = this.rows.get(keyOf(groupId, databaseName, username));
    if (!u) throw new AtlasError('USERNAME_NOT_FOUND', [username]);
    return u;
  }

  create(groupId: string, input: DatabaseUserInput, actor: Actor): DatabaseUser {
    this.expire(groupId);
    if (input.groupId !== undefined && input.groupId !== groupId) throw new AtlasError('GROUP_MISMATCH', [input.groupId]);
    const types: AuthTypes = {
      x509Type: input.x509Type ?? 'NONE',
      awsIAMType: input.awsIAMType ?? 'NONE',
      ldapAuthType: input.ldapAuthType ?? 'NONE',
      oidcAuthType: input.oidcAuthType ?? 'NONE',
    };
    const method = checkSingleMethod(types);
    const databaseName = checkDatabase(method, input.databaseName ?? 'admin');
    const username = input.username ?? '';
    checkUsername(method, username);
    const password = method === 'SCRAM' ? checkPassword(input.password) : refusePassword(method, input.password);
    const deleteAfter = this.#checkDeleteAfter(method, input.deleteAfter);
    const roles = checkRoles(username, input.roles ?? [], (name) => this.world.customDbRoles.find(groupId, name) !== undefined);
    const scopes = this.#checkScopes(groupId, input.scopes ?? []);
    if (this.rows.has(keyOf(groupId, databaseName, username))) throw new AtlasError('USER_ALREADY_EXISTS', [username]);
    // The project limit `atlas.project.security.databaseAccess.users` (default 100).
    const limit = this.world.projectSettings.limitValue(groupId, 'atlas.project.security.databaseAccess.users');
    if (this.countIn(groupId) >= limit) {
      throw new AtlasError('GROUP_USERS_LIMIT_EXCEEDED', [limit]);
    }
    const user = this.insert({
      groupId,
      databaseName,
      username,
      ...types,
      roles,
      scopes,
      labels: copyLabels(input.labels ?? []),
      ...(input.description ? { description: input.description } : {}),
      ...(deleteAfter !== undefined && { deleteAfter }),
      created: this.world.clock.now(),
      ...(password !== undefined && { scram: this.#credential(password) }),
    });
    this.world.events.record('MONGODB_USER_ADDED', { groupId }, actor, { dbUserUsername: mongodbUsername(user) });
    return user;
  }

  /**
   * PATCH: replaces what the body carries. The username, the authentication database and
   * the authentication method are fixed: a different value is 409
   * DATABASE_USERNAME_CANNOT_BE_CHANGED, DATABASE_NAME_CANNOT_BE_CHANGED or
   * AUTH_TYPE_CANNOT_BE_CHANGED (the same value is accepted, as clients send the whole user).
   */
  update(groupId: string, databaseName: string, username: string, input: DatabaseUserInput, actor: Actor): DatabaseUser {
    const current = this.get(groupId, databaseName, username);
    if (input.groupId !== undefined && input.groupId !== groupId) throw new AtlasError('GROUP_MISMATCH', [input.groupId]);
    if (input.username !== undefined && input.username !== current.username) throw new AtlasError('DATABASE_USERNAME_CANNOT_BE_CHANGED', []);
    if (input.databaseName !== undefined && input.databaseName !== current.databaseName) throw new AtlasError('DATABASE_NAME_CANNOT_BE_CHANGED', []);
    for (const f of ['x509Type', 'awsIAMType', 'ldapAuthType', 'oidcAuthType'] as const) {
      if (input[f] !== undefined && input[f] !== current[f]) throw new AtlasError('AUTH_TYPE_CANNOT_BE_CHANGED', []);
    }
    const method = authMethodOf(current);
    const password = input.password === undefined ? undefined : method === 'SCRAM' ? checkPassword(input.password) : refusePassword(method, input.password);
    const deleteAfter = input.deleteAfter === undefined ? current.deleteAfter : this.#checkDeleteAfter(method, input.deleteAfter);
    const description = input.description === undefined ? current.description : input.description || undefined;
    const next: DatabaseUser = {
      ...current,
      roles: input.roles === undefined ? current.roles : checkRoles(current.username, input.roles, (name) => this.world.customDbRoles.find(groupId, name) !== undefined),
      scopes: input.scopes === undefined ? current.scopes : this.#checkScopes(groupId, input.scopes),
      labels: input.labels === undefined ? current.labels : copyLabels(input.labels),
    };
    const scram = password === undefined ? current.scram : this.#credential(password);
    delete next.description;
    delete next.deleteAfter;
    delete next.scram;
    if (description !== undefined) next.description = description;
    if (deleteAfter !== undefined) next.deleteAfter = deleteAfter;
    if (scram !== undefined) next.scram = scram;
    this.replace(next);
    this.world.events.record('MONGODB_USER_UPDATED', { groupId }, actor, { dbUserUsername: mongodbUsername(next) });
    return next;
  }

  delete(groupId: string, databaseName: string, username: string, actor: Actor): void {
    const u = this.get(groupId, databaseName, username);
    this.remove(keyOfUser(u));
    if (u.x509Type === 'MANAGED') this.world.userCerts.dropUser(groupId, u.username);
    this.world.events.record('MONGODB_USER_DELETED', { groupId }, actor, { dbUserUsername: mongodbUsername(u) });
  }

  /** True when `password` is the SCRAM user's password (control plane). */
  passwordMatches(user: DatabaseUser, password: string): boolean {
    return user.scram !== undefined && scramMatches(user.scram, password);
  }

  #credential(password: string) {
    return scramCredential(password, this.world.random.bytes(SCRAM_SALT_BYTES));
  }

  /** `deleteAfterDate`: within the coming week, and never for X.509 users. */
  #checkDeleteAfter(method: AuthMethod, deleteAfter: number | undefined): number | undefined {
    if (deleteAfter === undefined) return undefined;
    if (method === 'X509_MANAGED' || method === 'X509_CUSTOMER') throw new AtlasError('ATLAS_X509_USER_CANNOT_BE_TEMPORARY', []);
    return checkDeleteAfter(deleteAfter, this.clock.now());
  }

  /**
   * Scopes must name resources of the project. A CLUSTER scope naming no cluster of the
   * project is 404 CLUSTER_NOT_FOUND (decision: the catalog's code for a cluster name
   * that does not exist in the project). DATA_LAKE and STREAM scopes name Data Federation
   * and Stream Processing resources, which Atlas for Government does not offer: 403
   * FEATURE_UNSUPPORTED, as for every unavailable feature.
   */
  #checkScopes(groupId: string, scopes: readonly UserScope[]): UserScope[] {
    for (const s of scopes) {
      if (s.type !== 'CLUSTER') throw new AtlasError('FEATURE_UNSUPPORTED', []);
      if (!this.world.clusters.findInGroup(groupId, s.name)) throw new AtlasError('CLUSTER_NOT_FOUND', [s.name, groupId]);
    }
    return scopes.map((s) => ({ name: s.name, type: s.type }));
  }
}

/** At most one method per user. */
function checkSingleMethod(t: AuthTypes): AuthMethod {
  const set = [t.x509Type, t.awsIAMType, t.ldapAuthType, t.oidcAuthType].filter((v) => v !== 'NONE').length;
  if (set > 1) {
    if (t.x509Type !== 'NONE' && t.ldapAuthType !== 'NONE') throw new AtlasError('ATLAS_X509_USER_CANNOT_USE_LDAP', []);
    throw new AtlasError('ATLAS_INVALID_AUTH_SETTINGS', ['A database user can use only one authentication method']);
  }
  return authMethodOf(t);
}

function checkDatabase(method: AuthMethod, databaseName: string): AuthDatabase {
  const required = DATABASE_OF[method];
  if (databaseName === required) return required;
  // The recorded text for password users is "Users can only be created on the admin database."
  if (required === 'admin') throw new AtlasError('DATABASE_NAME_INVALID_ADMIN', [method === 'SCRAM' ? 'Users' : method === 'LDAP_GROUP' ? 'LDAP groups' : 'OIDC IdP groups']);
  throw new AtlasError('DATABASE_NAME_INVALID_EXTERNAL', []);
}

/**
 * Usernames by method. SCRAM: any printable text (the contract caps it at 1024
 * characters). X.509 managed: `CN=<name>` or the bare `<name>` (the Atlas CLI sends the
 * bare name; Atlas makes the certificate subject `CN=<name>`). X.509 self-managed and
 * LDAP: an RFC 4514 distinguished name. AWS IAM: the IAM user or role ARN (GovCloud ARNs
 * included). OIDC: `<IdP id>/<name>`.
 */
function checkUsername(method: AuthMethod, username: string): void {
  if (username === '' || /[\u0000-\u001f\u007f]/.test(username)) throw new AtlasError('ATLAS_INVALID_USERNAME', [username]);
  switch (method) {
    case 'SCRAM':
      return;
    case 'X509_MANAGED': {
      const dn = parseDn(username.includes('=') ? username : `CN=${username}`);
      if (!dn || dn.length !== 1 || dn[0]!.length !== 1 || dn[0]![0]!.type.toUpperCase() !== 'CN') {
        throw new AtlasError('ATLAS_MANAGED_X509_NAME_INVALID', [username]);
      }
      return;
    }
    case 'X509_CUSTOMER':
    case 'LDAP_USER':
    case 'LDAP_GROUP': {
      const dn = parseDn(username);
      if (!dn) throw new AtlasError('ATLAS_INVALID_LDAP_NAME', [username]);
      if (method !== 'X509_CUSTOMER' && hasFilterMetacharacters(dn)) throw new AtlasError('ATLAS_INVALID_DN_METACHARACTERS', [username]);
      return;
    }
    case 'AWS_IAM_USER':
    case 'AWS_IAM_ROLE': {
      const m = IAM_ARN.exec(username);
      if (!m || m[1] !== (method === 'AWS_IAM_USER' ? 'user' : 'role')) throw new AtlasError('ATLAS_INVALID_USERNAME', [username]);
      return;
    }
    case 'OIDC_IDP_GROUP':
    case 'OIDC_USER':
      if (!OIDC_NAME.test(username)) throw new AtlasError('ATLAS_INVALID_USERNAME', [username]);
  }
}

/** Only SCRAM users have passwords. */
function refusePassword(method: AuthMethod, password: string | undefined): undefined {
  if (password === undefined) return undefined;
  if (method === 'X509_MANAGED' || method === 'X509_CUSTOMER') throw new AtlasError('ATLAS_X509_USER_CANNOT_USE_SCRAM', []);
  throw new AtlasError('ATLAS_INVALID_AUTH_SETTINGS', ['Only SCRAM users can have a password']);
}

function copyLabels(labels: readonly UserLabel[]): UserLabel[] {
  return labels.map((l) => ({ ...(l.key !== undefined && { key: l.key }), ...(l.value !== undefined && { value: l.value }) }));
}

/** The user as MongoDB knows it (events call it `dbUserUsername`): managed X.509 users are `CN=<name>`. */
export function mongodbUsername(u: Pick<DatabaseUser, 'username' | 'x509Type'>): string {
  return u.x509Type === 'MANAGED' && !u.username.includes('=') ? `CN=${u.username}` : u.username;
}

/** The simulator's own view of a user (control plane): how it authenticates to MongoDB. */
export function databaseUserInternals(u: DatabaseUser) {
  const method = authMethodOf(u);
  return {
    groupId: u.groupId,
    databaseName: u.databaseName,
    username: u.username,
    mongodbUsername: mongodbUsername(u),
    authMethod: method,
    mechanisms: [MECHANISM_OF[method]],
    ...(u.scram && {
      credentials: { [u.scram.mechanism]: { iterationCount: u.scram.iterationCount, salt: u.scram.salt, storedKey: u.scram.storedKey, serverKey: u.scram.serverKey } },
    }),
    created: new Date(u.created).toISOString(),
    ...(u.deleteAfter !== undefined && { deleteAfter: new Date(u.deleteAfter).toISOString() }),
  };
}
