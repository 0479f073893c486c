import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { AtlasDate, ObjectId } from '../schemas/common.js';
import { optional } from '../schemas/input.js';

/** ApiAtlasUserMetadataView: who created or last changed a policy. */
const UserMetadata = z.strictObject({ id: ObjectId, name: z.string() });

/** ApiAtlasResourcePolicyView (2024-08-05). */
export const ResourcePolicyView = z.strictObject({
  createdByUser: UserMetadata,
  createdDate: AtlasDate,
  description: z.string().optional(),
  id: ObjectId,
  lastUpdatedByUser: UserMetadata,
  lastUpdatedDate: AtlasDate,
  name: z.string(),
  orgId: ObjectId,
  policies: z.array(z.strictObject({ body: z.string(), id: ObjectId })),
  version: z.string(),
});

/** ApiAtlasPolicyCreateView: one Cedar body. */
const PolicyCreate = z.strictObject({ body: z.string() });

/** ApiAtlasResourcePolicyCreateView: `name` and `policies` required. */
export const ResourcePolicyCreate = z.strictObject({
  description: optional(z.string()),
  name: z.string(),
  policies: z.array(PolicyCreate),
});

/** ApiAtlasResourcePolicyEditView: every attribute may be left out. */
export const ResourcePolicyEdit = z.strictObject({ description: optional(z.string()), name: optional(z.string()), policies: optional(z.array(PolicyCreate)) });

/** ApiAtlasNonCompliantResourceView. */
export const NonCompliantResourceView = z.strictObject({
  orgId: ObjectId,
  resourceId: ObjectId,
  resourceName: z.string(),
  resourcePoliciesCausingNonCompliance: z.array(
    z.strictObject({
      policiesCausingNonCompliance: z.array(z.strictObject({ policyId: ObjectId })),
      resourcePolicyId: ObjectId,
      resourcePolicyName: z.string(),
    }),
  ),
  resourceType: z.enum(['PROJECT', 'CLUSTER']),
});

const V = '2024-08-05';
const POLICIES = '/api/atlas/v2/orgs/{orgId}/resourcePolicies';

/**
 * Atlas resource policies (2024-08-05 only). Roles: the 2025-06 document states none;
 * the 2026-08 one requires Organization Member to read and Organization Owner to change
 * or validate. Lists are bare arrays (not paginated), as the document shows; deleting
 * answers 200 with an empty body. Atlas documents no rate-limit bucket for them.
 */
export const resourcePolicyOperations = [
  {
    operationId: 'listOrgResourcePolicies',
    method: 'GET',
    path: POLICIES,
    versions: [{ date: V, response: z.array(ResourcePolicyView) }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'createOrgResourcePolicy',
    method: 'POST',
    path: POLICIES,
    versions: [{ date: V, request: ResourcePolicyCreate, response: ResourcePolicyView }],
    status: 201,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'validateAtlasResourcePolicy',
    method: 'POST',
    path: `${POLICIES}:validate`,
    versions: [{ date: V, request: ResourcePolicyCreate, response: ResourcePolicyView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getOrgResourcePolicy',
    method: 'GET',
    path: `${POLICIES}/{resourcePolicyId}`,
    versions: [{ date: V, response: ResourcePolicyView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'updateOrgResourcePolicy',
    method: 'PATCH',
    path: `${POLICIES}/{resourcePolicyId}`,
    versions: [{ date: V, request: ResourcePolicyEdit, response: ResourcePolicyView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'deleteOrgResourcePolicy',
    method: 'DELETE',
    path: `${POLICIES}/{resourcePolicyId}`,
    // The document gives 200 and describes no body.
    versions: [{ date: V }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
  {
    operationId: 'getResourcesNonCompliant',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/nonCompliantResources',
    versions: [{ date: V, response: z.array(NonCompliantResourceView) }],
    status: 200,
    rateLimit: null,
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
] as const satisfies readonly OperationSpec[];
