import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { GROUP_ROLES } from '../roles.js';
import { Links, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { CloudAppUser } from './cloudUsers.js';

/**
 * Teams (2023-01-01), shaped as recorded (`iam/atlasteams`, `iam/atlasprojectteams`):
 * `createTeam` answers 201 with a `Location` outside `/api/atlas/v2`; assigning teams to
 * a project answers 200 with every team of the project in a list envelope, and changing
 * a team's roles answers the same envelope with that one team. Organization Owner writes,
 * Organization Member reads; Project Owner assigns, Project Read Only reads.
 */
export const TeamResponse = z.strictObject({ id: ObjectId, links: Links, name: z.string() });
const TeamCreated = z.strictObject({ id: ObjectId, links: Links, name: z.string(), usernames: z.array(z.string()) });
const TeamRequest = z.strictObject({ id: readOnly, links: readOnly, name: z.string(), usernames: z.array(z.string()) });
const TeamUpdate = z.strictObject({ links: readOnly, name: z.string() });
export const TeamRole = z.strictObject({ links: Links, roleNames: z.array(z.enum(GROUP_ROLES)), teamId: ObjectId });
const TeamRoleRequest = z.strictObject({ links: readOnly, roleNames: optional(z.array(z.enum(GROUP_ROLES))), teamId: optional(z.string()) });
const AddUserToTeam = z.strictObject({ id: z.string() });

/** The lists these operations answer echo only the page parameters (recorded). */
const PAGE_ONLY = { itemsPerPage: PAGING_QUERY.itemsPerPage!, pageNum: PAGING_QUERY.pageNum! };
const V = '2023-01-01';

export const teamOperations = [
  {
    operationId: 'listOrganizationTeams',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/teams',
    versions: [{ date: V, response: paginated(TeamResponse) }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'createTeam',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/teams',
    versions: [{ date: V, request: TeamRequest, response: TeamCreated }],
    status: 201,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getTeamById',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}',
    versions: [{ date: V, response: TeamResponse }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'getTeamByName',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/teams/byName/{teamName}',
    versions: [{ date: V, response: TeamResponse }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'renameTeam',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}',
    versions: [{ date: V, request: TeamUpdate, response: TeamResponse }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteTeam',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    // Deprecated for `:addUser`, but what the Terraform provider still sends.
    operationId: 'addTeamUser',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users',
    versions: [{ date: V, request: z.array(AddUserToTeam), response: paginated(CloudAppUser) }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
    paged: true,
    query: PAGE_ONLY,
  },
  {
    operationId: 'removeTeamUser',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listProjectTeams',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/teams',
    versions: [{ date: V, response: paginated(TeamRole) }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: PAGING_QUERY,
  },
  {
    operationId: 'addAllTeamsToProject',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/teams',
    versions: [{ date: V, request: z.array(TeamRoleRequest), response: paginated(TeamRole) }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: PAGE_ONLY,
  },
  {
    operationId: 'getProjectTeam',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/teams/{teamId}',
    versions: [{ date: V, response: TeamRole }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'updateTeamRoles',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/teams/{teamId}',
    versions: [{ date: V, request: TeamRoleRequest, response: paginated(TeamRole) }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: PAGE_ONLY,
  },
  {
    operationId: 'removeProjectTeam',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}/teams/{teamId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
