import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { DateTimeInput } from '../schemas/dateTime.js';
import { optional, readOnly } from '../schemas/input.js';
import { X509_TYPES, AWS_IAM_TYPES, LDAP_AUTH_TYPES, OIDC_AUTH_TYPES, USER_SCOPE_TYPES } from '../vocabulary.js';

const RoleInput = z.strictObject({
  collectionName: optional(z.string()),
  databaseName: z.string(),
  roleName: z.string(),
});

/** UserScope: the name pattern is the document's (400 INVALID_ATTRIBUTE `name` otherwise). */
const ScopeInput = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9-]*$/),
  type: z.enum(USER_SCOPE_TYPES),
});

const LabelInput = z.strictObject({
  key: optional(z.string().min(1).max(255)),
  value: optional(z.string().min(1).max(255)),
});

/**
 * CloudDatabaseUser as a request (2023-01-01). Keys in the document's (alphabetical)
 * order, so that missing required attributes are reported one at a time as Atlas does:
 * `databaseName`, then `groupId`, then `username`. Value rules (database per method,
 * password strength, roles, username forms) are the sim's, with their Atlas codes; the
 * contract keeps the document's limits: username at most 1024 characters, description
 * at most 100 (400 INVALID_ATTRIBUTE).
 */
export const CloudDatabaseUserCreate = z.strictObject({
  awsIAMType: optional(z.enum(AWS_IAM_TYPES)),
  databaseName: z.string(),
  deleteAfterDate: optional(DateTimeInput),
  description: optional(z.string().max(100)),
  groupId: z.string(),
  labels: optional(z.array(LabelInput)),
  ldapAuthType: optional(z.enum(LDAP_AUTH_TYPES)),
  links: readOnly,
  oidcAuthType: optional(z.enum(OIDC_AUTH_TYPES)),
  password: optional(z.string()),
  roles: optional(z.array(RoleInput)),
  scopes: optional(z.array(ScopeInput)),
  username: z.string().max(1024),
  x509Type: optional(z.enum(X509_TYPES)),
});

/**
 * CloudDatabaseUser as a PATCH. Decision: every attribute is optional (what is sent is
 * replaced, the rest kept); clients send the whole user, and an unchanged username,
 * database or method is accepted.
 */
export const CloudDatabaseUserUpdate = CloudDatabaseUserCreate.extend({
  databaseName: optional(z.string()),
  groupId: optional(z.string()),
  username: optional(z.string().max(1024)),
});

/**
 * CloudDatabaseUser as Atlas returns it (recorded): alphabetical keys, every auth type
 * echoed (NONE by default), `labels` and `scopes` always present, `groupId` returned
 * although the document marks it writeOnly, `password` never.
 */
export const CloudDatabaseUser = z.strictObject({
  awsIAMType: z.enum(AWS_IAM_TYPES),
  databaseName: z.enum(['admin', '$external']),
  deleteAfterDate: AtlasDate.optional(),
  description: z.string().optional(),
  groupId: ObjectId,
  labels: z.array(z.strictObject({ key: z.string().optional(), value: z.string().optional() })),
  ldapAuthType: z.enum(LDAP_AUTH_TYPES),
  links: Links,
  oidcAuthType: z.enum(OIDC_AUTH_TYPES),
  roles: z.array(z.strictObject({ collectionName: z.string().optional(), databaseName: z.string(), roleName: z.string() })),
  scopes: z.array(z.strictObject({ name: z.string(), type: z.enum(USER_SCOPE_TYPES) })),
  username: z.string(),
  x509Type: z.enum(X509_TYPES),
});

const V = '2023-01-01';
const USER_PATH = '/api/atlas/v2/groups/{groupId}/databaseUsers/{databaseName}/{username}';
/**
 * Who may change database users, as the document states: Project Owner, Project Stream
 * Processing Owner or Project Database Access Admin (Project Charts Admin, also named,
 * is not a role the simulator has).
 */
const USER_ADMINS = ['GROUP_OWNER', 'GROUP_STREAM_PROCESSING_OWNER', 'GROUP_DATABASE_ACCESS_ADMIN'] as const;

/** Database users (2023-01-01 only, wire-facts B.3 and G). */
export const databaseUserOperations = [
  {
    operationId: 'listDatabaseUsers',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/databaseUsers',
    versions: [{ date: V, response: paginated(CloudDatabaseUser) }],
    status: 200,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createDatabaseUser',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/databaseUsers',
    versions: [{ date: V, request: CloudDatabaseUserCreate, response: CloudDatabaseUser }],
    status: 201,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: USER_ADMINS },
  },
  {
    operationId: 'getDatabaseUser',
    method: 'GET',
    path: USER_PATH,
    versions: [{ date: V, response: CloudDatabaseUser }],
    status: 200,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateDatabaseUser',
    method: 'PATCH',
    path: USER_PATH,
    versions: [{ date: V, request: CloudDatabaseUserUpdate, response: CloudDatabaseUser }],
    status: 200,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: USER_ADMINS },
  },
  {
    operationId: 'deleteDatabaseUser',
    method: 'DELETE',
    path: USER_PATH,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: USER_ADMINS },
  },
] as const satisfies readonly OperationSpec[];
