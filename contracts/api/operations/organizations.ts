import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { ORG_ROLES } from '../roles.js';
import { Links, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { ApiKeyUserDetails } from './apiKeys.js';

/** AtlasOrganization (2023-01-01). */
export const AtlasOrganization = z.strictObject({
  id: ObjectId,
  isDeleted: z.boolean(),
  links: Links,
  name: z.string(),
  skipDefaultAlertsSettings: z.boolean(),
});

/**
 * CreateOrganizationRequest. The name and the API key's description and roles are
 * checked by the rules (INVALID_ORG_NAME, INVALID_API_KEY_DESC, MISSING_API_KEY_ROLES).
 */
const CreateOrganizationRequest = z.strictObject({
  apiKey: optional(z.strictObject({ desc: z.string(), roles: z.array(z.enum(ORG_ROLES)) })),
  federationSettingsId: optional(z.string()),
  name: z.string(),
  orgOwnerId: optional(z.string()),
  skipDefaultAlertsSettings: optional(z.boolean()),
});

const CreateOrganizationResponse = z.strictObject({
  apiKey: ApiKeyUserDetails.optional(),
  federationSettingsId: ObjectId.optional(),
  orgOwnerId: ObjectId.optional(),
  organization: AtlasOrganization,
  skipDefaultAlertsSettings: z.boolean(),
});

/** AtlasOrganization as PATCH takes it: the name; the rest is read-only or fixed at creation. */
const OrganizationUpdate = z.strictObject({ id: readOnly, isDeleted: readOnly, links: readOnly, name: z.string(), skipDefaultAlertsSettings: readOnly });

export const organizationOperations = [
  {
    operationId: 'listOrganizations',
    method: 'GET',
    path: '/api/atlas/v2/orgs',
    versions: [{ date: '2023-01-01', response: paginated(AtlasOrganization) }],
    status: 200,
    rateLimit: 'orgsList',
    access: { scope: 'principal' },
    paged: true,
    query: { ...PAGING_QUERY, name: { type: 'string', default: '' } },
  },
  {
    operationId: 'getOrganization',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}',
    versions: [{ date: '2023-01-01', response: AtlasOrganization }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    // The new organization is linked to the caller's, where the caller must be
    // Organization Owner: the handler applies the requirement to the caller's organization.
    operationId: 'createOrganization',
    method: 'POST',
    path: '/api/atlas/v2/orgs',
    versions: [{ date: '2023-01-01', request: CreateOrganizationRequest, response: CreateOrganizationResponse }],
    status: 201,
    rateLimit: 'orgsList',
    access: { scope: 'org', anyOf: ['ORG_OWNER'], scopeFrom: 'request' },
  },
  {
    operationId: 'updateOrganization',
    method: 'PATCH',
    path: '/api/atlas/v2/orgs/{orgId}',
    versions: [{ date: '2023-01-01', request: OrganizationUpdate, response: AtlasOrganization }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteOrganization',
    method: 'DELETE',
    path: '/api/atlas/v2/orgs/{orgId}',
    versions: [{ date: '2023-01-01' }],
    status: 204,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
