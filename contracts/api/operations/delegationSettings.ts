import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { optional } from '../schemas/input.js';

/** The values the 2026-08 document lists for each policy (its schema types them as plain strings). */
export const MCP_ACCESS = ['DISALLOWED', 'READ_ONLY', 'READ_WRITE'] as const;
export const PARTNER_ACCESS = ['DISALLOWED', 'READ_WRITE'] as const;

/** OrgDelegationSettingsResponse: the lifetimes only once set (absent: the system default). */
export const OrgDelegationSettings = z.strictObject({
  delegatedMcpAccess: z.enum(MCP_ACCESS),
  delegatedPartnerAccess: z.enum(PARTNER_ACCESS),
  idleRefreshTokenLifetime: z.number().int().min(1).max(31536000).optional(),
  maximumRefreshTokenLifetime: z.number().int().min(1).max(31536000).optional(),
});

/**
 * OrgDelegationSettingsUpdateRequest: partial; a lifetime set to null goes back to the
 * system default. The range (1 s to a year) is the sim's rule, so that a value out of it
 * is INVALID_ATTRIBUTE naming the field.
 */
export const OrgDelegationSettingsUpdate = z.strictObject({
  delegatedMcpAccess: optional(z.enum(MCP_ACCESS)),
  delegatedPartnerAccess: optional(z.enum(PARTNER_ACCESS)),
  // Not `optional()`: here null is a value of its own ("set to null to reset to the system default").
  idleRefreshTokenLifetime: z.number().int().nullable().optional(),
  maximumRefreshTokenLifetime: z.number().int().nullable().optional(),
});

const V = '2025-03-12';
const PATH = '/api/atlas/v2/orgs/{orgId}/delegationSettings';

/**
 * Organization delegation settings: only in the 2026-08 document (2025-03-12). Roles as
 * its `x-rolesRequirements` state: Organization Member reads, Organization Owner changes.
 */
export const delegationSettingsOperations = [
  {
    operationId: 'getOrgDelegationSettings',
    method: 'GET',
    path: PATH,
    versions: [{ date: V, response: OrgDelegationSettings }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
  {
    operationId: 'updateOrgDelegationSettings',
    method: 'PATCH',
    path: PATH,
    versions: [{ date: V, request: OrgDelegationSettingsUpdate, response: OrgDelegationSettings }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
