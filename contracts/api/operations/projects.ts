import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, EmptyObject, Links, ObjectId, paginated, Tag } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { REGION_USAGE_RESTRICTIONS } from '../vocabulary.js';


/** ResourceTag: key and value of 1 to 255 characters (400 INVALID_ATTRIBUTE otherwise). */
const TagInput = z.strictObject({ key: z.string().min(1).max(255), value: z.string().min(1).max(255) });

/**
 * Group, as created (2023-01-01). `orgId` is required and selects the organization; the
 * name rules are the sim's (INVALID_GROUP_NAME). Read-only attributes are ignored.
 */
export const GroupCreate = z.strictObject({
  clusterCount: readOnly,
  created: readOnly,
  id: readOnly,
  links: readOnly,
  name: z.string(),
  orgId: z.string(),
  regionUsageRestrictions: optional(z.enum(REGION_USAGE_RESTRICTIONS)),
  tags: optional(z.array(TagInput)),
  withDefaultAlertsSettings: optional(z.boolean()),
});

/**
 * GroupUpdate: name and tags only. Decision: `regionUsageRestrictions` (fixed at
 * creation), `orgId` and `withDefaultAlertsSettings` are not properties of this view, so
 * sending them is 400 INVALID_ATTRIBUTE like any unknown attribute.
 */
export const GroupUpdate = z.strictObject({
  name: optional(z.string()),
  tags: optional(z.array(TagInput)),
});

/**
 * Group as Atlas for Government returns it: keys alphabetical, `regionUsageRestrictions`
 * always present (Gov), `tags` absent only in the create answer of a project created
 * without tags (recorded), `withDefaultAlertsSettings` returned although the document
 * marks it writeOnly (recorded).
 */
export const Group = z.strictObject({
  clusterCount: z.number().int().nonnegative(),
  created: AtlasDate,
  id: ObjectId,
  links: Links,
  name: z.string(),
  orgId: ObjectId,
  regionUsageRestrictions: z.enum(REGION_USAGE_RESTRICTIONS),
  tags: z.array(Tag).optional(),
  withDefaultAlertsSettings: z.boolean(),
});

/** GroupMigrationRequest: the destination organization, and an owner API key of it. */
const GroupMigrationRequest = z.strictObject({
  destinationOrgId: optional(z.string()),
  destinationOrgPrivateApiKey: optional(z.string()),
  destinationOrgPublicApiKey: optional(z.string()),
});

const V = '2023-01-01';

/**
 * Projects (2023-01-01 only, wire-facts B.3). Minimum roles are those the document
 * states per operation. Three operations name no project or organization in their path:
 * `createProject` (organization in the body; the document says "Read Write", which is no
 * Atlas role; creating a project takes Organization Project Creator, which Organization
 * Owner includes) and `getProjectByName` (Project Read Only on the project found) are
 * declared `scopeFrom: 'request'`, so their handlers apply the requirement once the
 * scope is known; `listProjects` (the
 * document says Organization Read Only; decision: any caller may list, and sees the
 * projects it has access to, so that project-scoped keys can list theirs).
 */
export const projectOperations = [
  {
    operationId: 'listProjects',
    method: 'GET',
    path: '/api/atlas/v2/groups',
    versions: [{ date: V, response: paginated(Group) }],
    status: 200,
    rateLimit: 'projectsUser',
    access: { scope: 'principal' },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createProject',
    method: 'POST',
    path: '/api/atlas/v2/groups',
    versions: [{ date: V, request: GroupCreate, response: Group }],
    status: 201,
    rateLimit: 'projectsUser',
    access: { scope: 'org', anyOf: ['ORG_GROUP_CREATOR'], scopeFrom: 'request' },
    query: { projectOwnerId: { type: 'string' } },
  },
  {
    operationId: 'getProjectByName',
    method: 'GET',
    path: '/api/atlas/v2/groups/byName/{groupName}',
    versions: [{ date: V, response: Group }],
    status: 200,
    rateLimit: 'projectsUser',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'], scopeFrom: 'request' },
  },
  {
    operationId: 'getProject',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}',
    versions: [{ date: V, response: Group }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateProject',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}',
    versions: [{ date: V, request: GroupUpdate, response: Group }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'deleteProject',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}',
    // Recorded: 202 with `{}`, where the document says 204 (wire-facts C.6).
    versions: [{ date: V, response: EmptyObject }],
    status: 202,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'listOrganizationProjects',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/groups',
    versions: [{ date: V, response: paginated(Group) }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: { ...PAGING_QUERY, name: { type: 'string' } },
  },
  {
    // Organization Owner of the source organization; the destination is checked by the
    // rules (an owner API key of the destination, or a user owner of both).
    operationId: 'migrateProjectToAnotherOrg',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}:migrate',
    versions: [{ date: '2024-05-30', request: GroupMigrationRequest, response: Group }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['ORG_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
