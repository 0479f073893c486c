import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { GROUP_ROLES, ORG_ROLES } from '../roles.js';
import { AtlasDate, Links, ObjectId } from '../schemas/common.js';
import { optional } from '../schemas/input.js';
import { GroupInvitationRequest, OrganizationInvitation } from './cloudUsers.js';

/**
 * Invitations to organizations and projects (2023-01-01; all deprecated for the
 * 2025-02-19 user operations, which the Terraform provider's invitation resources still
 * do not use). Lists are bare arrays (wire-facts C.1). Usernames are checked by the
 * rules (400 INVALID_USERNAME), roles by their enums (400 INVALID_ENUM_VALUE).
 */
const OrgInvitationAssignment = z.strictObject({ groupId: optional(z.string()), roles: optional(z.array(z.enum(GROUP_ROLES))) });
const invitationFields = {
  groupRoleAssignments: optional(z.array(OrgInvitationAssignment)),
  roles: optional(z.array(z.enum(ORG_ROLES))),
  teamIds: optional(z.array(z.string())),
};
const OrganizationInvitationRequest = z.strictObject({ ...invitationFields, username: optional(z.string()) });
const OrganizationInvitationUpdateRequest = z.strictObject(invitationFields);
const GroupInvitationUpdateRequest = z.strictObject({ roles: optional(z.array(z.enum(GROUP_ROLES))) });

export const GroupInvitation = z.strictObject({
  createdAt: AtlasDate,
  expiresAt: AtlasDate,
  groupId: ObjectId,
  groupName: z.string(),
  id: ObjectId,
  inviterUsername: z.string(),
  links: Links,
  roles: z.array(z.enum(GROUP_ROLES)),
  username: z.string(),
});

const V = '2023-01-01';
const ORG = { scope: 'org', anyOf: ['ORG_OWNER'] } as const;
const GROUP = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;

export const invitationOperations = [
  {
    operationId: 'listOrganizationInvitations',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/invites',
    versions: [{ date: V, response: z.array(OrganizationInvitation) }],
    status: 200,
    rateLimit: 'orgs',
    access: ORG,
    query: { username: { type: 'string' } },
  },
  {
    operationId: 'createOrganizationInvitation',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/invites',
    versions: [{ date: V, request: OrganizationInvitationRequest, response: OrganizationInvitation }],
    status: 200,
    rateLimit: 'orgs',
    access: ORG,
  },
  {
    operationId: 'updateOrganizationInvitation',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/invites',
    versions: [{ date: V, request: OrganizationInvitationRequest, response: OrganizationInvitation }],
    status: 200,
    rateLimit: 'orgs',
    access: ORG,
  },
  {
    operationId: 'getOrganizationInvitation',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/invites/{invitationId}',
    versions: [{ date: V, response: OrganizationInvitation }],
    status: 200,
    rateLimit: 'orgs',
    access: ORG,
  },
  {
    operationId: 'updateOrganizationInvitationById',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}/invites/{invitationId}',
    versions: [{ date: V, request: OrganizationInvitationUpdateRequest, response: OrganizationInvitation }],
    status: 200,
    rateLimit: 'orgs',
    access: ORG,
  },
  {
    operationId: 'deleteOrganizationInvitation',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}/invites/{invitationId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'orgs',
    access: ORG,
  },
  {
    operationId: 'listProjectInvitations',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/invites',
    versions: [{ date: V, response: z.array(GroupInvitation) }],
    status: 200,
    rateLimit: 'projects',
    access: GROUP,
    query: { username: { type: 'string' } },
  },
  {
    operationId: 'createProjectInvitation',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/invites',
    versions: [{ date: V, request: GroupInvitationRequest, response: GroupInvitation }],
    status: 200,
    rateLimit: 'projects',
    access: GROUP,
  },
  {
    operationId: 'updateProjectInvitation',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/invites',
    versions: [{ date: V, request: GroupInvitationRequest, response: GroupInvitation }],
    status: 200,
    rateLimit: 'projects',
    access: GROUP,
  },
  {
    operationId: 'getProjectInvitation',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/invites/{invitationId}',
    versions: [{ date: V, response: GroupInvitation }],
    status: 200,
    rateLimit: 'projects',
    access: GROUP,
  },
  {
    operationId: 'updateProjectInvitationById',
    method: 'PATCH',
    path: '/api/atlas/v2/groups/{groupId}/invites/{invitationId}',
    versions: [{ date: V, request: GroupInvitationUpdateRequest, response: GroupInvitation }],
    status: 200,
    rateLimit: 'projects',
    access: GROUP,
  },
  {
    operationId: 'deleteProjectInvitation',
    method: 'DELETE',
    path: '/api/atlas/v2/groups/{groupId}/invites/{invitationId}',
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'projects',
    access: GROUP,
  },
] as const satisfies readonly OperationSpec[];
