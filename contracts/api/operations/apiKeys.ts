import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { GROUP_ROLES, ORG_ROLES } from '../roles.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';

/**
 * Programmatic API keys (all 2023-01-01, wire-facts A.4). Shapes: ApiKeyUserDetails and
 * UserAccessListResponse of the OpenAPI document, as recorded.
 *
 * Request contracts check types and enums only (Jackson's part). `desc` and `roles` may
 * be absent or null here: Atlas answers those with its own codes (INVALID_API_KEY_DESC,
 * MISSING_API_KEY_ROLES), which the sim raises.
 */
const RoleAssignment = z.union([
  z.strictObject({ orgId: ObjectId, roleName: z.enum(ORG_ROLES) }),
  z.strictObject({ groupId: ObjectId, roleName: z.enum(GROUP_ROLES) }),
]);

export const ApiKeyUserDetails = z.strictObject({
  desc: z.string(),
  id: ObjectId,
  links: Links,
  /** The full UUID in the create response only; `********-****-****-<last 12>` afterwards. */
  privateKey: z.union([
    z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    z.string().regex(/^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/),
  ]),
  publicKey: z.string().regex(/^[a-z]{8}$/),
  roles: z.array(RoleAssignment),
});

export const UserAccessListResponse = z.strictObject({
  cidrBlock: z.string(),
  count: z.number().int().nonnegative(),
  created: AtlasDate,
  ipAddress: z.string().optional(),
  lastUsed: AtlasDate.optional(),
  lastUsedAddress: z.string().optional(),
  links: Links,
});

const Desc = z.string().nullish();
const OrgApiKeyRequest = z.strictObject({ desc: Desc, roles: z.array(z.enum(ORG_ROLES)).nullish() });
const ProjectApiKeyCreateRequest = z.strictObject({ desc: Desc, roles: z.array(z.enum([...ORG_ROLES, ...GROUP_ROLES])).nullish() });
const ProjectApiKeyUpdateRequest = z.strictObject({ desc: Desc, roles: z.array(z.enum(GROUP_ROLES)).nullish() });
/** UserAccessRoleAssignment[]; `userId` is read-only and ignored when sent. */
const ProjectAssignmentRequest = z.array(z.strictObject({ roles: z.array(z.enum(GROUP_ROLES)).nullish(), userId: z.string().optional() }));
export const AccessListRequest = z.array(z.strictObject({ cidrBlock: z.string().optional(), ipAddress: z.string().optional() }));

const V = '2023-01-01';

export const apiKeyOperations = [
  {
    operationId: 'listApiKeys',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys',
    versions: [{ date: V, response: paginated(ApiKeyUserDetails) }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createApiKey',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys',
    versions: [{ date: V, request: OrgApiKeyRequest, response: ApiKeyUserDetails }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getApiKey',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}',
    versions: [{ date: V, response: ApiKeyUserDetails }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'updateApiKey',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}',
    versions: [{ date: V, request: OrgApiKeyRequest, response: ApiKeyUserDetails }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteApiKey',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listApiKeyAccessListsEntries',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}/accessList',
    versions: [{ date: V, response: paginated(UserAccessListResponse) }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    // The document names a "Read Write" role, which is no Atlas role. Decision: any
    // organization member passes the route check, and the sim then lets only the key
    // itself or an Organization Owner change the list (401 API_KEY_WHITELIST_ACCESS_DENIED,
    // "API key whitelists are only accessible by the API key or by a user administrator").
    operationId: 'createApiKeyAccessList',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}/accessList',
    versions: [{ date: V, request: AccessListRequest, response: paginated(UserAccessListResponse) }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'getApiKeyAccessList',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}',
    versions: [{ date: V, response: UserAccessListResponse }],
    status: 200,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    // "Read Write" in the document: same decision as createApiKeyAccessList.
    operationId: 'deleteApiKeyAccessListEntry',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgApiKeys',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'listProjectApiKeys',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/apiKeys',
    versions: [{ date: V, response: paginated(ApiKeyUserDetails) }],
    status: 200,
    rateLimit: 'groupApiKeys',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createProjectApiKey',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/apiKeys',
    versions: [{ date: V, request: ProjectApiKeyCreateRequest, response: ApiKeyUserDetails }],
    status: 200,
    rateLimit: 'groupApiKeys',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'addProjectApiKey',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/apiKeys/{apiUserId}',
    versions: [{ date: V, request: ProjectAssignmentRequest }],
    status: 204,
    rateLimit: 'groupApiKeys',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    // The 2025-06 document states no role; the 2026-08 one names "Project Access
    // Manager", a role outside the document's enums. Decision: Project Owner, like the
    // other project key operations.
    operationId: 'updateApiKeyRoles',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/apiKeys/{apiUserId}',
    versions: [{ date: V, request: ProjectApiKeyUpdateRequest, response: ApiKeyUserDetails }],
    status: 200,
    rateLimit: 'groupApiKeys',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    query: PAGING_QUERY,
  },
  {
    operationId: 'removeProjectApiKey',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}/apiKeys/{apiUserId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'groupApiKeys',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
