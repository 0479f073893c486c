import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { GROUP_ROLES, ORG_ROLES } from '../roles.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

/**
 * MongoDB Cloud users (people). Atlas for Government is available by invitation only:
 * `createUser` is refused, and people join through invitations (`createOrganizationUser`
 * is one), which they accept in a browser. Shapes: the 2025-06 document's OrgUserResponse
 * and GroupUserResponse (PENDING or ACTIVE), as recorded (`iam/atlasorgs`,
 * `iam/atlasprojects`: `mobileNumber: null` when unset), and CloudAppUser for the older
 * `/users` operations.
 */
const OrgRole = z.enum(ORG_ROLES);
const GroupRole = z.enum(GROUP_ROLES);
const MobileNumber = z.string().nullable();

const GroupRoleAssignment = z.strictObject({ groupId: ObjectId, groupRoles: z.array(GroupRole) });
const OrgUserRoles = z.strictObject({ groupRoleAssignments: z.array(GroupRoleAssignment), orgRoles: z.array(OrgRole) });

const pendingFields = {
  id: ObjectId,
  invitationCreatedAt: AtlasDate,
  invitationExpiresAt: AtlasDate,
  inviterUsername: z.string(),
  orgMembershipStatus: z.literal('PENDING'),
  username: z.string(),
};
const activeFields = {
  country: z.string().optional(),
  createdAt: AtlasDate,
  firstName: z.string(),
  id: ObjectId,
  lastAuth: AtlasDate.optional(),
  lastName: z.string(),
  mobileNumber: MobileNumber,
  orgMembershipStatus: z.literal('ACTIVE'),
  username: z.string(),
};

export const OrgUserResponse = z.union([
  z.strictObject({ ...pendingFields, roles: OrgUserRoles, teamIds: z.array(ObjectId) }),
  z.strictObject({ ...activeFields, roles: OrgUserRoles, teamIds: z.array(ObjectId) }),
]);

export const GroupUserResponse = z.union([
  z.strictObject({ ...pendingFields, roles: z.array(GroupRole) }),
  z.strictObject({ ...activeFields, roles: z.array(GroupRole) }),
]);

const CloudAccessRoleAssignment = z.union([
  z.strictObject({ orgId: ObjectId, roleName: OrgRole }),
  z.strictObject({ groupId: ObjectId, roleName: GroupRole }),
]);

export const CloudAppUser = z.strictObject({
  country: z.string(),
  createdAt: AtlasDate,
  emailAddress: z.string(),
  firstName: z.string(),
  id: ObjectId,
  lastAuth: AtlasDate.optional(),
  lastName: z.string(),
  links: Links,
  mobileNumber: MobileNumber,
  roles: z.array(CloudAccessRoleAssignment),
  teamIds: z.array(ObjectId),
  username: z.string(),
});

/** CloudAppUser as `POST /users` takes it: only to be refused on Atlas for Government. */
const CloudAppUserRequest = z.strictObject({
  country: z.string(),
  createdAt: readOnly,
  emailAddress: readOnly,
  firstName: z.string(),
  id: readOnly,
  lastAuth: readOnly,
  lastName: z.string(),
  links: readOnly,
  mobileNumber: z.string(),
  password: z.string(),
  roles: optional(z.array(z.strictObject({ groupId: optional(z.string()), orgId: optional(z.string()), roleName: optional(z.enum([...ORG_ROLES, ...GROUP_ROLES])) }))),
  teamIds: readOnly,
  username: z.string(),
});

/** Usernames are checked by the rules (400 INVALID_USERNAME), not as a JSON format. */
const GroupRoleAssignmentInput = z.strictObject({ groupId: optional(z.string()), groupRoles: optional(z.array(GroupRole)) });
const OrgUserRolesRequest = z.strictObject({ groupRoleAssignments: optional(z.array(GroupRoleAssignmentInput)), orgRoles: z.array(OrgRole) });
export const OrgUserRequest = z.strictObject({ roles: OrgUserRolesRequest, teamIds: optional(z.array(z.string())), username: z.string() });
const OrgUserUpdateRequest = z.strictObject({ roles: optional(OrgUserRolesRequest), teamIds: optional(z.array(z.string())) });
const GroupUserRequest = z.strictObject({ roles: z.array(GroupRole), username: z.string() });
const AddOrRemoveOrgRole = z.strictObject({ orgRole: OrgRole });
const AddOrRemoveGroupRole = z.strictObject({ groupRole: GroupRole });
export const AddOrRemoveUserFromTeam = z.strictObject({ id: z.string() });

export const UpdateOrgRolesForUser = z.strictObject({ links: readOnly, orgRoles: optional(z.array(OrgRole)) });
const UpdateOrgRolesForUserView = z.strictObject({ links: Links, orgRoles: z.array(OrgRole) });
const UpdateGroupRolesForUser = z.strictObject({ groupRoles: optional(z.array(GroupRole)), links: readOnly });
const UpdateGroupRolesForUserView = z.strictObject({ groupRoles: z.array(GroupRole), links: Links });

/** OrganizationInvitation: also the answer of `addUserToProject` for someone not yet a member. */
export const OrganizationInvitation = z.strictObject({
  createdAt: AtlasDate,
  expiresAt: AtlasDate,
  groupRoleAssignments: z.array(z.strictObject({ groupId: ObjectId, groupRole: GroupRole })),
  id: ObjectId,
  inviterUsername: z.string(),
  links: Links,
  orgId: ObjectId,
  orgName: z.string(),
  roles: z.array(OrgRole),
  teamIds: z.array(ObjectId),
  username: z.string(),
});

export const GroupInvitationRequest = z.strictObject({ roles: optional(z.array(GroupRole)), username: optional(z.string()) });

/**
 * The three user lists also serve their deprecated 2023-01-01 version, active users in
 * the CloudAppUser view: the Terraform provider's team and user resources still send it
 * (SDK v20241113, wire-facts wave 2 §7).
 */
const USERS_QUERY = { ...PAGING_QUERY, orgMembershipStatus: { type: 'string', enum: ['PENDING', 'ACTIVE'] }, username: { type: 'string' } } as const;
const V = '2025-02-19';

export const cloudUserOperations = [
  {
    operationId: 'createUser',
    method: 'POST',
    path: '/api/atlas/v2/users',
    versions: [{ date: '2023-01-01', request: CloudAppUserRequest, response: CloudAppUser }],
    status: 200,
    rateLimit: null,
    access: { scope: 'principal' },
  },
  {
    operationId: 'getUser',
    method: 'GET',
    path: '/api/atlas/v2/users/{userId}',
    versions: [{ date: '2023-01-01', response: CloudAppUser }],
    status: 200,
    rateLimit: null,
    access: { scope: 'principal' },
  },
  {
    operationId: 'getUserByUsername',
    method: 'GET',
    path: '/api/atlas/v2/users/byName/{userName}',
    versions: [{ date: '2023-01-01', response: CloudAppUser }],
    status: 200,
    rateLimit: null,
    access: { scope: 'principal' },
  },
  {
    operationId: 'listOrganizationUsers',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/users',
    versions: [{ date: '2023-01-01', response: paginated(CloudAppUser) }, { date: V, response: paginated(OrgUserResponse) }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: USERS_QUERY,
  },
  {
    operationId: 'createOrganizationUser',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/users',
    versions: [{ date: V, request: OrgUserRequest, response: OrgUserResponse }],
    status: 201,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getOrganizationUser',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}',
    versions: [{ date: V, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'updateOrganizationUser',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}',
    versions: [{ date: V, request: OrgUserUpdateRequest, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'removeOrganizationUser',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'addOrganizationRole',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}:addRole',
    versions: [{ date: V, request: AddOrRemoveOrgRole, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'removeOrganizationRole',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}:removeRole',
    versions: [{ date: V, request: AddOrRemoveOrgRole, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    // "Organization User Admin" in the document, outside the role enums: Organization Owner.
    operationId: 'updateOrganizationRoles',
    method: 'PUT',
    path: '/api/atlas/v2/orgs/{orgId}/users/{userId}/roles',
    versions: [{ date: '2023-01-01', request: UpdateOrgRolesForUser, response: UpdateOrgRolesForUserView }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'addUserToTeam',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}:addUser',
    versions: [{ date: V, request: AddOrRemoveUserFromTeam, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'removeUserFromTeam',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}:removeUser',
    versions: [{ date: V, request: AddOrRemoveUserFromTeam, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'listTeamUsers',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users',
    versions: [{ date: '2023-01-01', response: paginated(CloudAppUser) }, { date: V, response: paginated(OrgUserResponse) }],
    status: 200,
    rateLimit: 'orgTeams',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
    paged: true,
    query: USERS_QUERY,
  },
  {
    operationId: 'listProjectUsers',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/users',
    versions: [{ date: '2023-01-01', response: paginated(CloudAppUser) }, { date: V, response: paginated(GroupUserResponse) }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...USERS_QUERY, flattenTeams: { type: 'boolean', default: false }, includeOrgUsers: { type: 'boolean', default: false } },
  },
  {
    operationId: 'addProjectUser',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/users',
    versions: [{ date: V, request: GroupUserRequest, response: GroupUserResponse }],
    status: 201,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'getProjectUser',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/users/{userId}',
    versions: [{ date: V, response: GroupUserResponse }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'removeProjectUser',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}/users/{userId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'addProjectRole',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/users/{userId}:addRole',
    versions: [{ date: V, request: AddOrRemoveGroupRole, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    operationId: 'removeProjectRole',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/users/{userId}:removeRole',
    versions: [{ date: V, request: AddOrRemoveGroupRole, response: OrgUserResponse }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    // "Group User Admin" in the document, outside the role enums: Project Owner.
    operationId: 'updateProjectRoles',
    method: 'PUT',
    path: '/api/atlas/v2/groups/{groupId}/users/{userId}/roles',
    versions: [{ date: '2023-01-01', request: UpdateGroupRolesForUser, response: UpdateGroupRolesForUserView }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
  {
    // "Group User Admin" in the document: Project Owner. 200 with the invitation for
    // someone not yet in the organization, 204 for a member added at once.
    operationId: 'addUserToProject',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/access',
    versions: [{ date: '2023-02-01', request: GroupInvitationRequest, response: OrganizationInvitation }],
    status: 200,
    rateLimit: 'projects',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
