import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { GROUP_ROLES, ORG_ROLES } from '../roles.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { AccessListRequest } from './apiKeys.js';

/**
 * Service accounts, organization and project level (all 2024-08-05, wire-facts A.3).
 * Minimum roles: the 2025-06 document states none for these operations; they come from
 * the 2026-08 document's `x-rolesRequirements`.
 *
 * Request contracts carry the document's field rules (lengths, the name pattern, at least
 * one role), so a violation is 400 INVALID_ATTRIBUTE naming the field and a missing
 * required field 400 MISSING_ATTRIBUTE; the secret lifetime bounds are organization
 * settings and live in the sim.
 */
const CLIENT_ID = /^mdb_sa_id_[a-fA-F\d]{24}$/;
/** `^[\p{L}\p{N}\-_.,' ]*$` of the document. */
const TEXT = /^[\p{L}\p{N}\-_.,' ]*$/u;
const Name = z.string().min(1).max(64).regex(TEXT);
const Description = z.string().min(1).max(250).regex(TEXT);
const Hours = z.number().int();

export const ServiceAccountSecret = z.strictObject({
  createdAt: AtlasDate,
  expiresAt: AtlasDate,
  id: ObjectId,
  lastUsedAt: AtlasDate.optional(),
  maskedSecretValue: z.string().regex(/^mdb_sa_sk_\.\.\.[A-Za-z0-9]{4}$/),
  /** Only in the response that created the secret. */
  secret: z.string().regex(/^mdb_sa_sk_[A-Za-z0-9]{40}$/).optional(),
});

const account = <R extends z.ZodType>(role: R) =>
  z.strictObject({
    clientId: z.string().regex(CLIENT_ID),
    createdAt: AtlasDate,
    description: z.string(),
    name: z.string(),
    roles: z.array(role),
    secrets: z.array(ServiceAccountSecret),
  });

export const OrgServiceAccount = account(z.enum(ORG_ROLES));
export const GroupServiceAccount = account(z.enum(GROUP_ROLES));

export const ServiceAccountIPAccessListEntry = z.strictObject({
  cidrBlock: z.string(),
  createdAt: AtlasDate,
  ipAddress: z.string().optional(),
  lastUsedAddress: z.string().optional(),
  lastUsedAt: AtlasDate.optional(),
  requestCount: z.number().int().nonnegative(),
});

export const ServiceAccountGroup = z.strictObject({ groupId: ObjectId });

const OrgServiceAccountRequest = z.strictObject({
  description: Description,
  name: Name,
  roles: z.array(z.enum(ORG_ROLES)).min(1),
  secretExpiresAfterHours: Hours,
});
const OrgServiceAccountUpdateRequest = z.strictObject({
  description: Description.optional(),
  name: Name.optional(),
  roles: z.array(z.enum(ORG_ROLES)).min(1).optional(),
});
const GroupServiceAccountRequest = z.strictObject({
  description: Description,
  name: Name,
  roles: z.array(z.enum(GROUP_ROLES)).min(1),
  secretExpiresAfterHours: Hours,
});
const GroupServiceAccountUpdateRequest = z.strictObject({
  description: Description.optional(),
  name: Name.optional(),
  roles: z.array(z.enum(GROUP_ROLES)).min(1).optional(),
});
const GroupServiceAccountRoleAssignment = z.strictObject({ roles: z.array(z.enum(GROUP_ROLES)).min(1) });
const ServiceAccountSecretRequest = z.strictObject({ secretExpiresAfterHours: Hours });

const V = '2024-08-05';
/** Service-account lists take pageNum and itemsPerPage, but no includeCount. */
const PAGE = {
  itemsPerPage: { type: 'integer', default: 100, min: 1, max: 500 },
  pageNum: { type: 'integer', default: 1, min: 1 },
} as const;
const PAGE_WITH_COUNT = { includeCount: { type: 'boolean', default: true }, ...PAGE } as const;

const ORG = '/api/atlas/v2/orgs/{orgId}/serviceAccounts';
const GROUP = '/api/atlas/v2/groups/{groupId}/serviceAccounts';

export const serviceAccountOperations = [
  {
    operationId: 'listServiceAccounts',
    method: 'GET',
    path: ORG,
    versions: [{ date: V, response: paginated(OrgServiceAccount) }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_READ_ONLY'] },
    paged: true,
    query: PAGE,
  },
  {
    operationId: 'createServiceAccount',
    method: 'POST',
    path: ORG,
    versions: [{ date: V, request: OrgServiceAccountRequest, response: OrgServiceAccount }],
    status: 201,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getServiceAccount',
    method: 'GET',
    path: `${ORG}/{clientId}`,
    versions: [{ date: V, response: OrgServiceAccount }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_READ_ONLY'] },
  },
  {
    operationId: 'updateServiceAccount',
    method: 'PATCH',
    path: `${ORG}/{clientId}`,
    versions: [{ date: V, request: OrgServiceAccountUpdateRequest, response: OrgServiceAccount }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteServiceAccount',
    method: 'DELETE',
    path: `${ORG}/{clientId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listServiceAccountProjects',
    method: 'GET',
    path: `${ORG}/{clientId}/groups`,
    versions: [{ date: V, response: paginated(ServiceAccountGroup) }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_READ_ONLY'] },
    paged: true,
    query: PAGE,
  },
  {
    operationId: 'createServiceAccountSecret',
    method: 'POST',
    path: `${ORG}/{clientId}/secrets`,
    versions: [{ date: V, request: ServiceAccountSecretRequest, response: ServiceAccountSecret }],
    status: 201,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteServiceAccountSecret',
    method: 'DELETE',
    path: `${ORG}/{clientId}/secrets/{secretId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listServiceAccountAccessList',
    method: 'GET',
    path: `${ORG}/{clientId}/accessList`,
    versions: [{ date: V, response: paginated(ServiceAccountIPAccessListEntry) }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_READ_ONLY'] },
    paged: true,
    query: PAGE_WITH_COUNT,
  },
  {
    operationId: 'createServiceAccountAccessList',
    method: 'POST',
    path: `${ORG}/{clientId}/accessList`,
    versions: [{ date: V, request: AccessListRequest, response: paginated(ServiceAccountIPAccessListEntry) }],
    status: 200,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
    paged: true,
    query: PAGE_WITH_COUNT,
  },
  {
    operationId: 'deleteServiceAccountAccessListEntry',
    method: 'DELETE',
    path: `${ORG}/{clientId}/accessList/{ipAddress}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgServiceAccounts',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listProjectServiceAccounts',
    method: 'GET',
    path: GROUP,
    versions: [{ date: V, response: paginated(GroupServiceAccount) }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: PAGE,
  },
  {
    operationId: 'createProjectServiceAccount',
    method: 'POST',
    path: GROUP,
    versions: [{ date: V, request: GroupServiceAccountRequest, response: GroupServiceAccount }],
    status: 201,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getProjectServiceAccount',
    method: 'GET',
    path: `${GROUP}/{clientId}`,
    versions: [{ date: V, response: GroupServiceAccount }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateProjectServiceAccount',
    method: 'PATCH',
    path: `${GROUP}/{clientId}`,
    versions: [{ date: V, request: GroupServiceAccountUpdateRequest, response: GroupServiceAccount }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'deleteProjectServiceAccount',
    method: 'DELETE',
    path: `${GROUP}/{clientId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'addProjectServiceAccount',
    method: 'POST',
    path: `${GROUP}/{clientId}:invite`,
    versions: [{ date: V, request: GroupServiceAccountRoleAssignment, response: GroupServiceAccount }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'createProjectServiceAccountSecret',
    method: 'POST',
    path: `${GROUP}/{clientId}/secrets`,
    versions: [{ date: V, request: ServiceAccountSecretRequest, response: ServiceAccountSecret }],
    status: 201,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'deleteProjectServiceAccountSecret',
    method: 'DELETE',
    path: `${GROUP}/{clientId}/secrets/{secretId}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'listProjectServiceAccountAccessList',
    method: 'GET',
    path: `${GROUP}/{clientId}/accessList`,
    versions: [{ date: V, response: paginated(ServiceAccountIPAccessListEntry) }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: PAGE_WITH_COUNT,
  },
  {
    // 2026-08 names "Project Access Manager", a role outside the document's enums.
    // Decision: Project Owner, as for the account's other project-level changes.
    operationId: 'createProjectServiceAccountAccessList',
    method: 'POST',
    path: `${GROUP}/{clientId}/accessList`,
    versions: [{ date: V, request: AccessListRequest, response: paginated(ServiceAccountIPAccessListEntry) }],
    status: 200,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: PAGE_WITH_COUNT,
  },
  {
    // "Project Access Manager" in 2026-08: same decision.
    operationId: 'deleteProjectServiceAccountAccessListEntry',
    method: 'DELETE',
    path: `${GROUP}/{clientId}/accessList/{ipAddress}`,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'groupServiceAccounts',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
